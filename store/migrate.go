package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/database"
)

// Each dialect has its own folder of migrations with the same numbers, so
// one version number means the same schema on both engines.
//
//go:embed migrations
var migrations embed.FS

func (s *Store) provider() (*goose.Provider, error) {
	dialect, dir := database.DialectSQLite3, "migrations/sqlite"
	if s.dialect == Postgres {
		dialect, dir = database.DialectPostgres, "migrations/postgres"
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(dialect, s.w, sub)
}

// Migrate brings the schema up to the newest version.
func (s *Store) Migrate(ctx context.Context) error {
	p, err := s.provider()
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Version returns the schema version the database is at.
func (s *Store) Version(ctx context.Context) (int64, error) {
	p, err := s.provider()
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}
