package app_test

import (
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/app"
	"coso/app/apptest"
	"coso/consultation"
	"coso/decision"
	"coso/store"
	"coso/store/storetest"
	"coso/web"
)

// side is one commune's records, by the names routes use for them (path
// parameters, query and form fields), and the personal data of its people.
type side struct {
	name     string
	values   map[string]string
	personal *apptest.Data
}

// sides makes commune A and commune B alike: a household whose
// representative has a phone and a citizen ID, and a citizen account
// that signed in with that phone (not confirmed yet).
func (r *rig) sides() (a, b side) {
	mk := func(name, commune, village, hh, person, phone, cid string) side {
		p := r.family(village, hh, person, phone, cid)
		r.browser().citizenSignIn(phone)
		stored := "+84" + strings.TrimPrefix(strings.ReplaceAll(phone, " ", ""), "0")
		c, err := r.st.CitizenByPhone(r.t.Context(), stored)
		if err != nil {
			r.t.Fatal(err)
		}
		d := apptest.NewData()
		d.Add(person, phone, cid)
		values := map[string]string{
			"code": commune, "unit": commune, "lang": "vi", "phone": phone,
			"citizen": strconv.FormatInt(c.ID, 10), "person": strconv.FormatInt(p.ID, 10),
			"account": strconv.FormatInt(r.official("chutich."+commune, account.CommuneChair, commune).user.ID, 10),
			"message": strconv.FormatInt(r.failedMessage(commune), 10),
			"village": village, "household": strconv.FormatInt(r.householdID(hh), 10), "hhcode": hh,
			"matter": strconv.FormatInt(r.draftMatter(village), 10), "option": "0",
		}
		con := r.openConsultation(commune)
		comment, file := r.consultationOpinions(con, c.ID)
		values["consultation"], values["comment"], values["opinion"] = strconv.FormatInt(con, 10), strconv.FormatInt(comment, 10), strconv.FormatInt(comment, 10)
		values["file"], values["section"], values["stance"], values["text"] = strconv.FormatInt(file, 10), "1", "agree", "Đồng ý với dự thảo."
		closed, group := r.closedConsultation(commune, c.ID)
		values["closed"], values["group"] = strconv.FormatInt(closed, 10), strconv.FormatInt(group, 10)
		for k, v := range r.disclosureRecords(commune, d) {
			values[k] = v
		}
		for k, v := range r.petitionRecords(commune, d) {
			values[k] = v
		}
		return side{name: name, personal: d, values: values}
	}
	return mk("A", communeA, villageA, "10001.01-H01", "Lê Văn An", "0912 111 222", "038080001111"),
		mk("B", communeB, villageB, "10002.01-H01", "Phạm Thị Bích", "0912 333 444", "038080003333")
}

// formFields names the values a route sends besides the path parameters.
// Every other route sends "unit" (what the guard reads by default); a
// route that finds its unit with its own function MUST be listed, and the
// test fails for one that is not, so no route goes untested.
var formFields = map[string][]string{
	"POST /admin/citizens/link":            {"citizen", "person"},
	"GET /admin/accounts/{id}":             {},
	"POST /admin/accounts/{id}/disable":    {},
	"POST /admin/accounts/{id}/enable":     {},
	"POST /admin/accounts/{id}/totp-reset": {},
	"POST /admin/outbox/{id}/retry":        {},
	// Matters find their unit from the matter: its village, or for the
	// commune's answer, its commune.
	"POST /matters/{id}/ballot":           {"option"},
	"GET /admin/matters/{id}/form01.pdf":  {},
	"GET /admin/matters/{id}/form02.pdf":  {},
	"GET /admin/matters/{id}/form03.pdf":  {},
	"GET /admin/matters/{id}/form04.pdf":  {},
	"GET /admin/matters/{id}/ballots.pdf": {},
	"GET /admin/matters/{id}/roster.pdf":  {},
	"GET /admin/matters/{id}":             {},
	"POST /admin/matters/{id}/step":       {},
	"POST /admin/matters/{id}/meeting":    {},
	"POST /admin/matters/{id}/attendance": {},
	"POST /admin/matters/{id}/counts":     {},
	"POST /admin/matters/{id}/paper":      {},
	"POST /admin/matters/{id}/conflicts":  {},
	"POST /admin/matters/{id}/decision":   {},
	"POST /admin/matters/{id}/send":       {},
	"POST /admin/matters/{id}/procedure":  {},
	"POST /admin/matters/{id}/invitation": {},
	"POST /admin/matters/{id}/clusters":   {},
	// Consultations find their unit from the consultation: its commune.
	"GET /admin/consultations/{id}":                          {},
	"POST /admin/consultations/{id}/step":                    {},
	"POST /admin/consultations/{id}/extend":                  {},
	"GET /admin/consultations/{id}/opinions":                 {},
	"POST /admin/consultations/{id}/opinions":                {},
	"POST /admin/consultations/{id}/opinions/{opinion}/hide": {},
	"GET /admin/consultations/{id}/files/{file}":             {},
	"GET /admin/consultations/{id}/report":                   {},
	"GET /admin/consultations/{id}/sheets.pdf":               {"village"},
	"GET /admin/consultations/{id}/dashboard":                {},
	"POST /admin/consultations/{id}/groups/{group}":          {},
	"POST /admin/consultations/{id}/outcomes":                {},
	"POST /admin/consultations/{id}/publish":                 {},
	// Citizens' comments: their unit is the consultation's commune.
	"POST /consultations/{id}/comments":           {"section", "stance", "text"},
	"POST /consultations/{id}/comments/{comment}": {"stance", "text"},
}

func init() {
	// Every page about one household finds its unit from the household in
	// the path: it needs no form field.
	for _, r := range []string{"GET ", "GET /address", "POST /address", "GET /members/new", "POST /members",
		"GET /members/{person}/edit", "POST /members/{person}/edit", "GET /members/{person}/remove",
		"POST /members/{person}/remove", "GET /representative", "POST /representative", "GET /move", "POST /move"} {
		method, rest, _ := strings.Cut(r, " ")
		formFields[method+" /admin/households/{household}"+rest] = []string{}
	}
}

// ownOnly are the routes that need a signed-in person but touch only that
// person's own account, so they have no unit to be refused on. Each says
// why; a signed-in route that is not listed fails the test.
var ownOnly = map[string]string{
	"GET /admin":                "the official's own roles",
	"GET /admin/sessions":       "the official's own sessions",
	"POST /admin/sessions/end":  "ends only the official's own sessions (the store checks the owner)",
	"POST /admin/signout":       "ends the caller's session",
	"GET /me":                   "the citizen's own account",
	"POST /signout":             "ends the caller's session",
	"DELETE /api/v1/auth/token": "revokes the token of the request",
}

// apiBodies are the request bodies of API operations, for a commune.
var apiBodies = map[string]func(s side) any{
	"POST /api/v1/units": func(s side) any {
		return map[string]any{"code": s.values["code"] + ".77", "name": "Thôn Thử", "kind": "village", "parent_code": s.values["code"]}
	},
	"PUT /api/v1/units/{code}": func(side) any { return map[string]any{"name": "Xã Đổi Tên"} },
	"POST /api/v1/units/import": func(s side) any {
		return "code,name,kind,parent_code\n" + s.values["code"] + ".78,Thôn Nhập,village," + s.values["code"] + "\n"
	},
	"POST /api/v1/auth/token": func(side) any { return map[string]any{} },
	"POST /api/v1/households": func(s side) any {
		return map[string]any{"code": s.values["village"] + "-H77", "village_code": s.values["village"], "members": []map[string]any{
			{"full_name": "Trần Văn Mới", "birth_date": "1970-01-02", "sex": "male", "relation": "chủ hộ", "representative": true}}}
	},
	"PUT /api/v1/households/{code}":                 func(side) any { return map[string]any{"address": "Xóm 3"} },
	"POST /api/v1/households/{code}/representative": func(s side) any { return map[string]any{"person_id": 1, "reason": "thử"} },
	"POST /api/v1/households/{code}/members": func(side) any {
		return map[string]any{"full_name": "Trần Thị Mới", "birth_date": "2001-02-03", "sex": "female", "relation": "con"}
	},
	"POST /api/v1/households/{code}/move": func(s side) any { return map[string]any{"village_code": s.values["village"], "reason": "thử"} },
	"POST /api/v1/households/import": func(s side) any {
		return "household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative\n" +
			s.values["village"] + "-H78,,Đỗ Văn Nhập,1975-05-05,nam,,,chủ hộ,x\n"
	},
	"POST /api/v1/auth/otp": func(s side) any { return map[string]any{"phone": s.values["phone"]} },

	"POST /api/v1/matters": func(s side) any {
		return map[string]any{"unit_code": s.values["village"], "subject": 6, "title": "Giờ mở cổng", "question": "Mở lúc 5 giờ?",
			"forms": []string{"meeting"}, "proposal": map[string]any{"path": "village_head", "proposer": "Trưởng thôn"}}
	},
	"PUT /api/v1/matters/{id}/meeting": func(side) any { return map[string]any{"on": "2030-01-05", "place": "Nhà văn hoá"} },
	"POST /api/v1/matters/{id}/attendance": func(s side) any {
		return map[string]any{"households": []string{s.values["hhcode"]}, "present": true}
	},
	"PUT /api/v1/matters/{id}/counts":         func(s side) any { return map[string]any{"village_code": s.values["village"], "counts": []int{1, 0, 0}} },
	"POST /api/v1/matters/{id}/paper-ballots": func(side) any { return map[string]any{"serial": "1-AAAAAAAA", "option": 0} },
	"POST /api/v1/matters/{id}/ballots":       func(side) any { return map[string]any{"option": 0} },
	"PUT /api/v1/matters/{id}/conflicts/{household}": func(side) any {
		return map[string]any{"kept": "online", "reason": "Hộ đã bỏ phiếu trực tuyến trước"}
	},
	"POST /api/v1/matters/{id}/recognition": func(side) any { return map[string]any{"decision": "recognised", "on": "2030-01-10"} },
	"POST /api/v1/matters/{id}/send":        func(side) any { return map[string]any{"on": "2030-01-09"} },
	"POST /api/v1/matters/{id}/clusters": func(s side) any {
		return map[string]any{"village_code": s.values["village"], "name": "Cụm 1", "held_on": "2030-01-05", "place": "Sân"}
	},
	"PUT /api/v1/matters/{id}/invitation": func(side) any {
		return map[string]any{"issued_on": "2030-01-01", "meeting_on": "2030-01-05", "place": "Nhà văn hoá"}
	},
	"POST /api/v1/matters/{id}/procedures": func(s side) any {
		return map[string]any{"village_code": s.values["village"], "kind": "secretary", "names": []string{"Lò Thị Thư"}, "approve": 1}
	},
	"POST /api/v1/consultations": func(s side) any {
		return map[string]any{"unit_code": s.values["code"], "subject": 7, "title": "Quy chế dân chủ của xã",
			"draft": "Điều 1. Phạm vi\nA\nĐiều 2. Đối tượng\nB", "closes_on": "2099-01-31"}
	},
	"POST /api/v1/consultations/{id}/open":                    func(side) any { return map[string]any{} },
	"POST /api/v1/consultations/{id}/extend":                  func(side) any { return map[string]any{"closes_on": "2099-12-31", "reason": "Thêm thời gian"} },
	"POST /api/v1/consultations/{id}/comments":                func(side) any { return map[string]any{"section": 1, "stance": "agree"} },
	"PUT /api/v1/consultations/{id}/comments/{comment}":       func(side) any { return map[string]any{"stance": "disagree"} },
	"POST /api/v1/consultations/{id}/comments/{comment}/hide": func(side) any { return map[string]any{"reason": "spam"} },
	"POST /api/v1/consultations/{id}/opinions": func(side) any {
		return map[string]any{"section": 2, "stance": "agree", "channel": "box", "received_on": time.Now().In(coso.Zone).Format("2006-01-02")}
	},
	"PUT /api/v1/consultations/{id}/groups/{group}":     func(side) any { return map[string]any{"response": "accepted"} },
	"PUT /api/v1/consultations/{id}/outcomes/{section}": func(side) any { return map[string]any{"outcome": "kept"} },
	"POST /api/v1/consultations/{id}/report":            func(side) any { return map[string]any{} },
	"POST /api/v1/villages/{code}/online-optins": func(side) any {
		return map[string]any{"decided_on": "2030-01-01", "households": 1, "agreed": 1}
	},
}

// idOf names, for each route with an {id}, which of a side's records the
// id is: ids of different kinds of records share the parameter's name.
var idOf = map[string]string{
	"GET /admin/accounts/{id}":                                "account",
	"POST /admin/accounts/{id}/grant":                         "account",
	"POST /admin/accounts/{id}/revoke":                        "account",
	"POST /admin/accounts/{id}/disable":                       "account",
	"POST /admin/accounts/{id}/enable":                        "account",
	"POST /admin/accounts/{id}/totp-reset":                    "account",
	"POST /admin/outbox/{id}/retry":                           "message",
	"GET /matters/{id}":                                       "matter",
	"POST /matters/{id}/ballot":                               "matter",
	"GET /matters/{id}/decision.pdf":                          "matter",
	"GET /admin/matters/{id}/form01.pdf":                      "matter",
	"GET /admin/matters/{id}/form02.pdf":                      "matter",
	"GET /admin/matters/{id}/form03.pdf":                      "matter",
	"GET /admin/matters/{id}/form04.pdf":                      "matter",
	"GET /admin/matters/{id}/ballots.pdf":                     "matter",
	"GET /admin/matters/{id}/roster.pdf":                      "matter",
	"GET /matters/{id}/receipt":                               "matter",
	"GET /admin/matters/{id}":                                 "matter",
	"POST /admin/matters/{id}/step":                           "matter",
	"POST /admin/matters/{id}/meeting":                        "matter",
	"POST /admin/matters/{id}/attendance":                     "matter",
	"POST /admin/matters/{id}/counts":                         "matter",
	"POST /admin/matters/{id}/paper":                          "matter",
	"POST /admin/matters/{id}/conflicts":                      "matter",
	"POST /admin/matters/{id}/decision":                       "matter",
	"POST /admin/matters/{id}/send":                           "matter",
	"POST /admin/matters/{id}/procedure":                      "matter",
	"GET /api/v1/matters/{id}":                                "matter",
	"POST /api/v1/matters/{id}/open":                          "matter",
	"POST /api/v1/matters/{id}/close":                         "matter",
	"POST /api/v1/matters/{id}/count":                         "matter",
	"PUT /api/v1/matters/{id}/meeting":                        "matter",
	"POST /api/v1/matters/{id}/attendance":                    "matter",
	"PUT /api/v1/matters/{id}/counts":                         "matter",
	"POST /api/v1/matters/{id}/household-ballots":             "matter",
	"POST /api/v1/matters/{id}/paper-ballots":                 "matter",
	"POST /api/v1/matters/{id}/ballots":                       "matter",
	"GET /api/v1/matters/{id}/receipts/{code}":                "matter",
	"GET /api/v1/matters/{id}/result":                         "matter",
	"GET /api/v1/matters/{id}/conflicts":                      "matter",
	"PUT /api/v1/matters/{id}/conflicts/{household}":          "matter",
	"POST /api/v1/matters/{id}/recognition":                   "matter",
	"POST /api/v1/matters/{id}/send":                          "matter",
	"POST /api/v1/matters/{id}/procedures":                    "matter",
	"PUT /api/v1/matters/{id}/invitation":                     "matter",
	"POST /api/v1/matters/{id}/clusters":                      "matter",
	"POST /admin/matters/{id}/clusters":                       "matter",
	"POST /admin/matters/{id}/invitation":                     "matter",
	"GET /api/v1/matters/{id}/meetings":                       "matter",
	"GET /consultations/{id}":                                 "consultation",
	"GET /admin/consultations/{id}":                           "consultation",
	"POST /admin/consultations/{id}/step":                     "consultation",
	"POST /admin/consultations/{id}/extend":                   "consultation",
	"GET /api/v1/consultations/{id}":                          "consultation",
	"POST /api/v1/consultations/{id}/open":                    "consultation",
	"POST /api/v1/consultations/{id}/extend":                  "consultation",
	"POST /api/v1/consultations/{id}/close":                   "consultation",
	"POST /consultations/{id}/comments":                       "consultation",
	"POST /consultations/{id}/comments/{comment}":             "consultation",
	"GET /admin/consultations/{id}/opinions":                  "consultation",
	"POST /admin/consultations/{id}/opinions":                 "consultation",
	"POST /admin/consultations/{id}/opinions/{opinion}/hide":  "consultation",
	"GET /admin/consultations/{id}/files/{file}":              "consultation",
	"GET /api/v1/consultations/{id}/comments":                 "consultation",
	"POST /api/v1/consultations/{id}/comments":                "consultation",
	"PUT /api/v1/consultations/{id}/comments/{comment}":       "consultation",
	"POST /api/v1/consultations/{id}/comments/{comment}/hide": "consultation",
	"POST /api/v1/consultations/{id}/opinions":                "consultation",
	"GET /consultations/{id}/notice.pdf":                      "consultation",
	"GET /admin/consultations/{id}/sheets.pdf":                "consultation",
	"GET /admin/consultations/{id}/dashboard":                 "consultation",
	"GET /api/v1/consultations/{id}/participation":            "consultation",
	// The answer report's routes are about a closed consultation.
	"GET /consultations/{id}/report":                    "closed",
	"GET /consultations/{id}/report.pdf":                "closed",
	"GET /admin/consultations/{id}/report":              "closed",
	"POST /admin/consultations/{id}/groups/{group}":     "closed",
	"POST /admin/consultations/{id}/outcomes":           "closed",
	"POST /admin/consultations/{id}/publish":            "closed",
	"GET /api/v1/consultations/{id}/report":             "closed",
	"POST /api/v1/consultations/{id}/report":            "closed",
	"PUT /api/v1/consultations/{id}/groups/{group}":     "closed",
	"PUT /api/v1/consultations/{id}/outcomes/{section}": "closed",
}

var param = regexp.MustCompile(`\{([^}]*)\}`)

// fill puts the side's values into a pattern's path parameters.
func fill(t *testing.T, route, pattern string, s side) string {
	return param.ReplaceAllStringFunc(pattern, func(m string) string {
		name := strings.TrimSuffix(m[1:len(m)-1], "...")
		if name == "$" {
			return ""
		}
		// Pages about one village name it by {code}; the side's village
		// goes there, not its commune.
		if name == "code" && strings.HasPrefix(pattern, "/admin/villages/") {
			name = "village"
		}
		// A case's public pages name it by its tracking code.
		if name == "code" && strings.HasPrefix(pattern, "/petitions/") {
			name = "tracking"
		}
		if name == "id" {
			kind, ok := idOf[route]
			if !ok {
				t.Fatalf("%s: say in idOf which record its {id} is", route)
			}
			name = kind
		}
		v, ok := s.values[name]
		if !ok {
			t.Fatalf("%s: no value for path parameter {%s}: add one to side.values", route, name)
		}
		return url.PathEscape(v)
	})
}

// TestEveryRouteKeepsCommunesApart walks every page and form of the web
// route table and every operation of the API's OpenAPI document (issue
// 3, "Done when" #1): an officer of commune A gets 403 (or 404) on every
// route about commune B, anonymous callers are refused everywhere but on
// public routes, public routes are public, and no answer to the officer
// or to anyone shows a person of commune B. Routes added later are
// walked too; one the test cannot fill fails it.
func TestEveryRouteKeepsCommunesApart(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		a, b := r.sides()
		n := 0
		officer := func() *official {
			n++
			return r.official("canbo.xa"+strconv.Itoa(n), account.CommuneOfficer, communeA)
		}
		o := officer()
		session := r.browser()
		session.signIn(o)
		token := r.token(o)

		routes := r.app.Web.Routes()
		seen := map[string]bool{}
		for _, rt := range routes {
			seen[rt.Method+" "+rt.Pattern] = true
		}
		for _, rt := range routes {
			walkPage(t, r, rt, a, b, session, officer)
		}
		ops := operations(r.app.API)
		for _, op := range ops {
			seen[op.Method+" "+op.Path] = true
		}
		for _, op := range ops {
			walkOperation(t, r, op, a, b, token, officer)
		}
		for k := range ownOnly {
			if !seen[k] {
				t.Errorf("ownOnly lists %s, which is no route", k)
			}
		}
		for k := range idOf {
			if !seen[k] {
				t.Errorf("idOf lists %s, which is no route", k)
			}
		}
		for k := range formFields {
			if !seen[k] {
				t.Errorf("formFields lists %s, which is no route", k)
			}
		}
		if len(routes) < 20 || len(ops) < 8 {
			t.Errorf("walked only %d pages and %d operations", len(routes), len(ops))
		}
	})
}

// request sends route with s's values: path parameters, and the route's
// fields in the query (GET) or the form (other methods).
func request(t *testing.T, b *browser, rt web.Route, s side) answer {
	key := rt.Method + " " + rt.Pattern
	fields, listed := formFields[key]
	if !listed {
		if rt.Unit != nil {
			t.Fatalf("%s finds its unit with its own function: list the fields it needs in formFields", key)
		}
		fields = []string{"unit"}
	}
	form := url.Values{}
	for _, f := range fields {
		v, ok := s.values[f]
		if !ok {
			t.Fatalf("%s: no value for field %q: add one to side.values", key, f)
		}
		form.Set(f, v)
	}
	path := fill(t, key, rt.Pattern, s)
	if rt.Method == "GET" {
		return b.get(path + "?" + form.Encode())
	}
	return b.do(rt.Method, path, form)
}

// refusedSignIn tells whether the guard asked for a sign-in: a redirect to
// a sign-in page that comes back (GET), or its 401 (forms).
func refusedSignIn(res answer) bool {
	if res.status == 303 {
		return strings.HasPrefix(res.location, "/admin/signin?next=") || strings.HasPrefix(res.location, "/signin?next=")
	}
	return res.status == 401 && strings.Contains(res.body, "Cần đăng nhập.")
}

func leaks(t *testing.T, what string, res answer, s side) {
	t.Helper()
	if found := s.personal.Find(res.body); len(found) > 0 {
		t.Errorf("%s shows commune %s's personal data: %v", what, s.name, found)
	}
}

func walkPage(t *testing.T, r *rig, rt web.Route, a, b side, session *browser, fresh func() *official) {
	key := rt.Method + " " + rt.Pattern
	anon := r.browser()
	res := request(t, anon, rt, b)
	leaks(t, "anonymous "+key, res, b)
	switch {
	case rt.Access == account.Public:
		if refusedSignIn(res) || res.status == 403 {
			t.Errorf("public %s refused an anonymous caller: %d %s", key, res.status, res.location)
		}
		return
	case !refusedSignIn(res):
		t.Errorf("%s let an anonymous caller through: %d %s", key, res.status, res.location)
	}
	if _, ok := ownOnly[key]; ok {
		// A session of its own: these routes may end it.
		s := r.browser()
		s.signIn(fresh())
		res := request(t, s, rt, b)
		leaks(t, "officer of A at "+key, res, b)
		if res.status == 403 || res.status >= 500 {
			t.Errorf("%s (own account only) answered the officer %d", key, res.status)
		}
		return
	}
	if !rt.Access.Known() {
		t.Errorf("%s: access %q is neither public, an own-account route (ownOnly) nor an action", key, rt.Access)
		return
	}
	res = request(t, session, rt, b)
	leaks(t, "officer of A at "+key+" for B", res, b)
	if res.status != 403 && res.status != 404 {
		t.Errorf("officer of commune A at %s for commune B: %d, want 403 or 404", key, res.status)
	}
	// The same route about commune A: allowed where the role may, and
	// still nothing of B.
	res = request(t, session, rt, a)
	leaks(t, "officer of A at "+key+" for A", res, b)
	may := account.CommuneOfficer.May(rt.Access)
	if may && (res.status == 401 || res.status == 403 || res.status >= 500) || !may && res.status != 403 {
		t.Errorf("officer of commune A at %s for commune A (role may: %t): %d", key, may, res.status)
	}
}

// operations lists every operation of the API's OpenAPI document, sorted.
func operations(api huma.API) []*huma.Operation {
	var out []*huma.Operation
	for _, item := range api.OpenAPI().Paths {
		for _, op := range []*huma.Operation{item.Get, item.Put, item.Post, item.Delete, item.Patch, item.Head, item.Options, item.Trace} {
			if op != nil {
				out = append(out, op)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path+out[i].Method < out[j].Path+out[j].Method })
	return out
}

func walkOperation(t *testing.T, r *rig, op *huma.Operation, a, b side, token string, fresh func() *official) {
	key := op.Method + " " + op.Path
	call := func(tok string, s side) answer {
		var body any
		if op.RequestBody != nil {
			mk, ok := apiBodies[key]
			if !ok {
				t.Fatalf("%s takes a body: give one in apiBodies", key)
			}
			body = mk(s)
		}
		path := op.Path
		query := url.Values{}
		for _, p := range op.Parameters {
			// A query parameter that names a record of the side is filled
			// with it (e.g. ?village=); others keep their defaults.
			if v, ok := s.values[p.Name]; ok && p.In == "query" {
				query.Set(p.Name, v)
			}
			if p.In == "path" {
				name := p.Name
				if name == "code" && strings.HasPrefix(op.Path, "/api/v1/households/") ||
					name == "household" && strings.HasPrefix(op.Path, "/api/v1/matters/") {
					name = "hhcode" // a household's code, not a unit's, nor its id
				}
				if name == "code" && strings.HasPrefix(op.Path, "/api/v1/petitions/") {
					name = "tracking" // a case's tracking code
				}
				if name == "id" {
					kind, ok := idOf[key]
					if !ok {
						t.Fatalf("%s: say in idOf which record its {id} is", key)
					}
					name = kind
				}
				v, ok := s.values[name]
				if !ok {
					t.Fatalf("%s: no value for path parameter {%s}: add one to side.values", key, name)
				}
				path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(v))
			}
		}
		if len(query) > 0 {
			path += "?" + query.Encode()
		}
		return r.call(tok, op.Method, path, body)
	}
	public := len(op.Security) == 0 && len(r.app.API.OpenAPI().Security) == 0
	res := call("", b)
	leaks(t, "anonymous "+key, res, b)
	if public {
		if res.status == 401 || res.status == 403 {
			t.Errorf("public %s refused an anonymous caller: %d %s", key, res.status, res.body)
		}
		return
	}
	if res.status != 401 {
		t.Errorf("%s let an anonymous caller through: %d", key, res.status)
	}
	if _, ok := ownOnly[key]; ok {
		res := call(r.token(fresh()), b)
		if res.status >= 300 {
			t.Errorf("%s (own token only) answered the officer %d %s", key, res.status, res.body)
		}
		return
	}
	res = call(token, b)
	leaks(t, "officer of A at "+key, res, b)
	if !slices.Contains([]int{403, 404}, res.status) {
		t.Errorf("officer of commune A at %s for commune B: %d, want 403 or 404\n%s", key, res.status, res.body)
	}
}

// draftMatter puts a matter to the households of village, as a draft, and
// returns its id.
func (r *rig) draftMatter(village string) int64 {
	r.t.Helper()
	m := &decision.Matter{UnitID: r.unit(village).ID, Subject: decision.OtherMatter, Title: "Giờ đóng cổng nhà văn hoá",
		Question: "Đóng cổng lúc 22 giờ?", Forms: []decision.Form{decision.Meeting},
		Proposal: decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn"}}
	if err := r.st.CreateMatter(r.t.Context(), m); err != nil {
		r.t.Fatal(err)
	}
	return m.ID
}

// openConsultation puts a three-article draft of the commune to its
// people, open for the law's 20 days, and returns its id. It carries no
// opinion, so its public page shows no one's name.
func (r *rig) openConsultation(commune string) int64 {
	r.t.Helper()
	ctx := r.t.Context()
	c := &consultation.Consultation{UnitID: r.unit(commune).ID, Subject: consultation.DemocracyRule, Title: "Quy chế thực hiện dân chủ của xã",
		Sections: consultation.Split("Điều 1. Phạm vi\nQuy chế này...\nĐiều 2. Công khai\nNội dung...\nĐiều 3. Hiệu lực\nTừ ngày ký."),
		ClosesOn: consultation.EarliestClose(r.st.Now(), 20)}
	if err := r.st.CreateConsultation(ctx, c); err != nil {
		r.t.Fatal(err)
	}
	if err := r.st.OpenConsultation(ctx, c.ID, time.Time{}); err != nil {
		r.t.Fatal(err)
	}
	return c.ID
}

// consultationOpinions gives a consultation a comment by the citizen
// account (not confirmed as anyone, so signed "a resident") and an
// organisation's formal opinion with its letter; it returns the comment's
// id and the letter's.
func (r *rig) consultationOpinions(consultationID, citizenID int64) (comment, file int64) {
	r.t.Helper()
	ctx := r.t.Context()
	o := &consultation.Opinion{Section: 1, Stance: consultation.Disagree, Text: "Nên công khai cả biên bản họp."}
	if err := r.st.PostComment(ctx, consultationID, store.Commenter{CitizenID: citizenID}, o); err != nil {
		r.t.Fatal(err)
	}
	letter := &consultation.Opinion{Section: 2, Stance: consultation.OtherOp, Text: "Đề nghị bổ sung thời hạn trả lời.",
		Channel: consultation.Front, Organisation: "Hội Nông dân xã", ReceivedOn: r.st.Now()}
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	if err := r.st.EnterOpinion(ctx, consultationID, letter, &store.Upload{Name: "cong-van.pdf", Data: pdf}); err != nil {
		r.t.Fatal(err)
	}
	return o.ID, letter.FileID
}

// closedConsultation puts a draft to the commune 25 days ago, takes one
// comment of the citizen account, closes it, and returns its id and the
// id of its one group of opinions.
func (r *rig) closedConsultation(commune string, citizenID int64) (id, group int64) {
	r.t.Helper()
	ctx := r.t.Context()
	r.clock.Add(-25 * 24 * time.Hour)
	id = r.openConsultation(commune)
	o := &consultation.Opinion{Section: 1, Stance: consultation.Agree, Text: "Đồng ý phạm vi."}
	if err := r.st.PostComment(ctx, id, store.Commenter{CitizenID: citizenID}, o); err != nil {
		r.t.Fatal(err)
	}
	r.clock.Add(25 * 24 * time.Hour)
	if err := r.st.CloseConsultation(ctx, id); err != nil {
		r.t.Fatal(err)
	}
	gs, err := r.st.OpinionGroups(ctx, id)
	if err != nil || len(gs) != 1 {
		r.t.Fatalf("groups: %v %v", gs, err)
	}
	return id, gs[0].ID
}
