package web

import (
	"fmt"
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/disclosure"
	"coso/lang"
	"coso/place"
	"coso/store"
)

type adminDisclosuresData struct {
	Units  []*place.Unit // the units the official publishes for
	Due    []disclosure.DueItem
	Recent []store.DisclosureHit
}

// adminDisclosures is the officer's desk: what is due and overdue, the
// units they publish for, and what was published lately.
func (s *Server) adminDisclosures(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	roots := account.Roots(whoFrom(ctx).Grants, account.DisclosureWrite)
	d := adminDisclosuresData{}
	var err error
	if d.Due, err = s.store.DueItems(ctx, roots); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, id := range roots {
		u, err := s.store.Unit(ctx, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Units = append(d.Units, u)
		page, err := s.store.Disclosures(ctx, store.DisclosureFilter{UnitID: id, Limit: 20})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Recent = append(d.Recent, page.Hits...)
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("dis_admin_title")
	s.render(w, r, "admin_disclosures", http.StatusOK, v)
}

// disclosureForm is the state of the draft form.
type disclosureForm struct {
	T          *lang.Printer
	Unit       *place.Unit
	Draft      disclosure.Disclosure
	Categories []disclosure.Rule
	Villages   []*place.Unit
	Chosen     map[int64]bool
	Today      string
	Error      *coso.Error
}

func (s *Server) draftForm(r *http.Request, u *place.Unit, d disclosure.Disclosure) (disclosureForm, error) {
	f := disclosureForm{T: s.cat.Printer(lang.FromRequest(r)), Unit: u, Draft: d, Categories: categoryOptions(string(u.Kind)), Chosen: map[int64]bool{},
		Today: s.store.Now().In(coso.Zone).Format("2006-01-02")}
	if u.Kind.IsCommuneLevel() {
		vs, err := s.store.Units(r.Context(), store.UnitFilter{ParentID: u.ID, Kinds: []place.Kind{place.Village, place.ResidentialGroup}})
		if err != nil {
			return f, err
		}
		f.Villages = vs
	}
	for _, id := range d.AudienceUnits {
		f.Chosen[id] = true
	}
	return f, nil
}

// newDisclosureForm is the form for a new draft of the unit in the path.
func (s *Server) newDisclosureForm(w http.ResponseWriter, r *http.Request) {
	u, err := s.store.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.draftForm(r, u, disclosure.Disclosure{DecidedOn: s.store.Now()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderNewForm(w, r, f, http.StatusOK)
}

func (s *Server) renderNewForm(w http.ResponseWriter, r *http.Request, f disclosureForm, status int) {
	v := s.view(r, "", f)
	v.Title = v.T.T("dis_new_title", "Unit", f.Unit.Name)
	s.render(w, r, "admin_disclosure_new", status, v)
}

// readDraft reads the fields of the draft form.
func readDraft(r *http.Request, d *disclosure.Disclosure) error {
	d.Category, d.Title, d.Body = r.PostFormValue("category"), r.PostFormValue("title"), r.PostFormValue("body")
	d.Audience = disclosure.Audience(r.PostFormValue("audience"))
	d.AudienceUnits = nil
	for _, v := range r.PostForm["villages"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return coso.Invalid("villages", "Thôn, tổ dân phố không hợp lệ.", "Invalid village.")
		}
		d.AudienceUnits = append(d.AudienceUnits, id)
	}
	decided, err := formDate(r, "decided_on")
	d.DecidedOn = decided
	return err
}

// createDisclosure saves a new draft and opens it.
func (s *Server) createDisclosure(w http.ResponseWriter, r *http.Request) {
	u, err := s.store.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := disclosure.Disclosure{UnitID: u.ID}
	err = readDraft(r, &d)
	if err == nil {
		err = s.store.CreateDisclosure(r.Context(), &d)
	}
	if err != nil {
		f, ferr := s.draftForm(r, u, d)
		if ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		var status int
		f.Error, status = firstError(err)
		if status >= 500 {
			s.fail(w, r, err)
			return
		}
		s.renderNewForm(w, r, f, status)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/disclosures/%d", d.ID), http.StatusSeeOther)
}

// adminDisclosureData is the manage page: the disclosure, and the forms
// that act on it.
type adminDisclosureData struct {
	disclosurePageData
	Form     disclosureForm
	Channels []disclosure.Channel
	Failed   string // which form the error belongs to
	Error    *coso.Error
	Values   map[string]string // what was typed in the failed form
	Accept   string
	Notice   string
}

// adminDisclosure manages one disclosure: edit and publish a draft;
// correct, withdraw, record channels with evidence, extend the posting
// window and attach files once published.
func (s *Server) adminDisclosure(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	d, err := s.store.Disclosure(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderManage(w, r, d, "", nil, http.StatusOK)
}

func (s *Server) renderManage(w http.ResponseWriter, r *http.Request, d *disclosure.Disclosure, failed string, err error, status int) {
	pd, perr := s.disclosureData(r, d)
	if perr != nil {
		s.fail(w, r, perr)
		return
	}
	u, uerr := s.store.Unit(r.Context(), d.UnitID)
	if uerr != nil {
		s.fail(w, r, uerr)
		return
	}
	form, ferr := s.draftForm(r, u, *d)
	if ferr != nil {
		s.fail(w, r, ferr)
		return
	}
	data := adminDisclosureData{disclosurePageData: pd, Form: form, Channels: disclosure.Channels(), Failed: failed,
		Values: map[string]string{}, Accept: disclosure.AcceptedExtensions(), Notice: r.URL.Query().Get("done")}
	if err != nil {
		data.Error, status = firstError(err)
		if status >= 500 {
			s.fail(w, r, err)
			return
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				data.Values[k] = v[0]
			}
		}
		if failed == "draft" {
			data.Form.Error = data.Error
		}
	}
	v := s.view(r, d.Title, data)
	s.render(w, r, "admin_disclosure", status, v)
}
