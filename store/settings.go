package store

import (
	"context"
	"database/sql"
)

// settingDemo marks a store filled by the demo loader. Its demo accounts
// have fixed, published TOTP secrets, so the command line may print their
// codes; on any other store it must refuse.
const settingDemo = "demo"

// MarkDemo records that the store holds demo data. Only the demo loader
// calls it; nothing unmarks a store, as its demo accounts stay.
func (s *Store) MarkDemo(ctx context.Context) error {
	return s.write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			settingDemo, "true", s.stamp()); err != nil {
			return err
		}
		return tx.Audit(0, "store.demo", "settings:"+settingDemo, "store marked as demo data")
	})
}

// IsDemo tells whether MarkDemo was called on this store.
func (s *Store) IsDemo(ctx context.Context) (bool, error) {
	var v string
	err := s.r.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", settingDemo).Scan(&v)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return v == "true", err
}
