package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso"
)

// Problem is an RFC 9457 problem details document with the message in
// Vietnamese and English, and one entry per bad field (or file line).
type Problem struct {
	Type      string          `json:"type,omitempty" doc:"A URI reference that identifies the problem type" default:"about:blank"`
	Title     string          `json:"title" doc:"Short summary of the problem type"`
	Status    int             `json:"status" doc:"HTTP status code"`
	Detail    string          `json:"detail,omitempty" doc:"Explanation in English"`
	MessageVI string          `json:"message_vi,omitempty" doc:"Explanation in Vietnamese"`
	MessageEN string          `json:"message_en,omitempty" doc:"Explanation in English"`
	Errors    []*ProblemField `json:"errors,omitempty" doc:"The fields (or file lines) that are wrong"`
}

// ProblemField is one wrong field.
type ProblemField struct {
	Field     string `json:"field,omitempty" doc:"The field, e.g. body.name or parent_code"`
	Line      int    `json:"line,omitempty" doc:"Line of an imported file, counting the header as line 1"`
	MessageVI string `json:"message_vi"`
	MessageEN string `json:"message_en"`
}

func (p *Problem) Error() string  { return p.Detail }
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes huma answer application/problem+json.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/cbor" {
		return "application/problem+cbor"
	}
	return "application/problem+json"
}

func init() {
	// Errors that huma raises itself (malformed JSON, schema violations)
	// get the same shape as ours.
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		p := &Problem{Status: status, Title: http.StatusText(status), Detail: msg,
			MessageEN: msg, MessageVI: viStatus(status)}
		for _, e := range errs {
			var d *huma.ErrorDetail
			if errors.As(e, &d) {
				p.Errors = append(p.Errors, &ProblemField{Field: d.Location,
					MessageVI: "Giá trị không hợp lệ: " + d.Message, MessageEN: d.Message})
			} else if e != nil {
				p.Errors = append(p.Errors, &ProblemField{MessageVI: "Dữ liệu không hợp lệ.", MessageEN: e.Error()})
			}
		}
		return p
	}
}

func viStatus(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return "Dữ liệu gửi lên không hợp lệ."
	case http.StatusUnauthorized:
		return "Cần đăng nhập."
	case http.StatusForbidden:
		return "Không có quyền."
	case http.StatusNotFound:
		return "Không tìm thấy."
	case http.StatusRequestEntityTooLarge:
		return "Dữ liệu gửi lên quá lớn."
	}
	return "Lỗi " + strconv.Itoa(status) + "."
}

// problem turns a domain error into a problem document with its status.
func problem(err error) error { return toProblem(err) }

func toProblem(err error) *Problem {
	var es coso.Errors
	if errors.As(err, &es) && len(es) > 0 {
		p := newProblem(es[0])
		p.MessageVI = "Có " + strconv.Itoa(len(es)) + " lỗi trong dữ liệu gửi lên."
		p.MessageEN = strconv.Itoa(len(es)) + " errors in the submitted data."
		p.Detail = p.MessageEN
		p.Errors = nil
		for _, e := range es {
			p.Errors = append(p.Errors, field(e))
		}
		return p
	}
	e := coso.AsError(err)
	if e.Code == coso.EInternal || e.Code == coso.EUnavailable {
		// The cause stays in the log; the client gets the message only.
		failures.Load().Error("api request failed", "code", e.Code, "err", err)
	}
	p := newProblem(e)
	if e.Field != "" || e.Line > 0 {
		p.Errors = []*ProblemField{field(e)}
	}
	return p
}

func newProblem(e *coso.Error) *Problem {
	st := coso.HTTPStatus(e.Code)
	return &Problem{Status: st, Title: http.StatusText(st), Detail: e.EN, MessageVI: e.VI, MessageEN: e.EN}
}

func field(e *coso.Error) *ProblemField {
	return &ProblemField{Field: e.Field, Line: e.Line, MessageVI: e.VI, MessageEN: e.EN}
}

// parseDay reads an optional date field (YYYY-MM-DD) as a local date.
func parseDay(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, coso.Zone)
	if err != nil {
		return t, problem(coso.Invalid(field, "Ngày không hợp lệ (YYYY-MM-DD).", "Invalid date (YYYY-MM-DD)."))
	}
	return t, nil
}

// failures is where problems that are not the client's fault are logged;
// Register sets it to the API's logger.
var failures atomic.Pointer[slog.Logger]

func init() { failures.Store(slog.Default()) }
