package store

import "context"

// WriteForTest runs fn in a write transaction, so tests outside the
// package can check what a rolled-back transaction leaves behind.
func (s *Store) WriteForTest(ctx context.Context, fn func(tx *Tx) error) error {
	return s.write(ctx, fn)
}

// BulkDeferred names the indexes BulkLoad drops and builds again.
var BulkDeferred = bulkDeferred

// IndexDefinitionsForTest returns the statements that create the named
// indexes that exist.
func (s *Store) IndexDefinitionsForTest(ctx context.Context, names []string) ([]string, error) {
	return s.indexDefinitions(ctx, names)
}

// WriterPragmaForTest reads a pragma on the writer connection (SQLite).
func (s *Store) WriterPragmaForTest(ctx context.Context, name string) (string, error) {
	return s.writerPragma(ctx, name)
}
