package web

import (
	"net/http"
	"net/url"

	"coso"
	"coso/account"
)

// unitFunc finds the unit a request is about; 0 means none in particular.
type unitFunc func(s *Server, r *http.Request) (int64, error)

// unitFromCode reads the unit from the {code} path value or the "unit" form
// value.
func unitFromCode(s *Server, r *http.Request) (int64, error) {
	code := r.PathValue("code")
	if code == "" {
		code = r.FormValue("unit")
	}
	if code == "" {
		return 0, nil
	}
	u, err := s.store.UnitByCode(r.Context(), code)
	if err != nil {
		return 0, err
	}
	return u.ID, nil
}

// guard wraps a route's handler with the one access decision. Public
// routes pass; signedIn routes need a signed-in official and citizen
// routes a signed-in citizen (both touch only the caller's own account);
// every other route needs a signed-in person whose grants (an official's,
// or a citizen's derived ones) allow the route's action on the request's
// unit (or, for pages about no unit in particular such as lists, on some
// unit). Everything else is denied.
func (s *Server) guard(rt Route) http.Handler {
	find := rt.Unit
	if find == nil {
		find = unitFromCode
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := whoFrom(r.Context())
		switch {
		case rt.Access == public:
			rt.Handler(w, r)
			return
		case rt.Access == signedIn && !who.Official():
			s.needSignIn(w, r, false)
			return
		case rt.Access == citizenSignedIn && !who.IsCitizen():
			s.needSignIn(w, r, true)
			return
		case rt.Access == signedIn || rt.Access == citizenSignedIn:
			rt.Handler(w, r)
			return
		case who == nil:
			s.needSignIn(w, r, forCitizens(rt.Access))
			return
		}
		unitID, err := find(s, r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		g := allowingGrant(who.Grants, rt.Access, unitID, s.store.WithinFunc(r.Context()))
		if g == nil {
			s.fail(w, r, coso.Forbidden())
			return
		}
		ctx := coso.WithActor(r.Context(), actorOf(r.Context(), r, g))
		rt.Handler(w, r.WithContext(ctx))
	})
}

// forCitizens tells whether citizens' roles may take action, so that a
// person who is not signed in is sent to the citizens' sign-in.
func forCitizens(a account.Action) bool {
	return account.Citizen.May(a) || account.HouseholdRep.May(a)
}

// allowingGrant returns the grant that allows action on unitID, or nil.
// For unit 0 (a page about no unit in particular) any grant that allows the
// action somewhere will do; the handler then shows only what lies under
// the grants' units.
func allowingGrant(grants []account.Grant, action account.Action, unitID int64, within func(u, a int64) bool) *account.Grant {
	for i := range grants {
		g := grants[i]
		one := []account.Grant{g}
		if unitID == 0 && len(account.Roots(one, action)) > 0 || unitID != 0 && account.Allowed(one, action, unitID, within) {
			return &g
		}
	}
	return nil
}

// needSignIn sends a person to the sign-in page (the citizens' or the
// officials') and back, or answers 401 to a form post.
func (s *Server) needSignIn(w http.ResponseWriter, r *http.Request, citizen bool) {
	if r.Method == http.MethodGet {
		page := "/admin/signin"
		if citizen {
			page = "/signin"
		}
		http.Redirect(w, r, page+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.fail(w, r, errSignInRequired)
}

// errSignInRequired is the guard's answer to a form posted by nobody.
var errSignInRequired = coso.Errorf(coso.EUnauthenticated, "", "Cần đăng nhập.", "Sign-in required.")
