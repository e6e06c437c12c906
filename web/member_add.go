package web

import (
	"net/http"
	"net/url"

	"coso"
	"coso/household"
)

var memberAddFields = append([]string{"relation", "since", "reason"}, personFields...)

func (s *Server) memberAddForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok {
		return
	}
	d.Form.Values = url.Values{}
	s.renderHouseholdForm(w, r, "member_add", "hh_member_add_title", d, http.StatusOK)
}

// memberAdd adds a new person to a household (a birth, a marriage…).
func (s *Server) memberAdd(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok {
		return
	}
	d.Form.Values = postValues(r)
	p, errs := personFromForm(r)
	m := household.Member{Person: p, Relation: r.PostFormValue("relation"), JoinReason: r.PostFormValue("reason")}
	since, err := dateField(r, "since")
	if err != nil {
		errs = append(errs, coso.AsError(err))
	}
	m.Since = since
	if len(errs) == 0 {
		err = s.store.AddMember(r.Context(), d.Household.ID, &m)
	} else {
		err = withChecks(errs, m.Validate())
	}
	if err != nil {
		if status, ok := s.refuse(w, r, &d.Form, err, memberAddFields...); ok {
			s.renderHouseholdForm(w, r, "member_add", "hh_member_add_title", d, status)
		}
		return
	}
	s.backToHousehold(w, r, d.Household)
}
