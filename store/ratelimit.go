package store

import (
	"context"
	"database/sql"
	"time"
)

// Attempt counters are machinery, not records of anyone's change: they are
// not audited, and old ones are deleted.

// RateCount returns the count of key in the window that starts at start.
func (s *Store) RateCount(ctx context.Context, key string, start time.Time) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count FROM rate_limits WHERE key = $1 AND window_start = $2",
		key, start.UTC()).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return n, err
}

// RateHit adds one to the count of key in the window starting at start if
// the count is below most, in one statement, so that app servers counting
// at once never push it past most.
func (s *Store) RateHit(ctx context.Context, key string, start time.Time, most int) (bool, int, error) {
	start = start.UTC()
	var n int
	hit := false
	err := s.write(ctx, func(tx *Tx) error {
		if most < 1 {
			return nil
		}
		err := tx.QueryRow(`INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
			ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
			WHERE rate_limits.count < $3 RETURNING count`, key, start, most).Scan(&n)
		if err == sql.ErrNoRows {
			return nil // at the limit: the row was left as it was
		}
		hit = err == nil
		return err
	})
	if err != nil || hit {
		return hit, n, err
	}
	n, err = s.RateCount(ctx, key, start)
	return false, n, err
}

// PruneRateLimits deletes the counters of windows that start before t.
func (s *Store) PruneRateLimits(ctx context.Context, before time.Time) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec("DELETE FROM rate_limits WHERE window_start < $1", before.UTC())
		return err
	})
}
