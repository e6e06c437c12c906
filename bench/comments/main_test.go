package main

import (
	"testing"

	"coso/app"
	"coso/app/apptest"
	"coso/auth"
	"coso/store"
	"coso/store/storetest"
)

func TestMain(m *testing.M) {
	auth.Params.Memory, auth.Params.Time = 1024, 1
	apptest.Main(m)
}

// TestTwoHundredAtOnce: 200 citizens post a comment each at the same
// moment, over HTTP, on both engines; every comment answered 201 is
// stored once, and none is refused. Nothing here is timed: the numbers
// are logged, and recorded in BENCHMARKS.md from `go run ./bench/comments`.
func TestTwoHundredAtOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		_, srv := apptest.Start(t, st, app.Config{})
		s, err := Prepare(t.Context(), st, 200, 1)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Load(t.Context(), st, srv.URL, s)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(Header)
		t.Log(res.Line(t.Name()))
		if res.OK != 200 || res.Stored != 200 || res.Lost != 0 || res.Failed != 0 {
			t.Errorf("ok %d, stored %d, lost %d, failed %d: %v", res.OK, res.Stored, res.Lost, res.Failed, res.Errors)
		}
	})
}
