package api

import (
	"context"

	"coso"
	"coso/account"
)

// allow decides whether the caller may take action on the unit. Until
// accounts exist every write is refused: no anonymous caller changes data.
func (s *server) allow(ctx context.Context, action account.Action, unitID int64) error {
	a := coso.ActorFrom(ctx)
	if a.UserID == 0 {
		return problem(coso.Errorf(coso.EUnauthenticated, "", "Cần đăng nhập (mã thông báo Bearer).", "Sign-in required (Bearer token)."))
	}
	return problem(coso.Forbidden())
}

// allowOnParent is allow for a new record whose unit is named by code.
func (s *server) allowOnParent(ctx context.Context, action account.Action, code string) error {
	var id int64
	if code != "" {
		if u, err := s.store.UnitByCode(ctx, code); err == nil {
			id = u.ID
		}
	}
	return s.allow(ctx, action, id)
}
