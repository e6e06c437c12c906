package web

import (
	"net/http"

	"coso/account"
	"coso/disclosure"
	"coso/place"
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
}

// adminHome shows the official's roles and the units they cover.
func (s *Server) adminHome(w http.ResponseWriter, r *http.Request) {
	who := whoFrom(r.Context())
	d := adminHomeData{User: who.User}
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
		due, err := s.store.DueItems(r.Context(), roots)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Due = due
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("admin_home")
	s.render(w, r, "admin_home", http.StatusOK, v)
}
