package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"coso"
	"coso/calendar"
	"coso/petition"
	"coso/place"
)

type receptionData struct {
	Unit     *place.Unit
	Level    petition.Level
	Sessions []*petition.Session
	Requests []*petition.ReceptionRequest // the back office's: requests for online sessions
	Checks   []petition.MonthCheck
	Admin    bool
	Today    time.Time
	Error    *coso.Error
	Values   map[string]string
	Failed   string
}

// receptionData gathers a unit's sessions from the start of last month to
// three months ahead, and checks each month against the least reception
// the law asks of the unit's chair.
func (s *Server) receptionData(r *http.Request, admin bool) (receptionData, error) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		return receptionData{}, err
	}
	today := calendar.DayOf(s.store.Now())
	d := receptionData{Unit: u, Admin: admin, Today: today, Values: map[string]string{}}
	switch {
	case u.Kind.IsCommuneLevel():
		d.Level = petition.CommuneLevel
	case u.Kind.IsProvinceLevel():
		d.Level = petition.ProvinceLevel
	}
	first := calendar.Date(today.Year(), today.Month(), 1)
	from, to := first.AddDate(0, -1, 0), first.AddDate(0, 4, -1)
	if d.Sessions, err = s.store.Sessions(ctx, u.ID, from, to); err != nil {
		return d, err
	}
	if admin {
		if d.Requests, err = s.store.ReceptionRequests(ctx, u.ID); err != nil {
			return d, err
		}
	}
	if d.Level == "" {
		return d, nil
	}
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return d, err
	}
	var plain []petition.Session
	for _, x := range d.Sessions {
		plain = append(plain, *x)
	}
	for m := from; m.Before(to); m = m.AddDate(0, 1, 0) {
		if mc, ok := petition.CheckMonth(d.Level, m, plain, cal); ok {
			d.Checks = append(d.Checks, mc)
		}
	}
	return d, nil
}

// unitReception is the public schedule of a unit's reception days, with
// each month checked against the law's least.
func (s *Server) unitReception(w http.ResponseWriter, r *http.Request) {
	s.showReception(w, r, false, "", nil)
}

// adminReception is the same schedule with the forms to add and cancel
// sessions and to log the cases taken in at each.
func (s *Server) adminReception(w http.ResponseWriter, r *http.Request) {
	s.showReception(w, r, true, "", nil)
}

func (s *Server) showReception(w http.ResponseWriter, r *http.Request, admin bool, failed string, stepErr error) {
	d, err := s.receptionData(r, admin)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if stepErr != nil {
		d.Error, status = firstError(stepErr)
		if status >= 500 {
			s.fail(w, r, stepErr)
			return
		}
		d.Failed, d.Values = failed, formValues(r)
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("rec_title", "Unit", d.Unit.Name)
	s.render(w, r, "reception", status, v)
}

// addSession publishes a reception session.
func (s *Server) addSession(w http.ResponseWriter, r *http.Request) {
	on, err := formDate(r, "on")
	if err == nil {
		f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
		rs := &petition.Session{UnitCode: r.PathValue("code"), On: on, Starts: f("starts"), Ends: f("ends"),
			Host: f("host"), Place: f("place"), Online: f("online") != ""}
		err = s.store.CreateSession(r.Context(), rs)
	}
	if err != nil {
		s.showReception(w, r, true, "add", err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/units/%s/reception", r.PathValue("code")), http.StatusSeeOther)
}

// cancelSession cancels a session of the unit in the path.
func (s *Server) cancelSession(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "session")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rs, err := s.store.Session(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if rs.UnitCode != r.PathValue("code") {
		s.fail(w, r, coso.NotFound("session"))
		return
	}
	if err := s.store.CancelSession(r.Context(), id, r.PostFormValue("reason")); err != nil {
		s.showReception(w, r, true, fmt.Sprint("cancel", id), err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/units/%s/reception", rs.UnitCode), http.StatusSeeOther)
}
