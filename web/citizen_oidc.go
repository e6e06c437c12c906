package web

import (
	"net/http"

	"coso"
	"coso/oidclogin"
)

// Session keys of a sign-in through the identity provider in progress.
const (
	oidcStateKey    = "oidc_state"
	oidcNonceKey    = "oidc_nonce"
	oidcVerifierKey = "oidc_verifier"
)

// oidcStart sends the browser to the identity provider, keeping the
// state, nonce and PKCE verifier in the session until it comes back.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	if s.oidc == nil {
		s.fail(w, r, coso.NotFound("/signin/oidc"))
		return
	}
	u, pend := s.oidc.AuthURL()
	ctx := r.Context()
	s.sessions.Put(ctx, oidcStateKey, pend.State)
	s.sessions.Put(ctx, oidcNonceKey, pend.Nonce)
	s.sessions.Put(ctx, oidcVerifierKey, pend.Verifier)
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// oidcCallback finishes the sign-in: the provider vouches for a citizen
// ID number, which names a person of the register; the session then
// carries that person.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	if s.oidc == nil {
		s.fail(w, r, coso.NotFound("/signin/oidc/callback"))
		return
	}
	ctx := r.Context()
	pend := oidclogin.Pending{State: s.sessions.PopString(ctx, oidcStateKey),
		Nonce: s.sessions.PopString(ctx, oidcNonceKey), Verifier: s.sessions.PopString(ctx, oidcVerifierKey)}
	id, err := s.oidc.Finish(ctx, pend, r.URL.Query())
	if err != nil {
		// The step holds no personal data; it tells an operator where it broke.
		s.log.Info("identity provider sign-in refused", "step", oidclogin.Step(err))
		s.citizenFailed(w, r, err, func(status int, e *coso.Error) {
			s.renderCitizenSignin(w, r, status, citizenSigninData{Error: e})
		})
		return
	}
	if err := s.startCitizenSession(ctx, citizenPersonKey, id.PersonID); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}
