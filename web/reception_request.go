package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"coso"
	"coso/calendar"
	"coso/petition"
	"coso/place"
	"coso/ratelimit"
)

type receptionRequestData struct {
	Unit     *place.Unit
	Sessions []*petition.Session // online sessions still open to requests
	Earliest time.Time
	Rule     petition.OnlineRequestRule
	Done     *petition.ReceptionRequest
	Error    *coso.Error
	Values   map[string]string
}

// requestable lists the unit's online sessions, not cancelled, at least
// the rule's working days ahead, within the schedule's three months.
func (s *Server) requestable(r *http.Request, u *place.Unit) ([]*petition.Session, time.Time, error) {
	ctx := r.Context()
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	today := calendar.DayOf(s.store.Now())
	earliest := cal.AddWorkingDays(today, petition.OnlineNoticeDays)
	list, err := s.store.Sessions(ctx, u.ID, earliest, today.AddDate(0, 4, 0))
	if err != nil {
		return nil, earliest, err
	}
	var out []*petition.Session
	for _, x := range list {
		if _, ok := petition.OnlineRequestRuleFor(x.On); ok && x.Online && x.Cancelled == "" {
			out = append(out, x)
		}
	}
	return out, earliest, nil
}

// receptionRequestForm is the public form to ask for an online session.
func (s *Server) receptionRequestForm(w http.ResponseWriter, r *http.Request) {
	s.showReceptionRequest(w, r, nil, nil)
}

func (s *Server) showReceptionRequest(w http.ResponseWriter, r *http.Request, done *petition.ReceptionRequest, stepErr error) {
	u, err := s.store.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := receptionRequestData{Unit: u, Done: done, Values: map[string]string{"session": r.FormValue("session")}}
	d.Rule = petition.OnlineRequestRules()[0]
	if d.Sessions, d.Earliest, err = s.requestable(r, u); err != nil {
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
		d.Values = formValues(r)
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("rrq_title", "Unit", u.Name)
	s.render(w, r, "reception_request", status, v)
}

// createReceptionRequest records the request and shows its code.
func (s *Server) createReceptionRequest(w http.ResponseWriter, r *http.Request) {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	sid, err := strconv.ParseInt(f("session"), 10, 64)
	if err != nil {
		s.showReceptionRequest(w, r, nil, coso.Invalid("session", "Hãy chọn buổi tiếp.", "Choose a session."))
		return
	}
	// The same allowance as sending a case: a request is as easy to flood.
	if err := s.limits.Check(r.Context(), ratelimit.PetitionPerAddr, ratelimit.Addr(r.RemoteAddr)); err != nil {
		s.showReceptionRequest(w, r, nil, err)
		return
	}
	q := &petition.ReceptionRequest{Name: f("name"), Phone: f("phone"), Email: f("email"), Matter: f("matter")}
	if err := s.store.CreateReceptionRequest(r.Context(), r.PathValue("code"), sid, q); err != nil {
		s.showReceptionRequest(w, r, nil, err)
		return
	}
	s.showReceptionRequest(w, r, q, nil)
}

// decideReceptionRequest accepts or refuses a request of the unit in the
// path; the resident is told through the outbox.
func (s *Server) decideReceptionRequest(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "rrequest")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q, err := s.store.ReceptionRequest(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if q.Session.UnitCode != r.PathValue("code") {
		s.fail(w, r, coso.NotFound("request"))
		return
	}
	accept := r.PostFormValue("decision") == "accept"
	if _, err := s.store.DecideReceptionRequest(r.Context(), id, accept, r.PostFormValue("link"), r.PostFormValue("at"), r.PostFormValue("reason")); err != nil {
		s.showReception(w, r, true, fmt.Sprint("request", id), err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/units/%s/reception#requests", q.Session.UnitCode), http.StatusSeeOther)
}
