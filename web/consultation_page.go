package web

import (
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/consultation"
	"coso/place"
	"coso/store"
)

// perSection is how many opinions a section shows before "see all": the
// page must stay light on a phone over 3G.
const perSection = 10

type consultationPageData struct {
	C         *consultation.Consultation
	Subject   string
	Forms     []string
	Villages  []string
	Accepting bool
	Staff     bool // an agency or enterprise asks its staff or workers: no comments here
	DaysLeft  int
	CanEdit   bool
	Citizen   bool // a citizen is signed in
	Named     bool // …as a known person, who may sign with their name
	Sections  []*sectionView
	Stances   []consultation.Stance
	Total     int
}

// sectionView is one section (or the draft as a whole, N = 0) with its
// opinions, their counts, and the signed-in citizen's own comment.
type sectionView struct {
	consultation.Section
	Whole    bool
	Counts   map[string]int
	Hidden   int
	Total    int
	Opinions []opinionView
	More     int // opinions not shown
	Mine     *consultation.Opinion
	Error    *coso.Error // why the citizen's comment here was refused
	Values   commentValues
}

type commentValues struct {
	Stance   string
	Text     string
	ShowName bool
}

type opinionView struct {
	*consultation.Opinion
	Name     string
	ShowText bool // hidden opinions show their text only to those who may read them
}

// consultationPage is the public page of a consultation: what is asked,
// by whom, until when, the draft with an address for every section, the
// opinions on each, and the signed-in citizen's forms. A draft is shown
// only to those who prepare it. ?section=N shows every opinion of one
// section.
func (s *Server) consultationPage(w http.ResponseWriter, r *http.Request) {
	s.showConsultation(w, r, http.StatusOK, -1, nil, commentValues{})
}

func (s *Server) showConsultation(w http.ResponseWriter, r *http.Request, status, failedSection int, failure error, values commentValues) {
	ctx := r.Context()
	id, err := pathInt(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.store.Consultation(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	canEdit := s.may(ctx, account.ConsultationWrite, c.UnitID)
	if !c.Status.Public() && !canEdit {
		s.fail(w, r, coso.NotFound("consultation"))
		return
	}
	v := s.view(r, c.Title, nil)
	now := today(s.store.Now())
	who := whoFrom(ctx)
	d := consultationPageData{C: c, Subject: c.Subject.Name(v.Lang), Accepting: c.Accepting(now), Staff: consultation.Staff(c.UnitKind), DaysLeft: c.DaysLeft(now),
		CanEdit: canEdit, Citizen: who.IsCitizen(), Named: who.IsCitizen() && who.PersonID != 0, Stances: consultation.Stances()}
	for _, f := range c.Forms {
		d.Forms = append(d.Forms, f.NameFor(c.UnitKind, v.Lang))
	}
	for _, vid := range c.AudienceUnits {
		if u, err := s.store.Unit(ctx, vid); err == nil {
			d.Villages = append(d.Villages, u.Name)
		}
	}
	ops, err := s.store.Opinions(ctx, c.ID, store.OpinionFilter{Section: store.AllSections})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	only := -1
	if n, err := strconv.Atoi(r.URL.Query().Get("section")); err == nil {
		only = n
	}
	d.Sections = sectionViews(c, ops, only, s.may(ctx, account.ConsultationRead, c.UnitID), commenterOf(who), v.Lang)
	d.Total = len(ops)
	if failure != nil {
		for _, sv := range d.Sections {
			if sv.N == failedSection {
				sv.Error, _ = firstError(failure)
				sv.Values = values
			}
		}
	}
	v.Data = d
	s.render(w, r, "consultation", status, v)
}

// commenterOf is the signed-in citizen as a commenter; zero for others.
func commenterOf(w *who) store.Commenter {
	switch {
	case !w.IsCitizen():
		return store.Commenter{}
	case w.Citizen != nil:
		return store.Commenter{CitizenID: w.Citizen.ID, PersonID: w.PersonID}
	}
	return store.Commenter{PersonID: w.PersonID}
}

// sectionViews sorts the opinions into the sections, the draft as a whole
// first; only ≥ 0 shows every opinion of that section.
func sectionViews(c *consultation.Consultation, ops []*consultation.Opinion, only int, readHidden bool, me store.Commenter, lang string) []*sectionView {
	whole := &sectionView{Section: consultation.Section{N: consultation.WholeDraft}, Whole: true}
	out := []*sectionView{whole}
	for _, x := range c.Sections {
		out = append(out, &sectionView{Section: x})
	}
	author := ""
	if me.CitizenID != 0 || me.PersonID != 0 {
		author = me.Author()
	}
	for _, sv := range out {
		sv.Counts = map[string]int{}
	}
	// Newest first on the page.
	for i := len(ops) - 1; i >= 0; i-- {
		o := ops[i]
		if o.Section < 0 || o.Section >= len(out) {
			continue
		}
		sv := out[o.Section]
		sv.Total++
		sv.Counts[string(o.Stance)]++
		if o.IsHidden() {
			sv.Hidden++
		}
		if author != "" && o.Author == author {
			sv.Mine = o
		}
		if only != o.Section && len(sv.Opinions) >= perSection {
			sv.More++
			continue
		}
		sv.Opinions = append(sv.Opinions, opinionView{Opinion: o, Name: o.PublicName(lang), ShowText: !o.IsHidden() || readHidden})
	}
	for _, sv := range out {
		if sv.Mine != nil {
			sv.Values = commentValues{Stance: string(sv.Mine.Stance), Text: sv.Mine.Text, ShowName: sv.Mine.ShowName}
		}
	}
	return out
}

type unitConsultationsData struct {
	Unit          *place.Unit
	Consultations []*consultation.Consultation
}

// unitConsultations lists what a commune (or the province, or the commune
// of a village) has put to its people, open ones first.
func (s *Server) unitConsultations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scope := u.ID
	if u.Kind.IsGrassroots() && u.ParentID != 0 {
		scope = u.ParentID
	}
	cs, err := s.store.Consultations(ctx, store.ConsultationFilter{UnitID: scope, Statuses: store.PublicStatuses, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", unitConsultationsData{Unit: u, Consultations: cs})
	v.Title = v.T.T("con_list_title", "Unit", u.Name)
	s.render(w, r, "consultation_list", http.StatusOK, v)
}
