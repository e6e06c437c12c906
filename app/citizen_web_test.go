package app_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"coso/account"
	"coso/app"
	"coso/phonecode"
	"coso/store"
	"coso/store/storetest"
)

func contains(t *testing.T, what string, res answer, status int, want ...string) {
	t.Helper()
	if res.status != status {
		t.Errorf("%s: status %d, want %d\n%s", what, res.status, status, truncate([]byte(res.body)))
	}
	for _, w := range want {
		if !strings.Contains(res.body, w) {
			t.Errorf("%s: body lacks %q\n%s", what, w, truncate([]byte(res.body)))
		}
	}
}

func TestCitizenSignIn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		b := r.browser()
		contains(t, "sign-in page", b.get("/signin"), 200, `action="/signin"`, `name="phone"`)
		if strings.Contains(b.get("/signin").body, "/signin/oidc") {
			t.Error("the identity provider is offered but not configured")
		}
		if res := b.get("/signin/oidc"); res.status != 404 {
			t.Errorf("/signin/oidc unconfigured: %d", res.status)
		}
		contains(t, "a bad phone", b.post("/signin", url.Values{"phone": {"12345"}}), 400, "Số điện thoại di động không hợp lệ", `value="12345"`)
		contains(t, "a bad phone in English", b.post("/signin?lang=en", url.Values{"phone": {"12345"}}), 400, "Not a valid Vietnamese mobile number")
		if res := b.get("/signin/code"); res.status != 303 || res.location != "/signin" {
			t.Errorf("code page before a code: %d %s", res.status, res.location)
		}

		res := b.post("/signin", url.Values{"phone": {"0912 345 678"}})
		if res.status != 303 || res.location != "/signin/code" {
			t.Fatalf("code request: %d %s", res.status, res.body)
		}
		contains(t, "code page", b.get("/signin/code"), 200, "0912 *** 678", `name="code"`)
		code := r.smsCode("+84912345678")
		contains(t, "a wrong code", b.post("/signin/code", url.Values{"code": {wrongCode(code)}}), 401, "Bạn còn 4 lần thử")
		contains(t, "not a code", b.post("/signin/code", url.Values{"code": {"12ab"}}), 400, "6 chữ số")
		for range phonecode.MaxTries - 1 {
			b.post("/signin/code", url.Values{"code": {wrongCode(code)}})
		}
		contains(t, "the right code after 5 wrong ones", b.post("/signin/code", url.Values{"code": {code}}), 401, "bị khoá")

		// A new code, left to expire.
		b.post("/signin", url.Values{"phone": {"0912 345 678"}})
		code = r.smsCode("+84912345678")
		r.clock.Add(phonecode.TTL + time.Second)
		contains(t, "an expired code", b.post("/signin/code", url.Values{"code": {code}}), 401, "hết hạn")
		contains(t, "an expired code in English", b.post("/signin/code?lang=en", url.Values{"code": {code}}), 401, "The code has expired")

		// A third code works.
		b.post("/signin", url.Values{"phone": {"0912 345 678"}})
		res = b.post("/signin/code", url.Values{"code": {r.smsCode("+84912345678")}})
		if res.status != 303 || res.location != "/me" {
			t.Fatalf("right code: %d %s %s", res.status, res.location, truncate([]byte(res.body)))
		}
		contains(t, "my page", b.get("/me"), 200, "0912 *** 678", "chưa xác nhận", "chưa thể thay mặt hộ gia đình", `id="who-citizen"`, `action="/signout"`)
		contains(t, "my page in English", b.get("/me?lang=en"), 200, "not confirmed", "cannot vote or sign for a household")
		if res := b.get("/signin"); res.status != 303 || res.location != "/me" {
			t.Errorf("sign-in page when signed in: %d %s", res.status, res.location)
		}
		// A citizen is not an official.
		if res := b.get("/admin"); res.status != 303 || !strings.HasPrefix(res.location, "/admin/signin") {
			t.Errorf("a citizen at /admin: %d %s", res.status, res.location)
		}
		if res := b.post("/signout", url.Values{}); res.status != 303 || res.location != "/" {
			t.Errorf("sign-out: %d %s", res.status, res.location)
		}
		if res := b.get("/me"); res.status != 303 || res.location != "/signin?next=%2Fme" {
			t.Errorf("/me after sign-out: %d %s", res.status, res.location)
		}
		// An official is not a citizen.
		o := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		ob := r.browser()
		ob.signIn(o)
		if res := ob.get("/me"); res.status != 303 || !strings.HasPrefix(res.location, "/signin") {
			t.Errorf("an official at /me: %d %s", res.status, res.location)
		}
	})
}

// The 6th code request within the limit gets 429, a Retry-After header
// and a message saying how long to wait.
func TestCitizenCodeLimit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		b := r.browser()
		for i := 1; i <= 5; i++ {
			if res := b.post("/signin", url.Values{"phone": {"0987654321"}}); res.status != 303 {
				t.Fatalf("request %d: %d", i, res.status)
			}
		}
		res := b.post("/signin", url.Values{"phone": {"0987654321"}})
		contains(t, "6th request", res, 429, "Vui lòng thử lại sau", `value="0987654321"`)
		if secs, err := strconv.Atoi(res.header.Get("Retry-After")); err != nil || secs <= 0 {
			t.Errorf("Retry-After %q", res.header.Get("Retry-After"))
		}
	})
}

func TestConfirmCitizen(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		pa := r.family(villageA, "10001.01-H01", "Lê Văn An", "0912 111 222", "")
		pb := r.family(villageB, "10002.01-H01", "Phạm Thị Bích", "0912 333 444", "")
		citizenA, citizenB := r.browser(), r.browser()
		citizenA.citizenSignIn("0912 111 222")
		citizenB.citizenSignIn("0912 333 444")
		ca, _ := st.CitizenByPhone(t.Context(), "+84912111222")
		cb, _ := st.CitizenByPhone(t.Context(), "+84912333444")

		officer := r.browser()
		officer.signIn(r.official("canbo.anhoa", account.CommuneOfficer, communeA))
		res := officer.get("/admin/citizens")
		contains(t, "the list", res, 200, "Lê Văn An", "0912 111 222", "Thôn Đông", "link-"+strconv.FormatInt(ca.ID, 10)+"-"+strconv.FormatInt(pa.ID, 10))
		if strings.Contains(res.body, "Phạm Thị Bích") || strings.Contains(res.body, "0912 333 444") {
			t.Error("the officer of commune A sees a person of commune B")
		}
		contains(t, "the admin home links the page", officer.get("/admin"), 200, `href="/admin/citizens"`)
		contains(t, "search in B", officer.post("/admin/citizens/search", url.Values{"phone": {"0912 333 444"}}), 200, `id="links-no-person"`)
		contains(t, "search an unknown phone", officer.post("/admin/citizens/search", url.Values{"phone": {"0988 000 111"}}), 200, `id="links-no-account"`)
		contains(t, "search a bad phone", officer.post("/admin/citizens/search", url.Values{"phone": {"abc"}}), 400, "Số điện thoại di động không hợp lệ")
		contains(t, "search in A", officer.post("/admin/citizens/search", url.Values{"phone": {"+84 912 111 222"}}), 200, "Lê Văn An")

		link := func(c, p int64) answer {
			return officer.post("/admin/citizens/link", url.Values{"citizen": {strconv.FormatInt(c, 10)}, "person": {strconv.FormatInt(p, 10)}})
		}
		if res := link(cb.ID, pb.ID); res.status != 403 {
			t.Errorf("confirm in commune B: %d", res.status)
		}
		contains(t, "a phone that is not the person's", link(cb.ID, pa.ID), 400, "không trùng")
		contains(t, "an unknown person", link(ca.ID, 999999), 404)
		contains(t, "a bad person", officer.post("/admin/citizens/link", url.Values{"citizen": {"1"}, "person": {"x"}}), 400)
		if res := link(ca.ID, pa.ID); res.status != 303 || res.location != "/admin/citizens?done=1" {
			t.Fatalf("confirm: %d %s", res.status, truncate([]byte(res.body)))
		}
		contains(t, "after confirming", officer.get("/admin/citizens?done=1"), 200, `id="links-done"`, `id="links-none"`)
		contains(t, "confirm twice", link(ca.ID, pa.ID), 409, "đã được xác nhận")
		var n int
		if err := st.DB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'citizen.link' AND username = 'canbo.anhoa'
			AND role = 'commune_officer' AND unit_id = $1`, r.unit(villageA).ID).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d audit lines of the confirmation (%v)", n, err)
		}

		// The citizen now represents the household: the page says so.
		contains(t, "the confirmed representative", citizenA.get("/me"), 200, "Đã xác nhận", "đại diện hộ gia đình ở Thôn Đông")
		contains(t, "the other citizen", citizenB.get("/me"), 200, "chưa xác nhận")

		// A village head sees only their village; a citizen never sees the page.
		head := r.browser()
		head.signIn(r.official("truongthon.tay", account.VillageHead, "10001.02"))
		contains(t, "village head of another village", head.get("/admin/citizens"), 200, `id="links-none"`)
		if res := citizenB.get("/admin/citizens"); res.status != 403 {
			t.Errorf("a citizen at /admin/citizens: %d", res.status)
		}
	})
}
