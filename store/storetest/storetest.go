// Package storetest opens real stores for tests: always an SQLite file in a
// temporary directory, and also a fresh PostgreSQL schema when the
// environment variable COSO_TEST_POSTGRES holds a DSN. Every test that takes
// a store runs once per engine, so both engines pass the same suite.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"

	"coso/store"
)

// Engines runs fn once per available engine, each with a new empty store.
func Engines(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	if os.Getenv("COSO_TEST_POSTGRES") != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
	}
}

// SQLite opens a new store in a temporary directory.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("open sqlite store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s
}

// PostgresDSN returns a DSN for a new empty schema of the test database,
// dropped when the test ends. It fails the test when COSO_TEST_POSTGRES is
// unset or the server cannot be reached.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("COSO_TEST_POSTGRES")
	if dsn == "" {
		t.Fatal("COSO_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("postgres at %s cannot be reached or refused a schema: %v", redact(dsn), err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", dsn)
		if err == nil {
			_, _ = a.Exec("DROP SCHEMA " + schema + " CASCADE")
			_ = a.Close()
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("COSO_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Postgres opens a new store on a fresh schema.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir(), DSN: PostgresDSN(t)})
	if err != nil {
		t.Fatalf("open postgres store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s
}

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable DSN)"
	}
	return u.Redacted()
}

// Citizens makes n citizen accounts with the phones prefix+00000,
// prefix+00001, … (prefix like "+849150", so each is a valid number) and
// returns their ids: the crowd of a load test or a campaign, without n
// sign-ins.
func Citizens(t testing.TB, s *store.Store, prefix string, n int) []int64 {
	t.Helper()
	ids := make([]int64, n)
	for i := range ids {
		err := s.DB().QueryRowContext(context.Background(), "INSERT INTO citizens (phone, created_at, last_seen_at) VALUES ($1, $2, $2) RETURNING id",
			fmt.Sprintf("%s%05d", prefix, i), s.Now().UTC()).Scan(&ids[i])
		if err != nil {
			t.Fatalf("citizen %d: %v", i, err)
		}
	}
	return ids
}
