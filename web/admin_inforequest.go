package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"coso"
	"coso/account"
	"coso/disclosure"
	"coso/store"
)

type adminRequestsData struct {
	Open   []requestLine
	Closed []requestLine
}

type requestLine struct {
	R      *disclosure.Request
	Timing disclosure.Timing
}

// adminRequests is the queue of requests for information to answer, the
// nearest deadline first, and those answered lately.
func (s *Server) adminRequests(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := adminRequestsData{}
	now := s.store.Now()
	for _, root := range account.Roots(whoFrom(ctx).Grants, account.DisclosureWrite) {
		open, err := s.store.InfoRequests(ctx, store.InfoRequestFilter{UnitID: root, Open: true, Limit: 500})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, q := range open {
			d.Open = append(d.Open, requestLine{q, q.Timing(cal, now)})
		}
		all, err := s.store.InfoRequests(ctx, store.InfoRequestFilter{UnitID: root, Limit: 50})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, q := range all {
			if q.Status != disclosure.Open {
				d.Closed = append(d.Closed, requestLine{q, q.Timing(cal, now)})
			}
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("req_admin_title")
	s.render(w, r, "admin_requests", http.StatusOK, v)
}

type adminRequestData struct {
	requestPageData
	Failed string
	Error  *coso.Error
	Values map[string]string
}

// adminRequest shows a request with the requester's name and contact (the
// office needs them to answer) and the forms to answer or extend it.
func (s *Server) adminRequest(w http.ResponseWriter, r *http.Request) {
	s.renderAdminRequest(w, r, "", nil)
}

func (s *Server) renderAdminRequest(w http.ResponseWriter, r *http.Request, failed string, err error) {
	id, _ := pathInt(r, "id")
	q, qerr := s.store.InfoRequest(r.Context(), id)
	if qerr != nil {
		s.fail(w, r, qerr)
		return
	}
	cal, cerr := s.store.Calendar(r.Context())
	if cerr != nil {
		s.fail(w, r, cerr)
		return
	}
	d := adminRequestData{requestPageData: requestPageData{Request: q, Timing: q.Timing(cal, s.store.Now())}, Failed: failed, Values: map[string]string{}}
	status := http.StatusOK
	if err != nil {
		d.Error, status = firstError(err)
		if status >= 500 {
			s.fail(w, r, err)
			return
		}
		for k, v := range r.PostForm {
			d.Values[k] = strings.Join(v, "")
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("req_title", "ID", q.ID)
	s.render(w, r, "admin_request", status, v)
}

func (s *Server) answerRequest(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	var did int64
	if v := strings.TrimSpace(r.PostFormValue("disclosure")); v != "" {
		n, err := strconv.ParseInt(strings.TrimPrefix(v, "#"), 10, 64)
		if err != nil {
			s.renderAdminRequest(w, r, "answer", coso.Invalid("disclosure", "Số thông tin công khai không hợp lệ.", "Invalid disclosure number."))
			return
		}
		did = n
	}
	_, err := s.store.AnswerInfoRequest(r.Context(), id, disclosure.RequestStatus(r.PostFormValue("status")), r.PostFormValue("answer"), did)
	if err != nil {
		s.renderAdminRequest(w, r, "answer", err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/information-requests/%d", id), http.StatusSeeOther)
}

func (s *Server) extendRequest(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	if _, err := s.store.ExtendInfoRequest(r.Context(), id, r.PostFormValue("reason")); err != nil {
		s.renderAdminRequest(w, r, "extend", err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/information-requests/%d", id), http.StatusSeeOther)
}
