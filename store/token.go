package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/account"
)

// Token is an API token's record; the token itself is never stored.
type Token struct {
	ID        int64
	UserID    int64 // an official's token
	CitizenID int64 // a citizen's token (citizen_token.go)
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CreateToken stores the hash of a new API token for userID (auth.NewToken
// makes the token and its hash).
func (s *Store) CreateToken(ctx context.Context, userID int64, hash string, expires time.Time) (*Token, error) {
	if len(hash) != 64 {
		return nil, coso.Invalid("token", "Mã băm của token không hợp lệ.", "The token hash is not valid.")
	}
	t := Token{UserID: userID, CreatedAt: s.stamp(), ExpiresAt: expires.UTC()}
	err := s.write(ctx, func(tx *Tx) error {
		if err := tx.userExists(userID); err != nil {
			return err
		}
		var err error
		t.ID, err = tx.Insert(`INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			userID, hash, t.CreatedAt, t.ExpiresAt)
		if err != nil {
			return err
		}
		return tx.Audit(0, "token.create", userObject(userID), fmt.Sprintf("token %d expires %s", t.ID, t.ExpiresAt.Format(time.RFC3339)))
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// errBadToken is the one answer for a token that is unknown, expired,
// revoked, or whose account is disabled: the caller learns nothing more.
var errBadToken = coso.Errorf(coso.EUnauthenticated, "token", "Token không hợp lệ hoặc đã hết hạn.", "The token is not valid or has expired.")

// TokenUser returns the account of the live token whose hash is hash.
func (s *Store) TokenUser(ctx context.Context, hash string) (*account.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT u.id, u.username, u.display_name, u.email, u.phone, u.password_hash, u.totp_secret, u.disabled, u.created_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND NOT u.disabled`,
		hash, s.stamp()))
	if err == sql.ErrNoRows {
		return nil, errBadToken
	}
	return u, err
}

// RevokeToken ends the token whose hash is hash, an official's or a
// citizen's (sign-out of an API client). Revoking an unknown or already
// revoked token is not an error.
func (s *Store) RevokeToken(ctx context.Context, hash string) error {
	return s.write(ctx, func(tx *Tx) error {
		for _, t := range []struct{ table, owner, object string }{
			{"api_tokens", "user_id", "user:%d"}, {"citizen_tokens", "citizen_id", "citizen:%d"},
		} {
			var id, owner int64
			err := tx.QueryRow("SELECT id, "+t.owner+" FROM "+t.table+" WHERE token_hash = $1 AND revoked_at IS NULL", hash).Scan(&id, &owner)
			if err == sql.ErrNoRows {
				continue
			}
			if err != nil {
				return err
			}
			if _, err := tx.Exec("UPDATE "+t.table+" SET revoked_at = $1 WHERE id = $2", s.stamp(), id); err != nil {
				return err
			}
			return tx.Audit(0, "token.revoke", fmt.Sprintf(t.object, owner), fmt.Sprintf("token %d", id))
		}
		return nil
	})
}
