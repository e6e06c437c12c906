package web

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"coso"
	"coso/consultation"
	"coso/place"
	"coso/store"
)

type adminOpinionsData struct {
	C        *consultation.Consultation
	Sections []option
	Channels []option
	Stances  []option
	Reasons  []option
	AgeBands []option
	Villages []*place.Unit
	Opinions []adminOpinion
	Hidden   int
	CanEnter bool
	CanHide  bool
	Today    string
	Values   map[string]string
	Error    *coso.Error
}

type adminOpinion struct {
	*consultation.Opinion
	Name     string
	Versions []consultation.OpinionVersion
}

var offlineFields = []string{"section", "stance", "text", "channel", "organisation", "village", "sex", "age_band", "received_on", "source_note"}

// adminOpinions is the officers' page of a consultation's opinions: every
// one, hidden ones with who hid them and why, the earlier versions of
// edited comments, the form for opinions received offline, and hiding.
func (s *Server) adminOpinions(w http.ResponseWriter, r *http.Request) {
	s.showAdminOpinions(w, r, http.StatusOK, nil, map[string]string{"received_on": today(s.store.Now()).Format("2006-01-02"), "stance": "agree"})
}

func (s *Server) showAdminOpinions(w http.ResponseWriter, r *http.Request, status int, failure error, values map[string]string) {
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
	d := adminOpinionsData{C: c, Values: values, CanEnter: c.CheckOfflineEntry() == nil, CanHide: c.CheckHide() == nil,
		Today: today(s.store.Now()).Format("2006-01-02")}
	if failure != nil {
		d.Error, _ = firstError(failure)
	}
	d.Sections = append(d.Sections, option{Value: "0", Name: v.T.T("con_whole_draft")})
	for _, x := range c.Sections {
		d.Sections = append(d.Sections, option{Value: strconv.Itoa(x.N), Name: x.Title()})
	}
	for _, f := range consultation.Forms() {
		if f.Offline() && (!consultation.Staff(c.UnitKind) || f.Staff()) {
			d.Channels = append(d.Channels, option{Value: string(f), Name: f.NameFor(c.UnitKind, v.Lang)})
		}
	}
	for _, st := range consultation.Stances() {
		d.Stances = append(d.Stances, option{Value: string(st), Name: st.Name(v.Lang)})
	}
	for _, hr := range consultation.HideReasons() {
		d.Reasons = append(d.Reasons, option{Value: string(hr), Name: hr.Name(v.Lang)})
	}
	for _, b := range consultation.AgeBands() {
		d.AgeBands = append(d.AgeBands, option{Value: b, Name: consultation.AgeBandName(b, v.Lang)})
	}
	if d.Villages, err = s.store.Units(ctx, store.UnitFilter{ParentID: c.UnitID, Kinds: []place.Kind{place.Village, place.ResidentialGroup}}); err != nil {
		s.fail(w, r, err)
		return
	}
	ops, err := s.store.Opinions(ctx, c.ID, store.OpinionFilter{Section: store.AllSections})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := len(ops) - 1; i >= 0; i-- {
		o := ops[i]
		a := adminOpinion{Opinion: o, Name: o.PublicName(v.Lang)}
		if o.IsHidden() {
			d.Hidden++
		}
		if o.Edited() {
			if a.Versions, err = s.store.OpinionVersions(ctx, o.ID); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		d.Opinions = append(d.Opinions, a)
	}
	v.Data = d
	s.render(w, r, "admin_opinions", status, v)
}

// enterOpinion records an opinion received offline, with its scan or
// the organisation's letter.
func (s *Server) enterOpinion(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	name, data, err := uploaded(r, "file")
	values := map[string]string{}
	for _, k := range offlineFields {
		values[k] = r.PostFormValue(k)
	}
	var o *consultation.Opinion
	if err == nil {
		o, err = opinionFromForm(r)
	}
	if err == nil {
		var file *store.Upload
		if len(data) > 0 {
			file = &store.Upload{Name: name, Data: data}
		}
		err = s.store.EnterOpinion(r.Context(), id, o, file)
	}
	if err != nil {
		if e, _ := firstError(err); e.Code == coso.EInternal {
			s.fail(w, r, err)
			return
		}
		s.showAdminOpinions(w, r, badInput(err), err, values)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+r.PathValue("id")+"/opinions", http.StatusSeeOther)
}

func opinionFromForm(r *http.Request) (*consultation.Opinion, error) {
	section, err := formInt(r, "section")
	if err != nil {
		return nil, err
	}
	o := &consultation.Opinion{Section: section, Stance: consultation.Stance(r.PostFormValue("stance")), Text: r.PostFormValue("text"),
		Channel: consultation.Form(r.PostFormValue("channel")), Organisation: r.PostFormValue("organisation"),
		Sex: r.PostFormValue("sex"), AgeBand: r.PostFormValue("age_band"), SourceNote: r.PostFormValue("source_note")}
	if v := r.PostFormValue("village"); v != "" {
		if o.VillageID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return nil, coso.Invalid("village", "Thôn không hợp lệ.", "Unknown village.")
		}
	}
	if o.ReceivedOn, err = formDate(r, "received_on"); err != nil {
		return nil, err
	}
	return o, nil
}

// hideOpinion hides an opinion for a reason from the fixed list.
func (s *Server) hideOpinion(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := pathInt(r, "id")
	oid, err := pathInt(r, "opinion")
	var o *consultation.Opinion
	if err == nil {
		o, err = s.store.Opinion(ctx, oid)
	}
	if err == nil && o.ConsultationID != id {
		err = coso.NotFound("opinion")
	}
	if err == nil {
		err = s.store.HideOpinion(ctx, oid, consultation.HideReason(r.PostFormValue("reason")))
	}
	if err != nil {
		if e, status := firstError(err); e.Code == coso.EInternal || status == http.StatusNotFound {
			s.fail(w, r, err)
			return
		}
		s.showAdminOpinions(w, r, badInput(err), err, map[string]string{})
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+r.PathValue("id")+"/opinions", http.StatusSeeOther)
}

// consultationFile sends a letter or a scan.
func (s *Server) consultationFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	fid, err2 := pathInt(r, "file")
	if err == nil {
		err = err2
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, body, err := s.store.OpenConsultationFile(r.Context(), id, fid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer body.Close()
	h := w.Header()
	h.Set("Content-Type", f.Type)
	disposition := "attachment"
	if f.Type == "application/pdf" || len(f.Type) > 6 && f.Type[:6] == "image/" {
		disposition = "inline"
	}
	if f.Type != "application/pdf" {
		h.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'")
	}
	h.Set("Content-Disposition", disposition+"; filename=\""+asciiName(f.Name)+"\"; filename*=UTF-8''"+url.PathEscape(f.Name))
	h.Set("Cache-Control", "private, no-store")
	_, _ = io.Copy(w, body) // a client gone away is not the server's error
}
