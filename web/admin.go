package web

import (
	"net/http"

	"coso/account"
	"coso/decision"
	"coso/disclosure"
	"coso/place"
	"coso/store"
)

type grantLine struct {
	Role account.Role
	Unit *place.Unit
}

type adminHomeData struct {
	User    *account.User
	Grants  []grantLine
	Actions []account.Action
	Due     []disclosure.DueItem // what the official must publish or answer soon, or is late with
	// Community decisions the official's village must send, or the
	// official's commune must answer.
	Decisions []decision.DueItem
}

// adminHome shows the official's roles and the units they cover.
func (s *Server) adminHome(w http.ResponseWriter, r *http.Request) {
	who := whoFrom(r.Context())
	d := adminHomeData{User: who.User}
	var err error
	for _, g := range who.Grants {
		u, err := s.store.Unit(r.Context(), g.UnitID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Grants = append(d.Grants, grantLine{Role: g.Role, Unit: u})
	}
	for _, a := range account.Actions() {
		if len(account.Roots(who.Grants, a)) > 0 {
			d.Actions = append(d.Actions, a)
		}
	}
	if roots := account.Roots(who.Grants, account.DisclosureWrite); len(roots) > 0 {
		var due []disclosure.DueItem
		due, err = s.store.DueItems(r.Context(), roots)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Due = due
	}
	if d.Decisions, err = s.decisionsDue(r); err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("admin_home")
	s.render(w, r, "admin_home", http.StatusOK, v)
}

// decisionsDue lists the counted decisions the official's units must act
// on: sending, for those who run the vote at the matter's unit; the
// answer, for the body of the commune the law names.
func (s *Server) decisionsDue(r *http.Request) ([]decision.DueItem, error) {
	ctx := r.Context()
	grants := whoFrom(ctx).Grants
	roots := account.Roots(grants, account.VoteManage)
	if len(roots) == 0 {
		return nil, nil
	}
	items, err := s.store.DecisionsDue(ctx, roots)
	if err != nil {
		return nil, err
	}
	within := s.store.WithinFunc(ctx)
	var out []decision.DueItem
	for _, it := range items {
		m := it.Matter
		ok := it.Step == decision.StepSend && account.Allowed(grants, account.VoteManage, m.UnitID, within) ||
			it.Step == decision.StepAnswer && account.Allowed(grants, store.RecogniseAction(m.Recogniser()), m.CommuneID, within)
		if ok {
			out = append(out, it)
		}
	}
	return out, nil
}
