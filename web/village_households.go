package web

import (
	"net/http"
	"strconv"
	"strings"

	"coso/account"
	"coso/household"
	"coso/place"
	"coso/store"
)

// pageSize is the number of households on one page of a village's list.
const pageSize = 50

type villageHouseholdsData struct {
	Village    *place.Unit
	Counts     store.VillageCount
	Query      string
	Households []*household.Household
	Next       string // the cursor of the next page, if any
	CanWrite   bool
}

// villageHouseholds lists a village's households, searchable by a
// member's name or the code with or without diacritics, a page at a time.
func (s *Server) villageHouseholds(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.village(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	d := villageHouseholdsData{Village: u, Query: q, CanWrite: s.may(r.Context(), account.HouseholdWrite, u.ID)}
	counts, err := s.store.VillageCounts(ctx, []int64{u.ID}, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(counts) == 1 {
		d.Counts = counts[0]
	}
	f := store.HouseholdFilter{VillageID: u.ID, Query: q, Limit: pageSize + 1}
	f.AfterID, _ = strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	hs, err := s.store.Households(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(hs) > pageSize {
		hs = hs[:pageSize]
		d.Next = strconv.FormatInt(hs[pageSize-1].ID, 10)
	}
	d.Households = hs
	v := s.view(r, u.Name, d)
	v.Title = v.T.T("hh_village_title", "Village", u.Name)
	s.render(w, r, "village_households", http.StatusOK, v)
}
