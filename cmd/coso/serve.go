package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"

	"coso/app"
	"coso/notify"
	"coso/oidclogin"
	"coso/store"
)

func serve(ctx context.Context, e *env, args []string) error {
	fs := e.flags("serve")
	addr := fs.String("addr", envOr("COSO_ADDR", "127.0.0.1:8080"), "address to listen on (COSO_ADDR)")
	demoFlag := fs.Bool("demo", false, "load the demo province into an empty store and say so on every page")
	keys := fs.String("keys", envOr("COSO_KEYS", "./coso-keys"), "directory of secret keys, kept outside the data directory (COSO_KEYS)")
	sms := fs.String("sms", envOr("COSO_SMS", "log"), "SMS sender: log, file:PATH or http (COSO_SMS; http uses COSO_SMS_URL and COSO_SMS_KEY)")
	publicURL := fs.String("public-url", os.Getenv("COSO_PUBLIC_URL"), "the address people use, e.g. https://dancu.thanhhoa.gov.vn; https makes cookies Secure (COSO_PUBLIC_URL)")
	smtpHost := fs.String("smtp", os.Getenv("COSO_SMTP"), "SMTP server HOST[:PORT] for e-mail; empty keeps e-mail in the outbox (COSO_SMTP)")
	oidc := oidcFlags(fs)
	pageCache := fs.Int("page-cache", 32, "megabytes of rendered public pages kept in memory; 0 turns the cache off (COSO_PAGE_CACHE)")
	smtpFrom := fs.String("smtp-from", envOr("COSO_SMTP_FROM", "coso <no-reply@localhost>"), "sender address of e-mail (COSO_SMTP_FROM)")
	if v := os.Getenv("COSO_PAGE_CACHE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("COSO_PAGE_CACHE: %q is not a number of megabytes", v)
		}
		*pageCache = n
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pageCache < 0 || *pageCache > 1<<16 {
		return fmt.Errorf("--page-cache: %d megabytes is out of range (0 to 65536)", *pageCache)
	}
	cfg := app.Config{Addr: *addr, Store: store.Config{DataDir: e.data, DSN: e.db}, Demo: *demoFlag, Log: e.log,
		KeyDir: *keys, PublicURL: *publicURL, OIDC: oidc(), PageCache: pageCacheBytes(*pageCache),
		SMS: notify.SMSConfig{Sender: *sms, URL: os.Getenv("COSO_SMS_URL"), Key: os.Getenv("COSO_SMS_KEY")}}
	if *smtpHost != "" {
		host, port := splitHostPort(*smtpHost)
		cfg.SMTP = &notify.SMTPConfig{Host: host, Port: port, From: *smtpFrom,
			User: os.Getenv("COSO_SMTP_USER"), Password: os.Getenv("COSO_SMTP_PASSWORD")}
	}
	a, err := app.New(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	// The demo loads before the timers start: it dates its petitions by
	// moving the store's clock, which nothing else may read meanwhile.
	if *demoFlag {
		if err := loadDemo(ctx, e, a.Store); err != nil {
			return err
		}
	}
	if err := a.Background(ctx); err != nil {
		return err
	}
	return a.Serve(ctx, func(addr string) {
		e.log.Info("coso is serving", "addr", "http://"+addr, "engine", a.Store.Dialect())
		fmt.Fprintf(e.stdout, "\ncoso: http://%s\n", addr)
	})
}

// oidcFlags declares the identity provider's flags and returns a function
// that reads them after parsing. The client secret comes from the
// environment only, so it never shows in a process list.
func oidcFlags(fs *flag.FlagSet) func() oidclogin.Config {
	issuer := fs.String("oidc-issuer", os.Getenv("COSO_OIDC_ISSUER"), "OpenID Connect issuer URL for citizens' sign-in; empty turns it off (COSO_OIDC_ISSUER)")
	client := fs.String("oidc-client-id", os.Getenv("COSO_OIDC_CLIENT_ID"), "client id registered with the provider; the secret is read from COSO_OIDC_CLIENT_SECRET (COSO_OIDC_CLIENT_ID)")
	redirect := fs.String("oidc-redirect-url", os.Getenv("COSO_OIDC_REDIRECT_URL"), "this site's callback, e.g. https://dancu.example/signin/oidc/callback (COSO_OIDC_REDIRECT_URL)")
	claim := fs.String("oidc-claim", envOr("COSO_OIDC_CLAIM", "citizen_id"), "ID token claim holding the 12-digit personal identification number (COSO_OIDC_CLAIM)")
	return func() oidclogin.Config {
		return oidclogin.Config{Issuer: *issuer, ClientID: *client, ClientSecret: os.Getenv("COSO_OIDC_CLIENT_SECRET"),
			RedirectURL: *redirect, Claim: *claim}
	}
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

func splitHostPort(s string) (string, int) {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return s, 0
	}
	n, _ := strconv.Atoi(port)
	return host, n
}

// pageCacheBytes turns --page-cache (megabytes, 0: off) into app.Config's
// PageCache (bytes, negative: off).
func pageCacheBytes(mb int) int64 {
	if mb == 0 {
		return -1
	}
	return int64(mb) << 20
}
