package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"coso"
	"coso/account"
	"coso/store"
)

const auditPage = 50

type auditData struct {
	*listScope
	User, Action, From, To string
	Actions                []string
	Entries                []store.AuditEntry
	Groups                 []string     // action prefixes ("account.") to filter a whole group
	Next                   template.URL // the older page, "" on the last
	CSV                    template.URL // the export of the same filter
	Err                    formError
}

// auditFilter reads the filter of the audit page and its export.
func (s *Server) auditFilter(r *http.Request) (*auditData, store.AuditFilter, error) {
	ls, err := s.listScope(r, account.AuditRead)
	if err != nil {
		return nil, store.AuditFilter{}, err
	}
	d := &auditData{listScope: ls, User: strings.TrimSpace(r.FormValue("user")), Action: strings.TrimSpace(r.FormValue("action")),
		From: strings.TrimSpace(r.FormValue("from")), To: strings.TrimSpace(r.FormValue("to"))}
	f := store.AuditFilter{Scope: ls.Scope, Username: d.User, Action: d.Action}
	var errs coso.Errors
	for _, p := range []struct {
		field string
		text  string
		into  *time.Time
	}{{"from", d.From, &f.From}, {"to", d.To, &f.To}} {
		if p.text == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", p.text, coso.Zone)
		if err != nil {
			errs = append(errs, coso.Invalid(p.field, "Ngày phải có dạng năm-tháng-ngày, ví dụ 2025-07-01.",
				"A date must read year-month-day, for example 2025-07-01."))
			continue
		}
		*p.into = t
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		errs = append(errs, coso.Invalid("to", "Ngày kết thúc trước ngày bắt đầu.", "The end date is before the start date."))
	}
	if len(errs) > 0 {
		d.Err = formError{List: errs}
	}
	return d, f, nil
}

// auditPage shows the audit trail of the chosen unit and its subtree,
// newest first, filtered by person, action and dates.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, f, err := s.auditFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Actions, err = s.store.AuditActions(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, a := range d.Actions {
		if i := strings.IndexByte(a, '.'); i > 0 && !slices.Contains(d.Groups, a[:i+1]) {
			d.Groups = append(d.Groups, a[:i+1])
		}
	}
	if len(d.Err.List) == 0 {
		f.BeforeID, _ = strconv.ParseInt(r.FormValue("before"), 10, 64)
		f.Limit = auditPage + 1
		if d.Entries, err = s.store.AuditLog(ctx, f); err != nil {
			s.fail(w, r, err)
			return
		}
		if len(d.Entries) > auditPage {
			d.Entries = d.Entries[:auditPage]
			d.Next = nextPage(r, "before", d.Entries[auditPage-1].ID)
		}
		q := url.Values{"unit": {d.Unit.Code}, "user": {d.User}, "action": {d.Action}, "from": {d.From}, "to": {d.To}}
		d.CSV = template.URL("/admin/audit.csv?" + q.Encode()) // #nosec G203 -- a local path with an encoded query
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("nav_audit")
	s.render(w, r, "admin_audit", d.Err.Status(), v)
}
