package web

import (
	"net/http"
	"strings"
)

// switchLang remembers the chosen language in a cookie and goes back to the
// page the person was on. It works without JavaScript.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) {
	l := r.PathValue("lang")
	if l != "vi" && l != "en" {
		l = "vi"
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	next := r.URL.Query().Get("next")
	// Only a path on this site: never an open redirect.
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}
