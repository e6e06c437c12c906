package main

import (
	"context"
	"fmt"

	"coso/app"
	"coso/store"
)

func serve(ctx context.Context, e *env, args []string) error {
	fs := e.flags("serve")
	addr := fs.String("addr", envOr("COSO_ADDR", "127.0.0.1:8080"), "address to listen on (COSO_ADDR)")
	demoFlag := fs.Bool("demo", false, "load the demo province into an empty store and say so on every page")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := app.New(ctx, app.Config{Addr: *addr, Store: store.Config{DataDir: e.data, DSN: e.db}, Demo: *demoFlag, Log: e.log})
	if err != nil {
		return err
	}
	defer a.Close()
	if *demoFlag {
		if err := loadDemo(ctx, e, a.Store); err != nil {
			return err
		}
	}
	return a.Serve(ctx, func(addr string) {
		e.log.Info("coso is serving", "addr", "http://"+addr, "engine", a.Store.Dialect())
		fmt.Fprintf(e.stdout, "\ncoso: http://%s\n", addr)
	})
}

func migrate(ctx context.Context, e *env, args []string) error {
	fs := e.flags("migrate")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := e.open(ctx) // Open runs the migrations
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Cơ sở dữ liệu ở phiên bản %d / database at schema version %d (%s)\n", v, v, s.Dialect())
	return nil
}
