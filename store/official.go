package store

import (
	"context"

	"coso/account"
)

// CreateOfficial adds an official's account together with their first
// role, in one transaction: an account that no unit holds would be seen
// and managed by no administrator but the province's. The account's
// creation is audited on the unit of the role, so the administrator of
// that unit finds it in their trail. u.PasswordHash (and u.TOTPSecret, when
// enrolled at once) are set by the caller, as for CreateUser.
func (s *Store) CreateOfficial(ctx context.Context, u *account.User, role account.Role, unitCode string) (*account.Grant, error) {
	if _, err := account.ParseRole(string(role)); err != nil {
		return nil, err
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	var g *account.Grant
	err := s.write(ctx, func(tx *Tx) error {
		unit, err := tx.grantableUnit(role, unitCode)
		if err != nil {
			return err
		}
		if err := tx.createUser(u, unit.ID); err != nil {
			return err
		}
		g, err = tx.grant(u.ID, role, unit)
		return err
	})
	if err != nil {
		u.ID = 0
		return nil, err
	}
	return g, nil
}
