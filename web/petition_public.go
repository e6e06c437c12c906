package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"coso"
	"coso/calendar"
	"coso/petition"
	"coso/place"
	"coso/store"
	"coso/viet"
)

type lookupData struct {
	Code  string
	Error *coso.Error
}

// petitionLookup is where a sender types a tracking code; a valid one goes
// to the case's status page.
func (s *Server) petitionLookup(w http.ResponseWriter, r *http.Request) {
	d := lookupData{Code: r.URL.Query().Get("code")}
	status := http.StatusOK
	if d.Code != "" {
		code, err := petition.ParseCode(d.Code)
		if err == nil {
			http.Redirect(w, r, "/petitions/"+url.PathEscape(code), http.StatusSeeOther)
			return
		}
		d.Error, status = coso.AsError(err), http.StatusBadRequest
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("pet_lookup_title")
	s.render(w, r, "petition_lookup", status, v)
}

// petitionRules shows the table of the legal clocks.
func (s *Server) petitionRules(w http.ResponseWriter, r *http.Request) {
	v := s.view(r, "", petition.Rules())
	v.Title = v.T.T("pet_rules_title")
	s.render(w, r, "petition_rules", http.StatusOK, v)
}

type statusData struct {
	Case      *petition.Case
	Timing    petition.Timing
	Deadlines []petition.Deadline
	Rateable  bool
}

// petitionStatus is the public status page of a case, for whoever holds
// its tracking code: the stage, the dates, the deadlines and the official
// answer. It shows nothing of who sent the case, nor what they wrote.
func (s *Server) petitionStatus(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	code, err := petition.ParseCode(r.PathValue("code"))
	if err != nil {
		s.fail(w, r, coso.NotFound("petition"))
		return
	}
	c, err := s.store.PetitionByCode(ctx, code)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.store.Now()
	d := statusData{Case: c, Timing: c.Timing(cal, now), Deadlines: c.Deadlines(cal, now),
		Rateable: c.Finished() && !c.Rated}
	v := s.view(r, "", d)
	v.Title = v.T.T("pet_status_title", "Code", c.Code)
	// The page is the sender's own: no shared cache keeps it.
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, "petition_status", http.StatusOK, v)
}

type unitPetitionsData struct {
	Unit      *place.Unit
	Year      int
	Years     []int
	Figures   store.PetitionFigures
	Rows      []figureRow
	Published []*petition.Case
}

type figureRow struct {
	Unit    *place.Unit
	Figures store.PetitionFigures
}

// unitPetitions is a unit's public page: how it handles what residents
// send (received, on time, overdue, average days) over a year, per unit
// below it, and the cases published with their senders' consent.
func (s *Server) unitPetitions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	thisYear := calendar.DayOf(s.store.Now()).Year()
	year := thisYear
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2020 && y <= thisYear {
		year = y
	}
	d := unitPetitionsData{Unit: u, Year: year}
	for y := thisYear; y >= thisYear-3; y-- {
		d.Years = append(d.Years, y)
	}
	from, to := calendar.Date(year, time.January, 1), calendar.Date(year, time.December, 31)
	total, by, err := s.store.PetitionFigures(ctx, u.ID, from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Figures = total
	for id, f := range by {
		if id == u.ID && len(by) == 1 {
			break
		}
		unit, err := s.store.Unit(ctx, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Rows = append(d.Rows, figureRow{Unit: unit, Figures: f})
	}
	viet.SortBy(d.Rows, func(r figureRow) string { return r.Unit.Name })
	if d.Published, err = s.store.Petitions(ctx, store.PetitionFilter{Under: u.ID, Published: true, Limit: 50}); err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("pet_unit_title", "Unit", u.Name)
	s.render(w, r, "petition_unit", http.StatusOK, v)
}
