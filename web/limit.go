package web

import (
	"net/http"
	"strconv"

	"coso/account"
	"coso/ratelimit"
)

// limitSignin counts a sign-in attempt against the username and the
// client's address; the limits are in ratelimit.Rules.
func (s *Server) limitSignin(r *http.Request, username string) error {
	if err := s.limits.Check(r.Context(), ratelimit.SignInPerAddr, ratelimit.Addr(r.RemoteAddr)); err != nil {
		return err
	}
	return s.limits.Check(r.Context(), ratelimit.SignInPerUser, account.NormalizeUsername(username))
}

// setRetryAfter tells the client how long to wait after a refused attempt.
func setRetryAfter(w http.ResponseWriter, err error) {
	if d, ok := ratelimit.RetryAfter(err); ok {
		w.Header().Set("Retry-After", strconv.Itoa(int((d.Seconds())+0.999)))
	}
}
