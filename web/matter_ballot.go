package web

import (
	"net/http"
	"strings"

	"coso"
	"coso/account"
	"coso/decision"
	"coso/store"
)

// ballotView is what the public page of an open online vote offers the
// person looking at it.
type ballotView struct {
	SignIn    bool   // nobody is signed in: a link to the citizens' sign-in
	NotRep    bool   // signed in, but not the representative of a household of this village
	Form      bool   // the representative, whose household has not voted yet
	Voted     bool   // the representative, whose household has voted (in any form)
	Household string // the household's code
	Receipt   string // the receipt of the ballot just cast, shown this once
	Options   []decision.Option
	Error     *coso.Error
}

// ballotFor says what the page offers the person looking at it: nothing
// unless the matter is open for online voting.
func (s *Server) ballotFor(r *http.Request, m *decision.Matter) (*ballotView, error) {
	if m.Status != decision.Open || !m.Uses(decision.Online) {
		return nil, nil
	}
	ctx := r.Context()
	who := whoFrom(ctx)
	switch {
	case who.Official():
		return nil, nil
	case !who.IsCitizen():
		return &ballotView{SignIn: true}, nil
	case who.PersonID == 0 || allowingGrant(who.Grants, account.HouseholdAct, m.UnitID, s.store.WithinFunc(ctx)) == nil:
		return &ballotView{NotRep: true}, nil
	}
	v, err := s.store.MatterVoter(ctx, m.ID, who.PersonID)
	if coso.ErrorCode(err) == coso.ENotFound {
		return &ballotView{NotRep: true}, nil
	}
	if err != nil {
		return nil, err
	}
	return &ballotView{Form: !v.Voted, Voted: v.Voted, Household: v.HouseholdCode, Options: m.Options()}, nil
}

// castBallot casts the online ballot of the household the signed-in
// citizen represents (the guard checked household_rep on the matter's
// village) and shows the receipt, once: only its hash is stored, so the
// page is not kept by the browser or any cache.
func (s *Server) castBallot(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := matterID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.store.Matter(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	option, err := formOption(r)
	var v *store.Voter
	var rc *store.Receipt
	if err == nil {
		v, err = s.voter(r, m)
	}
	if err == nil {
		rc, err = s.store.CastOnline(ctx, m.ID, v.HouseholdID, option)
	}
	if err != nil {
		s.ballotRefused(w, r, m, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderMatter(w, r, http.StatusCreated, "", &ballotView{Voted: true, Household: v.HouseholdCode, Receipt: rc.Code})
}

// voter is the household the signed-in citizen represents in the matter's
// villages.
func (s *Server) voter(r *http.Request, m *decision.Matter) (*store.Voter, error) {
	v, err := s.store.MatterVoter(r.Context(), m.ID, whoFrom(r.Context()).PersonID)
	if coso.ErrorCode(err) == coso.ENotFound {
		e := *coso.AsError(err)
		e.Code, e.Field = coso.EForbidden, ""
		return nil, &e
	}
	return v, err
}

// ballotRefused shows the page again with the reason, and the form if the
// household may still vote.
func (s *Server) ballotRefused(w http.ResponseWriter, r *http.Request, m *decision.Matter, err error) {
	e, _ := firstError(err)
	if e.Code == coso.EInternal {
		s.fail(w, r, err)
		return
	}
	b, err := s.ballotFor(r, m)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if b == nil {
		b = &ballotView{}
	}
	b.Error = e
	s.renderMatter(w, r, coso.HTTPStatus(e.Code), "", b)
}

func formOption(r *http.Request) (int, error) {
	if strings.TrimSpace(r.PostFormValue("option")) == "" {
		return 0, coso.Invalid("option", "Hãy chọn một phương án.", "Choose an option.")
	}
	return formInt(r, "option")
}
