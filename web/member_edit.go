package web

import (
	"net/http"

	"coso"
)

// currentMember finds the route's {person} among the household's current
// members: a person is edited from the household they belong to, whose
// village the guard checked.
func (s *Server) currentMember(w http.ResponseWriter, r *http.Request, d *householdFormData) bool {
	id, err := pathInt(r, "person")
	if err == nil {
		for i := range d.Household.Members {
			if m := &d.Household.Members[i]; m.Person.ID == id {
				d.Member = m
				return true
			}
		}
		err = coso.Errorf(coso.ENotFound, "person", "Người này không phải thành viên hiện tại của hộ %s.",
			"This person is not a current member of household %s.", d.Household.Code)
	}
	s.fail(w, r, err)
	return false
}

func (s *Server) personEditForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok || !s.currentMember(w, r, &d) {
		return
	}
	d.Form.Values = personValues(&d.Member.Person)
	s.renderHouseholdForm(w, r, "person_edit", "hh_person_edit_title", d, http.StatusOK)
}

// personEdit corrects a member's name, birth date, sex, citizen ID or phone.
func (s *Server) personEdit(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok || !s.currentMember(w, r, &d) {
		return
	}
	d.Form.Values = postValues(r)
	p, errs := personFromForm(r)
	p.ID = d.Member.Person.ID
	var err error
	if len(errs) == 0 {
		err = s.store.UpdatePerson(r.Context(), &p)
	} else {
		err = withChecks(errs, p.Validate())
	}
	if err != nil {
		if status, ok := s.refuse(w, r, &d.Form, err, personFields...); ok {
			s.renderHouseholdForm(w, r, "person_edit", "hh_person_edit_title", d, status)
		}
		return
	}
	s.backToHousehold(w, r, d.Household)
}
