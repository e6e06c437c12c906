package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/account"
	"coso/viet"
)

const userColumns = `id, username, display_name, email, phone, password_hash, totp_secret, disabled, created_at`

func scanUser(row scanner) (*account.User, error) {
	var u account.User
	err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Email, &u.Phone, &u.PasswordHash, &u.TOTPSecret, &u.Disabled, &u.CreatedAt)
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// CreateUser adds an account. u.PasswordHash is already hashed (auth.HashPassword)
// after the password passed account.CheckPassword; the store never sees a
// password.
func (s *Store) CreateUser(ctx context.Context, u *account.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		return tx.createUser(u, 0)
	})
}

// createUser inserts u (validated) and audits it on unitID (0: none).
func (tx *Tx) createUser(u *account.User, unitID int64) error {
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM users WHERE username = $1", u.Username).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return coso.Errorf(coso.EConflict, "username", "Tên đăng nhập %s đã có người dùng.", "The username %s is taken.", u.Username)
	}
	now := tx.s.stamp()
	id, err := tx.Insert(`INSERT INTO users (username, display_name, display_name_folded, email, phone, password_hash, totp_secret, disabled, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
		u.Username, u.DisplayName, viet.Fold(u.DisplayName), u.Email, u.Phone, u.PasswordHash, u.TOTPSecret, u.Disabled, now)
	if err != nil {
		return err
	}
	u.ID, u.CreatedAt = id, now
	return tx.Audit(unitID, "account.create", userObject(id), "created") // the username may be a name: not in the summary
}

func userObject(id int64) string { return fmt.Sprintf("user:%d", id) }

// User returns the account with the given id, secrets included.
func (s *Store) User(ctx context.Context, id int64) (*account.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(userObject(id))
	}
	return u, err
}

// UserByUsername returns the account with the given username, secrets
// included.
func (s *Store) UserByUsername(ctx context.Context, username string) (*account.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE username = $1",
		account.NormalizeUsername(username)))
	if err == sql.ErrNoRows {
		return nil, coso.Errorf(coso.ENotFound, "username", "Không có tài khoản %s.", "No account is named %s.", username)
	}
	return u, err
}

// UserFilter selects accounts for a list.
type UserFilter struct {
	Query        string       // accent-insensitive words to match in the username or name
	UnitID       int64        // only users with an active grant on this unit or below it
	Role         account.Role // only users with an active grant of this role
	WithDisabled bool         // include disabled accounts
	Limit        int          // 0: no limit
	AfterID      int64        // cursor: only users with id > AfterID
}

// Users lists accounts matching f by id, without their password hashes
// and TOTP secrets, which a list never needs.
func (s *Store) Users(ctx context.Context, f UserFilter) ([]*account.User, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	q := "SELECT id, username, display_name, email, phone, '', '', disabled, created_at FROM users u WHERE 1=1"
	if f.UnitID != 0 || f.Role != "" {
		q += " AND EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL"
		if f.UnitID != 0 {
			q += " AND g.unit_id IN (" + subtreeSQL(arg(f.UnitID)) + ")"
		}
		if f.Role != "" {
			q += " AND g.role = " + arg(string(f.Role))
		}
		q += ")"
	}
	for _, w := range words(f.Query) {
		p := arg("%" + w + "%")
		q += " AND (u.display_name_folded LIKE " + p + " OR u.username LIKE " + p + ")"
	}
	if !f.WithDisabled {
		q += " AND NOT u.disabled"
	}
	if f.AfterID > 0 {
		q += " AND u.id > " + arg(f.AfterID)
	}
	q += " ORDER BY u.id"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit) // #nosec G202 -- only $n placeholders are joined; values go in args
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// subtreeSQL selects the ids of the unit named by placeholder p and every
// unit below it; the same recursive query runs on both engines.
func subtreeSQL(p string) string {
	return `WITH RECURSIVE sub (id) AS (SELECT id FROM units WHERE id = ` + p + `
		UNION ALL SELECT c.id FROM units c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`
}

// SetPassword stores a new password hash. The caller checks the password
// with account.CheckPassword and hashes it with auth.HashPassword.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	if hash == "" {
		return coso.Invalid("password", "Cần mật khẩu.", "A password is required.")
	}
	return s.updateUser(ctx, userID, "account.password", "password changed",
		"UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3", hash)
}

// SetTOTPSecret stores the user's TOTP secret after enrolment; an empty
// secret removes it (the user must enrol again). The step record is reset
// with it, as steps of the old secret mean nothing for the new one.
func (s *Store) SetTOTPSecret(ctx context.Context, userID int64, secret string) error {
	summary := "totp enrolled"
	if secret == "" {
		summary = "totp removed"
	}
	return s.write(ctx, func(tx *Tx) error {
		if err := tx.updateUser(userID, "account.totp", summary,
			"UPDATE users SET totp_secret = $1, updated_at = $2 WHERE id = $3", secret); err != nil {
			return err
		}
		_, err := tx.Exec("DELETE FROM totp_steps WHERE user_id = $1", userID)
		return err
	})
}

// DisableUser stops an account from signing in: its sessions end and its
// API tokens are revoked in the same transaction. Grants stay, so enabling
// the account again (EnableUser) restores its roles.
func (s *Store) DisableUser(ctx context.Context, userID int64) error {
	return s.write(ctx, func(tx *Tx) error {
		if err := tx.updateUser(userID, "account.disable", "disabled",
			"UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3", true); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM sessions WHERE user_id = $1", userID); err != nil {
			return err
		}
		_, err := tx.Exec("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", s.stamp(), userID)
		return err
	})
}

// EnableUser lets a disabled account sign in again.
func (s *Store) EnableUser(ctx context.Context, userID int64) error {
	return s.updateUser(ctx, userID, "account.enable", "enabled",
		"UPDATE users SET disabled = $1, updated_at = $2 WHERE id = $3", false)
}

func (s *Store) updateUser(ctx context.Context, userID int64, action, summary, stmt string, value any) error {
	return s.write(ctx, func(tx *Tx) error {
		return tx.updateUser(userID, action, summary, stmt, value)
	})
}

// updateUser runs stmt with (value, now, userID) and audits it on the unit
// of the grant the actor acts with (an agency's administrator disabling
// one of its accounts finds it in the agency's trail; the command line
// and an official changing their own password act on no unit). summary
// must hold no secret.
func (tx *Tx) updateUser(userID int64, action, summary, stmt string, value any) error {
	res, err := tx.Exec(stmt, value, tx.s.stamp(), userID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return coso.NotFound(userObject(userID))
	}
	return tx.Audit(coso.ActorFrom(tx.ctx).UnitID, action, userObject(userID), summary)
}

// UseTOTPStep records that userID signed in with the TOTP code of step and
// reports false when step is not later than the last step used, so no
// code is accepted twice (auth.VerifyTOTP). The upsert is one statement,
// so two requests racing with the same code cannot both win. It is sign-in
// bookkeeping, not a change of records, so it is not audited.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) (bool, error) {
	var fresh bool
	err := s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`INSERT INTO totp_steps (user_id, last_step) VALUES ($1, $2)
			ON CONFLICT (user_id) DO UPDATE SET last_step = excluded.last_step
			WHERE totp_steps.last_step < excluded.last_step`, userID, step)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		fresh = n == 1
		return err
	})
	return fresh, err
}

// stamp is the store's time for new rows, in UTC and cut to microseconds,
// which PostgreSQL keeps, so a time reads back the same on both engines.
func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }
