package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"coso"
	"coso/consultation"
	"coso/place"
	"coso/store"
)

// option is one choice of a select, radio or checkbox list.
type option struct {
	Value string
	Name  string
	Note  string
}

type newConsultationData struct {
	Unit      *place.Unit
	MinDays   int
	Article   string
	Staff     bool   // an agency or enterprise asking its staff or workers (art. 53–55, 71)
	Earliest  string // the earliest closing date if opened today
	Subjects  []option
	Forms     []option
	Audiences []option
	Villages  []*place.Unit
	Values    map[string]string
	Checked   map[string]bool // "form:meeting", "village:12"
	Preview   []consultation.Section
	Error     *coso.Error
}

var consultationFields = []string{"unit", "subject", "title", "summary", "draft", "split", "audience", "audience_note", "households", "documents", "opens_on", "closes_on"}

// newConsultationForm asks for a consultation of the commune chosen with
// "unit": its subject (art. 25), the draft as text, the forms (art. 26),
// whom it asks and its period.
func (s *Server) newConsultationForm(w http.ResponseWriter, r *http.Request) {
	values := map[string]string{"unit": r.URL.Query().Get("unit"), "split": "auto", "audience": string(consultation.WholeUnit)}
	s.renderNewConsultation(w, r, values, map[string]bool{}, http.StatusOK, nil)
}

func (s *Server) renderNewConsultation(w http.ResponseWriter, r *http.Request, values map[string]string, checked map[string]bool, status int, err error) {
	ctx := r.Context()
	v := s.view(r, "", nil)
	v.Title = v.T.T("con_new")
	d := newConsultationData{Values: values, Checked: checked}
	if err != nil {
		d.Error, _ = firstError(err)
	}
	subjects, audiences, kind := consultation.Subjects(), consultation.Audiences(), ""
	if code := values["unit"]; code != "" {
		if u, err := s.store.UnitByCode(ctx, code); err == nil {
			d.Unit, d.Staff, kind = u, consultation.Staff(string(u.Kind)), string(u.Kind)
			subjects, audiences = consultation.SubjectsFor(string(u.Kind)), consultation.AudiencesFor(string(u.Kind))
			if d.Staff { // one audience: its staff or its workers
				values["audience"] = string(audiences[0])
			}
			d.MinDays, d.Article, _ = consultation.PeriodFor(string(u.Kind))
			d.Earliest = consultation.EarliestClose(today(s.store.Now()), d.MinDays).Format("2006-01-02")
			d.Villages, _ = s.store.Units(ctx, store.UnitFilter{ParentID: u.ID, Kinds: []place.Kind{place.Village, place.ResidentialGroup}})
		}
	}
	for _, sub := range subjects {
		d.Subjects = append(d.Subjects, option{Value: strconv.Itoa(int(sub)), Name: sub.Name(v.Lang), Note: sub.Article()})
	}
	for _, f := range consultation.Forms() {
		if f != consultation.Portal && (!d.Staff || f.Staff()) {
			d.Forms = append(d.Forms, option{Value: string(f), Name: f.NameFor(kind, v.Lang)})
		}
	}
	for _, a := range audiences {
		d.Audiences = append(d.Audiences, option{Value: string(a), Name: a.Name(v.Lang)})
	}
	if values["draft"] != "" {
		d.Preview = splitDraft(values["draft"], values["split"])
	}
	v.Data = d
	s.render(w, r, "admin_consultation_new", status, v)
}

func splitDraft(text, mode string) []consultation.Section {
	if mode == "lines" {
		return consultation.SplitLines(text)
	}
	return consultation.Split(text)
}

// createConsultation stores the draft and goes to its page; "preview"
// shows how the draft text is split without saving.
func (s *Server) createConsultation(w http.ResponseWriter, r *http.Request) {
	values := map[string]string{}
	for _, k := range consultationFields {
		values[k] = r.PostFormValue(k)
	}
	checked := map[string]bool{}
	for _, f := range r.PostForm["forms"] {
		checked["form:"+f] = true
	}
	for _, vl := range r.PostForm["villages"] {
		checked["village:"+vl] = true
	}
	if r.PostFormValue("preview") != "" {
		s.renderNewConsultation(w, r, values, checked, http.StatusOK, nil)
		return
	}
	c, err := s.consultationFromForm(r)
	if err == nil {
		err = s.store.CreateConsultation(r.Context(), c)
	}
	if err != nil {
		s.renderNewConsultation(w, r, values, checked, badInput(err), err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/consultations/%d", c.ID), http.StatusSeeOther)
}

func (s *Server) consultationFromForm(r *http.Request) (*consultation.Consultation, error) {
	u, err := s.store.UnitByCode(r.Context(), strings.TrimSpace(r.PostFormValue("unit")))
	if err != nil {
		return nil, coso.Invalid("unit", "Không có xã, phường có mã này.", "No commune or ward has this code.")
	}
	subject, err := formInt(r, "subject")
	if err != nil {
		return nil, err
	}
	c := &consultation.Consultation{UnitID: u.ID, Subject: consultation.Subject(subject), Title: r.PostFormValue("title"),
		Summary: r.PostFormValue("summary"), Sections: splitDraft(r.PostFormValue("draft"), r.PostFormValue("split")),
		Audience: consultation.Audience(r.PostFormValue("audience")), AudienceNote: r.PostFormValue("audience_note")}
	for _, f := range r.PostForm["forms"] {
		c.Forms = append(c.Forms, consultation.Form(f))
	}
	for _, vl := range r.PostForm["villages"] {
		if id, err := strconv.ParseInt(vl, 10, 64); err == nil {
			c.AudienceUnits = append(c.AudienceUnits, id)
		}
	}
	c.Docs = documentLines(r.PostFormValue("documents"))
	c.Households = strings.Fields(strings.ReplaceAll(r.PostFormValue("households"), ",", " "))
	if c.OpensOn, err = formDate(r, "opens_on"); err != nil {
		return nil, err
	}
	if c.ClosesOn, err = formDate(r, "closes_on"); err != nil {
		return nil, err
	}
	return c, nil
}

// documentLines reads "title | where" lines.
func documentLines(s string) []consultation.Document {
	var out []consultation.Document
	for _, l := range textLines(s) {
		title, ref, _ := strings.Cut(l, "|")
		out = append(out, consultation.Document{Title: strings.TrimSpace(title), Ref: strings.TrimSpace(ref)})
	}
	return out
}
