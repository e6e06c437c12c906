package web

import (
	"context"
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/place"
	"coso/store"
)

// listScope is the part of the province a back-office list shows: the unit
// the official asked for (the guard has allowed it), else the first unit
// of their grants that allow action. Records about no unit in particular
// go with a top-level unit only: they concern the whole province.
type listScope struct {
	Unit  *place.Unit
	Roots []*place.Unit // the units the official may choose from
	Scope store.Scope
}

func (s *Server) listScope(r *http.Request, action account.Action) (*listScope, error) {
	ctx := r.Context()
	ls := &listScope{}
	for _, id := range account.Roots(whoFrom(ctx).Grants, action) {
		u, err := s.store.Unit(ctx, id)
		if err != nil {
			return nil, err
		}
		ls.Roots = append(ls.Roots, u)
	}
	if code := r.FormValue("unit"); code != "" {
		u, err := s.store.UnitByCode(ctx, code)
		if err != nil {
			return nil, err
		}
		ls.Unit = u
	} else if len(ls.Roots) > 0 {
		ls.Unit = ls.Roots[0]
	} else {
		return nil, coso.Forbidden()
	}
	ls.Scope = store.Scope{Under: ls.Unit.ID, Unitless: ls.Unit.ParentID == 0}
	return ls, nil
}

// may tells whether the signed-in official may do action on unitID; unit
// 0 (a record about no unit) needs a grant on a top-level unit.
func (s *Server) may(ctx context.Context, action account.Action, unitID int64) bool {
	who := whoFrom(ctx)
	if who == nil {
		return false
	}
	if unitID == 0 {
		top, err := s.topUnit(ctx)
		if err != nil {
			return false
		}
		unitID = top
	}
	return account.Allowed(who.Grants, action, unitID, s.store.WithinFunc(ctx))
}

// topUnit is the province: the first top-level unit.
func (s *Server) topUnit(ctx context.Context) (int64, error) {
	us, err := s.store.Units(ctx, store.UnitFilter{TopLevel: true, Limit: 1})
	if err != nil {
		return 0, err
	}
	if len(us) == 0 {
		return 0, coso.Forbidden()
	}
	return us[0].ID, nil
}

// pathID reads the {id} path value.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, coso.NotFound(r.PathValue("id"))
	}
	return id, nil
}

// accountUnits are the units an account belongs to for its
// administrators: those of its active grants, else of its past grants,
// else (an account that never held a role) the province.
func (s *Server) accountUnits(ctx context.Context, userID int64) ([]int64, error) {
	if _, err := s.store.User(ctx, userID); err != nil {
		return nil, err
	}
	history, err := s.store.GrantHistory(ctx, userID)
	if err != nil {
		return nil, err
	}
	var active, past []int64
	for _, g := range history {
		if g.Active() {
			active = append(active, g.UnitID)
		} else {
			past = append(past, g.UnitID)
		}
	}
	switch {
	case len(active) > 0:
		return active, nil
	case len(past) > 0:
		return past, nil
	}
	top, err := s.topUnit(ctx)
	if err != nil {
		return nil, err
	}
	return []int64{top}, nil
}

// accountUnit returns the unit finder of routes about the account {id}.
// With all false, the guard lets through an official who may do action
// on any of the account's units (to see it, or to grant it a role). With
// all true they must be allowed on every one of them: disabling an
// account or resetting its TOTP acts on all its roles, and an agency's
// administrator must not lock out the commune chair who also teaches at
// the agency's school.
func accountUnit(action account.Action, all bool) unitFunc {
	return func(s *Server, r *http.Request) (int64, error) {
		id, err := pathID(r)
		if err != nil {
			return 0, err
		}
		units, err := s.accountUnits(r.Context(), id)
		if err != nil {
			return 0, err
		}
		for _, u := range units {
			ok := s.may(r.Context(), action, u)
			if ok && !all {
				return u, nil
			}
			if !ok && all {
				return u, nil // the guard denies on it
			}
		}
		return units[0], nil
	}
}

// mayAccount tells whether the official may do action on the account,
// with the same rule as accountUnit.
func (s *Server) mayAccount(r *http.Request, action account.Action, userID int64, all bool) bool {
	units, err := s.accountUnits(r.Context(), userID)
	if err != nil {
		return false
	}
	for _, u := range units {
		ok := s.may(r.Context(), action, u)
		if ok != all {
			return ok
		}
	}
	return all
}

// notSelf refuses changes an official would make to their own account:
// another administrator must grant, revoke or disable it, so no one widens
// their own powers or locks themselves out by mistake.
func notSelf(r *http.Request, userID int64) error {
	if w := whoFrom(r.Context()); w != nil && w.User.ID == userID {
		return coso.Errorf(coso.EForbidden, "", "Bạn không thể tự thay đổi vai trò hay trạng thái tài khoản của chính mình; hãy nhờ một quản trị viên khác.",
			"You cannot change the roles or state of your own account; ask another administrator.")
	}
	return nil
}
