package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"coso/decision"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// BenchmarkOnlineBallot casts durable online ballots as fast as it can
// (each a transaction of the participation row, the anonymous ballot row
// and the audit row, on SQLite with WAL and synchronous=FULL) and, in the
// same run, makes raw single-row inserts into SQLite at the same
// durability, so the platform's cost over the engine's shows. Run with
//
//	go test ./store -run '^$' -bench OnlineBallot
func BenchmarkOnlineBallot(b *testing.B) {
	b.Run("coso-cast", func(b *testing.B) {
		s := storetest.SQLite(b)
		m, households := benchMatter(b, s, b.N)
		var next atomic.Int64
		ctx := context.Background()
		b.ResetTimer()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				h := households[next.Add(1)-1]
				if _, err := s.CastOnline(ctx, m.ID, h, 0); err != nil {
					b.Error(err)
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "ballots/s")
	})
	b.Run("raw-insert", func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "raw.db")
		db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(FULL)")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		if _, err := db.Exec("CREATE TABLE raw (id TEXT PRIMARY KEY, position INTEGER NOT NULL)"); err != nil {
			b.Fatal(err)
		}
		var next atomic.Int64
		b.ResetTimer()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := db.Exec("INSERT INTO raw (id, position) VALUES ($1, $2)", fmt.Sprint(next.Add(1)), 0); err != nil {
					b.Error(err)
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "inserts/s")
	})
}

// benchMatter makes a village of n households that decided to vote
// online, and opens an online matter there.
func benchMatter(b *testing.B, s *store.Store, n int) (*decision.Matter, []int64) {
	b.Helper()
	ctx := context.Background()
	s.SetClock(func() time.Time { return theDay })
	rows, err := place.ReadCSV(strings.NewReader(peopleUnits))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ImportUnits(ctx, rows); err != nil {
		b.Fatal(err)
	}
	u := map[string]int64{}
	for _, code := range []string{"38", "14845", "14845.01"} {
		unit, err := s.UnitByCode(ctx, code)
		if err != nil {
			b.Fatal(err)
		}
		u[code] = unit.ID
	}
	v := decisionVillage(b, s, u, "14845.01", n)
	if err := s.RecordOptIn(ctx, &decision.OptIn{VillageID: v.id, DecidedOn: day(2025, 7, 1), Households: n, Agreed: n/2 + 1}); err != nil {
		b.Fatal(err)
	}
	m := newMatter(v, decision.OtherMatter, decision.Online)
	if err := s.CreateMatter(ctx, m); err != nil {
		b.Fatal(err)
	}
	if err := s.OpenMatter(ctx, m.ID); err != nil {
		b.Fatal(err)
	}
	return m, v.households
}
