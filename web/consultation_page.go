package web

import (
	"net/http"

	"coso"
	"coso/account"
	"coso/consultation"
	"coso/place"
	"coso/store"
)

type consultationPageData struct {
	C         *consultation.Consultation
	Subject   string
	Forms     []string
	Villages  []string
	Audience  string
	Accepting bool
	DaysLeft  int
	CanEdit   bool
}

// consultationPage is the public page of a consultation: what is asked,
// by whom, until when, the draft with an address for every section, and
// the opinions. A draft is shown only to those who prepare it.
func (s *Server) consultationPage(w http.ResponseWriter, r *http.Request) {
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
	d := consultationPageData{C: c, Subject: c.Subject.Name(v.Lang), Audience: c.Audience.Name(v.Lang),
		Accepting: c.Accepting(now), DaysLeft: c.DaysLeft(now), CanEdit: canEdit}
	for _, f := range c.Forms {
		d.Forms = append(d.Forms, f.Name(v.Lang))
	}
	for _, vid := range c.AudienceUnits {
		if u, err := s.store.Unit(ctx, vid); err == nil {
			d.Villages = append(d.Villages, u.Name)
		}
	}
	v.Data = d
	s.render(w, r, "consultation", http.StatusOK, v)
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
