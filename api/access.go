package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/place"
)

// allow is the one access decision of the API: may the caller (from the
// bearer token, see authenticate) take action on the unit? Deny by
// default: no token is 401, a token whose grants do not allow it is 403.
// The returned context carries the actor with the grant that allowed the
// action, for the audit trail.
func (s *server) allow(ctx context.Context, action account.Action, unitID int64) (context.Context, error) {
	c := callerFrom(ctx)
	if c == nil {
		return ctx, needToken()
	}
	within := s.store.WithinFunc(ctx)
	for _, g := range c.grants {
		if account.Allowed([]account.Grant{g}, action, unitID, within) {
			a := c.actor
			a.Role, a.UnitID = string(g.Role), g.UnitID
			return coso.WithActor(ctx, a), nil
		}
	}
	return ctx, problem(coso.Forbidden())
}

// allowOnParent is allow for a new record whose unit is named by code.
// An unknown code is bad input for a caller who may take the action
// somewhere, and a refusal for everyone else.
func (s *server) allowOnParent(ctx context.Context, action account.Action, code string) (context.Context, error) {
	c := callerFrom(ctx)
	if c == nil {
		return ctx, needToken()
	}
	var id int64
	if code != "" {
		u, err := s.store.UnitByCode(ctx, code)
		switch {
		case err == nil:
			id = u.ID
		case coso.ErrorCode(err) != coso.ENotFound:
			return ctx, problem(err)
		case len(account.Roots(c.grants, action)) > 0:
			return ctx, problem(coso.Invalid("parent_code", "Không có đơn vị mã %s.", "No unit has code %s.", code))
		}
	}
	return s.allow(ctx, action, id)
}

// allowImport checks action on every unit a file of units touches: an
// existing unit itself, a new one under its parent (in the store, or
// earlier in the file). A row whose parent is nowhere is left for the
// import to report with its line.
func (s *server) allowImport(ctx context.Context, action account.Action, rows []place.Row) (context.Context, error) {
	if callerFrom(ctx) == nil {
		return ctx, needToken()
	}
	inFile := map[string]string{} // code → parent code
	for _, r := range rows {
		inFile[r.Unit.Code] = r.Unit.ParentCode
	}
	checked := map[int64]bool{}
	out := ctx
	for _, r := range rows {
		id, err := s.anchor(ctx, r.Unit.Code, inFile, len(rows))
		if err != nil {
			return ctx, problem(err)
		}
		if id < 0 || checked[id] {
			continue
		}
		checked[id] = true
		if out, err = s.allow(ctx, action, id); err != nil {
			return ctx, err
		}
	}
	return out, nil
}

// anchor finds the stored unit that a file's row hangs from: the unit
// itself if stored, else the nearest stored ancestor through the file's
// parent codes; 0 for a new top-level unit (allowed to nobody), -1 when
// the chain ends at a code that is nowhere (the import reports it).
func (s *server) anchor(ctx context.Context, code string, inFile map[string]string, depth int) (int64, error) {
	for range depth + 1 {
		if code == "" {
			return 0, nil
		}
		u, err := s.store.UnitByCode(ctx, code)
		if err == nil {
			return u.ID, nil
		}
		if coso.ErrorCode(err) != coso.ENotFound {
			return 0, err
		}
		parent, ok := inFile[code]
		if !ok {
			return -1, nil
		}
		code = parent
	}
	return -1, nil // a cycle in the file; the import reports it
}

// needToken is the answer to a call that needs a bearer token and has none.
func needToken() error {
	return huma.ErrorWithHeaders(problem(coso.Errorf(coso.EUnauthenticated, "", "Cần đăng nhập (mã thông báo Bearer).",
		"Sign-in required (Bearer token).")), http.Header{"WWW-Authenticate": {`Bearer realm="coso"`}})
}

// unitField finds the unit whose code a client sent in field: an unknown
// code is the client's mistake (400 naming the field); any other failure
// (the database is down) is reported as it is.
func (s *server) unitField(ctx context.Context, field, code string) (*place.Unit, error) {
	u, err := s.store.UnitByCode(ctx, code)
	if coso.ErrorCode(err) == coso.ENotFound {
		return nil, problem(coso.Invalid(field, "Không có đơn vị mã %s.", "No unit has code %s.", code))
	}
	if err != nil {
		return nil, problem(err)
	}
	return u, nil
}
