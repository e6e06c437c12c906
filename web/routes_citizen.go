package web

import "coso/account"

// citizenRoutes are the citizens' sign-in (phone and code, or the identity
// provider), their own page, and the officials' page that confirms which
// person a citizen account is.
func (s *Server) citizenRoutes() []Route {
	return []Route{
		{Method: "GET", Pattern: "/signin", Access: public, Handler: s.citizenSigninForm},
		{Method: "POST", Pattern: "/signin", Access: public, Handler: s.citizenSendCode},
		{Method: "GET", Pattern: "/signin/code", Access: public, Handler: s.citizenCodeForm},
		{Method: "POST", Pattern: "/signin/code", Access: public, Handler: s.citizenSignin},
		{Method: "GET", Pattern: "/signin/oidc", Access: public, Handler: s.oidcStart},
		{Method: "GET", Pattern: "/signin/oidc/callback", Access: public, Handler: s.oidcCallback},
		{Method: "GET", Pattern: "/me", Access: citizenSignedIn, Handler: s.mePage},
		{Method: "POST", Pattern: "/signout", Access: citizenSignedIn, Handler: s.citizenSignout},

		{Method: "GET", Pattern: "/admin/citizens", Access: account.CitizenLink, Handler: s.citizensPage},
		{Method: "POST", Pattern: "/admin/citizens/search", Access: account.CitizenLink, Handler: s.citizensSearch},
		{Method: "POST", Pattern: "/admin/citizens/link", Access: account.CitizenLink, Handler: s.linkCitizen, Unit: linkedPersonUnit},
	}
}
