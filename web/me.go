package web

import (
	"net/http"

	"coso/account"
	"coso/place"
)

type meData struct {
	Phone    string        // masked; empty for a sign-in through the identity provider
	Verified bool          // identified by the identity provider
	Linked   bool          // confirmed as a person of the register
	Acts     []*place.Unit // villages where the citizen represents a household
}

// mePage shows citizens their account: the phone they sign in with,
// whether an official has confirmed which person they are, and what they
// may therefore do.
func (s *Server) mePage(w http.ResponseWriter, r *http.Request) {
	who := whoFrom(r.Context())
	d := meData{Phone: who.Phone, Verified: who.Citizen == nil, Linked: who.PersonID != 0}
	for _, g := range who.Grants {
		if g.Role != account.HouseholdRep {
			continue
		}
		u, err := s.store.Unit(r.Context(), g.UnitID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Acts = append(d.Acts, u)
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("me_title")
	s.render(w, r, "me", http.StatusOK, v)
}
