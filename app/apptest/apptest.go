// Package apptest starts the whole platform for the app-level tests and
// the browser journeys, with one logger that keeps every line they write,
// and checks when a test binary ends that no line holds a person's
// personal data: names, phone numbers in any written form, citizen ID
// numbers (issue 3: "a test scans log output from the suite").
package apptest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"coso/app"
	"coso/store"
)

var (
	mu       sync.Mutex
	logged   bytes.Buffer
	personal = NewData()
)

type logWriter struct{}

func (logWriter) Write(p []byte) (int, error) {
	mu.Lock()
	defer mu.Unlock()
	return logged.Write(p)
}

var logger = slog.New(slog.NewTextHandler(logWriter{}, &slog.HandlerOptions{Level: slog.LevelDebug}))

// Logger is the logger of every server the tests start; it keeps every
// line, at every level, for the scan.
func Logger() *slog.Logger { return logger }

// Logged returns what was logged so far.
func Logged() string {
	mu.Lock()
	defer mu.Unlock()
	return logged.String()
}

// Start builds the platform over st, serves it on a test listener and,
// when the test ends, remembers the personal data st holds for the scan.
// cfg.Log is always Logger(); an empty cfg.KeyDir becomes a temporary one.
func Start(t testing.TB, st *store.Store, cfg app.Config) (*app.App, *httptest.Server) {
	t.Helper()
	return StartFunc(t, st, func(string) app.Config { return cfg })
}

// StartFunc is Start for a configuration that needs the server's own
// address (base, "http://127.0.0.1:PORT"), such as an OIDC redirect URL.
func StartFunc(t testing.TB, st *store.Store, config func(base string) app.Config) (*app.App, *httptest.Server) {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	cfg := config("http://" + srv.Listener.Addr().String())
	cfg.Log = Logger()
	if cfg.KeyDir == "" {
		cfg.KeyDir = t.TempDir()
	}
	a, err := app.NewWithStore(st, cfg)
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	srv.Config.Handler = a.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	RememberStore(t, st)
	rememberIdentities(t, st, cfg.KeyDir)
	return a, srv
}

// RememberStore reads, when the test ends (before its store closes), the
// names, phones and ID numbers of every person, citizen account and
// official in st. A test that closed its store itself (to see the server
// without a database) has nothing left to read.
func RememberStore(t testing.TB, st *store.Store) {
	t.Cleanup(func() {
		if st.Ping(context.Background()) != nil {
			return
		}
		if err := remember(st); err != nil {
			t.Errorf("reading the personal data to look for in the logs: %v", err)
		}
	})
}

func remember(st *store.Store) error {
	for _, q := range []string{
		"SELECT full_name, COALESCE(phone, ''), COALESCE(citizen_id, '') FROM persons",
		"SELECT '', phone, '' FROM citizens",
		"SELECT display_name, phone, email FROM users",
	} {
		if err := rememberRows(st, q); err != nil {
			return err
		}
	}
	return nil
}

func rememberRows(st *store.Store, q string) error {
	rows, err := st.DB().QueryContext(context.Background(), q)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var name, phone, id string
		if err := rows.Scan(&name, &phone, &id); err != nil {
			return err
		}
		mu.Lock()
		personal.Add(name, phone, id)
		mu.Unlock()
	}
	return rows.Err()
}

// rememberIdentities reads, when the test ends, the identities of every
// petitioner and denouncer the store holds sealed, with the keys of the
// key directory the platform ran with.
func rememberIdentities(t testing.TB, st *store.Store, keyDir string) {
	t.Cleanup(func() {
		if st.Ping(context.Background()) != nil {
			return
		}
		k, err := app.LoadIdentityKeys(keyDir)
		if err != nil {
			t.Errorf("identity keys for the log scan: %v", err)
			return
		}
		rows, err := st.DB().QueryContext(context.Background(), "SELECT code, identity_sealed FROM petitions WHERE identity_sealed <> ''")
		if err != nil {
			t.Errorf("reading the sealed identities: %v", err)
			return
		}
		defer func() { _ = rows.Close() }()
		for rows.Next() {
			var code, sealed string
			if err := rows.Scan(&code, &sealed); err != nil {
				t.Errorf("reading the sealed identities: %v", err)
				return
			}
			id, err := store.OpenIdentity(k, code, sealed)
			if err != nil {
				t.Errorf("opening an identity for the log scan: %v", err)
				return
			}
			mu.Lock()
			personal.Add(id.Name, id.Phone, id.CitizenID)
			personal.Add("", "", id.Email)
			mu.Unlock()
		}
	})
}

// Main runs a package's tests with every log (the servers' and slog's
// default) going to Logger(), then fails the binary if the log holds any
// personal data the tests' stores held. Call it from TestMain.
func Main(m *testing.M) {
	slog.SetDefault(Logger())
	code := m.Run()
	mu.Lock()
	found := personal.Find(logged.String())
	size := logged.Len()
	mu.Unlock()
	if len(found) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: the log of this test binary holds personal data: %s\n", strings.Join(found, "; "))
		code = 1
	} else if code == 0 && size == 0 {
		fmt.Fprintln(os.Stderr, "FAIL: the tests logged nothing, so the personal data scan proved nothing")
		code = 1
	}
	os.Exit(code)
}
