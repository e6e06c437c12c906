package web

import (
	"net/http"
	"strings"

	"coso/account"
	"coso/store"
)

type householdsHomeData struct {
	Query    string
	Villages []store.VillageCount
	Total    int
}

// householdsHome lists the villages whose households the official may see,
// with their counts.
func (s *Server) householdsHome(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	roots := account.Roots(whoFrom(r.Context()).Grants, account.HouseholdRead)
	vs, err := s.store.VillageCounts(r.Context(), roots, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := householdsHomeData{Query: q, Villages: vs}
	for _, v := range vs {
		d.Total += v.Households
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("hh_home_title")
	v.Query = q
	s.render(w, r, "admin_households", http.StatusOK, v)
}
