package web

import (
	"net/http"
	"net/url"
	"strconv"

	"coso"
)

var representativeFields = []string{"person", "on", "reason"}

func (s *Server) representativeForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok {
		return
	}
	d.Form.Values = url.Values{}
	s.renderRepresentative(w, r, d, http.StatusOK)
}

func (s *Server) renderRepresentative(w http.ResponseWriter, r *http.Request, d householdFormData, status int) {
	d.Choices = s.successors(r, &d, d.Household.RepresentativeID)
	s.renderHouseholdForm(w, r, "household_representative", "hh_rep_title", d, status)
}

// representative hands the household's representation to another adult
// member, with a reason; both periods stay in the history.
func (s *Server) representative(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok {
		return
	}
	d.Form.Values = postValues(r)
	person, err := strconv.ParseInt(r.PostFormValue("person"), 10, 64)
	if err != nil || person <= 0 {
		err = coso.Invalid("person", "Hãy chọn người đại diện mới trong danh sách.", "Choose the new representative from the list.")
	}
	if err == nil {
		on, derr := dateField(r, "on")
		err = derr
		if err == nil {
			err = s.store.SetRepresentative(r.Context(), d.Household.ID, person, on, r.PostFormValue("reason"))
		}
	}
	if err != nil {
		if status, ok := s.refuse(w, r, &d.Form, err, representativeFields...); ok {
			s.renderRepresentative(w, r, d, status)
		}
		return
	}
	s.backToHousehold(w, r, d.Household)
}
