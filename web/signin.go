package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"coso"
	"coso/auth"
	"coso/store"
)

type signinData struct {
	Username string
	Next     string
	Error    *coso.Error
}

func (s *Server) signinForm(w http.ResponseWriter, r *http.Request) {
	if whoFrom(r.Context()).Official() {
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return
	}
	v := s.view(r, "", signinData{Next: localPath(r.URL.Query().Get("next"))})
	v.Title = v.T.T("signin_title")
	s.render(w, r, "signin", http.StatusOK, v)
}

// signin checks username, password and, where the roles need it, the
// authenticator code, all on one form: officials sign in once a day, and a
// second page would only add a step.
func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	username := strings.TrimSpace(r.PostFormValue("username"))
	d := signinData{Username: username, Next: localPath(r.PostFormValue("next"))}
	if err := s.limitSignin(r, username); err != nil {
		s.signinFailed(w, r, d, err)
		return
	}
	u, _, err := auth.SignIn(ctx, s.store, username, r.PostFormValue("password"), strings.TrimSpace(r.PostFormValue("otp")), s.store.Now())
	if errors.Is(err, auth.ErrEnrolTOTP) {
		// The password was right; the role needs a second factor that the
		// account does not have yet. Enrol it before the session starts.
		_ = s.sessions.RenewToken(ctx)
		s.sessions.Put(ctx, enrolUserKey, u.ID)
		s.sessions.Put(ctx, enrolNextKey, d.Next)
		http.Redirect(w, r, "/admin/enrol", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.signinFailed(w, r, d, err)
		return
	}
	s.startSession(w, r, u.ID, d.Next)
}

func (s *Server) signinFailed(w http.ResponseWriter, r *http.Request, d signinData, err error) {
	e := coso.AsError(err)
	if e.Code == coso.EInternal {
		s.fail(w, r, err)
		return
	}
	d.Error = e
	v := s.view(r, "", d)
	v.Title = v.T.T("signin_title")
	setRetryAfter(w, err)
	s.render(w, r, "signin", coso.HTTPStatus(e.Code), v)
}

// startSession signs the official in with a new session token (so a token
// planted before sign-in is worthless) and goes where they were heading.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, userID int64, next string) {
	ctx := r.Context()
	if err := s.sessions.RenewToken(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	s.sessions.Remove(ctx, enrolUserKey)
	s.sessions.Remove(ctx, enrolSecretKey)
	s.forgetCitizen(ctx)
	s.sessions.Put(ctx, store.SessionUserKey, userID)
	s.sessions.Put(ctx, store.SessionAddrKey, clientAddr(r))
	s.sessions.Put(ctx, store.SessionAgentKey, r.UserAgent())
	if next == "" {
		next = "/admin"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// localPath keeps next only when it is a path on this site: never an open
// redirect. url.Parse refuses control characters, which matters because
// browsers drop tabs and newlines from a Location, turning "/\t/evil.example"
// into "//evil.example", another site; they also read "\\" as "/".
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil ||
		!strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return ""
	}
	return next
}
