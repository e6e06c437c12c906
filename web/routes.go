package web

import (
	"net/http"

	"coso/account"
	"coso/store"
)

// Access values that are not actions of the account table.
const (
	public   = account.Public
	signedIn = account.Action("signed_in") // any signed-in official, whatever their roles

	citizenSignedIn = account.Action("citizen_signed_in") // any signed-in citizen, confirmed or not
)

// Route is one page or form of the portal or back office. Access names
// what the caller must be allowed to do; Unit finds the unit the request is
// about (default: the {code} in the path, else the "unit" form value), and
// the one authorization function, account.Allowed, decides. Cache marks a
// public page that may be served from the page cache to people not signed
// in (pagecache.go): one that shows the same to everyone, and only the
// units and the parts named in Shows (what the store's PublicVersion
// counts).
type Route struct {
	Method  string
	Pattern string
	Access  account.Action
	Handler http.HandlerFunc
	Unit    unitFunc
	Cache   bool
	Shows   store.Shows
}

// Routes lists every route in one place (as Miniflux does), so a reader and
// the route-walking authorization test see them all.
func (s *Server) Routes() []Route {
	r := []Route{
		// Public portal.
		{Method: "GET", Pattern: "/{$}", Access: public, Handler: s.home, Cache: true},
		{Method: "GET", Pattern: "/search", Access: public, Handler: s.search},
		{Method: "GET", Pattern: "/units/{code}", Access: public, Handler: s.unitPage, Cache: true},
		{Method: "GET", Pattern: "/lang/{lang}", Access: public, Handler: s.switchLang},

		// Back office: signing in and out.
		{Method: "GET", Pattern: "/admin/signin", Access: public, Handler: s.signinForm},
		{Method: "POST", Pattern: "/admin/signin", Access: public, Handler: s.signin},
		{Method: "GET", Pattern: "/admin/enrol", Access: public, Handler: s.enrolForm},
		{Method: "GET", Pattern: "/admin/enrol/qr.png", Access: public, Handler: s.enrolQR},
		{Method: "POST", Pattern: "/admin/enrol", Access: public, Handler: s.enrol},
		{Method: "POST", Pattern: "/admin/signout", Access: signedIn, Handler: s.signout},

		// Back office.
		{Method: "GET", Pattern: "/admin", Access: signedIn, Handler: s.adminHome},
		{Method: "GET", Pattern: "/admin/sessions", Access: signedIn, Handler: s.sessionsPage},
		{Method: "POST", Pattern: "/admin/sessions/end", Access: signedIn, Handler: s.endSession},
	}
	r = append(r, s.adminRoutes()...)
	r = append(r, s.citizenRoutes()...)
	r = append(r, s.householdRoutes()...)
	r = append(r, s.disclosureRoutes()...)
	r = append(r, s.decisionRoutes()...)
	r = append(r, s.petitionRoutes()...)
	r = append(r, s.consultationRoutes()...)
	return r
}
