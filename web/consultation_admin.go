package web

import (
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/consultation"
	"coso/store"
)

type adminConsultationsData struct {
	Consultations []*consultation.Consultation
}

// adminConsultations lists the consultations under the unit chosen with
// "unit" (the guard checked it), or else under every unit the official
// consults for.
func (s *Server) adminConsultations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	roots := account.Roots(whoFrom(ctx).Grants, account.ConsultationWrite)
	if code := r.FormValue("unit"); code != "" {
		u, err := s.store.UnitByCode(ctx, code)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		roots = []int64{u.ID}
	}
	d := adminConsultationsData{}
	seen := map[int64]bool{}
	for _, root := range roots {
		cs, err := s.store.Consultations(ctx, store.ConsultationFilter{UnitID: root, Limit: 200})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, c := range cs {
			if !seen[c.ID] {
				seen[c.ID] = true
				d.Consultations = append(d.Consultations, c)
			}
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("con_admin_title")
	s.render(w, r, "admin_consultations", http.StatusOK, v)
}

type adminConsultationData struct {
	C        *consultation.Consultation
	Subject  string
	Forms    []string
	Villages []string
	Earliest string // the earliest lawful close if opened today
	MinDays  int
	// Households: those a draft about named citizens concerns, and
	// whether each representative was texted (art. 27).
	Households []store.AffectedHousehold
	Error      *coso.Error
	// What the page offers at this stage.
	Draft, Open, Closed, CanClose bool
}

// adminConsultation is the officer's page of one consultation: its facts,
// its sections, and the steps of its life.
func (s *Server) adminConsultation(w http.ResponseWriter, r *http.Request) {
	s.showAdminConsultation(w, r, http.StatusOK, nil)
}

func (s *Server) showAdminConsultation(w http.ResponseWriter, r *http.Request, status int, failure error) {
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
	v := s.view(r, c.Title, nil)
	now := today(s.store.Now())
	d := adminConsultationData{C: c, Subject: c.Subject.Name(v.Lang), MinDays: c.MinDays(),
		Earliest: consultation.EarliestClose(now, c.MinDays()).Format("2006-01-02"),
		Draft:    c.Status == consultation.Draft, Open: c.Status == consultation.Open, Closed: c.Status == consultation.Closed}
	d.CanClose = d.Open && c.CheckClose(now) == nil
	if failure != nil {
		d.Error, _ = firstError(failure)
	}
	for _, f := range c.Forms {
		d.Forms = append(d.Forms, f.NameFor(c.UnitKind, v.Lang))
	}
	for _, vid := range c.AudienceUnits {
		if u, err := s.store.Unit(ctx, vid); err == nil {
			d.Villages = append(d.Villages, u.Name)
		}
	}
	if len(c.Households) > 0 {
		d.Households, _ = s.store.AffectedHouseholds(ctx, id) // the list is a help; the page stands without it
	}
	v.Data = d
	s.render(w, r, "admin_consultation", status, v)
}

// consultationDone goes back to the consultation's page after a change,
// or shows it again with the reason the change was refused.
func (s *Server) consultationDone(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		if e, _ := firstError(err); e.Code == coso.EInternal {
			s.fail(w, r, err)
			return
		}
		s.showAdminConsultation(w, r, badInput(err), err)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+r.PathValue("id"), http.StatusSeeOther)
}

// consultationStep opens (with the closing date) or closes a consultation.
func (s *Server) consultationStep(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	ctx := r.Context()
	var err error
	switch r.PostFormValue("do") {
	case "open":
		on, e1 := formDate(r, "opens_on")
		closes, e2 := formDate(r, "closes_on")
		if err = firstOf(e1, e2); err == nil {
			err = s.store.OpenConsultationOn(ctx, id, on, closes, s.baseURL(r)+"/consultations/"+strconv.FormatInt(id, 10))
		}
	case "close":
		err = s.store.CloseConsultation(ctx, id)
	case "publish_draft": // a retry, or a consultation opened before drafts were published
		_, err = s.store.PublishDraft(ctx, id, s.baseURL(r)+"/consultations/"+strconv.FormatInt(id, 10))
	default:
		err = coso.Invalid("do", "Thao tác không hợp lệ.", "Unknown step.")
	}
	s.consultationDone(w, r, err)
}

// extendConsultation moves the closing date later, with the reason.
func (s *Server) extendConsultation(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	until, err := formDate(r, "closes_on")
	if err == nil {
		err = s.store.ExtendConsultation(r.Context(), id, until, r.PostFormValue("reason"))
	}
	s.consultationDone(w, r, err)
}

// firstOf is the first error that is not nil.
func firstOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
