package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/phonecode"
)

// CreateCitizenToken stores the hash of a new API token for a citizen
// account (auth.NewToken makes the token and its hash). Citizens' tokens
// live in their own table; see migration 00006 for why.
func (s *Store) CreateCitizenToken(ctx context.Context, citizenID int64, hash string, expires time.Time) (*Token, error) {
	if len(hash) != 64 {
		return nil, coso.Invalid("token", "Mã băm của token không hợp lệ.", "The token hash is not valid.")
	}
	t := Token{CitizenID: citizenID, CreatedAt: s.stamp(), ExpiresAt: expires.UTC()}
	err := s.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM citizens WHERE id = $1", citizenID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return coso.NotFound(fmt.Sprintf("citizen %d", citizenID))
		}
		var err error
		t.ID, err = tx.Insert(`INSERT INTO citizen_tokens (citizen_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			citizenID, hash, t.CreatedAt, t.ExpiresAt)
		if err != nil {
			return err
		}
		return tx.Audit(0, "token.create", fmt.Sprintf("citizen:%d", citizenID),
			fmt.Sprintf("token %d expires %s", t.ID, t.ExpiresAt.Format(time.RFC3339)))
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// TokenCitizen returns the citizen account of the live token whose hash
// is hash; an unknown, expired or revoked token gets the same error as an
// official's bad token.
func (s *Store) TokenCitizen(ctx context.Context, hash string) (*phonecode.Citizen, error) {
	c, err := scanCitizen(s.r.QueryRowContext(ctx, `SELECT c.id, c.phone, COALESCE(c.person_id, 0), COALESCE(c.linked_by, 0),
			c.linked_at, c.created_at, c.last_seen_at
		FROM citizen_tokens t JOIN citizens c ON c.id = t.citizen_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2`, hash, s.stamp()))
	if err == sql.ErrNoRows {
		return nil, errBadToken
	}
	return c, err
}
