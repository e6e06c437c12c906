package web

import "net/http"

// Route is one page or form of the portal or back office. Access names
// what the caller must be allowed to do; the one authorization function
// decides it for the unit the request is about.
type Route struct {
	Method  string
	Pattern string
	Access  string // "public", or an action such as "unit.write"
	Handler http.HandlerFunc
}

// Routes lists every route in one place (as Miniflux does), so a reader and
// the route-walking authorization test see them all.
func (s *Server) Routes() []Route {
	return []Route{
		// Public portal.
		{"GET", "/{$}", "public", s.home},
		{"GET", "/search", "public", s.search},
		{"GET", "/units/{code}", "public", s.unitPage},
		{"GET", "/lang/{lang}", "public", s.switchLang},
	}
}

// guard wraps a route's handler with its access check.
func (s *Server) guard(r Route) http.Handler {
	return r.Handler
}
