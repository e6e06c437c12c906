package web

import (
	"net/http"

	"coso/store"
)

type sessionsData struct {
	Sessions []store.SessionInfo
	Current  string
}

// sessionsPage lists the official's own sessions so a forgotten sign-in on
// a shared computer can be ended.
func (s *Server) sessionsPage(w http.ResponseWriter, r *http.Request) {
	who := whoFrom(r.Context())
	list, err := s.store.SessionsOf(r.Context(), who.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", sessionsData{Sessions: list, Current: store.SessionID(s.sessions.Token(r.Context()))})
	v.Title = v.T.T("sessions_title")
	s.render(w, r, "admin_sessions", http.StatusOK, v)
}

// endSession ends one of the official's sessions, or all but this one.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	who := whoFrom(r.Context())
	current := store.SessionID(s.sessions.Token(r.Context()))
	var err error
	if id := r.PostFormValue("id"); id == "others" {
		_, err = s.store.DeleteSessionsOf(r.Context(), who.User.ID, current)
	} else {
		err = s.store.DeleteSession(r.Context(), who.User.ID, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/sessions", http.StatusSeeOther)
}
