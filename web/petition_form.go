package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"coso"
	"coso/calendar"
	"coso/petition"
	"coso/place"
	"coso/ratelimit"
	"coso/store"
)

type petitionFormData struct {
	Unit      *place.Unit
	Officer   bool // an officer's intake: channel and day of receipt
	Action    string
	Case      petition.Case
	Error     *coso.Error
	Sent      *petition.Case
	Due       petition.Deadline
	Kinds     []petition.Kind
	Channels  []petition.Channel
	Session   *petition.Session // the reception session the case is logged at
	Accepted  string            // the accepted file types
	MaxFiles  int
	MaxFileMB int
}

func (s *Server) newPetitionForm(u *place.Unit, officer bool) petitionFormData {
	d := petitionFormData{Unit: u, Officer: officer, Action: "/units/" + u.Code + "/petitions", Kinds: petition.Kinds(),
		Accepted: petition.AcceptedExtensions(), MaxFiles: petition.MaxFiles, MaxFileMB: petition.MaxFileSize >> 20,
		Case: petition.Case{Kind: petition.Feedback, Channel: petition.Portal}}
	if officer {
		d.Action = "/admin/units/" + u.Code + "/petitions"
		d.Channels = petition.OfficerChannels()
		d.Case.Channel = petition.Reception
	}
	return d
}

// petitionForm is where a resident writes to a unit.
func (s *Server) petitionForm(w http.ResponseWriter, r *http.Request) {
	s.showPetitionForm(w, r, false)
}

// intakeForm is where an officer enters what came in at citizen
// reception, on paper, by telephone or from another body.
func (s *Server) intakeForm(w http.ResponseWriter, r *http.Request) {
	s.showPetitionForm(w, r, true)
}

func (s *Server) showPetitionForm(w http.ResponseWriter, r *http.Request, officer bool) {
	u, err := s.store.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.newPetitionForm(u, officer)
	if k, err := petition.ParseKind(r.URL.Query().Get("kind")); err == nil {
		d.Case.Kind = k
	}
	if err := s.formSession(r, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderPetitionForm(w, r, d, http.StatusOK)
}

func (s *Server) renderPetitionForm(w http.ResponseWriter, r *http.Request, d petitionFormData, status int) {
	v := s.view(r, "", d)
	v.Title = v.T.T("pet_new_title", "Unit", d.Unit.Name)
	if d.Sent != nil {
		v.Title = v.T.T("pet_sent_title")
	}
	s.render(w, r, "petition_form", status, v)
}

// createPetition records what a resident sent and shows the tracking code.
func (s *Server) createPetition(w http.ResponseWriter, r *http.Request) {
	s.submitPetition(w, r, false)
}

// createIntake records what an officer took in.
func (s *Server) createIntake(w http.ResponseWriter, r *http.Request) {
	s.submitPetition(w, r, true)
}

func (s *Server) submitPetition(w http.ResponseWriter, r *http.Request, officer bool) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.newPetitionForm(u, officer)
	files, ferr := petitionUploads(r)
	d.Case = petitionFromForm(r, u, officer)
	if officer && ferr == nil {
		ferr = s.formSession(r, &d)
		if d.Session != nil {
			d.Case.SessionID = d.Session.ID
		}
	}
	fail := func(err error) {
		var status int
		d.Error, status = firstError(err)
		if status >= 500 {
			s.fail(w, r, err)
			return
		}
		setRetryAfter(w, err)
		s.renderPetitionForm(w, r, d, status)
	}
	if ferr != nil {
		fail(ferr)
		return
	}
	if !officer {
		if err := s.limits.Check(ctx, ratelimit.PetitionPerAddr, ratelimit.Addr(r.RemoteAddr)); err != nil {
			fail(err)
			return
		}
	}
	c := d.Case
	if err := s.store.CreatePetition(ctx, &c, files); err != nil {
		fail(err)
		return
	}
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ds := c.Deadlines(cal, s.store.Now()); len(ds) > 0 {
		d.Due = ds[len(ds)-1]
	}
	d.Sent, d.Case = &c, petition.Case{}
	s.renderPetitionForm(w, r, d, http.StatusCreated)
}

// petitionFromForm reads the case from the posted form.
func petitionFromForm(r *http.Request, u *place.Unit, officer bool) petition.Case {
	f := func(k string) string { return strings.TrimSpace(r.FormValue(k)) }
	c := petition.Case{UnitID: u.ID, Kind: petition.Kind(f("kind")), Channel: petition.Portal,
		Subject: f("subject"), Body: f("body"), Anonymous: f("anonymous") != "", Consent: f("consent") != "",
		AgainstOfficial: f("against_official"), AppealOf: f("appeal_of"),
		Identity: petition.Identity{Name: f("name"), Phone: f("phone"), Email: f("email"), Address: f("address"), CitizenID: f("citizen_id")}}
	if n, err := strconv.Atoi(f("instance")); err == nil {
		c.Instance = n
	}
	if officer {
		c.Channel = petition.Channel(f("channel"))
		if on, err := formDate(r, "received_on"); err == nil {
			c.ReceivedOn = calendar.DayOf(on)
		}
	}
	return c
}

// petitionUploads reads the files of a multipart form ("files", any
// number of them; the store checks how many and how large).
func petitionUploads(r *http.Request) ([]store.Upload, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		return nil, coso.Invalid("files", "Tệp quá lớn hoặc biểu mẫu không hợp lệ (tổng tối đa %d MB).",
			"The files are too large or the form is invalid (at most %d MB in all).", petition.MaxTotal>>20)
	}
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []store.Upload
	for _, h := range r.MultipartForm.File["files"] {
		if h.Size == 0 && h.Filename == "" {
			continue // the empty file input of a form sent without a file
		}
		if len(out) >= petition.MaxFiles {
			return nil, coso.Invalid("files", "Tối đa %d tệp.", "At most %d files.", petition.MaxFiles)
		}
		f, err := h.Open()
		if err != nil {
			return nil, coso.Invalid("files", "Không đọc được tệp.", "A file could not be read.")
		}
		data, err := io.ReadAll(io.LimitReader(f, petition.MaxFileSize+1))
		_ = f.Close()
		if err != nil {
			return nil, coso.Invalid("files", "Không đọc được tệp.", "A file could not be read.")
		}
		out = append(out, store.Upload{Name: h.Filename, Data: data})
	}
	return out, nil
}

// formSession reads the reception session an officer logs cases at
// (?session= or the form's session field), one of the unit's.
func (s *Server) formSession(r *http.Request, d *petitionFormData) error {
	v := strings.TrimSpace(r.FormValue("session"))
	if v == "" || !d.Officer {
		return nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return coso.Invalid("session", "Buổi tiếp công dân không hợp lệ.", "Not a valid reception session.")
	}
	rs, err := s.store.Session(r.Context(), id)
	if err != nil || rs.UnitID != d.Unit.ID {
		return coso.Invalid("session", "Buổi tiếp công dân không hợp lệ.", "Not a valid reception session.")
	}
	d.Session, d.Case.Channel = rs, petition.Reception
	return nil
}
