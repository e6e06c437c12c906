package web

import (
	"fmt"
	"net/http"
	"strings"

	"coso"
	"coso/disclosure"
	"coso/place"
	"coso/ratelimit"
	"coso/store"
)

type unitRequestsData struct {
	Unit     *place.Unit
	Requests []*disclosure.Request
}

// unitRequests lists the public requests for information a unit (and the
// units under it) received, with their answers. Names and contacts never
// appear.
func (s *Server) unitRequests(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rs, err := s.store.InfoRequests(ctx, store.InfoRequestFilter{UnitID: u.ID, PublicOnly: true, Limit: 100})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", unitRequestsData{Unit: u, Requests: rs})
	v.Title = v.T.T("req_list_title", "Unit", u.Name)
	s.render(w, r, "request_list", http.StatusOK, v)
}

type requestFormData struct {
	Unit    *place.Unit
	Request disclosure.Request
	Error   *coso.Error
	Sent    *disclosure.Request
}

// requestForm is where a citizen asks a unit for information it has not
// published.
func (s *Server) requestForm(w http.ResponseWriter, r *http.Request) {
	u, err := s.store.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRequestForm(w, r, requestFormData{Unit: u, Request: disclosure.Request{Public: true}}, http.StatusOK)
}

func (s *Server) renderRequestForm(w http.ResponseWriter, r *http.Request, d requestFormData, status int) {
	v := s.view(r, "", d)
	v.Title = v.T.T("req_new_title")
	s.render(w, r, "request_form", status, v)
}

// createRequest records a citizen's request. The page that answers shows
// the deadline and the request's public page; a private request has no
// public page, so the citizen keeps its number.
func (s *Server) createRequest(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := disclosure.Request{UnitID: u.ID, Name: r.PostFormValue("name"), Contact: r.PostFormValue("contact"),
		Question: r.PostFormValue("question"), Public: r.PostFormValue("private") == ""}
	d := requestFormData{Unit: u, Request: q}
	if err := s.limits.Check(ctx, ratelimit.InfoRequestPerAddr, ratelimit.Addr(r.RemoteAddr)); err != nil {
		d.Error, _ = firstError(err)
		setRetryAfter(w, err)
		s.renderRequestForm(w, r, d, http.StatusTooManyRequests)
		return
	}
	if err := s.store.CreateInfoRequest(ctx, &q); err != nil {
		var status int
		d.Error, status = firstError(err)
		if status >= 500 {
			s.fail(w, r, err)
			return
		}
		s.renderRequestForm(w, r, d, status)
		return
	}
	d.Sent = &q
	s.renderRequestForm(w, r, d, http.StatusCreated)
}

type requestPageData struct {
	Request *disclosure.Request
	Timing  disclosure.Timing
}

// requestPage shows a public request and its answer.
func (s *Server) requestPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q, err := s.store.InfoRequest(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !q.Public {
		s.fail(w, r, coso.NotFound(fmt.Sprintf("request %d", id)))
		return
	}
	cal, err := s.store.Calendar(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", requestPageData{Request: q, Timing: q.Timing(cal, s.store.Now())})
	v.Title = v.T.T("req_title", "ID", q.ID)
	s.render(w, r, "request", http.StatusOK, v)
}

// fieldIs tells whether e concerns field (for marking a form's inputs).
func fieldIs(e *coso.Error, field string) bool {
	return e != nil && strings.EqualFold(e.Field, field)
}

func init() { funcs["fieldIs"] = fieldIs }
