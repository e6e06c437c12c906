package web

import (
	"fmt"
	"net/http"

	"coso"
	"coso/petition"
	"coso/store"
)

// requestReveal records an official's request, with its reason, to see who
// sent a denunciation.
func (s *Server) requestReveal(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "reveal", func(id int64) error {
		_, err := s.store.RequestReveal(r.Context(), id, r.PostFormValue("reason"))
		return err
	})
}

// revealOf reads the {reveal} of the path and checks that it belongs to
// the case of the path (whose unit the guard checked).
func (s *Server) revealOf(r *http.Request) (*store.Reveal, error) {
	id, _ := pathInt(r, "id")
	rid, err := pathInt(r, "reveal")
	if err != nil {
		return nil, err
	}
	rv, err := s.store.Reveal(r.Context(), rid)
	if err != nil {
		return nil, err
	}
	if rv.PetitionID != id {
		return nil, coso.NotFound("reveal")
	}
	return rv, nil
}

// decideReveal is a second official's approval or refusal.
func (s *Server) decideReveal(w http.ResponseWriter, r *http.Request) {
	s.step(w, r, "decide", func(int64) error {
		rv, err := s.revealOf(r)
		if err != nil {
			return err
		}
		_, err = s.store.DecideReveal(r.Context(), rv.ID, r.PostFormValue("approve") == "yes", r.PostFormValue("note"))
		return err
	})
}

type revealData struct {
	Case     *petition.Case
	Reveal   *store.Reveal
	Identity *petition.Identity
	Files    []petition.File
	Mine     bool
}

// revealPage shows a request to see a denouncer's identity, and to the
// official who asked, once a second official approved and while the
// approval lasts, the identity and the letter's files. Each showing is in
// the audit trail.
func (s *Server) revealPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rv, err := s.revealOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.store.Petition(ctx, rv.PetitionID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := revealData{Case: c, Reveal: rv, Mine: rv.RequestedBy == whoFrom(ctx).User.ID}
	if d.Mine && rv.Usable(s.store.Now()) {
		id, _, err := s.store.RevealedIdentity(ctx, rv.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Identity = &id
		if d.Files, err = s.store.PetitionFiles(ctx, c.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("pet_reveal_title", "Code", c.Code)
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, "admin_petition_reveal", http.StatusOK, v)
}

// checkReveal lets a denunciation's file out only through the caller's
// approved reveal of that case (audited as a showing).
func (s *Server) checkReveal(r *http.Request, caseID, revealID int64) error {
	rv, err := s.store.Reveal(r.Context(), revealID)
	if err != nil {
		return err
	}
	if rv.PetitionID != caseID {
		return coso.NotFound(fmt.Sprintf("reveal %d", revealID))
	}
	_, _, err = s.store.RevealedIdentity(r.Context(), revealID)
	return err
}
