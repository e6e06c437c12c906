package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"coso"
	"coso/account"
	"coso/petition"
	"coso/store"
)

type adminPetitionData struct {
	Case         *petition.Case
	Timing       petition.Timing
	Deadlines    []petition.Deadline
	Identity     petition.Identity
	ShowIdentity bool // the sender's identity is on the page (not for a denunciation)
	Files        []petition.File
	Events       []petition.Event
	Reveals      []*store.Reveal
	Officials    []*account.User
	MayAnswer    bool
	MayReveal    bool
	Me           int64
	Left         int // extensions left
	Failed       string
	Error        *coso.Error
	Values       map[string]string
}

// adminPetition is a case's page in the back office: everything about it,
// the sender's identity for those who answer it (never a denouncer's: that
// takes a reveal), its deadlines and history, and the forms of the steps
// the official may take.
func (s *Server) adminPetition(w http.ResponseWriter, r *http.Request) {
	s.renderAdminPetition(w, r, "", nil)
}

func (s *Server) renderAdminPetition(w http.ResponseWriter, r *http.Request, failed string, stepErr error) {
	ctx := r.Context()
	id, _ := pathInt(r, "id")
	c, err := s.store.Petition(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.store.Now()
	d := adminPetitionData{Case: c, Timing: c.Timing(cal, now), Deadlines: c.Deadlines(cal, now), Failed: failed,
		Values: map[string]string{}, MayAnswer: s.may(ctx, account.PetitionAnswer, c.UnitID),
		MayReveal: s.may(ctx, account.PetitionReveal, c.UnitID), Me: whoFrom(ctx).User.ID, Left: c.ExtensionsLeft()}
	if err := s.loadPetitionPage(r, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if stepErr != nil {
		d.Error, status = firstError(stepErr)
		if status >= 500 {
			s.fail(w, r, stepErr)
			return
		}
		for k, v := range r.PostForm {
			d.Values[k] = strings.Join(v, "")
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("pet_case_title", "Code", c.Code)
	s.render(w, r, "admin_petition", status, v)
}

func (s *Server) loadPetitionPage(r *http.Request, d *adminPetitionData) error {
	ctx, c := r.Context(), d.Case
	var err error
	if d.Events, err = s.store.PetitionEvents(ctx, c.ID); err != nil {
		return err
	}
	if d.Files, err = s.store.PetitionFiles(ctx, c.ID); err != nil {
		return err
	}
	if c.Kind.Sealed() {
		d.Reveals, err = s.store.Reveals(ctx, c.ID)
		return err
	}
	if d.MayAnswer && !c.Anonymous {
		if d.Identity, err = s.store.PetitionIdentity(ctx, c.ID); err != nil {
			return err
		}
		d.ShowIdentity = true
	}
	if d.MayAnswer && !c.Finished() {
		d.Officials, err = s.store.PetitionOfficials(ctx, c.UnitID, c.AgainstUnitID)
	}
	return err
}

// step runs one step on the case of the path: on success back to the
// case's page, else the page again with the error next to the form.
func (s *Server) step(w http.ResponseWriter, r *http.Request, form string, do func(id int64) error) {
	id, _ := pathInt(r, "id")
	if err := r.ParseForm(); err != nil {
		s.renderAdminPetition(w, r, form, coso.Invalid("form", "Biểu mẫu không hợp lệ.", "The form is not valid."))
		return
	}
	if err := do(id); err != nil {
		s.renderAdminPetition(w, r, form, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/petitions/%d", id), http.StatusSeeOther)
}

func (s *Server) acceptPetition(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "accept", func(id int64) error {
		_, err := s.store.AcceptPetition(r.Context(), id, r.PostFormValue("complex") != "", r.PostFormValue("needs_time") != "", r.PostFormValue("note"))
		return err
	})
}

func (s *Server) rejectPetition(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "reject", func(id int64) error {
		_, err := s.store.RejectPetition(r.Context(), id, r.PostFormValue("reason"))
		return err
	})
}

func (s *Server) forwardPetition(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "forward", func(id int64) error {
		_, err := s.store.ForwardPetition(r.Context(), id, r.PostFormValue("to"), r.PostFormValue("reason"))
		return err
	})
}

func (s *Server) transferPetition(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "transfer", func(id int64) error {
		code := strings.TrimSpace(r.PostFormValue("to_unit"))
		if code == "" {
			return coso.Invalid("to_unit", "Cần mã đơn vị nhận đơn.", "The code of the unit to transfer to is required.")
		}
		_, err := s.store.TransferPetition(r.Context(), id, code, r.PostFormValue("reason"))
		return err
	})
}

func (s *Server) assignPetition(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "assign", func(id int64) error {
		uid, err := strconv.ParseInt(r.PostFormValue("assignee"), 10, 64)
		if err != nil || uid < 0 {
			return coso.Invalid("assignee", "Chọn cán bộ.", "Choose an official.")
		}
		_, err = s.store.AssignPetition(r.Context(), id, uid)
		return err
	})
}

func (s *Server) extendPetition(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "extend", func(id int64) error {
		_, err := s.store.ExtendPetition(r.Context(), id, r.PostFormValue("reason"))
		return err
	})
}

func (s *Server) resolvePetition(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "resolve", func(id int64) error {
		_, err := s.store.ResolvePetition(r.Context(), id, r.PostFormValue("answer"), r.PostFormValue("summary"))
		return err
	})
}

func (s *Server) closePetition(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "close", func(id int64) error {
		_, err := s.store.ClosePetition(r.Context(), id, r.PostFormValue("reason"))
		return err
	})
}

// petitionFile sends a case's file to an official who answers the case. A
// denunciation's files (a letter carries its writer's name and hand) come
// only through the official's approved reveal, named by ?reveal=.
func (s *Server) petitionFile(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := pathInt(r, "id")
	fid, err := pathInt(r, "pfile")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.store.Petition(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if c.Kind.Sealed() {
		rid, err := strconv.ParseInt(r.URL.Query().Get("reveal"), 10, 64)
		if err != nil {
			s.fail(w, r, store.ErrSealed())
			return
		}
		if err := s.checkReveal(r, id, rid); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	f, data, err := s.store.PetitionFile(ctx, id, fid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.Type)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, f.Name))
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(data)
}
