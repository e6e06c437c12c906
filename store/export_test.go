package store

import "context"

// WriteForTest runs fn in a write transaction, so tests outside the
// package can check what a rolled-back transaction leaves behind.
func (s *Store) WriteForTest(ctx context.Context, fn func(tx *Tx) error) error {
	return s.write(ctx, fn)
}
