package web

import (
	"fmt"
	"html/template"
	"net/http"

	"coso"
	"coso/account"
	"coso/consultation"
	"coso/consultation/paper"
	"coso/place"
	"coso/render"
	"coso/store"
)

type dashboardData struct {
	C        *consultation.Consultation
	S        consultation.Stats
	Charts   []template.HTML
	Villages []*place.Unit // the villages whose opinion sheets can be printed
}

// consultationDashboard shows who took part in a consultation: by village,
// sex, age band and channel, and the sections most disagreed with.
func (s *Server) consultationDashboard(w http.ResponseWriter, r *http.Request) {
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
	ops, err := s.store.Opinions(ctx, id, store.OpinionFilter{Section: store.AllSections})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", nil)
	d := dashboardData{C: c, S: consultation.Participation(c, ops, v.Lang, v.T.T("con_unknown"))}
	for _, part := range []struct {
		title  string
		counts []consultation.Count
	}{{v.T.T("con_by_village"), d.S.ByVillage}, {v.T.T("con_by_age"), d.S.ByAge}, {v.T.T("con_by_channel"), d.S.ByChannel}} {
		var labels []string
		var values []float64
		for _, c := range part.counts {
			labels, values = append(labels, c.Name), append(values, float64(c.N))
		}
		// #nosec G203 -- render.BarChart escapes every label and value it writes into its SVG.
		d.Charts = append(d.Charts, template.HTML(render.BarChart(part.title, labels, values)))
	}
	if s.may(ctx, account.ConsultationWrite, c.UnitID) {
		if d.Villages, err = s.sheetVillages(r, c); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	v.Title, v.Data = v.T.T("con_dashboard_title")+": "+c.Title, d
	s.render(w, r, "consultation_dashboard", http.StatusOK, v)
}

// sheetVillages are the villages asked: those chosen, or every village of
// the commune.
func (s *Server) sheetVillages(r *http.Request, c *consultation.Consultation) ([]*place.Unit, error) {
	if len(c.AudienceUnits) > 0 {
		var out []*place.Unit
		for _, id := range c.AudienceUnits {
			u, err := s.store.Unit(r.Context(), id)
			if err != nil {
				return nil, err
			}
			out = append(out, u)
		}
		return out, nil
	}
	return s.store.Units(r.Context(), store.UnitFilter{ParentID: c.UnitID, Kinds: []place.Kind{place.Village, place.ResidentialGroup}})
}

// consultationNotice is the notice to post, as a PDF: public once the
// consultation is, and for its officers before.
func (s *Server) consultationNotice(w http.ResponseWriter, r *http.Request) {
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
	if !c.Status.Public() && !s.may(ctx, account.ConsultationWrite, c.UnitID) {
		s.fail(w, r, coso.NotFound("consultation"))
		return
	}
	var villages []string
	for _, vid := range c.AudienceUnits {
		if u, err := s.store.Unit(ctx, vid); err == nil {
			villages = append(villages, u.Name)
		}
	}
	is := paper.Issuer{Commune: c.UnitName, Date: c.OpenedAt, URL: fmt.Sprintf("%s/consultations/%d", s.baseURL(r), c.ID)}
	s.sendPDF(w, r, paper.Notice(is, c, villages), fmt.Sprintf("thong-bao-lay-y-kien-%d.pdf", c.ID))
}

// opinionSheets are the household opinion sheets of one village
// (?village=CODE), one page or two per household, for its officers.
func (s *Server) opinionSheets(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := pathInt(r, "id")
	c, err := s.store.Consultation(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	village, err := s.store.UnitByCode(ctx, r.URL.Query().Get("village"))
	if err != nil || village.ParentID != c.UnitID || !village.Kind.IsGrassroots() {
		s.fail(w, r, coso.Invalid("village", "Chọn một thôn, tổ dân phố của xã.", "Choose a village of the commune."))
		return
	}
	hs, err := s.store.Households(ctx, store.HouseholdFilter{VillageID: village.ID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The representatives' names are printed for those who keep the
	// register; others get a line to write on.
	names := s.may(ctx, account.HouseholdRead, village.ID)
	var list []paper.Household
	for _, h := range hs {
		ph := paper.Household{Code: h.Code}
		if names {
			ph.Representative = h.RepresentativeName
		}
		list = append(list, ph)
	}
	url := fmt.Sprintf("%s/consultations/%d", s.baseURL(r), c.ID)
	is := paper.Issuer{Commune: c.UnitName, Date: s.store.Now(), URL: url}
	s.sendPDF(w, r, paper.Sheets(is, c, list, url), fmt.Sprintf("phieu-lay-y-kien-%d-%s.pdf", c.ID, village.Code))
}
