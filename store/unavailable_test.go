package store_test

import (
	"context"
	"net/http"
	"testing"

	"coso"
	"coso/store"
)

// A PostgreSQL server that cannot be reached is "unavailable" (503 with a
// message), not an internal error. (A full disk is shown by
// go run ./bench/fault/disk, which needs root to mount a tmpfs.)
func TestUnreachableDatabaseIsUnavailable(t *testing.T) {
	s, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir(), DSN: "postgres://nobody@127.0.0.1:1/x?connect_timeout=2"})
	if err == nil {
		_ = s.Close()
		t.Fatal("opened a store on a closed port")
	}
	e := coso.AsError(err)
	if e.Code != coso.EUnavailable || coso.HTTPStatus(e.Code) != http.StatusServiceUnavailable || e.VI == "" || e.EN == "" {
		t.Errorf("got %+v from %v", e, err)
	}
}
