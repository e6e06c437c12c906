package web

import "net/http"

// switchLang remembers the chosen language in a cookie and goes back to the
// page the person was on. It works without JavaScript.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) {
	l := r.PathValue("lang")
	if l != "vi" && l != "en" {
		l = "vi"
	}
	// #nosec G124 -- HttpOnly and SameSite are set; Secure follows the
	// connection so that plain-HTTP development works, and the cookie holds
	// only "vi" or "en".
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	next := localPath(r.URL.Query().Get("next"))
	if next == "" {
		next = "/"
	}
	// #nosec G710 -- localPath keeps only paths on this site (TestLocalPath).
	http.Redirect(w, r, next, http.StatusSeeOther)
}
