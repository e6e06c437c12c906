package store

import (
	"context"
	"errors"
)

// bulkDeferred are the indexes BulkLoad builds at its end instead of row
// by row: their keys (names, phones) come in random order, so each row
// lands on a page of its own, while building them at the end sorts once.
var bulkDeferred = []string{"persons_phone", "persons_folded"}

// BulkLoad puts the store in the mode `coso gen` fills an empty store in,
// and returns the function that ends it. In it:
//   - commits no longer wait for the disk (SQLite synchronous=OFF;
//     PostgreSQL synchronous_commit=off), because a province half generated
//     when the machine fails is generated again into a new store, never
//     repaired;
//   - the indexes of bulkDeferred are dropped, and built again at the end;
//   - SQLite's one writer keeps 256 MiB of pages, and its WAL is
//     checkpointed every 200 MiB rather than every 4 MiB, so a page changed
//     by many communes is copied into the database once.
//
// Measured on 20 communes: 56 s before, 40 s with the SQLite settings. The
// end puts every setting back as it found it (and checkpoints), so a store
// left by gen serves with the normal durability.
func (s *Store) BulkLoad(ctx context.Context) (end func() error, err error) {
	defs, err := s.indexDefinitions(ctx, bulkDeferred)
	if err != nil {
		return nil, err
	}
	bulk := map[string]string{"synchronous": "OFF", "cache_size": "-262144", "wal_autocheckpoint": "50000"}
	var setup, restore []string
	if s.dialect == Postgres {
		s.bulk.Store(true)
	} else {
		restore = append(restore, "PRAGMA wal_checkpoint(TRUNCATE)")
		for name, v := range bulk {
			was, err := s.writerPragma(ctx, name)
			if err != nil {
				return nil, err
			}
			setup = append(setup, "PRAGMA "+name+"="+v)
			restore = append(restore, "PRAGMA "+name+"="+was)
		}
	}
	for _, name := range bulkDeferred {
		setup = append(setup, "DROP INDEX IF EXISTS "+name)
	}
	if err := s.writerExec(ctx, setup...); err != nil {
		return nil, err
	}
	return func() error {
		s.bulk.Store(false)
		ctx := context.WithoutCancel(ctx)
		return errors.Join(s.writerExec(ctx, defs...), s.writerExec(ctx, restore...))
	}, nil
}

// AnalyzeHouseholds refreshes PostgreSQL's statistics of the household
// tables after a bulk load. Without them the planner guessed thousands of
// members per household and read a whole index of 4 million entries for
// each household of a list (347 ms each, measured on the full province);
// autovacuum would analyze in time, but it may be off or behind, and the
// generator goes on at once. SQLite plans from its indexes alone.
func (s *Store) AnalyzeHouseholds(ctx context.Context) error {
	if s.dialect != Postgres {
		return nil
	}
	_, err := s.w.ExecContext(ctx, "ANALYZE persons, households, household_members, household_representatives")
	return err
}

// indexDefinitions are the statements that create the named indexes.
func (s *Store) indexDefinitions(ctx context.Context, names []string) ([]string, error) {
	in, args := inStrings(names)
	// #nosec G202 -- in is $n placeholders only; the names go in args
	q := "SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN (" + in + ") ORDER BY name"
	if s.dialect == Postgres {
		// #nosec G202 -- as above
		q = "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN (" + in + ") ORDER BY indexname"
	}
	rows, err := s.w.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var defs []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		defs = append(defs, d)
	}
	return defs, rows.Err()
}

// inStrings returns "$1, $2, …" and the arguments for vs.
func inStrings(vs []string) (string, []any) {
	args := make([]any, len(vs))
	for i, v := range vs {
		args[i] = v
	}
	return placeholders(len(vs)), args
}

// writerPragma reads a pragma's value on the writer connection (SQLite).
func (s *Store) writerPragma(ctx context.Context, name string) (string, error) {
	var v string
	err := s.w.QueryRowContext(ctx, "PRAGMA "+name).Scan(&v) // #nosec G202 -- name is one of BulkLoad's constants
	return v, err
}

// writerExec runs statements on one writer connection, in order (SQLite's
// pragmas hold for the connection they run on; the store has one writer).
func (s *Store) writerExec(ctx context.Context, stmts ...string) error {
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
