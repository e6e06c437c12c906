package web

import (
	"net/http"
	"net/url"

	"coso/household"
	"coso/place"
)

// householdFormData is what the forms about one household get.
type householdFormData struct {
	Household *household.Household
	Village   *place.Unit
	Form      form
	Member    *household.Member // the member a form is about, if any
	Choices   []memberLine      // members to choose among (new representative)
	Villages  []villageChoice   // villages to move to
	Relations []string
}

type villageChoice struct {
	Code, Name, Commune string
}

// renderHouseholdForm shows one of the forms about a household.
func (s *Server) renderHouseholdForm(w http.ResponseWriter, r *http.Request, page, titleKey string, d householdFormData, status int) {
	d.Relations = household.Relations
	v := s.view(r, "", d)
	v.Title = v.T.T(titleKey, "Code", d.Household.Code)
	s.render(w, r, page, status, v)
}

// changing reads the household of a route for a change: an ended
// household cannot change.
func (s *Server) changing(w http.ResponseWriter, r *http.Request) (householdFormData, bool) {
	h, u, err := s.householdOf(r)
	if err != nil {
		s.fail(w, r, err)
		return householdFormData{}, false
	}
	if h.Ended() {
		s.fail(w, r, errEnded(h))
		return householdFormData{}, false
	}
	return householdFormData{Household: h, Village: u}, true
}

func (s *Server) householdAddressForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok {
		return
	}
	d.Form.Values = url.Values{"address": {d.Household.Address}}
	s.renderHouseholdForm(w, r, "household_address", "hh_address_title", d, http.StatusOK)
}

// householdAddress changes a household's address.
func (s *Server) householdAddress(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok {
		return
	}
	d.Form.Values = postValues(r)
	h := *d.Household
	h.Address = r.PostFormValue("address")
	if err := s.store.UpdateHousehold(r.Context(), &h); err != nil {
		if status, ok := s.refuse(w, r, &d.Form, err, "address"); ok {
			s.renderHouseholdForm(w, r, "household_address", "hh_address_title", d, status)
		}
		return
	}
	s.backToHousehold(w, r, d.Household)
}

func (s *Server) backToHousehold(w http.ResponseWriter, r *http.Request, h *household.Household) {
	http.Redirect(w, r, "/admin/households/"+url.PathEscape(h.Code), http.StatusSeeOther)
}
