package web

import (
	"net/http"
	"net/url"
	"strings"

	"coso"
	"coso/account"
)

var moveFields = []string{"village", "on", "reason"}

func (s *Server) moveForm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok {
		return
	}
	d.Form.Values = url.Values{}
	s.renderMove(w, r, d, http.StatusOK)
}

// renderMove lists the villages the official may move the household to:
// those where they may change households, other than its own.
func (s *Server) renderMove(w http.ResponseWriter, r *http.Request, d householdFormData, status int) {
	vs, err := s.store.VillageCounts(r.Context(), account.Roots(whoFrom(r.Context()).Grants, account.HouseholdWrite), "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, v := range vs {
		if v.Village.ID != d.Village.ID {
			d.Villages = append(d.Villages, villageChoice{Code: v.Village.Code, Name: v.Village.Name, Commune: v.Commune})
		}
	}
	s.renderHouseholdForm(w, r, "household_move", "hh_move_title", d, status)
}

// move moves a household, with its current members, to another village.
// The official needs household.write on both villages: the household
// leaves one register and joins another.
func (s *Server) move(w http.ResponseWriter, r *http.Request) {
	d, ok := s.changing(w, r)
	if !ok {
		return
	}
	d.Form.Values = postValues(r)
	status, err := s.moveTo(r, &d)
	if err != nil {
		st, ok := s.refuse(w, r, &d.Form, err, moveFields...)
		if !ok {
			return
		}
		if status == 0 {
			status = st
		}
		s.renderMove(w, r, d, status)
		return
	}
	s.backToHousehold(w, r, d.Household)
}

// moveTo checks the target village and moves the household; a status is
// returned when it is not the error's own (403 for a village the official
// may not change).
func (s *Server) moveTo(r *http.Request, d *householdFormData) (int, error) {
	code := strings.TrimSpace(r.PostFormValue("village"))
	if code == "" {
		return 0, coso.Invalid("village", "Hãy chọn thôn, tổ dân phố chuyển đến.", "Choose the village to move to.")
	}
	to, err := s.store.UnitByCode(r.Context(), code)
	if err != nil {
		return http.StatusBadRequest, coso.Invalid("village", "Không có thôn, tổ dân phố %s.", "No village or residential group %s.", code)
	}
	if !s.may(r.Context(), account.HouseholdWrite, to.ID) {
		return http.StatusForbidden, coso.Invalid("village", "Bạn không có quyền chuyển hộ đến %s.", "You may not move households into %s.", to.Name)
	}
	on, err := dateField(r, "on")
	if err != nil {
		return 0, err
	}
	return 0, s.store.MoveHousehold(r.Context(), d.Household.ID, to.ID, on, r.PostFormValue("reason"))
}
