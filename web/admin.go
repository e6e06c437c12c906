package web

import (
	"net/http"

	"coso/account"
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
	v := s.view(r, "", d)
	v.Title = v.T.T("admin_home")
	s.render(w, r, "admin_home", http.StatusOK, v)
}
