package web

import (
	"net/http"
	"net/url"

	"coso/household"
	"coso/place"
	"coso/store"
)

type householdNewData struct {
	Village   *place.Unit
	Form      form
	Relations []string
}

// newHouseholdFields are the fields of the form that creates a household
// with its first member, who represents it.
var newHouseholdFields = append([]string{"household_code", "address", "relation", "representative"}, personFields...)

func (s *Server) householdNewForm(w http.ResponseWriter, r *http.Request) {
	u, err := s.village(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	vals := url.Values{}
	vals.Set("household_code", s.nextHouseholdCode(r, u))
	vals.Set("relation", "chủ hộ")
	s.renderHouseholdNew(w, r, u, form{Values: vals}, http.StatusOK)
}

// nextHouseholdCode suggests the conventional code after the village's
// households (the officer may type another).
func (s *Server) nextHouseholdCode(r *http.Request, u *place.Unit) string {
	hs, err := s.store.Households(r.Context(), store.HouseholdFilter{VillageID: u.ID, WithEnded: true})
	if err != nil {
		return ""
	}
	taken := map[string]bool{}
	for _, h := range hs {
		taken[h.Code] = true
	}
	n := len(hs) + 1
	for taken[household.Code(u.Code, n)] {
		n++
	}
	return household.Code(u.Code, n)
}

func (s *Server) renderHouseholdNew(w http.ResponseWriter, r *http.Request, u *place.Unit, f form, status int) {
	v := s.view(r, "", householdNewData{Village: u, Form: f, Relations: household.Relations})
	v.Title = v.T.T("hh_new_title", "Village", u.Name)
	s.render(w, r, "household_new", status, v)
}

// householdCreate creates a household with its first member as its
// representative.
func (s *Server) householdCreate(w http.ResponseWriter, r *http.Request) {
	u, err := s.village(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := form{Values: postValues(r)}
	p, errs := personFromForm(r)
	h := &household.Household{Code: r.PostFormValue("household_code"), VillageID: u.ID, Address: r.PostFormValue("address"),
		Members: []household.Member{{Person: p, Relation: r.PostFormValue("relation"), Representative: true}}}
	if len(errs) == 0 {
		err = s.store.CreateHousehold(r.Context(), h)
	} else {
		err = withChecks(errs, h.ValidateNew(s.store.Now()))
	}
	if err != nil {
		if status, ok := s.refuse(w, r, &f, err, newHouseholdFields...); ok {
			s.renderHouseholdNew(w, r, u, f, status)
		}
		return
	}
	http.Redirect(w, r, "/admin/households/"+url.PathEscape(h.Code), http.StatusSeeOther)
}

// postValues returns the posted form values (after parsing the form).
func postValues(r *http.Request) url.Values {
	_ = r.ParseForm()
	return r.PostForm
}
