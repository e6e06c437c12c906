package web

import (
	"net/http"
	"strings"

	"coso"
	"coso/auth"
)

// Session keys of an enrolment in progress: the account whose password was
// right, and the secret offered to it.
const (
	enrolUserKey   = "enrol_user"
	enrolSecretKey = "enrol_secret" // #nosec G101 -- a session key's name, not a credential
	enrolNextKey   = "enrol_next"
)

type enrolData struct {
	Secret string
	Error  *coso.Error
}

// enrolSecret returns the secret offered to the account being enrolled,
// making one on the first visit.
func (s *Server) enrolSecret(r *http.Request) (userID int64, en *auth.Enrolment, err error) {
	ctx := r.Context()
	userID = s.sessions.GetInt64(ctx, enrolUserKey)
	if userID == 0 {
		return 0, nil, coso.Errorf(coso.EUnauthenticated, "", "Hãy đăng nhập bằng mật khẩu trước.", "Sign in with your password first.")
	}
	u, err := s.store.User(ctx, userID)
	if err != nil {
		return 0, nil, err
	}
	if url := s.sessions.GetString(ctx, enrolSecretKey); url != "" {
		return userID, &auth.Enrolment{Secret: secretOf(url), URL: url}, nil
	}
	en, err = auth.NewTOTP(u.Username)
	if err != nil {
		return 0, nil, err
	}
	s.sessions.Put(ctx, enrolSecretKey, en.URL)
	return userID, en, nil
}

func secretOf(otpURL string) string {
	_, q, _ := strings.Cut(otpURL, "secret=")
	secret, _, _ := strings.Cut(q, "&")
	return secret
}

func (s *Server) enrolForm(w http.ResponseWriter, r *http.Request) {
	_, en, err := s.enrolSecret(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", enrolData{Secret: en.Secret})
	v.Title = v.T.T("enrol_title")
	s.render(w, r, "enrol", http.StatusOK, v)
}

// enrolQR draws the otpauth:// URI as a QR code for the authenticator app.
// It is served from the session, never stored as a file.
func (s *Server) enrolQR(w http.ResponseWriter, r *http.Request) {
	_, en, err := s.enrolSecret(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	png, err := auth.QRPNG(en.URL, 240)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(png)
}

// enrol checks a first code from the app, stores the secret and signs in.
func (s *Server) enrol(w http.ResponseWriter, r *http.Request) {
	userID, en, err := s.enrolSecret(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := strings.TrimSpace(r.PostFormValue("otp"))
	if err := auth.VerifyTOTP(r.Context(), s.store, userID, en.Secret, code, s.store.Now()); err != nil {
		v := s.view(r, "", enrolData{Secret: en.Secret, Error: coso.AsError(err)})
		v.Title = v.T.T("enrol_title")
		s.render(w, r, "enrol", http.StatusUnauthorized, v)
		return
	}
	ctx := coso.WithActor(r.Context(), coso.Actor{UserID: userID, Role: "official", Addr: clientAddr(r)})
	if err := s.store.SetTOTPSecret(ctx, userID, en.Secret); err != nil {
		s.fail(w, r, err)
		return
	}
	s.startSession(w, r, userID, localPath(s.sessions.GetString(r.Context(), enrolNextKey)))
}
