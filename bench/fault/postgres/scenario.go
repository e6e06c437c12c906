package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"coso/auth"
	"coso/bench/fault/proc"
	"coso/store"
)

// Phases of the run, as the load records them.
const (
	bothUp = iota + 1
	firstKilled
	secondOnly
	databaseDown
	databaseBack
)

func scenario(ctx context.Context, c config, cl *cluster, a, b *proc.Server, off *officer) error {
	cookie, err := signIn(a, off)
	if err != nil {
		return err
	}
	l := newLoad(off.token, a, b)
	l.phase.Store(bothUp)
	l.start(c.writers)
	time.Sleep(2 * time.Second)

	l.phase.Store(firstKilled)
	if err := a.Kill(); err != nil {
		return err
	}
	time.Sleep(time.Second)
	l.phase.Store(secondOnly) // as a load balancer would, after its health check
	l.setTargets(b)
	time.Sleep(2 * time.Second)
	if err := signedIn(b, cookie); err != nil {
		return fmt.Errorf("the session made on the killed server, on the other: %w", err)
	}

	l.phase.Store(databaseDown)
	if err := cl.restart(ctx, 2*time.Second); err != nil {
		return err
	}
	time.Sleep(2 * time.Second) // the pool finds its connections gone
	l.phase.Store(databaseBack)
	time.Sleep(3 * time.Second)
	l.finish()
	if err := signedIn(b, cookie); err != nil {
		return fmt.Errorf("the session after PostgreSQL restarted: %w", err)
	}
	if err := a.Start(); err != nil {
		return fmt.Errorf("restarting the killed server: %w", err)
	}
	if err := signedIn(a, cookie); err != nil {
		return fmt.Errorf("the session on the restarted server: %w", err)
	}
	if err := judge(l, a, b); err != nil {
		return err
	}
	return verify(ctx, cl.dsn, l.acked)
}

// judge checks the outcomes of each phase.
func judge(l *load, a, b *proc.Server) error {
	report := func(name string, phase int, srv *proc.Server) map[string]int {
		o := l.outcomes(phase, srv)
		fmt.Printf("%-40s %v\n", name, o)
		return o
	}
	report("both up, server A", bothUp, a)
	if o := report("both up, server B", bothUp, b); !only(o, "201") {
		return errors.New("server B failed writes while both were up")
	}
	report("A killed, server A (refused, expected)", firstKilled, a)
	if o := report("A killed, server B", firstKilled, b); !only(o, "201") || o["201"] == 0 {
		return errors.New("server B did not serve every write after A was killed")
	}
	if o := report("B alone", secondOnly, b); !only(o, "201") || o["201"] == 0 {
		return errors.New("server B alone did not serve every write")
	}
	if o := report("PostgreSQL restarting, server B", databaseDown, b); !only(o, "201", "503") || o["503"] == 0 {
		return errors.New("while PostgreSQL was down, writes must fail with 503 and a message (and some must fail)")
	}
	if o := report("PostgreSQL back, server B", databaseBack, b); !only(o, "201") || o["201"] == 0 {
		return errors.New("writes did not all succeed once PostgreSQL was back")
	}
	return nil
}

// only tells whether every outcome is one of ok.
func only(o map[string]int, ok ...string) bool {
	for k := range o {
		found := false
		for _, s := range ok {
			found = found || k == s
		}
		if !found {
			return false
		}
	}
	return true
}

// verify finds every acknowledged disclosure in the database.
func verify(ctx context.Context, dsn string, acked []int64) error {
	st, err := store.Open(ctx, store.Config{DSN: dsn})
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range acked {
		if _, err := st.Disclosure(ctx, id); err != nil {
			return fmt.Errorf("acknowledged disclosure %d: %w", id, err)
		}
	}
	fmt.Printf("all %d acknowledged writes are in the database\n", len(acked))
	return nil
}

var noRedirect = &http.Client{Timeout: 10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// signIn signs the officer in on srv's web form and returns the session cookie.
func signIn(srv *proc.Server, off *officer) (*http.Cookie, error) {
	code, err := auth.TOTPCode(off.secret, time.Now())
	if err != nil {
		return nil, err
	}
	form := url.Values{"username": {off.username}, "password": {password}, "otp": {code}}
	res, err := noRedirect.Post(srv.URL("/admin/signin"), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	_ = res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == "coso_session" && res.StatusCode == http.StatusSeeOther {
			return c, signedIn(srv, c)
		}
	}
	return nil, fmt.Errorf("sign-in answered %d without a session", res.StatusCode)
}

// signedIn checks that the back office opens with the cookie.
func signedIn(srv *proc.Server, c *http.Cookie) error {
	req, _ := http.NewRequest("GET", srv.URL("/admin"), nil)
	req.AddCookie(c)
	res, err := noRedirect.Do(req)
	if err != nil {
		return err
	}
	_ = res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /admin with the session: %d", res.StatusCode)
	}
	return nil
}
