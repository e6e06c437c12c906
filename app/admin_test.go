package app_test

import (
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/app"
	"coso/auth"
	"coso/demo"
	"coso/notify"
	"coso/store"
	"coso/store/storetest"
)

// The demo province, its accounts (demo.Accounts, all with demo.Password)
// and one more: a commune officer of commune B. Commune A is the ward Hàm
// Rồng (14758), where every demo official works; B is Hoằng Hoá (15865).
const (
	demoCommuneA = "14758"
	demoCommuneB = "15865"
	demoVillageB = "15865.01"
)

// admin is a demo server for back-office scenarios.
type admin struct {
	t      *testing.T
	st     *store.Store
	srv    *httptest.Server
	offset atomic.Int64 // added to the store's clock, so each sign-in has a fresh TOTP step
}

func newAdmin(t *testing.T, st *store.Store) *admin {
	t.Helper()
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1 // the pages are under test, not the cost of hashing
	t.Cleanup(func() { auth.Params = old })
	a := &admin{t: t, st: st}
	st.SetClock(func() time.Time { return time.Now().UTC().Add(time.Duration(a.offset.Load())) })
	ctx := context.Background()
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Accounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	a.addOfficial("canbo.b", account.CommuneOfficer, demoCommuneB)
	ap, err := app.NewWithStore(st, app.Config{Demo: true, KeyDir: t.TempDir(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	a.srv = httptest.NewServer(ap.Handler)
	t.Cleanup(a.srv.Close)
	return a
}

// addOfficial creates an account with demo.Password, enrolled in TOTP
// when the role needs it, and returns its id.
func (a *admin) addOfficial(username string, role account.Role, unit string) int64 {
	a.t.Helper()
	hash, _ := auth.HashPassword(demo.Password)
	u := &account.User{Username: username, DisplayName: "Cán bộ " + username, PasswordHash: hash}
	if role.RequiresTOTP() {
		en, _ := auth.NewTOTP(username)
		u.TOTPSecret = en.Secret
	}
	if _, err := a.st.CreateOfficial(context.Background(), u, role, unit); err != nil {
		a.t.Fatal(err)
	}
	return u.ID
}

func (a *admin) userID(username string) int64 {
	a.t.Helper()
	u, err := a.st.UserByUsername(context.Background(), username)
	if err != nil {
		a.t.Fatal(err)
	}
	return u.ID
}

// client is a browser without JavaScript: a cookie jar, no redirects
// followed (the tests look at them), and the headers a browser sends with
// a same-origin form, which http.CrossOriginProtection checks.
type client struct {
	a *admin
	c *http.Client
}

func (a *admin) anonymous() *client {
	jar, _ := cookiejar.New(nil)
	return &client{a: a, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type response struct {
	status int
	header http.Header
	body   string
}

func (c *client) do(method, path string, form url.Values, header ...string) response {
	c.a.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.a.srv.URL+path, body)
	if err != nil {
		c.a.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method == "POST" {
		req.Header.Set("Origin", c.a.srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.c.Do(req)
	if err != nil {
		c.a.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (c *client) get(path string) response                   { return c.do("GET", path, nil) }
func (c *client) post(path string, form url.Values) response { return c.do("POST", path, form) }

// expect checks a response's status and that its body holds each of want.
func (c *client) expect(what string, r response, status int, want ...string) {
	c.a.t.Helper()
	if r.status != status {
		c.a.t.Errorf("%s: status %d, want %d\n%s", what, r.status, status, truncate([]byte(r.body)))
	}
	for _, w := range want {
		if !strings.Contains(r.body, w) {
			c.a.t.Errorf("%s: body lacks %q\n%s", what, w, truncate([]byte(r.body)))
		}
	}
}

func (c *client) lacks(what string, r response, absent ...string) {
	c.a.t.Helper()
	for _, w := range absent {
		if strings.Contains(r.body, w) {
			c.a.t.Errorf("%s: body has %q", what, w)
		}
	}
}

// signIn signs username in through the sign-in form, with the code of its
// authenticator when it has one.
func (a *admin) signIn(username string) *client {
	a.t.Helper()
	c := a.anonymous()
	u, err := a.st.UserByUsername(context.Background(), username)
	if err != nil {
		a.t.Fatal(err)
	}
	code := ""
	if u.TOTPSecret != "" {
		code, _ = auth.TOTPCode(u.TOTPSecret, a.st.Now())
	}
	r := c.post("/admin/signin", url.Values{"username": {username}, "password": {demo.Password}, "otp": {code}})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin" {
		a.t.Fatalf("sign-in of %s: %d %s\n%s", username, r.status, r.header.Get("Location"), truncate([]byte(r.body)))
	}
	a.offset.Add(int64(30 * time.Second))
	c.expect("home of "+username, c.get("/admin"), 200, u.DisplayName)
	return c
}

func idPath(id int64) string { return "/admin/accounts/" + strconv.FormatInt(id, 10) }

// An official sees and changes only what lies under their grants.
func TestAdminScopes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		a := newAdmin(t, st)
		idB, idOfficerA := a.userID("canbo.b"), a.userID("canbo.hamrong")

		officer := a.signIn("canbo.hamrong") // commune officer of A
		for _, p := range []string{"/admin/accounts?unit=" + demoCommuneB, "/admin/audit?unit=" + demoCommuneB, "/admin/audit.csv?unit=" + demoCommuneB,
			"/admin/outbox?unit=" + demoCommuneB, "/admin/accounts/new?unit=" + demoCommuneB, idPath(idB),
			// A commune officer administers no accounts, not even in A.
			"/admin/accounts?unit=" + demoCommuneA, "/admin/audit?unit=" + demoCommuneA} {
			officer.expect("commune officer of A: "+p, officer.get(p), 403)
		}
		officer.expect("officer disables in B", officer.post(idPath(idB)+"/disable", nil), 403)
		officer.expect("officer grants in B", officer.post(idPath(idB)+"/grant", url.Values{"unit": {demoCommuneB}, "role": {"commune_chair"}}), 403)

		school := a.signIn("quantri.thhamrong") // agency administrator of a school under A
		r := school.get("/admin/accounts")
		school.expect("school admin's accounts", r, 200, "quantri.thhamrong", demo.AgencyCode)
		school.lacks("school admin's accounts", r, "canbo.hamrong", "canbo.b")
		for _, p := range []string{"/admin/accounts?unit=" + demoCommuneA, "/admin/accounts?unit=" + demoCommuneB, "/admin/audit?unit=" + demoCommuneB,
			"/admin/audit?unit=" + demoCommuneA, "/admin/outbox?unit=" + demoCommuneB, idPath(idOfficerA), idPath(idB)} {
			school.expect("school admin: "+p, school.get(p), 403)
		}
		school.expect("school admin grants in B", school.post(idPath(idB)+"/grant", url.Values{"unit": {demoCommuneB}, "role": {"commune_chair"}}), 403)
		school.expect("school admin's audit", school.get("/admin/audit"), 200, demo.AgencyCode)

		prov := a.signIn("quantri.tinh")
		r = prov.get("/admin/accounts?unit=" + demoCommuneB)
		prov.expect("province admin on B", r, 200, "canbo.b")
		prov.lacks("province admin on B", r, "canbo.hamrong")
		r = prov.get("/admin/accounts?unit=" + demoCommuneA)
		prov.expect("province admin on A", r, 200, "canbo.hamrong", "truongthon.hamrong1", "quantri.thhamrong")
		prov.lacks("province admin on A", r, "canbo.b")
		prov.expect("province admin on an account of B", prov.get(idPath(idB)), 200, "canbo.b", "Xã Hoằng Hoá")
		r = prov.get("/admin/accounts?unit=" + demoCommuneA + "&role=commune_chair")
		prov.expect("by role", r, 200, "chutich.hamrong")
		prov.lacks("by role", r, "canbo.hamrong")
		r = prov.get("/admin/accounts?unit=" + demoCommuneA + "&q=huong")
		prov.expect("by name without diacritics", r, 200, "Lê Thị Hương")
		prov.lacks("by name without diacritics", r, "canbo.hamrong")
		prov.expect("bad role", prov.get("/admin/accounts?role=mayor"), 400, "mayor")
		prov.expect("unknown unit", prov.get("/admin/accounts?unit=nope"), 404)
		prov.expect("unknown account", prov.get("/admin/accounts/99999"), 404)
		prov.expect("not an account id", prov.get("/admin/accounts/abc"), 404)

		// A supervisor reads everything and changes nothing.
		sup := a.signIn("giamsat.tinh")
		sup.expect("supervisor reads the audit trail", sup.get("/admin/audit?unit="+demoCommuneB), 200, "grant commune_officer on "+demoCommuneB)
		sup.expect("supervisor reads accounts", sup.get("/admin/accounts?unit="+demoCommuneB), 200, "canbo.b")
		r = sup.get(idPath(idB))
		sup.expect("supervisor reads an account", r, 200, "canbo.b")
		sup.lacks("supervisor reads an account", r, "/grant", "/disable", "/revoke")
		sup.expect("supervisor cannot open the new account form", sup.get("/admin/accounts/new"), 403)
		sup.expect("supervisor cannot grant", sup.post(idPath(idB)+"/grant", url.Values{"unit": {demoCommuneB}, "role": {"commune_chair"}}), 403)
		sup.expect("supervisor cannot revoke", sup.post(idPath(idB)+"/revoke", url.Values{"unit": {demoCommuneB}, "role": {"commune_officer"}}), 403)
		sup.expect("supervisor cannot disable", sup.post(idPath(idB)+"/disable", nil), 403)
		sup.expect("supervisor cannot create", sup.post("/admin/accounts", url.Values{"unit": {demoCommuneB}}), 403)
		if g, _ := st.Grants(context.Background(), idB); len(g) != 1 {
			t.Errorf("grants of canbo.b changed: %+v", g)
		}

		// Signed out: sent to sign in, and a form post is refused.
		anon := a.anonymous()
		if r := anon.get("/admin/audit"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/admin/signin?next=") {
			t.Errorf("anonymous audit: %d %s", r.status, r.header.Get("Location"))
		}
		anon.expect("anonymous grant", anon.post(idPath(idB)+"/grant", url.Values{"unit": {demoCommuneB}, "role": {"commune_chair"}}), 401)
		// A cross-site form is refused before any handler runs.
		prov.expect("cross-site post", prov.do("POST", idPath(idB)+"/disable", url.Values{}, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"), 403)
		if u, _ := st.User(context.Background(), idB); u.Disabled {
			t.Error("a cross-site post disabled an account")
		}
	})
}

var locationID = regexp.MustCompile(`^/admin/accounts/(\d+)$`)

// An administrator creates an account, grants and revokes its roles,
// disables and enables it, and resets its authenticator; the new official
// enrols TOTP at the first sign-in.
func TestAdminAccountLifecycle(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		a := newAdmin(t, st)
		ctx := context.Background()
		prov := a.signIn("quantri.tinh")
		prov.expect("unit chooser", prov.get("/admin/accounts/new"), 200, `name="unit"`, "Tỉnh Thanh Hoá")
		r := prov.get("/admin/accounts/new?unit=" + demoCommuneB)
		prov.expect("form for a commune", r, 200, `value="commune_officer"`, `value="inspection_board"`, "Xã Hoằng Hoá")
		prov.lacks("form for a commune", r, `value="village_head"`, `value="citizen"`, `value="province_admin"`)
		prov.expect("unknown unit", prov.get("/admin/accounts/new?unit=nope"), 404)

		bad := url.Values{"unit": {demoCommuneB}, "role": {"village_head"}, "username": {"x"}, "display_name": {""}, "password": {"password1234"}}
		r = prov.post("/admin/accounts", bad)
		prov.expect("bad account", r, 400, "Tên đăng nhập gồm", "Cần họ và tên", "Mật khẩu", "không thể cấp")
		bad.Set("role", "citizen")
		prov.expect("citizen role", prov.post("/admin/accounts", bad), 400, "không cấp cho cán bộ")
		good := url.Values{"unit": {demoCommuneB}, "role": {"commune_officer"}, "username": {"canbo.moi"}, "display_name": {"Lê Thị Mới"},
			"email": {"moi@hoanghoa.gov.vn"}, "password": {"một câu mật khẩu khá dài"}}
		r = prov.post("/admin/accounts", good)
		m := locationID.FindStringSubmatch(r.header.Get("Location"))
		if r.status != http.StatusSeeOther || m == nil {
			t.Fatalf("create: %d %q\n%s", r.status, r.header.Get("Location"), truncate([]byte(r.body)))
		}
		page := r.header.Get("Location")
		prov.expect("account page", prov.get(page), 200, "canbo.moi", "Lê Thị Mới", "moi@hoanghoa.gov.vn", "Cán bộ, công chức cấp xã", "Chưa đăng ký")
		prov.expect("username taken", prov.post("/admin/accounts", good), 409, "canbo.moi")
		id, _ := strconv.ParseInt(m[1], 10, 64)

		// First sign-in: the password is right, the role needs TOTP, the
		// account has none: enrol, then in.
		moi := a.anonymous()
		r = moi.post("/admin/signin", url.Values{"username": {"canbo.moi"}, "password": {"một câu mật khẩu khá dài"}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/enrol" {
			t.Fatalf("first sign-in: %d %s", r.status, r.header.Get("Location"))
		}
		moi.expect("not signed in before enrolling", moi.get("/admin"), http.StatusSeeOther)
		r = moi.get("/admin/enrol")
		moi.expect("enrolment page", r, 200, `id="totp-secret"`)
		secret := regexp.MustCompile(`id="totp-secret">([A-Z2-7]+)<`).FindStringSubmatch(r.body)
		if secret == nil {
			t.Fatalf("no secret on the enrolment page\n%s", r.body)
		}
		if qr := moi.get("/admin/enrol/qr.png"); qr.status != 200 || qr.header.Get("Content-Type") != "image/png" {
			t.Errorf("QR code: %d %s", qr.status, qr.header.Get("Content-Type"))
		}
		moi.expect("wrong first code", moi.post("/admin/enrol", url.Values{"otp": {"000000"}}), 401, "không đúng")
		code, _ := auth.TOTPCode(secret[1], st.Now())
		r = moi.post("/admin/enrol", url.Values{"otp": {code}})
		if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin" {
			t.Fatalf("enrol: %d %s\n%s", r.status, r.header.Get("Location"), truncate([]byte(r.body)))
		}
		moi.expect("signed in after enrolling", moi.get("/admin"), 200, "Lê Thị Mới", "Cán bộ, công chức cấp xã")
		if u, _ := st.User(ctx, id); u.TOTPSecret != secret[1] {
			t.Errorf("stored secret %q, enrolled %q", u.TOTPSecret, secret[1])
		}
		prov.expect("enrolled", prov.get(page), 200, "Đã đăng ký")

		// Grant: choose the unit, then a role that fits its kind.
		r = prov.get(page + "?unit=" + demoVillageB)
		prov.expect("grant form for a village", r, 200, `value="village_head"`, `value="village_front"`)
		if sel := regexp.MustCompile(`(?s)<select id="grant-role".*?</select>`).FindString(r.body); strings.Contains(sel, "commune_officer") || sel == "" {
			t.Errorf("grant roles for a village: %s", sel)
		}
		prov.expect("grant", prov.post(page+"/grant", url.Values{"unit": {demoVillageB}, "role": {"village_head"}}), http.StatusSeeOther)
		prov.expect("grant twice", prov.post(page+"/grant", url.Values{"unit": {demoVillageB}, "role": {"village_head"}}), 409, "đã có vai trò")
		prov.expect("grant of the wrong kind", prov.post(page+"/grant", url.Values{"unit": {demoVillageB}, "role": {"commune_chair"}}), 400, "không thể cấp")
		prov.expect("two roles", prov.get(page), 200, "Trưởng thôn", "Thôn Nghĩa Trang")
		prov.expect("revoke", prov.post(page+"/revoke", url.Values{"unit": {demoVillageB}, "role": {"village_head"}}), http.StatusSeeOther)
		prov.expect("revoke twice", prov.post(page+"/revoke", url.Values{"unit": {demoVillageB}, "role": {"village_head"}}), 404)
		if g, _ := st.GrantHistory(ctx, id); len(g) != 2 || g[1].Active() || g[1].GrantedBy != a.userID("quantri.tinh") {
			t.Errorf("grant history %+v", g)
		}

		// Disabling ends the user's sessions; enabling lets them back.
		prov.expect("disable", prov.post(page+"/disable", nil), http.StatusSeeOther)
		prov.expect("disabled", prov.get(page), 200, "Đã khoá")
		moi.expect("session ended by disabling", moi.get("/admin"), http.StatusSeeOther)
		prov.expect("enable", prov.post(page+"/enable", nil), http.StatusSeeOther)
		prov.expect("reset TOTP", prov.post(page+"/totp-reset", nil), http.StatusSeeOther)
		prov.expect("reset", prov.get(page), 200, "Chưa đăng ký", "Đang hoạt động")
		a.offset.Add(int64(30 * time.Second))
		r = moi.post("/admin/signin", url.Values{"username": {"canbo.moi"}, "password": {"một câu mật khẩu khá dài"}})
		if r.header.Get("Location") != "/admin/enrol" {
			t.Errorf("after a reset the user enrols again: %d %s", r.status, r.header.Get("Location"))
		}

		// No one changes their own account.
		self := idPath(a.userID("quantri.tinh"))
		prov.expect("own page", prov.get(self), 200, "tài khoản của bạn")
		prov.expect("disable oneself", prov.post(self+"/disable", nil), 403, "chính mình")
		prov.expect("grant oneself", prov.post(self+"/grant", url.Values{"unit": {demoCommuneB}, "role": {"commune_chair"}}), 403, "chính mình")

		// An agency administrator may not disable an account that also
		// holds a role outside the agency.
		officerA := a.userID("canbo.hamrong")
		prov.expect("grant on the school", prov.post(idPath(officerA)+"/grant", url.Values{"unit": {demo.AgencyCode}, "role": {"agency_admin"}}), http.StatusSeeOther)
		school := a.signIn("quantri.thhamrong")
		r = school.get(idPath(officerA))
		school.expect("school admin sees the account", r, 200, "canbo.hamrong")
		school.lacks("school admin sees the account", r, "/disable")
		school.expect("school admin chooses a unit out of reach", school.get(idPath(officerA)+"?unit="+demoVillageB), 403, "không quản lý")
		school.expect("school admin cannot disable", school.post(idPath(officerA)+"/disable", nil), 403)
		school.expect("school admin cannot revoke on A", school.post(idPath(officerA)+"/revoke", url.Values{"unit": {demoCommuneA}, "role": {"commune_officer"}}), 403)
		// The school's administrator creates and disables a teacher's
		// account, and finds both in the school's trail.
		r = school.post("/admin/accounts", url.Values{"unit": {demo.AgencyCode}, "role": {"agency_admin"}, "username": {"giaovien.an"},
			"display_name": {"Nguyễn Văn An"}, "password": {"bảng đen phấn trắng sân trường"}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("school admin creates: %d\n%s", r.status, truncate([]byte(r.body)))
		}
		school.expect("school admin disables", school.post(r.header.Get("Location")+"/disable", nil), http.StatusSeeOther)
		r = school.get("/admin/audit?action=account.")
		school.expect("school's trail", r, 200, "<td>account.create</td>", "<td>account.disable</td>", "<td>quantri.thhamrong</td>")
		school.expect("school admin cannot create in A", school.post("/admin/accounts", url.Values{"unit": {demoCommuneA}, "role": {"commune_officer"},
			"username": {"canbo.gia"}, "display_name": {"Giả"}, "password": {"bảng đen phấn trắng sân trường"}}), 403)
		school.expect("school admin revokes on the school", school.post(idPath(officerA)+"/revoke", url.Values{"unit": {demo.AgencyCode}, "role": {"agency_admin"}}), http.StatusSeeOther)
	})
}

// auditIDs returns the ids of the audit lines matching f.
func auditIDs(t *testing.T, st *store.Store, f store.AuditFilter) []string {
	t.Helper()
	log, err := st.AuditLog(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range log {
		out = append(out, strconv.FormatInt(e.ID, 10))
	}
	return out
}

func TestAdminAuditTrail(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		a := newAdmin(t, st)
		ctx := context.Background()
		prov := a.signIn("quantri.tinh")
		idB, idA := a.userID("canbo.b"), a.userID("canbo.hamrong")
		prov.expect("grant in B", prov.post(idPath(idB)+"/grant", url.Values{"unit": {demoVillageB}, "role": {"village_front"}}), http.StatusSeeOther)
		prov.expect("grant in A", prov.post(idPath(idA)+"/grant", url.Values{"unit": {"14758.02"}, "role": {"village_front"}}), http.StatusSeeOther)
		prov.expect("disable in A", prov.post(idPath(idA)+"/disable", nil), http.StatusSeeOther)

		r := prov.get("/admin/audit?unit=" + demoCommuneB + "&action=account.grant")
		prov.expect("grants in B", r, 200, "grant village_front on "+demoVillageB, "quantri.tinh", "province_admin")
		prov.lacks("grants in B", r, "on 14758.02", "<td>account.disable</td>")
		r = prov.get("/admin/audit?unit=" + demoCommuneA + "&user=quantri.tinh")
		prov.expect("by the province admin in A", r, 200, "grant village_front on 14758.02")
		prov.lacks("by the province admin in A", r, "<td>demo</td>", "on "+demoVillageB)
		r = prov.get("/admin/audit?action=account.")
		prov.expect("a group of actions, province-wide with unitless lines", r, 200, "account.disable", "account.grant", "account.create")
		prov.lacks("a group of actions", r, "<td>unit.create</td>")
		today := st.Now().In(coso.Zone)
		day := func(d int) string { return today.AddDate(0, 0, d).Format("2006-01-02") }
		prov.expect("today", prov.get("/admin/audit?user=quantri.tinh&from="+day(0)+"&to="+day(0)), 200, "account.disable")
		prov.expect("from tomorrow", prov.get("/admin/audit?from="+day(1)), 200, "Không có dòng nào")
		// The demo dates its community decisions' steps in the past (up to
		// a few months), so the audit trail has lines before today, none a
		// year back.
		prov.expect("to a year ago", prov.get("/admin/audit?to="+day(-365)), 200, "Không có dòng nào")
		prov.expect("bad date", prov.get("/admin/audit?from=2025-13-01"), 400, "Ngày phải có dạng")
		prov.expect("bad date in English", prov.get("/admin/audit?to=tomorrow&lang=en"), 400, "A date must read")
		prov.expect("end before start", prov.get("/admin/audit?from="+day(0)+"&to="+day(-1)), 400, "trước ngày bắt đầu")

		// Pages of 50, newest first: the demo load wrote hundreds of lines.
		r = prov.get("/admin/audit")
		older := regexp.MustCompile(`href="(/admin/audit\?[^"]*before=\d+[^"]*)"`).FindStringSubmatch(r.body)
		if older == nil || strings.Count(r.body, `<tr id="audit-`) != 50 {
			t.Fatalf("first page: %d lines, older link %v", strings.Count(r.body, `<tr id="audit-`), older)
		}
		r2 := prov.get(strings.ReplaceAll(older[1], "&amp;", "&"))
		first := regexp.MustCompile(`<tr id="audit-(\d+)"`).FindAllStringSubmatch(r.body, -1)
		next := regexp.MustCompile(`<tr id="audit-(\d+)"`).FindAllStringSubmatch(r2.body, -1)
		if len(next) == 0 {
			t.Fatal("empty second page")
		}
		lastOfFirst, _ := strconv.Atoi(first[49][1])
		firstOfNext, _ := strconv.Atoi(next[0][1])
		if firstOfNext != lastOfFirst-1 {
			t.Errorf("second page starts at %d after %d", firstOfNext, lastOfFirst)
		}

		// The export holds the lines of the filter, all of them, in a file
		// Excel opens in UTF-8.
		for _, tc := range []struct {
			query string
			f     store.AuditFilter
		}{
			{"unit=" + demoCommuneB + "&action=account.", store.AuditFilter{Scope: store.Scope{Under: unitID(t, st, demoCommuneB)}, Action: "account."}},
			{"unit=38&user=quantri.tinh", store.AuditFilter{Scope: store.Scope{Under: unitID(t, st, "38"), Unitless: true}, Username: "quantri.tinh"}},
			{"unit=38", store.AuditFilter{Scope: store.Scope{Under: unitID(t, st, "38"), Unitless: true}}},
		} {
			r := prov.get("/admin/audit.csv?" + tc.query)
			if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") ||
				!strings.Contains(r.header.Get("Content-Disposition"), "attachment") {
				t.Fatalf("csv %s: %d %v", tc.query, r.status, r.header)
			}
			if !strings.HasPrefix(r.body, "\uFEFF") {
				t.Errorf("csv %s: no byte order mark", tc.query)
			}
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
			if err != nil || len(rows) == 0 {
				t.Fatalf("csv %s: %v", tc.query, err)
			}
			if strings.Join(rows[0], ",") != "Số,Thời điểm,Người thực hiện,Vai trò,Đơn vị,Thao tác,Đối tượng,Nội dung,Địa chỉ IP" {
				t.Errorf("csv header %q", rows[0])
			}
			var ids []string
			for _, row := range rows[1:] {
				ids = append(ids, row[0])
			}
			want := auditIDs(t, st, tc.f)
			if strings.Join(ids, " ") != strings.Join(want, " ") || len(want) == 0 {
				t.Errorf("csv %s: %d rows %v, want %d %v", tc.query, len(ids), ids, len(want), want)
			}
		}
		r = prov.get("/admin/audit.csv?unit=" + demoCommuneB + "&action=account.grant&lang=en")
		if !strings.Contains(r.body, "No.,Time,Person,Role,Unit,Action,Object,Summary,IP address") ||
			!strings.Contains(r.body, "quantri.tinh,province_admin,"+demoVillageB+",account.grant,user:") {
			t.Errorf("english csv:\n%s", r.body)
		}
		prov.expect("csv with a bad date", prov.get("/admin/audit.csv?from=x"), 400)

		// A supervisor reads and exports the trail, and reading it writes
		// nothing to it.
		sup := a.signIn("giamsat.tinh")
		before, _ := st.AuditLog(ctx, store.AuditFilter{})
		sup.expect("supervisor's audit", sup.get("/admin/audit?action=account.disable"), 200, "account.disable")
		if r := sup.get("/admin/audit.csv?unit=" + demoCommuneA); r.status != 200 || !strings.Contains(r.body, "grant village_front on 14758.02") {
			t.Errorf("supervisor's export: %d", r.status)
		}
		if after, _ := st.AuditLog(ctx, store.AuditFilter{}); len(after) != len(before) {
			t.Errorf("reading the trail wrote %d lines to it", len(after)-len(before))
		}
	})
}

func unitID(t *testing.T, st *store.Store, code string) int64 {
	t.Helper()
	u, err := st.UnitByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func TestAdminSigninRateLimit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		a := newAdmin(t, st)
		c := a.anonymous()
		wrong := url.Values{"username": {"quantri.tinh"}, "password": {"not the password at all"}}
		for i := 1; i <= 10; i++ {
			c.expect("wrong password "+strconv.Itoa(i), c.post("/admin/signin", wrong), 401, "không đúng")
		}
		r := c.post("/admin/signin", wrong)
		c.expect("11th attempt", r, 429)
		// The limit is a sliding window of 15 minutes: the wait ends within
		// this window and the next, depending on where in it the tries fell.
		if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s <= 0 || s > 2*15*60 {
			t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
		}
		code, _ := auth.TOTPCode(demo.TOTPSecret("quantri.tinh"), st.Now())
		r = c.post("/admin/signin", url.Values{"username": {"quantri.tinh"}, "password": {demo.Password}, "otp": {code}})
		c.expect("even the right password waits", r, 429)
		// Another account is not locked by the first one's attempts.
		a.signIn("giamsat.tinh")
	})
}

func TestAdminOutbox(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		a := newAdmin(t, st)
		ctx := context.Background()
		before, err := st.OutboxCounts(ctx) // the demo's texts to the households a draft names, sent
		if err != nil || before[notify.Pending] != 0 {
			t.Fatalf("the demo leaves nothing pending: %v %v", before, err)
		}
		enqueue := func(m notify.Message) int64 {
			id, err := st.Enqueue(ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		failed := enqueue(notify.Message{Channel: notify.ChannelEmail, To: "truong@hamrong.edu.vn", Subject: "Họp phụ huynh",
			Body: "Mời họp phụ huynh", UnitID: unitID(t, st, demo.AgencyCode)})
		msgs, err := st.ClaimMessages(ctx, st.Now(), 10, time.Minute)
		if err != nil || len(msgs) != 1 {
			t.Fatalf("claim: %v %v", msgs, err)
		}
		if err := st.MarkFailed(ctx, failed, msgs[0].Claim, "mailbox unavailable", time.Time{}); err != nil {
			t.Fatal(err)
		}
		enqueue(notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: "Mã đăng nhập: 482913", Secret: true})
		enqueue(notify.Message{Channel: notify.ChannelSMS, To: "+84987654321", Body: "Lịch họp thôn Nghĩa Trang", UnitID: unitID(t, st, demoVillageB)})

		prov := a.signIn("quantri.tinh")
		r := prov.get("/admin/outbox")
		prov.expect("province outbox", r, 200, `id="count-pending">2<`, `id="count-failed">1<`, `id="count-sent">`+strconv.Itoa(before[notify.Sent])+`<`,
			"Họp phụ huynh", "mailbox unavailable", notify.Hidden, "Lịch họp thôn Nghĩa Trang", "/admin/outbox/"+strconv.FormatInt(failed, 10)+"/retry")
		prov.lacks("province outbox", r, "482913")
		r = prov.get("/admin/outbox?status=failed")
		prov.expect("failed only", r, 200, "Họp phụ huynh")
		prov.lacks("failed only", r, "Lịch họp")
		r = prov.get("/admin/outbox?channel=sms&unit=" + demoCommuneB)
		prov.expect("sms of B", r, 200, "Lịch họp thôn Nghĩa Trang", `id="count-pending">1<`)
		prov.lacks("sms of B", r, "Họp phụ huynh", notify.Hidden)
		prov.expect("bad status", prov.get("/admin/outbox?status=lost"), 400, "Trạng thái")

		// The school's administrator sees the school's messages only.
		school := a.signIn("quantri.thhamrong")
		r = school.get("/admin/outbox")
		school.expect("school outbox", r, 200, "Họp phụ huynh")
		school.lacks("school outbox", r, "Lịch họp", notify.Hidden)
		school.expect("school admin on B", school.get("/admin/outbox?unit="+demoCommuneB), 403)

		// A supervisor reads but cannot send again.
		sup := a.signIn("giamsat.tinh")
		r = sup.get("/admin/outbox?status=failed")
		sup.expect("supervisor's outbox", r, 200, "Họp phụ huynh")
		sup.lacks("supervisor's outbox", r, "/retry")
		retry := "/admin/outbox/" + strconv.FormatInt(failed, 10) + "/retry"
		sup.expect("supervisor retries", sup.post(retry, nil), 403)
		officer := a.signIn("canbo.hamrong")
		officer.expect("officer's outbox", officer.get("/admin/outbox"), 403)

		school.expect("school admin retries", school.post(retry, nil), http.StatusSeeOther)
		if counts, _ := st.OutboxCounts(ctx); counts[notify.Failed] != 0 || counts[notify.Pending] != 3 {
			t.Errorf("after retry: %v", counts)
		}
		school.expect("retry twice", school.post(retry, nil), 409)
		prov.expect("retry of a missing message", prov.post("/admin/outbox/99999/retry", nil), 404)
		if log, _ := st.AuditLog(ctx, store.AuditFilter{Action: "outbox.retry"}); len(log) != 1 || log[0].Username != "quantri.thhamrong" || log[0].Role != "agency_admin" {
			t.Errorf("retry audit: %+v", log)
		}
	})
}
