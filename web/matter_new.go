package web

import (
	"fmt"
	"net/http"
	"strings"

	"coso"
	"coso/decision"
	"coso/place"
)

type formLine struct {
	Value string
	Name  string
	OK    bool
	Why   string
}

type subjectLine struct {
	N         int
	Name      string
	Threshold string
	Forms     []formLine
}

type newMatterData struct {
	Unit        *place.Unit
	Households  int
	OptIn       *decision.OptIn
	Subjects    []subjectLine
	Paths       []formLine
	Values      map[string]string
	FormChecked map[string]bool
	Error       *coso.Error
}

// newMatterForm asks for a matter. For the chosen village it shows, for
// every subject, which forms the law allows and why the others are not
// available; and it records the village's decision to vote online.
func (s *Server) newMatterForm(w http.ResponseWriter, r *http.Request) {
	s.renderNewMatter(w, r, map[string]string{"unit": r.URL.Query().Get("unit"), "path": string(decision.ByVillageHead)}, nil, http.StatusOK, nil)
}

func (s *Server) renderNewMatter(w http.ResponseWriter, r *http.Request, values map[string]string, forms []string, status int, err error) {
	ctx := r.Context()
	v := s.view(r, "", nil)
	v.Title = v.T.T("matter_new")
	d := newMatterData{Values: values, FormChecked: map[string]bool{}}
	for _, f := range forms {
		d.FormChecked[f] = true
	}
	if err != nil {
		d.Error = coso.AsError(err)
		var es coso.Errors
		if e, ok := err.(coso.Errors); ok && len(e) > 0 {
			es = e
			d.Error = es[0]
		}
	}
	sit := decision.Situation{Today: today(s.store.Now())}
	if code := values["unit"]; code != "" {
		if u, err := s.store.UnitByCode(ctx, code); err == nil {
			d.Unit = u
			d.Households, _ = s.store.CountHouseholds(ctx, u.ID)
			sit.Households = d.Households
			sit.CommuneWide = u.Kind.IsCommuneLevel()
			if u.Kind.IsGrassroots() {
				d.OptIn, _ = s.store.CurrentOptIn(ctx, u.ID, sit.Today)
				sit.OptIn = d.OptIn
			}
		}
	}
	for _, sub := range decision.Subjects() {
		l := subjectLine{N: int(sub), Name: sub.Name(v.Lang), Threshold: v.T.Pick(sub.Threshold().VI, sub.Threshold().EN)}
		for _, a := range decision.Availability(sub, sit) {
			f := formLine{Value: string(a.Form), Name: a.Form.Name(v.Lang), OK: a.Why == nil}
			if a.Why != nil {
				f.Why = v.T.Pick(a.Why.VI, a.Why.EN)
			}
			l.Forms = append(l.Forms, f)
		}
		d.Subjects = append(d.Subjects, l)
	}
	for _, p := range decision.Paths() {
		d.Paths = append(d.Paths, formLine{Value: string(p), Name: p.Name(v.Lang)})
	}
	v.Data = d
	s.render(w, r, "admin_matter_new", status, v)
}

// createMatter stores the matter as a draft and goes to its page.
func (s *Server) createMatter(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	values := map[string]string{}
	for _, k := range []string{"unit", "subject", "title", "question", "choices", "documents", "path", "proposer", "supporters", "collected_on", "front_approved", "deadline"} {
		values[k] = r.PostFormValue(k)
	}
	forms := r.PostForm["forms"]
	m, err := s.matterFromForm(r, forms)
	if err == nil {
		err = s.store.CreateMatter(ctx, m)
	}
	if err != nil {
		s.renderNewMatter(w, r, values, forms, badInput(err), err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/matters/%d", m.ID), http.StatusSeeOther)
}

func (s *Server) matterFromForm(r *http.Request, forms []string) (*decision.Matter, error) {
	u, err := s.store.UnitByCode(r.Context(), strings.TrimSpace(r.PostFormValue("unit")))
	if err != nil {
		return nil, coso.Invalid("unit", "Không có thôn, xã có mã này.", "No village or commune has this code.")
	}
	subject, err := formInt(r, "subject")
	if err != nil {
		return nil, err
	}
	m := &decision.Matter{UnitID: u.ID, CommuneWide: u.Kind.IsCommuneLevel(), Subject: decision.Subject(subject),
		Title: r.PostFormValue("title"), Question: r.PostFormValue("question"), Choices: textLines(r.PostFormValue("choices")),
		Proposal: decision.Proposal{Path: decision.Path(r.PostFormValue("path")), Proposer: r.PostFormValue("proposer"),
			FrontApproved: r.PostFormValue("front_approved") != ""}}
	for _, f := range forms {
		m.Forms = append(m.Forms, decision.Form(f))
	}
	for _, l := range textLines(r.PostFormValue("documents")) {
		title, ref, _ := strings.Cut(l, "|")
		m.Documents = append(m.Documents, decision.Document{Title: strings.TrimSpace(title), Ref: strings.TrimSpace(ref)})
	}
	if m.Proposal.Supporters, err = formInt(r, "supporters"); err != nil {
		return nil, err
	}
	if m.Proposal.CollectedOn, err = formDate(r, "collected_on"); err != nil {
		return nil, err
	}
	if m.Deadline, err = formDate(r, "deadline"); err != nil {
		return nil, err
	}
	return m, nil
}

// recordOptIn records the village's decision to vote online.
func (s *Server) recordOptIn(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	values := map[string]string{"unit": code, "path": string(decision.ByVillageHead)}
	err := s.optInFromForm(r, code)
	if err != nil {
		s.renderNewMatter(w, r, values, nil, badInput(err), err)
		return
	}
	http.Redirect(w, r, "/admin/matters/new?unit="+code, http.StatusSeeOther)
}

func (s *Server) optInFromForm(r *http.Request, code string) error {
	u, err := s.store.UnitByCode(r.Context(), code)
	if err != nil {
		return err
	}
	o := &decision.OptIn{VillageID: u.ID}
	if o.DecidedOn, err = formDate(r, "decided_on"); err != nil {
		return err
	}
	if o.ValidUntil, err = formDate(r, "valid_until"); err != nil {
		return err
	}
	if o.Households, err = formInt(r, "households"); err != nil {
		return err
	}
	if o.Agreed, err = formInt(r, "agreed"); err != nil {
		return err
	}
	return s.store.RecordOptIn(r.Context(), o)
}
