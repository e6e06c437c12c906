package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"coso"
	"coso/disclosure"
	"coso/lang"
)

// markdownRenderer renders disclosure bodies. Raw HTML in the source is
// dropped (goldmark's default: WithUnsafe is not set) and links with
// dangerous schemes such as javascript: lose their target, so a body
// cannot carry a script whatever an officer pastes into it.
var markdownRenderer = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithRendererOptions(html.WithHardWraps()),
)

// renderMarkdown turns a Markdown body into safe HTML.
func renderMarkdown(src string) template.HTML {
	var b bytes.Buffer
	if err := markdownRenderer.Convert([]byte(src), &b); err != nil {
		return template.HTML(template.HTMLEscapeString(src)) // #nosec G203 -- escaped
	}
	return template.HTML(b.String()) // #nosec G203 -- goldmark without WithUnsafe omits raw HTML
}

func init() {
	funcs["markdown"] = renderMarkdown
	funcs["category"] = func(p *lang.Printer, code string) string {
		r, ok := disclosure.RuleFor(code)
		if !ok {
			return code
		}
		return p.Pick(r.VI, r.EN)
	}
	funcs["channel"] = func(p *lang.Printer, c disclosure.Channel) string { return c.Name(p.Lang) }
	funcs["timing"] = timingText
	funcs["isodate"] = func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(coso.Zone).Format("2006-01-02")
	}
	funcs["kb"] = func(n int64) string { return strconv.FormatInt((n+1023)/1024, 10) + " KB" }
}

// timingText says how something stands against its deadline.
func timingText(p *lang.Printer, t disclosure.Timing) string {
	unit := "dis_days"
	if t.Working {
		unit = "dis_working_days"
	}
	if t.LateBy == 1 {
		unit = strings.TrimSuffix(unit, "s") // one day, one working day
	}
	switch t.State {
	case disclosure.OnTime:
		return p.T("dis_timing_on_time")
	case disclosure.Late:
		return p.T("dis_timing_late", "N", t.LateBy, "Unit", p.T(unit))
	case disclosure.Overdue:
		return p.T("dis_timing_overdue", "N", t.LateBy, "Unit", p.T(unit))
	case disclosure.Dropped:
		return p.T("dis_timing_dropped")
	}
	return p.T("dis_timing_due", "Date", t.Due.In(coso.Zone).Format("02/01/2006"))
}

// categoryOptions lists the categories a unit of kind may publish under.
func categoryOptions(kind string) []disclosure.Rule {
	scope, ok := disclosure.ScopeOf(kind)
	if !ok {
		return nil
	}
	return disclosure.Rules(scope)
}

// formDate reads a YYYY-MM-DD form field (as an <input type="date">
// sends it); empty gives the zero time.
func formDate(r *http.Request, field string) (time.Time, error) {
	v := strings.TrimSpace(r.FormValue(field))
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, coso.Zone)
	if err != nil {
		return t, coso.Invalid(field, "Ngày không hợp lệ (năm-tháng-ngày).", "Invalid date (year-month-day).")
	}
	return t, nil
}

// pathInt reads a numeric path value.
func pathInt(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, coso.NotFound(r.PathValue(name))
	}
	return id, nil
}

// unitOfDisclosure finds the unit of the disclosure in the path, for the
// guard.
func unitOfDisclosure(s *Server, r *http.Request) (int64, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return 0, err
	}
	d, err := s.store.Disclosure(r.Context(), id)
	if err != nil {
		return 0, err
	}
	return d.UnitID, nil
}

// unitOfRequest finds the unit of the request for information in the path.
func unitOfRequest(s *Server, r *http.Request) (int64, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return 0, err
	}
	q, err := s.store.InfoRequest(r.Context(), id)
	if err != nil {
		return 0, err
	}
	return q.UnitID, nil
}

// firstError is a bad input shown on a re-rendered form: the first of
// several field errors, which names its field.
func firstError(err error) (*coso.Error, int) {
	var es coso.Errors
	if errors.As(err, &es) && len(es) > 0 {
		return es[0], coso.HTTPStatus(es[0].Code)
	}
	e := coso.AsError(err)
	return e, coso.HTTPStatus(e.Code)
}
