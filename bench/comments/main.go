// Command comments is the load test of consultations (issue 5, "Done
// when"): 200 citizens post their comments at once to one consultation,
// through the real HTTP stack (the API, with a citizen token each), on
// SQLite and on PostgreSQL. It reports the throughput and the latency
// percentiles, and proves that no comment was lost: every comment
// answered 201 is stored, once, under its citizen and section, and the
// count matches.
//
//	go run ./bench/comments                         # SQLite; PostgreSQL too when COSO_TEST_POSTGRES is set
//	go run ./bench/comments -citizens 500 -sections 3 -pg postgres://postgres@127.0.0.1:5432/test?sslmode=disable
//
// A PostgreSQL run uses a new schema of that database and drops it after.
// The test in this package runs the same load (200 citizens, one comment
// each) on both engines in `go test ./...` and checks only that nothing
// is lost; the numbers are for BENCHMARKS.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"

	"coso/app"
	"coso/store"
)

func main() {
	citizens := flag.Int("citizens", 200, "citizens posting at once")
	sections := flag.Int("sections", 1, "comments per citizen, one per section (at most 3)")
	pg := flag.String("pg", os.Getenv("COSO_TEST_POSTGRES"), "PostgreSQL URL of a test database (a schema is made and dropped); empty: SQLite only")
	flag.Parse()
	engines := []string{"sqlite"}
	if *pg != "" {
		engines = append(engines, "postgres")
	}
	failed := false
	fmt.Println(Header)
	for _, engine := range engines {
		res, err := runEngine(context.Background(), engine, *pg, *citizens, *sections)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", engine, err)
			failed = true
			continue
		}
		fmt.Println(res.Line(engine))
		if res.Lost > 0 || res.Failed > 0 {
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

// runEngine opens a fresh store on engine, serves the platform over it on
// a local listener, and runs the load.
func runEngine(ctx context.Context, engine, pg string, citizens, sections int) (res Result, err error) {
	dir, err := os.MkdirTemp("", "coso-comments-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	cfg := store.Config{DataDir: dir}
	if engine == "postgres" {
		dsn, drop, err := freshSchema(ctx, pg)
		if err != nil {
			return res, err
		}
		defer drop()
		cfg.DSN = dsn
	}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		return res, err
	}
	defer func() {
		if cerr := st.Close(); err == nil {
			err = cerr
		}
	}()
	a, err := app.NewWithStore(st, app.Config{KeyDir: dir + "/keys", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return res, err
	}
	srv := httptest.NewServer(a.Handler)
	defer srv.Close()
	s, err := Prepare(ctx, st, citizens, sections)
	if err != nil {
		return res, err
	}
	return Load(ctx, st, srv.URL, s)
}
