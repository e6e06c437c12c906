package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"coso/consultation"
	"coso/store"
	"coso/store/storetest"
)

// BenchmarkDurableWrites is B2 of issue 8: the writes citizens make in a
// storm, each a durable transaction of the platform (an online ballot: the
// participation, the anonymous ballot and the audit row; a consultation
// comment: the opinion, its group and the audit row), and in the same run
// raw single-row inserts into the same engine at the same durability
// (SQLite in WAL mode with synchronous=FULL; PostgreSQL with
// synchronous_commit on), so the platform's cost over the engine shows.
// SQLite always, PostgreSQL when COSO_TEST_POSTGRES is set:
//
//	go test ./store -run '^$' -bench DurableWrites -benchtime 2000x
func BenchmarkDurableWrites(b *testing.B) {
	engines := []struct {
		name string
		open func(testing.TB) *store.Store
		raw  func(testing.TB) *sql.DB
	}{{"sqlite", storetest.SQLite, rawSQLite}}
	if os.Getenv("COSO_TEST_POSTGRES") != "" {
		engines = append(engines, struct {
			name string
			open func(testing.TB) *store.Store
			raw  func(testing.TB) *sql.DB
		}{"postgres", storetest.Postgres, func(t testing.TB) *sql.DB { return storetest.Postgres(t).DB() }})
	}
	for _, e := range engines {
		b.Run(e.name+"/ballot", func(b *testing.B) { benchBallots(b, e.open(b)) })
		b.Run(e.name+"/comment", func(b *testing.B) { benchComments(b, e.open(b)) })
		b.Run(e.name+"/raw-insert", func(b *testing.B) { benchRawInserts(b, e.raw(b)) })
	}
}

func benchBallots(b *testing.B, s *store.Store) {
	m, households := benchMatter(b, s, b.N)
	var next atomic.Int64
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.CastOnline(ctx, m.ID, households[next.Add(1)-1], 0); err != nil {
				b.Error(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "writes/s")
}

// benchComments has b.N citizens comment on an open commune consultation,
// each once.
func benchComments(b *testing.B, s *store.Store) {
	ctx := context.Background()
	u := setupConsultations(b, s)
	c := landPlan(u["14845"])
	if err := s.CreateConsultation(ctx, c); err != nil {
		b.Fatal(err)
	}
	if err := s.OpenConsultation(ctx, c.ID, time.Time{}); err != nil {
		b.Fatal(err)
	}
	citizens := storetest.Citizens(b, s, "+849150", b.N)
	var next atomic.Int64
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			o := &consultation.Opinion{Section: 1 + int(i%3), Stance: consultation.Disagree, Text: fmt.Sprintf("Đề nghị giữ lại phần ruộng lúa của các hộ (ý kiến %d).", i)}
			if err := s.PostComment(ctx, c.ID, store.Commenter{CitizenID: citizens[i]}, o); err != nil {
				b.Error(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "writes/s")
}

// benchRawInserts makes single-row inserts, each its own transaction.
func benchRawInserts(b *testing.B, db *sql.DB) {
	if _, err := db.Exec("CREATE TABLE IF NOT EXISTS raw_bench (id TEXT PRIMARY KEY, position INTEGER NOT NULL)"); err != nil {
		b.Fatal(err)
	}
	var next atomic.Int64
	run := time.Now().UnixNano() // the table may hold an earlier round's rows (PostgreSQL)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := db.Exec("INSERT INTO raw_bench (id, position) VALUES ($1, $2)", fmt.Sprint(run, "-", next.Add(1)), 0); err != nil {
				b.Error(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "writes/s")
}

// rawSQLite is an SQLite database at the store's durability (WAL,
// synchronous=FULL, one writer).
func rawSQLite(t testing.TB) *sql.DB {
	path := filepath.Join(t.TempDir(), "raw.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(FULL)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	db.SetMaxOpenConns(1)
	return db
}
