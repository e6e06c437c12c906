// Package store keeps the platform's records in SQL: embedded SQLite by
// default, PostgreSQL in production. Both engines run the same SQL text
// ($1 placeholders, RETURNING, ON CONFLICT); only the migrations differ.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"coso"
)

// Dialect names the SQL engine.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Config says where the data lives.
type Config struct {
	DataDir string // holds the SQLite database and uploaded files
	DSN     string // a postgres:// URL; empty means embedded SQLite
}

// Store is the platform's storage. On SQLite, w holds one connection (one
// writer at a time, as SQLite allows) and r a pool of read-only readers; on
// PostgreSQL both are the same pool.
type Store struct {
	dialect Dialect
	w, r    *sql.DB
	dataDir string
	dsn     string // PostgreSQL only, for pg_dump and pg_restore
	now     coso.Clock
	public  [showsParts + 1]atomic.Uint64 // committed changes public pages show, per part (PublicVersion)
	bulk    atomic.Bool                   // PostgreSQL in BulkLoad: commits do not wait for the disk
}

// Open opens (and creates) the store and runs its migrations.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := open(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		_ = s.Close() // the migration error is the one to report
		return nil, err
	}
	return s, nil
}

func open(cfg Config) (*Store, error) {
	if cfg.DataDir == "" {
		cfg.DataDir = "coso-data"
	}
	if err := os.MkdirAll(filepath.Join(cfg.DataDir, "files"), 0o750); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	s := &Store{dataDir: cfg.DataDir, now: coso.Now}
	if strings.HasPrefix(cfg.DSN, "postgres://") || strings.HasPrefix(cfg.DSN, "postgresql://") {
		db, err := sql.Open("pgx", cfg.DSN)
		if err != nil {
			return nil, fmt.Errorf("postgres: %w", err)
		}
		db.SetMaxOpenConns(4 * runtime.GOMAXPROCS(0))
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.dialect, s.w, s.r, s.dsn = Postgres, db, db, cfg.DSN
		return s, nil
	}
	if cfg.DSN != "" {
		return nil, coso.Invalid("db", "Chuỗi kết nối cơ sở dữ liệu phải bắt đầu bằng postgres://", "The database address must start with postgres://")
	}
	path := filepath.Join(cfg.DataDir, "coso.db")
	// synchronous=FULL: an acknowledged write survives a power cut, as the
	// design requires for ballots, comments and petitions. temp_store:
	// statement journals in memory (they were a sixth of an import's time,
	// in writes to a temporary file). The one writer gets a 32 MiB page
	// cache: large imports touch every index of persons (measured: an
	// import of 6,660 households went from 4.4 s to 2.7 s with both).
	pragmas := "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(FULL)&_pragma=temp_store(MEMORY)"
	uri := "file:" + uriPath(path)
	w, err := sql.Open("sqlite", uri+"?_txlock=immediate&_pragma=cache_size(-32768)&"+pragmas)
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", uri+"?_pragma=query_only(1)&"+pragmas)
	if err != nil {
		_ = w.Close() // the open error is the one to report
		return nil, err
	}
	r.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)*2))
	s.dialect, s.w, s.r = SQLite, w, r
	return s, nil
}

// Dialect tells which engine the store runs on.
func (s *Store) Dialect() Dialect { return s.dialect }

// DataDir is the directory that holds the database and uploaded files.
func (s *Store) DataDir() string { return s.dataDir }

// SetClock replaces the clock (tests).
func (s *Store) SetClock(c coso.Clock) { s.now = c }

// Clock returns the store's clock, to put back after SetClock (the demo
// loader dates what it records in the past).
func (s *Store) Clock() coso.Clock { return s.now }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }

// Close closes every connection.
func (s *Store) Close() error {
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var one int
	return s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// DB returns the writer connection pool (for tools such as the session store).
func (s *Store) DB() *sql.DB { return s.w }

// uriPath escapes the characters that end or change the path part of an
// SQLite URI filename, so a data directory named "a#1" or "b?c" works.
func uriPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}
