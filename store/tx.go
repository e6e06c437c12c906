package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"coso"
)

// Tx is one write transaction. Every change goes through one, together with
// its audit record.
type Tx struct {
	*sql.Tx
	s      *Store
	ctx    context.Context
	stmts  map[string]*sql.Stmt // SQLite: statements prepared in this transaction
	public Shows                // what public pages it changes (see PublicVersion)
}

// write runs fn in a write transaction, retrying when PostgreSQL reports a
// serialization failure or deadlock (as a distributed engine will).
func (s *Store) write(ctx context.Context, fn func(tx *Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.writeOnce(ctx, fn)
		if err == nil || attempt >= 4 || !retryable(err) {
			return mapError(err)
		}
	}
}

func (s *Store) writeOnce(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx := &Tx{Tx: sqlTx, s: s, ctx: ctx}
	if s.bulk.Load() {
		if _, err := sqlTx.ExecContext(ctx, "SET LOCAL synchronous_commit = off"); err != nil {
			_ = sqlTx.Rollback()
			return err
		}
	}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return err
	}
	s.published(tx.public) // after the commit: a page read from now on sees the change
	return nil
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "40001" || pgErr.Code == "40P01"
	}
	return false
}

// mapError turns engine errors that people can cause into the error
// vocabulary; anything else stays as it is and becomes an internal error.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var ce *coso.Error
	if errors.As(err, &ce) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return coso.NotFound("record")
	}
	if isUnique(err) {
		return coso.Errorf(coso.EConflict, "", "Bản ghi đã tồn tại.", "The record already exists.")
	}
	return err
}

func isUnique(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		return sqErr.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || sqErr.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return strings.Contains(err.Error(), "UNIQUE constraint")
}

// prepared returns the statement for query prepared once in this
// transaction, on SQLite, whose driver parses the SQL text again on every
// call: an import runs the same few statements thousands of times, and
// parsing was half its time. PostgreSQL's driver already keeps prepared
// statements per connection, so there prepared returns nil and the
// statement runs directly (preparing it would cost a round trip).
func (tx *Tx) prepared(query string) *sql.Stmt {
	if tx.s.dialect != SQLite {
		return nil
	}
	if st, ok := tx.stmts[query]; ok {
		return st
	}
	st, err := tx.Tx.PrepareContext(tx.ctx, query)
	if err != nil {
		return nil // run it unprepared, which reports the error
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = st
	return st
}

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(query string, args ...any) (sql.Result, error) {
	if st := tx.prepared(query); st != nil {
		return st.ExecContext(tx.ctx, args...)
	}
	return tx.Tx.ExecContext(tx.ctx, query, args...)
}

// QueryRow runs a query returning one row in the transaction.
func (tx *Tx) QueryRow(query string, args ...any) *sql.Row {
	if st := tx.prepared(query); st != nil {
		return st.QueryRowContext(tx.ctx, args...)
	}
	return tx.Tx.QueryRowContext(tx.ctx, query, args...)
}

// Query runs a query in the transaction.
func (tx *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	if st := tx.prepared(query); st != nil {
		return st.QueryContext(tx.ctx, args...)
	}
	return tx.Tx.QueryContext(tx.ctx, query, args...)
}

// Insert runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) Insert(query string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRow(query+" RETURNING id", args...).Scan(&id)
	return id, err
}
