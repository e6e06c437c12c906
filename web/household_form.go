package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"coso"
	"coso/household"
	"coso/lang"
	"coso/place"
	"coso/viet"
)

// form is what a back-office form shows: the values the person typed and,
// after a refused submission, a message for each bad field and the
// messages no field of the form shows.
type form struct {
	Values url.Values
	Errors map[string]string
	Other  []string
}

// Get returns the value typed into a field.
func (f form) Get(field string) string { return f.Values.Get(field) }

// Err returns the message about a field, if any.
func (f form) Err(field string) string { return f.Errors[field] }

// Failed tells whether the submission was refused.
func (f form) Failed() bool { return len(f.Errors) > 0 || len(f.Other) > 0 }

// refuse puts err's messages, in the page's language, on the form's
// fields (those listed in shown; a "members[0]." prefix is dropped, since
// a form edits one member) and returns the status to render the form
// with. ok is false when err is not the person's doing: the error page was
// shown and the form must not be.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, f *form, err error, shown ...string) (status int, ok bool) {
	var es coso.Errors
	if !errors.As(err, &es) {
		if coso.ErrorCode(err) == coso.EInternal {
			s.fail(w, r, err)
			return 0, false
		}
		es = coso.Errors{coso.AsError(err)}
	}
	p := s.cat.Printer(lang.FromRequest(r))
	f.Errors = map[string]string{}
	for _, e := range es {
		msg := p.Pick(e.VI, e.EN)
		field := strings.TrimPrefix(e.Field, "members[0].")
		switch {
		case contains(shown, field) && f.Errors[field] == "":
			f.Errors[field] = msg
		case contains(shown, field):
			f.Errors[field] += " " + msg
		default:
			f.Other = append(f.Other, msg)
		}
	}
	return coso.HTTPStatus(es[0].Code), true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// personFields are the fields of a person on every form that edits one.
var personFields = []string{"full_name", "birth_date", "sex", "citizen_id", "phone"}

// personFromForm reads a person's fields. Dates may be written DD/MM/YYYY
// or YYYY-MM-DD; the store checks the rest.
func personFromForm(r *http.Request) (household.Person, coso.Errors) {
	p := household.Person{FullName: r.PostFormValue("full_name"), CitizenID: r.PostFormValue("citizen_id"),
		Phone: r.PostFormValue("phone")}
	var errs coso.Errors
	var err error
	if p.BirthDate, err = household.ParseDate(r.PostFormValue("birth_date")); err != nil {
		errs = append(errs, coso.AsError(err))
	}
	if v := r.PostFormValue("sex"); v != "" {
		if p.Sex, err = household.ParseSex(v); err != nil {
			errs = append(errs, coso.AsError(err))
		}
	}
	return p, errs
}

// personValues fills a form with a stored person's fields.
func personValues(p *household.Person) url.Values {
	v := url.Values{}
	v.Set("full_name", p.FullName)
	v.Set("birth_date", dmy(p.BirthDate))
	v.Set("sex", string(p.Sex))
	v.Set("citizen_id", p.CitizenID)
	v.Set("phone", viet.FormatPhone(p.Phone))
	return v
}

// dateField reads an optional date field ("on", "since"); empty is today.
func dateField(r *http.Request, field string) (time.Time, error) {
	s := strings.TrimSpace(r.PostFormValue(field))
	d, err := household.ParseDate(s)
	if err != nil {
		return d, coso.Invalid(field, "Ngày %q phải viết DD/MM/YYYY hoặc YYYY-MM-DD.", "The date %q must be written DD/MM/YYYY or YYYY-MM-DD.", s)
	}
	return d, nil
}

// village reads the {code} of a village route: a live village or
// residential group.
func (s *Server) village(r *http.Request) (*place.Unit, error) {
	u, err := s.store.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return nil, err
	}
	if !u.Kind.IsGrassroots() {
		return nil, coso.Errorf(coso.ENotFound, "village", "%s không phải thôn hay tổ dân phố.", "%s is not a village or residential group.", u.Name)
	}
	return u, nil
}

// dmy writes a date the Vietnamese way, DD/MM/YYYY; empty when unknown.
func dmy(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(coso.Zone).Format("02/01/2006")
}

func errEnded(h *household.Household) error {
	return coso.Errorf(coso.EConflict, "household", "Hộ %s đã kết thúc, không thay đổi được.", "Household %s has ended and cannot be changed.", h.Code)
}

// withChecks adds to the errors of reading a form those that the domain's
// own checks find in the other fields, so a refused form names every bad
// field at once.
func withChecks(read coso.Errors, check error) error {
	if check == nil {
		return read
	}
	var es coso.Errors
	if !errors.As(check, &es) {
		es = coso.Errors{coso.AsError(check)}
	}
	seen := map[string]bool{}
	for _, e := range read {
		seen[strings.TrimPrefix(e.Field, "members[0].")] = true
	}
	for _, e := range es {
		if !seen[strings.TrimPrefix(e.Field, "members[0].")] {
			read = append(read, e)
		}
	}
	return read
}
