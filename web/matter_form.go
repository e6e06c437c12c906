package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"coso"
)

// Small readers of form values that answer with a field error.

func formInt(r *http.Request, name string) (int, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, coso.Invalid(name, "Cần một số nguyên không âm.", "A whole number of 0 or more is required.")
	}
	return n, nil
}

func formID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	if err != nil || n <= 0 {
		return 0, coso.Invalid(name, "Thiếu hoặc sai mã số.", "A valid id is required.")
	}
	return n, nil
}

// textLines splits a textarea into its non-empty lines.
func textLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// badInput is the status of a form refused for its content: 400 for bad
// values, the code's own status otherwise (409 for a step out of order).
// Several field errors at once (coso.Errors) take the first one's status.
func badInput(err error) int {
	return problemsOf(err).Status()
}

// today is the local date of t.
func today(t time.Time) time.Time {
	y, m, d := t.In(coso.Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone)
}
