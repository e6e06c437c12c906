package web

import (
	"context"
	"net/http"
	"strings"

	"coso"
	"coso/phonecode"
	"coso/store"
)

// Session keys of citizens, apart from the officials' store.SessionUserKey:
// the account signed in with a phone code, the person identified by the
// identity provider, and the phone a code was just sent to.
const (
	citizenKey       = "citizen_id"
	citizenPersonKey = "citizen_person_id"
	pendingPhoneKey  = "signin_phone"
	citizenNextKey   = "signin_next"
)

type citizenSigninData struct {
	Phone  string // as typed, to fill the form again
	Masked string // the phone a code went to
	OIDC   bool   // the identity provider is configured
	Next   string
	Error  *coso.Error
}

func (s *Server) citizenSigninForm(w http.ResponseWriter, r *http.Request) {
	if whoFrom(r.Context()).IsCitizen() {
		http.Redirect(w, r, "/me", http.StatusSeeOther)
		return
	}
	s.renderCitizenSignin(w, r, http.StatusOK, citizenSigninData{Next: localPath(r.URL.Query().Get("next"))})
}

func (s *Server) renderCitizenSignin(w http.ResponseWriter, r *http.Request, status int, d citizenSigninData) {
	d.OIDC = s.oidc != nil
	v := s.view(r, "", d)
	v.Title = v.T.T("csignin_title")
	s.render(w, r, "citizen_signin", status, v)
}

// citizenSendCode sends a code to the phone (through the outbox) and asks
// for it. The answer is the same for every valid number, known or not.
func (s *Server) citizenSendCode(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	phone := strings.TrimSpace(r.PostFormValue("phone"))
	d := citizenSigninData{Phone: phone, Next: localPath(r.PostFormValue("next"))}
	if err := s.codes.Request(ctx, phone, r.RemoteAddr); err != nil {
		s.citizenFailed(w, r, err, func(status int, e *coso.Error) {
			d.Error = e
			s.renderCitizenSignin(w, r, status, d)
		})
		return
	}
	p, _ := phonecode.NormalizePhone(phone) // Request checked it
	s.sessions.Put(ctx, pendingPhoneKey, p)
	s.sessions.Put(ctx, citizenNextKey, d.Next)
	http.Redirect(w, r, "/signin/code", http.StatusSeeOther)
}

// citizenFailed shows err on the form through show: bad input, a wrong,
// expired or locked code, or too many attempts (with Retry-After). Other
// errors are the server's and get the error page.
func (s *Server) citizenFailed(w http.ResponseWriter, r *http.Request, err error, show func(status int, e *coso.Error)) {
	e := coso.AsError(err)
	if e.Code == coso.EInternal {
		s.fail(w, r, err)
		return
	}
	setRetryAfter(w, err)
	show(coso.HTTPStatus(e.Code), e)
}

func (s *Server) citizenCodeForm(w http.ResponseWriter, r *http.Request) {
	phone := s.sessions.GetString(r.Context(), pendingPhoneKey)
	if phone == "" {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	s.renderCode(w, r, http.StatusOK, citizenSigninData{Phone: phone, Masked: maskPhone(phone)})
}

func (s *Server) renderCode(w http.ResponseWriter, r *http.Request, status int, d citizenSigninData) {
	v := s.view(r, "", d)
	v.Title = v.T.T("ccode_title")
	s.render(w, r, "citizen_code", status, v)
}

// citizenSignin checks the code and starts the citizen's session.
func (s *Server) citizenSignin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	phone := s.sessions.GetString(ctx, pendingPhoneKey)
	if phone == "" {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	c, err := s.codes.Verify(ctx, phone, r.PostFormValue("code"), r.RemoteAddr)
	if err != nil {
		s.citizenFailed(w, r, err, func(status int, e *coso.Error) {
			s.renderCode(w, r, status, citizenSigninData{Phone: phone, Masked: maskPhone(phone), Error: e})
		})
		return
	}
	next := localPath(s.sessions.GetString(ctx, citizenNextKey))
	if err := s.startCitizenSession(ctx, citizenKey, c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if next == "" {
		next = "/me"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// startCitizenSession signs a citizen in with a new session token, under
// key (citizenKey or citizenPersonKey), ending any official's sign-in in
// the same browser.
func (s *Server) startCitizenSession(ctx context.Context, key string, id int64) error {
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	for _, k := range []string{store.SessionUserKey, enrolUserKey, enrolSecretKey, enrolNextKey} {
		s.sessions.Remove(ctx, k)
	}
	s.forgetCitizen(ctx)
	s.sessions.Put(ctx, key, id)
	return nil
}

// forgetCitizen removes every citizen key from the session.
func (s *Server) forgetCitizen(ctx context.Context) {
	for _, k := range []string{citizenKey, citizenPersonKey, pendingPhoneKey, citizenNextKey, oidcStateKey, oidcNonceKey, oidcVerifierKey} {
		s.sessions.Remove(ctx, k)
	}
}

func (s *Server) citizenSignout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
