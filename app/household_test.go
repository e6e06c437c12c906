package app_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"coso/account"
	"coso/auth"
	"coso/household"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// villagesCSV is a commune with two villages, A (14845.01) and B
// (14845.02), and a second commune with one village.
const villagesCSV = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
14845,Xã Mường Lát,commune,38
14845.01,Bản Lát,village,14845
14845.02,Bản Poọng,village,14845
14848,Xã Tam Chung,commune,38
14848.01,Bản Tam,village,14848
`

const householdsA = `household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative
14845.01-H0001,"Xóm 2, Bản Lát",Hà Văn Thắng,12/03/1978,nam,038078001234,0912 345 678,chủ hộ,x
14845.01-H0001,,Lò Thị Hoa,1981-07-02,nữ,038181004321,,vợ,
14845.01-H0001,,Hà Văn Nam,2010-09-15,nam,,,con,
14845.01-H0002,Xóm 3,Lương Văn Bình,1955-01-20,nam,,0362 111 222,chủ hộ,x
`

const householdsB = `household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative
14845.02-H0001,Xóm 1,Cầm Văn Xôm,1960-05-05,nam,,,chủ hộ,x
`

const officialPassword = "ruộng lúa xanh bên sông"

// householdsFixture fills st with the villages, their households and
// officials: a village head and a village Front member of A, and a commune
// officer of the commune (who signs in with TOTP; his secret is returned).
func householdsFixture(t *testing.T, st *store.Store) (totpSecret string) {
	t.Helper()
	ctx := context.Background()
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1 // cheap hashes: the cost is tested in auth
	t.Cleanup(func() { auth.Params = old })
	rows, err := place.ReadCSV(strings.NewReader(villagesCSV))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportUnits(ctx, rows); err != nil {
		t.Fatal(err)
	}
	for village, text := range map[string]string{"14845.01": householdsA, "14845.02": householdsB} {
		rows, err := household.ReadCSV(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ImportHouseholds(ctx, village, rows); err != nil {
			t.Fatal(err)
		}
	}
	official := func(username string, role account.Role, unit string) *account.User {
		h, err := auth.HashPassword(officialPassword)
		if err != nil {
			t.Fatal(err)
		}
		u := &account.User{Username: username, DisplayName: "Cán bộ " + username, PasswordHash: h}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Grant(ctx, u.ID, role, unit); err != nil {
			t.Fatal(err)
		}
		return u
	}
	official("truongthon", account.VillageHead, "14845.01")
	official("mattran", account.VillageFront, "14845.01")
	officer := official("canbo", account.CommuneOfficer, "14845")
	e, err := auth.NewTOTP(officer.Username)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetTOTPSecret(ctx, officer.ID, e.Secret); err != nil {
		t.Fatal(err)
	}
	return e.Secret
}

// hbrowser is a person at a hbrowser: cookies kept, redirects not followed,
// so each answer can be checked.
type hbrowser struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newHBrowser(t *testing.T, base string) *hbrowser {
	jar, _ := cookiejar.New(nil)
	return &hbrowser{t: t, base: base, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *hbrowser) do(req *http.Request) (int, string, string) {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(body), res.Header.Get("Location")
}

func (b *hbrowser) get(path string) (int, string) {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.base+path, nil)
	status, body, _ := b.do(req)
	return status, body
}

func (b *hbrowser) post(path string, form url.Values) (status int, body, location string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *hbrowser) upload(path, content string) (int, string) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "households.csv")
	_, _ = fw.Write([]byte(content))
	mw.Close()
	req, _ := http.NewRequest("POST", b.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	status, body, _ := b.do(req)
	return status, body
}

// signIn signs in through the real form.
func (b *hbrowser) signIn(username, otp string) {
	b.t.Helper()
	status, body, loc := b.post("/admin/signin", url.Values{"username": {username}, "password": {officialPassword}, "otp": {otp}})
	if status != http.StatusSeeOther || loc != "/admin" {
		b.t.Fatalf("sign-in of %s: %d → %q\n%s", username, status, loc, mainOf(body))
	}
}

// page is one request of a scenario and what its answer must hold.
type page struct {
	name     string
	path     string
	form     url.Values // POST when set
	status   int
	location string // for redirects
	contains []string
	absent   []string
}

func (b *hbrowser) check(pages []page) {
	b.t.Helper()
	for _, p := range pages {
		var status int
		var body, loc string
		if p.form != nil {
			status, body, loc = b.post(p.path, p.form)
		} else {
			status, body = b.get(p.path)
		}
		if status != p.status {
			b.t.Errorf("%s: status %d, want %d\n%s", p.name, status, p.status, mainOf(body))
			continue
		}
		if p.location != "" && loc != p.location {
			b.t.Errorf("%s: redirected to %q, want %q", p.name, loc, p.location)
		}
		for _, c := range p.contains {
			if !strings.Contains(body, c) {
				b.t.Errorf("%s: page lacks %q\n%s", p.name, c, mainOf(body))
			}
		}
		for _, c := range p.absent {
			if strings.Contains(body, c) {
				b.t.Errorf("%s: page has %q", p.name, c)
			}
		}
	}
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func TestHouseholdPagesVillageHead(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		householdsFixture(t, st)
		srv := newServer(t, st, false)
		anon := newHBrowser(t, srv.URL)
		anon.check([]page{
			{name: "anonymous list", path: "/admin/households", status: 303},
			{name: "anonymous household", path: "/admin/households/14845.01-H0001", status: 303},
			{name: "anonymous form post", path: "/admin/villages/14845.01/households", form: form("household_code", "X1"), status: 401},
		})

		b := newHBrowser(t, srv.URL)
		b.signIn("truongthon", "")
		thang := personByCID(t, st, "038078001234")
		b.check([]page{
			{name: "admin home links households", path: "/admin", status: 200, contains: []string{`href="/admin/households"`}},
			{name: "villages I may see", path: "/admin/households", status: 200,
				contains: []string{"Bản Lát", `href="/admin/villages/14845.01/households"`, ">2<", ">4<"}, absent: []string{"Bản Poọng", "Bản Tam"}},
			{name: "village A's households", path: "/admin/villages/14845.01/households", status: 200,
				contains: []string{"14845.01-H0001", "Hà Văn Thắng", "14845.01-H0002", "2 hộ · 4 nhân khẩu", "/households/new", "/households/import"}},
			{name: "search without diacritics", path: "/admin/villages/14845.01/households?q=lo+thi+hoa", status: 200,
				contains: []string{"14845.01-H0001"}, absent: []string{"14845.01-H0002"}},
			{name: "search finding nothing", path: "/admin/villages/14845.01/households?q=zzz", status: 200, contains: []string{"Không có hộ nào khớp"}},
			{name: "village B is not mine", path: "/admin/villages/14845.02/households", status: 403},
			{name: "village B's household", path: "/admin/households/14845.02-H0001", status: 403, absent: []string{"Cầm Văn Xôm"}},
			{name: "a commune is not mine either", path: "/admin/villages/14845/households", status: 403},
			{name: "unknown household", path: "/admin/households/nope", status: 404},
			{name: "household A1", path: "/admin/households/14845.01-H0001", status: 200,
				contains: []string{"Hà Văn Thắng", "Lò Thị Hoa", "chủ hộ", "vợ", "038*******34", "038*******21", "0912 345 678", "Xóm 2, Bản Lát",
					"/members/new", "/representative", "/move", "đại diện"},
				absent: []string{"038078001234", "038181004321"}},
			{name: "English", path: "/admin/households/14845.01-H0001?lang=en", status: 200, contains: []string{"Current members", "male"}},
		})

		// Creating a household: bad input re-renders the form with the fields named.
		b.check([]page{
			{name: "new household form", path: "/admin/villages/14845.01/households/new", status: 200, contains: []string{`value="14845.01-H0003"`}},
			{name: "new household, bad fields", path: "/admin/villages/14845.01/households",
				form:   form("household_code", "bad code!", "full_name", "Đinh Văn Tư", "birth_date", "31/02/1980", "sex", "male", "phone", "123", "relation", "chủ hộ"),
				status: 400, contains: []string{"Chưa lưu được", `id="household_code-err"`, `id="birth_date-err"`, `value="Đinh Văn Tư"`, `aria-invalid="true"`}},
			{name: "new household, bad phone and minor", path: "/admin/villages/14845.01/households",
				form:   form("household_code", "14845.01-H0003", "full_name", "Đinh Văn Tư", "birth_date", "01/01/2015", "sex", "male", "phone", "123", "relation", "chủ hộ"),
				status: 400, contains: []string{`id="phone-err"`, "18"}},
			{name: "new household", path: "/admin/villages/14845.01/households",
				form: form("household_code", "14845.01-H0003", "address", "Xóm 4", "full_name", "Đinh Văn Tư", "birth_date", "01/01/1980", "sex", "male",
					"citizen_id", "038080005555", "phone", "0987 654 321", "relation", "chủ hộ"),
				status: 303, location: "/admin/households/14845.01-H0003"},
			{name: "the same code again", path: "/admin/villages/14845.01/households",
				form:   form("household_code", "14845.01-H0003", "full_name", "Đinh Văn Năm", "birth_date", "01/01/1981", "sex", "male", "relation", "chủ hộ"),
				status: 409, contains: []string{`id="household_code-err"`}},
			{name: "new household in village B", path: "/admin/villages/14845.02/households",
				form:   form("household_code", "14845.02-H0009", "full_name", "Đinh Văn Tư", "birth_date", "01/01/1980", "sex", "male", "relation", "chủ hộ"),
				status: 403},
			{name: "created", path: "/admin/households/14845.01-H0003", status: 200, contains: []string{"Đinh Văn Tư", "Xóm 4", "038*******55"}},
		})

		// Members: add and edit.
		h1 := "/admin/households/14845.01-H0001"
		thangID, hoaID := itoa(thang.ID), itoa(personByCID(t, st, "038181004321").ID)
		b.check([]page{
			{name: "add member, bad", path: h1 + "/members", form: form("full_name", "", "sex", "x", "relation", ""), status: 400,
				contains: []string{`id="full_name-err"`, `id="sex-err"`, `id="relation-err"`}},
			{name: "add member", path: h1 + "/members", form: form("full_name", "Hà Thị Mai", "birth_date", "1999-04-04", "sex", "female", "relation", "con dâu", "reason", "kết hôn"),
				status: 303, location: h1},
			{name: "edit person, bad citizen ID", path: h1 + "/members/" + thangID + "/edit",
				form: form("full_name", "Hà Văn Thắng", "birth_date", "12/03/1978", "sex", "male", "citizen_id", "038099001234"), status: 400,
				contains: []string{`id="citizen_id-err"`, "1999"}},
			{name: "edit person form", path: h1 + "/members/" + thangID + "/edit", status: 200, contains: []string{`value="038078001234"`, `value="12/03/1978"`}},
			{name: "edit person", path: h1 + "/members/" + thangID + "/edit",
				form:   form("full_name", "Hà Văn Thắng", "birth_date", "12/03/1978", "sex", "male", "citizen_id", "038078001234", "phone", "0912 000 111"),
				status: 303, location: h1},
			{name: "edited", path: h1, status: 200, contains: []string{"0912 000 111", "Hà Thị Mai", "con dâu"}},
			{name: "person of another household", path: "/admin/households/14845.01-H0002/members/" + thangID + "/edit", status: 404},
		})

		// Changing the representative needs a reason and an adult member.
		nam := itoa(memberID(t, st, "14845.01-H0001", "Hà Văn Nam"))
		b.check([]page{
			{name: "representative form offers adults", path: h1 + "/representative", status: 200,
				contains: []string{"Lò Thị Hoa", "Hà Thị Mai"}, absent: []string{"Hà Văn Nam"}},
			{name: "representative without reason", path: h1 + "/representative", form: form("person", hoaID), status: 400,
				contains: []string{`id="reason-err"`}},
			{name: "minor representative", path: h1 + "/representative", form: form("person", nam, "reason", "thử"), status: 400,
				contains: []string{"18 tuổi"}},
			{name: "no one chosen", path: h1 + "/representative", form: form("reason", "thử"), status: 400, contains: []string{`id="person-err"`}},
			{name: "address, too long", path: h1 + "/address", form: form("address", strings.Repeat("x", 301)), status: 400, contains: []string{`id="address-err"`}},
			{name: "address", path: h1 + "/address", form: form("address", "Xóm 5, Bản Lát"), status: 303, location: h1},
			{name: "move to village B is not mine", path: h1 + "/move", form: form("village", "14845.02", "reason", "làm nhà mới"), status: 403,
				contains: []string{`id="village-err"`}},
			{name: "move form lists no other village", path: h1 + "/move", status: 200, contains: []string{"Cán bộ xã chuyển hộ"}, absent: []string{"Bản Poọng"}},
			{name: "move nowhere", path: h1 + "/move", form: form("reason", "làm nhà mới"), status: 400, contains: []string{`id="village-err"`}},
		})

		// The representative leaves: a successor is needed.
		b.check([]page{
			{name: "remove form offers successors", path: h1 + "/members/" + thangID + "/remove", status: 200,
				contains: []string{"Lò Thị Hoa"}, absent: []string{"Hà Văn Nam (con"}},
			{name: "representative leaves without a successor", path: h1 + "/members/" + thangID + "/remove",
				form: form("reason", "chuyển đi làm ăn xa"), status: 400, contains: []string{`id="new_representative-err"`}},
			{name: "remove without reason", path: h1 + "/members/" + thangID + "/remove",
				form: form("reason", "", "new_representative", hoaID), status: 400, contains: []string{`id="reason-err"`}},
			{name: "representative leaves", path: h1 + "/members/" + thangID + "/remove",
				form: form("reason", "chuyển đi làm ăn xa", "new_representative", hoaID), status: 303, location: h1},
			{name: "after the change", path: h1, status: 200,
				contains: []string{"Thành viên đã rời hộ", "chuyển đi làm ăn xa", `<dd id="representative">Lò Thị Hoa</dd>`, "Xóm 5, Bản Lát"}},
			{name: "representative changes", path: h1 + "/representative",
				form: form("person", itoa(memberID(t, st, "14845.01-H0001", "Hà Thị Mai")), "reason", "họp gia đình"), status: 303, location: h1},
		})
		status, body := b.get(h1)
		if status != 200 || !strings.Contains(body, `<dd id="representative">Hà Thị Mai</dd>`) || strings.Count(body, "<li>") < 4 ||
			!strings.Contains(body, "họp gia đình") {
			t.Errorf("representative history: %d\n%s", status, mainOf(body))
		}

		// The last member leaving ends the household; it then cannot change.
		h2 := "/admin/households/14845.01-H0002"
		binh := memberID(t, st, "14845.01-H0002", "Lương Văn Bình")
		b.check([]page{
			{name: "phone shown to a writer", path: h2, status: 200, contains: []string{"0362 111 222"}},
			{name: "last member form warns", path: h2 + "/members/" + itoa(binh) + "/remove", status: 200, contains: []string{"thành viên cuối cùng"}},
			{name: "leaving before joining", path: h2 + "/members/" + itoa(binh) + "/remove", form: form("reason", "qua đời", "on", "01/07/2000"), status: 400,
				contains: []string{`id="on-err"`}},
			{name: "last member leaves", path: h2 + "/members/" + itoa(binh) + "/remove", form: form("reason", "qua đời"), status: 303},
			{name: "ended household", path: h2, status: 200, contains: []string{"Hộ đã kết thúc ngày", "qua đời"}, absent: []string{"/members/new"}},
			{name: "ended household cannot change", path: h2 + "/address", form: form("address", "x"), status: 409},
		})
	})
}

func TestHouseholdImportPage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		householdsFixture(t, st)
		srv := newServer(t, st, false)
		b := newHBrowser(t, srv.URL)
		b.signIn("truongthon", "")
		path := "/admin/villages/14845.01/households/import"
		if status, body := b.get(path); status != 200 || !strings.Contains(body, `enctype="multipart/form-data"`) ||
			!strings.Contains(body, "household_code,address,full_name") {
			t.Fatalf("import form: %d\n%s", status, mainOf(body))
		}
		bad := householdsA + "14845.01-H0005,,Vi Văn Bảy,1970-13-01,nam,,,chủ hộ,x\n" +
			"14845.01-H0006,,Vi Văn Tám,1970-01-01,nam,,,chủ hộ,\n"
		status, body := b.upload(path, bad)
		for _, want := range []string{"Tệp có 2 lỗi", "dòng 6", "birth_date", "dòng 7", "representative", "không dòng nào được nhập"} {
			if !strings.Contains(body, want) {
				t.Errorf("bad file: page lacks %q", want)
			}
		}
		if status != 400 {
			t.Errorf("bad file: %d", status)
		}
		if n := countIn(t, st, "14845.01"); n != 2 {
			t.Errorf("%d households after a refused import", n)
		}
		good := householdsA + "14845.01-H0005,Xóm 6,Vi Văn Bảy,1970-12-01,nam,,,chủ hộ,x\n"
		status, body = b.upload(path, good)
		if status != 200 || !strings.Contains(body, "Hộ: 1 mới, 0 cập nhật, 2 không đổi.") || !strings.Contains(body, "Người: 1 mới, 0 cập nhật, 4 không đổi.") {
			t.Errorf("good file: %d\n%s", status, mainOf(body))
		}
		status, body = b.upload(path, good)
		if status != 200 || !strings.Contains(body, "Không có gì thay đổi: 3 hộ, 5 người đã có sẵn.") {
			t.Errorf("same file again: %d\n%s", status, mainOf(body))
		}
		if status, body := b.upload(path, ""); status != 400 || !strings.Contains(body, "Tệp trống") {
			t.Errorf("empty file: %d", status)
		}
		if status, _, _ := b.post(path, url.Values{"x": {"y"}}); status != 400 {
			t.Errorf("no file: %d", status)
		}
		huge := householdsA + strings.Repeat("14845.01-H0009,,Vi Văn Chín,1970-12-01,nam,,,con,\n", 50000)
		if status, body := b.upload(path, huge); status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "MB") {
			t.Errorf("huge file: %d", status)
		}
		if status, _ := b.upload("/admin/villages/14845.02/households/import", good); status != 403 {
			t.Errorf("import into village B: %d", status)
		}
	})
}

// A village Front member reads households without changing them: phones
// masked, no forms.
func TestHouseholdPagesReadOnly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		householdsFixture(t, st)
		srv := newServer(t, st, false)
		b := newHBrowser(t, srv.URL)
		b.signIn("mattran", "")
		b.check([]page{
			{name: "household, read only", path: "/admin/households/14845.01-H0001", status: 200,
				contains: []string{"Hà Văn Thắng", "0912 *** 678", "038*******34"}, absent: []string{"0912 345 678", "/members/new", "/move"}},
			{name: "list without forms", path: "/admin/villages/14845.01/households", status: 200, absent: []string{"/households/new"}},
			{name: "no add form", path: "/admin/households/14845.01-H0001/members/new", status: 403},
			{name: "no post", path: "/admin/households/14845.01-H0001/address", form: form("address", "x"), status: 403},
		})
	})
}

// A commune officer (with TOTP) sees every village of the commune and
// moves a household between two of them.
func TestHouseholdPagesCommuneOfficer(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		secret := householdsFixture(t, st)
		srv := newServer(t, st, false)
		b := newHBrowser(t, srv.URL)
		code, err := auth.TOTPCode(secret, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		b.signIn("canbo", code)
		h1 := "/admin/households/14845.01-H0001"
		b.check([]page{
			{name: "both villages", path: "/admin/households", status: 200, contains: []string{"Bản Lát", "Bản Poọng"}, absent: []string{"Bản Tam"}},
			{name: "village B", path: "/admin/villages/14845.02/households", status: 200, contains: []string{"Cầm Văn Xôm"}},
			{name: "other commune", path: "/admin/villages/14848.01/households", status: 403},
			{name: "a commune is not a village", path: "/admin/villages/14845/households", status: 404},
			{name: "move form", path: h1 + "/move", status: 200, contains: []string{`value="14845.02"`}, absent: []string{`value="14845.01"`, `value="14848.01"`}},
			{name: "move to the other commune", path: h1 + "/move", form: form("village", "14848.01", "reason", "x"), status: 403},
			{name: "move, bad date", path: h1 + "/move", form: form("village", "14845.02", "reason", "làm nhà mới", "on", "hôm qua"), status: 400,
				contains: []string{`id="on-err"`}},
			{name: "move", path: h1 + "/move", form: form("village", "14845.02", "reason", "làm nhà mới"), status: 303, location: h1},
			{name: "moved", path: h1, status: 200, contains: []string{"14845.01 → 14845.02", "làm nhà mới", "Bản Poọng"}},
		})
		head := newHBrowser(t, srv.URL)
		head.signIn("truongthon", "")
		head.check([]page{{name: "the village head of A no longer sees the moved household", path: h1, status: 403}})
	})
}

func TestHouseholdCountsOnPortal(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		householdsFixture(t, st)
		srv := newServer(t, st, false)
		for _, sc := range []scenario{
			{name: "home counts households", path: "/", status: 200, contains: []string{"3 hộ gia đình"}},
			{name: "commune page counts each village", path: "/units/14845", status: 200,
				contains: []string{"Bản Lát</a> <span class=\"muted\">· 2 hộ", "Bản Poọng</a> <span class=\"muted\">· 1 hộ", "Số hộ gia đình</dt><dd>3"}},
			{name: "province page counts each commune", path: "/units/38?lang=en", status: 200,
				contains: []string{"Xã Mường Lát</a> <span class=\"muted\">· 3 households"}, absent: []string{"Xã Tam Chung</a> <span"}},
			{name: "no personal data on the portal", path: "/units/14845.01", status: 200, contains: []string{"2"}, absent: []string{"Hà Văn Thắng"}},
		} {
			sc.run(t, srv.URL)
		}
	})
}

func TestHouseholdAPIWithoutToken(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		householdsFixture(t, st)
		srv := newServer(t, st, false)
		const js = "application/json"
		newHH := `{"code":"14845.01-H0009","village_code":"14845.01","members":[{"full_name":"Đinh Văn Tư","birth_date":"1980-01-01","sex":"male","relation":"chủ hộ","representative":true}]}`
		for _, sc := range []scenario{
			{name: "list needs a token", path: "/api/v1/households?village=14845.01", status: 401, contains: []string{"message_vi", "Bearer"}, absent: []string{"Hà Văn Thắng"}},
			{name: "list needs a village", path: "/api/v1/households", status: 400, contains: []string{`"field":"village"`, "message_en"}},
			{name: "list of an unknown village", path: "/api/v1/households?village=nope", status: 400, contains: []string{`"field":"village"`, "nope"}},
			{name: "list of a commune", path: "/api/v1/households?village=14845", status: 400, contains: []string{`"field":"village"`}},
			{name: "list, bad cursor", path: "/api/v1/households?village=14845.01&cursor=x", status: 400, contains: []string{`"field":"cursor"`}},
			{name: "list, bad limit", path: "/api/v1/households?village=14845.01&limit=0", status: 422, contains: []string{"query.limit"}},
			{name: "get needs a token", path: "/api/v1/households/14845.01-H0001", status: 401, absent: []string{"Hà Văn Thắng"}},
			{name: "get of an unknown code needs a token too", path: "/api/v1/households/nope", status: 401},
			{name: "create needs a token", method: "POST", path: "/api/v1/households", ctype: js, body: newHH, status: 401},
			{name: "create in an unknown village", method: "POST", path: "/api/v1/households", ctype: js,
				body: strings.Replace(newHH, `"14845.01"`, `"nope"`, 1), status: 400, contains: []string{`"field":"village_code"`}},
			{name: "create, malformed JSON", method: "POST", path: "/api/v1/households", ctype: js, body: `{"code":`, status: 400},
			{name: "create without members", method: "POST", path: "/api/v1/households", ctype: js,
				body: `{"code":"x","village_code":"14845.01"}`, status: 422, contains: []string{"members"}},
			{name: "create, member without relation", method: "POST", path: "/api/v1/households", ctype: js,
				body: `{"code":"x","village_code":"14845.01","members":[{"full_name":"A"}]}`, status: 422, contains: []string{"relation"}},
			{name: "address needs a token", method: "PUT", path: "/api/v1/households/14845.01-H0001", ctype: js, body: `{"address":"x"}`, status: 401},
			{name: "representative needs a token", method: "POST", path: "/api/v1/households/14845.01-H0001/representative", ctype: js,
				body: `{"person_id":1,"reason":"x"}`, status: 401},
			{name: "representative, bad date", method: "POST", path: "/api/v1/households/14845.01-H0001/representative", ctype: js,
				body: `{"person_id":1,"reason":"x","on":"hôm qua"}`, status: 422, contains: []string{"body.on"}},
			{name: "member needs a token", method: "POST", path: "/api/v1/households/14845.01-H0001/members", ctype: js,
				body: `{"full_name":"Hà Thị Mai","sex":"female","relation":"con"}`, status: 401},
			{name: "move needs a token", method: "POST", path: "/api/v1/households/14845.01-H0001/move", ctype: js,
				body: `{"village_code":"14845.02","reason":"x"}`, status: 401},
			{name: "import needs a token", method: "POST", path: "/api/v1/households/import?village=14845.01", ctype: "text/csv", body: householdsA, status: 401},
			{name: "import into an unknown village", method: "POST", path: "/api/v1/households/import?village=nope", ctype: "text/csv",
				body: householdsA, status: 400, contains: []string{`"field":"village"`}},
			{name: "openapi lists the households API", path: "/api/openapi.json", status: 200,
				contains: []string{"/api/v1/households/{code}/representative", "/api/v1/households/import"}},
		} {
			sc.run(t, srv.URL)
		}
		if n := countIn(t, st, "14845.01"); n != 2 {
			t.Errorf("anonymous calls changed the village: %d households", n)
		}
	})
}

func countIn(t *testing.T, st *store.Store, village string) int {
	t.Helper()
	u, err := st.UnitByCode(context.Background(), village)
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.CountHouseholds(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// memberID finds a current member of a household by name.
func memberID(t *testing.T, st *store.Store, code, name string) int64 {
	t.Helper()
	h, err := st.HouseholdByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range h.Members {
		if m.Person.FullName == name {
			return m.Person.ID
		}
	}
	t.Fatalf("no %s in %s", name, code)
	return 0
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func personByCID(t *testing.T, st *store.Store, citizenID string) *household.Person {
	t.Helper()
	p, err := st.PersonByCitizenID(context.Background(), citizenID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// mainOf is the main part of a page, for failure messages.
func mainOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if len(body) > 2500 {
		body = body[:2500] + "…"
	}
	return body
}
