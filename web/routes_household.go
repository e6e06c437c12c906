package web

import (
	"net/http"

	"coso/account"
)

// householdRoutes are the back office's pages about households. Pages
// about one village find their unit from the {code} in the path; pages
// about one household find it from the household's village.
func (s *Server) householdRoutes() []Route {
	read, write := account.HouseholdRead, account.HouseholdWrite
	hh := func(method, pattern string, access account.Action, h http.HandlerFunc) Route {
		return Route{Method: method, Pattern: "/admin/households/{household}" + pattern, Access: access, Handler: h, Unit: householdUnit}
	}
	return []Route{
		{Method: "GET", Pattern: "/admin/households", Access: read, Handler: s.householdsHome},
		{Method: "GET", Pattern: "/admin/villages/{code}/households", Access: read, Handler: s.villageHouseholds},
		{Method: "GET", Pattern: "/admin/villages/{code}/households/new", Access: write, Handler: s.householdNewForm},
		{Method: "POST", Pattern: "/admin/villages/{code}/households", Access: write, Handler: s.householdCreate},
		{Method: "GET", Pattern: "/admin/villages/{code}/households/import", Access: write, Handler: s.householdImportForm},
		{Method: "POST", Pattern: "/admin/villages/{code}/households/import", Access: write, Handler: s.householdImport},
		hh("GET", "", read, s.householdPage),
		hh("GET", "/address", write, s.householdAddressForm),
		hh("POST", "/address", write, s.householdAddress),
		hh("GET", "/members/new", write, s.memberAddForm),
		hh("POST", "/members", write, s.memberAdd),
		hh("GET", "/members/{person}/edit", write, s.personEditForm),
		hh("POST", "/members/{person}/edit", write, s.personEdit),
		hh("GET", "/members/{person}/remove", write, s.memberRemoveForm),
		hh("POST", "/members/{person}/remove", write, s.memberRemove),
		hh("GET", "/representative", write, s.representativeForm),
		hh("POST", "/representative", write, s.representative),
		hh("GET", "/move", write, s.moveForm),
		hh("POST", "/move", write, s.move),
	}
}

// householdUnit finds the unit of a household route: the household's
// village.
func householdUnit(s *Server, r *http.Request) (int64, error) {
	h, err := s.store.HouseholdByCode(r.Context(), r.PathValue("household"))
	if err != nil {
		return 0, err
	}
	return h.VillageID, nil
}
