package store

import (
	"context"
	"database/sql"
	"fmt"

	"coso"
	"coso/account"
	"coso/place"
	"coso/viet"
)

const grantColumns = `g.id, g.user_id, g.role, g.unit_id, un.code, COALESCE(g.granted_by, 0), g.granted_at, g.revoked_at`

const grantFrom = ` FROM grants g JOIN units un ON un.id = g.unit_id `

func scanGrant(row scanner) (account.Grant, error) {
	var g account.Grant
	var revoked sql.NullTime
	err := row.Scan(&g.ID, &g.UserID, &g.Role, &g.UnitID, &g.UnitCode, &g.GrantedBy, &g.GrantedAt, &revoked)
	if revoked.Valid {
		g.RevokedAt = revoked.Time
	}
	return g, err
}

// Grant gives userID the role on the unit with code unitCode. The role must
// fit the unit's kind (account.Role.CheckUnitKind) and the unit must exist
// still; the granting official is the actor of ctx. Whether the actor may
// grant it is the caller's question (account.Allowed with
// account.AccountManage on the unit).
func (s *Store) Grant(ctx context.Context, userID int64, role account.Role, unitCode string) (*account.Grant, error) {
	if _, err := account.ParseRole(string(role)); err != nil {
		return nil, err
	}
	var g *account.Grant
	err := s.write(ctx, func(tx *Tx) error {
		u, err := tx.grantableUnit(role, unitCode)
		if err != nil {
			return err
		}
		if err := tx.userExists(userID); err != nil {
			return err
		}
		g, err = tx.grant(userID, role, u)
		return err
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// grantableUnit returns the unit with code unitCode if role may be granted
// on it: it exists, has not ended, and is of a kind the role fits.
func (tx *Tx) grantableUnit(role account.Role, unitCode string) (*place.Unit, error) {
	u, err := scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.code = $1", viet.NFC(unitCode)))
	if err == sql.ErrNoRows {
		return nil, coso.Invalid("unit", "Không có đơn vị mã %s.", "No unit has code %s.", unitCode)
	}
	if err != nil {
		return nil, err
	}
	if u.Ended() {
		return nil, coso.Invalid("unit", "Đơn vị %s đã giải thể hoặc sáp nhập.", "Unit %s has ended (merged or dissolved).", u.Code)
	}
	if err := role.CheckUnitKind(string(u.Kind)); err != nil {
		return nil, err
	}
	return u, nil
}

// grant inserts and audits the grant of role on u to userID, by the actor.
func (tx *Tx) grant(userID int64, role account.Role, u *place.Unit) (*account.Grant, error) {
	by := coso.ActorFrom(tx.ctx).UserID
	now := tx.s.stamp()
	g := account.Grant{UserID: userID, Role: role, UnitID: u.ID, UnitCode: u.Code, GrantedBy: by, GrantedAt: now}
	var err error
	g.ID, err = tx.Insert(`INSERT INTO grants (user_id, role, unit_id, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)`,
		userID, string(role), u.ID, nullID(by), now)
	if err != nil && isUnique(err) {
		return nil, coso.Errorf(coso.EConflict, "role", "Tài khoản đã có vai trò này trên đơn vị %s.",
			"The account already holds this role on unit %s.", u.Code)
	}
	if err != nil {
		return nil, err
	}
	return &g, tx.Audit(u.ID, "account.grant", userObject(userID), fmt.Sprintf("grant %s on %s", role, u.Code))
}

func (tx *Tx) userExists(userID int64) error {
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM users WHERE id = $1", userID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return coso.NotFound(userObject(userID))
	}
	return nil
}

// Revoke ends userID's active grant of role on the unit with code unitCode.
// The row stays, with who revoked it and when.
func (s *Store) Revoke(ctx context.Context, userID int64, role account.Role, unitCode string) error {
	return s.write(ctx, func(tx *Tx) error {
		var unitID int64
		err := tx.QueryRow("SELECT id FROM units WHERE code = $1", viet.NFC(unitCode)).Scan(&unitID)
		if err == sql.ErrNoRows {
			return coso.Invalid("unit", "Không có đơn vị mã %s.", "No unit has code %s.", unitCode)
		}
		if err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE grants SET revoked_at = $1, revoked_by = $2
			WHERE user_id = $3 AND role = $4 AND unit_id = $5 AND revoked_at IS NULL`,
			s.stamp(), nullID(coso.ActorFrom(ctx).UserID), userID, string(role), unitID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return coso.Errorf(coso.ENotFound, "role", "Tài khoản không có vai trò %s trên đơn vị %s.",
				"The account does not hold role %s on unit %s.", role, unitCode)
		}
		return tx.Audit(unitID, "account.revoke", userObject(userID), fmt.Sprintf("revoke %s on %s", role, unitCode))
	})
}

// Grants returns userID's active grants, oldest first.
func (s *Store) Grants(ctx context.Context, userID int64) ([]account.Grant, error) {
	return s.grants(ctx, "SELECT "+grantColumns+grantFrom+"WHERE g.user_id = $1 AND g.revoked_at IS NULL ORDER BY g.id", userID)
}

// GrantHistory returns all of userID's grants, revoked ones included.
func (s *Store) GrantHistory(ctx context.Context, userID int64) ([]account.Grant, error) {
	return s.grants(ctx, "SELECT "+grantColumns+grantFrom+"WHERE g.user_id = $1 ORDER BY g.id", userID)
}

func (s *Store) grants(ctx context.Context, q string, args ...any) ([]account.Grant, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []account.Grant
	for rows.Next() {
		g, err := scanGrant(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// WithinFunc adapts Within to account.Allowed: an error (the database did
// not answer) counts as "not within", so a failure denies.
func (s *Store) WithinFunc(ctx context.Context) func(unit, ancestor int64) bool {
	return func(unit, ancestor int64) bool {
		ok, err := s.Within(ctx, unit, ancestor)
		return err == nil && ok
	}
}
