package web

import (
	"net/http"
	"net/url"
	"strconv"

	"coso"
	"coso/household"
	"coso/lang"
)

var memberRemoveFields = []string{"on", "reason", "new_representative"}

// successors are the members who may take over when the representative
// leaves: the other current adult members.
func (s *Server) successors(r *http.Request, d *householdFormData, leaving int64) []memberLine {
	p := s.cat.Printer(lang.FromRequest(r))
	var out []memberLine
	for _, m := range d.Household.Members {
		if l := s.memberLine(p, m, false); m.Person.ID != leaving && l.Adult {
			out = append(out, l)
		}
	}
	return out
}

func (s *Server) memberRemoveForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok || !s.currentMember(w, r, &d) {
		return
	}
	d.Form.Values = url.Values{}
	s.renderMemberRemove(w, r, d, http.StatusOK)
}

func (s *Server) renderMemberRemove(w http.ResponseWriter, r *http.Request, d householdFormData, status int) {
	if d.Member.Representative && len(d.Household.Members) > 1 {
		d.Choices = s.successors(r, &d, d.Member.Person.ID)
	}
	s.renderHouseholdForm(w, r, "member_remove", "hh_member_remove_title", d, status)
}

// memberRemove ends a person's membership (death, moving away…) with a
// reason, handing the representation over first when the person held it.
// The last member leaving ends the household.
func (s *Server) memberRemove(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok || !s.currentMember(w, r, &d) {
		return
	}
	d.Form.Values = postValues(r)
	l := household.Leave{Reason: r.PostFormValue("reason")}
	var err error
	if l.On, err = dateField(r, "on"); err == nil {
		if v := r.PostFormValue("new_representative"); v != "" {
			if l.NewRepresentativeID, err = strconv.ParseInt(v, 10, 64); err != nil {
				err = coso.Invalid("new_representative", "Hãy chọn người đại diện mới trong danh sách.", "Choose the new representative from the list.")
			}
		}
	}
	if err == nil {
		err = s.store.RemoveMember(r.Context(), d.Household.ID, d.Member.Person.ID, l)
	}
	if err != nil {
		if status, ok := s.refuse(w, r, &d.Form, err, memberRemoveFields...); ok {
			s.renderMemberRemove(w, r, d, status)
		}
		return
	}
	s.backToHousehold(w, r, d.Household)
}
