package app_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"coso/account"
	"coso/auth"
	"coso/pdftext"
	rpdftext "coso/render/pdftext"
	"coso/store"
	"coso/store/storetest"
)

// visitor is an HTTP client with its own cookies, as one person's browser.
type visitor struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newVisitor(t *testing.T, base string) *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{t: t, base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *visitor) do(req *http.Request) (int, string, string) {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(body), res.Header.Get("Location")
}

func (b *visitor) get(path string) (int, string) {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.base+path, nil)
	st, body, _ := b.do(req)
	return st, body
}

// post sends a form; it returns the status, the body and the redirect.
func (b *visitor) post(path string, form url.Values) (int, string, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// upload sends a multipart form with one file.
func (b *visitor) upload(path string, fields map[string]string, field, name string, data []byte) (int, string, string) {
	b.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	if data != nil {
		fw, _ := w.CreateFormFile(field, name)
		_, _ = fw.Write(data)
	}
	_ = w.Close()
	req, _ := http.NewRequest("POST", b.base+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

// must checks a response: its status and the texts it holds and lacks.
func must(t *testing.T, what string, status int, body string, want int, has []string, lacks ...string) {
	t.Helper()
	if status != want {
		t.Errorf("%s: status %d, want %d\n%s", what, status, want, truncate([]byte(body)))
	}
	for _, h := range has {
		if !strings.Contains(body, h) {
			t.Errorf("%s: lacks %q\n%s", what, h, truncate([]byte(body)))
		}
	}
	for _, l := range lacks {
		if strings.Contains(body, l) {
			t.Errorf("%s: has %q", what, l)
		}
	}
}

const disclosurePassword = "ruộng lúa xanh bên sông Mã"

// signedInOfficial creates an account with a role on a unit and an enrolled
// authenticator, and signs it in through the real sign-in form.
func signedInOfficial(t *testing.T, st *store.Store, base, username string, role account.Role, unit string) *visitor {
	t.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword(disclosurePassword)
	if err != nil {
		t.Fatal(err)
	}
	u := &account.User{Username: username, DisplayName: "Cán bộ " + username, Email: username + "@example.vn", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, role, unit); err != nil {
		t.Fatal(err)
	}
	e, err := auth.NewTOTP(username)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetTOTPSecret(ctx, u.ID, e.Secret); err != nil {
		t.Fatal(err)
	}
	code, err := auth.TOTPCode(e.Secret, st.Now())
	if err != nil {
		t.Fatal(err)
	}
	b := newVisitor(t, base)
	if st, _ := b.get("/admin/signin"); st != 200 {
		t.Fatalf("sign-in form: %d", st)
	}
	status, body, loc := b.post("/admin/signin", url.Values{"username": {username}, "password": {disclosurePassword}, "otp": {code}})
	if status != http.StatusSeeOther || loc != "/admin" {
		t.Fatalf("sign-in of %s: %d %q\n%s", username, status, loc, truncate([]byte(body)))
	}
	return b
}

var adminDisclosureURL = regexp.MustCompile(`^/admin/disclosures/(\d+)`)

// create posts the draft form and returns the new disclosure's id.
func create(t *testing.T, b *visitor, unit string, form url.Values) string {
	t.Helper()
	st, body, loc := b.post("/admin/units/"+unit+"/disclosures", form)
	m := adminDisclosureURL.FindStringSubmatch(loc)
	if st != http.StatusSeeOther || m == nil {
		t.Fatalf("create: %d %q\n%s", st, loc, truncate([]byte(body)))
	}
	return m[1]
}

func act(t *testing.T, b *visitor, id, action string, form url.Values) {
	t.Helper()
	st, body, loc := b.post("/admin/disclosures/"+id+"/"+action, form)
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/disclosures/"+id) {
		t.Fatalf("%s %s: %d %q\n%s", action, id, st, loc, truncate([]byte(body)))
	}
}

// The "Done when" of issue 4, through the pages an officer and a citizen
// use, on both engines.
func TestDisclosurePages(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		srv := unitsServer(t, st)
		// Tuesday 10 March 2026, 9 o'clock in Hà Nội.
		st.SetClock(func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) })
		officer := signedInOfficial(t, st, srv.URL, "canbo.hamrong", account.CommuneOfficer, "14758")
		citizen := newVisitor(t, srv.URL)

		// An officer publishes a category-7 decision taken on Friday 6 March.
		id := create(t, officer, "14758", url.Values{"category": {"7"}, "title": {"Danh sách hộ nghèo được hỗ trợ tiền điện quý I/2026"},
			"body": {"Gồm **12 hộ**.\n\n<script>alert(1)</script>\n\n[xem](javascript:alert(1))"}, "decided_on": {"2026-03-06"}, "audience": {"unit"}})
		s, body := officer.get("/admin")
		must(t, "home lists the draft as due", s, body, 200, []string{"Việc đến hạn và quá hạn", "Danh sách hộ nghèo được hỗ trợ tiền điện", "hạn 13/03/2026"})
		s, _ = citizen.get("/disclosures/" + id)
		must(t, "a draft is not public", s, "", 404, nil)
		act(t, officer, id, "publish", url.Values{"published_on": {""}})

		s, body = citizen.get("/disclosures/" + id)
		must(t, "public page", s, body, 200, []string{"Danh sách hộ nghèo được hỗ trợ tiền điện quý I/2026", "<strong>12 hộ</strong>",
			"Đúng hạn", "13/03/2026", "Ít nhất 30 ngày liên tục", "10/03/2026 – 08/04/2026", "Phải phát ít nhất 3 ngày liên tục",
			"Mới phát 0 ngày liên tục", "Cổng thông tin điện tử"}, "<script>alert", "javascript:")
		s, body = citizen.get("/units/14758/disclosures.atom")
		must(t, "feed", s, body, 200, []string{`<feed xmlns="http://www.w3.org/2005/Atom"`, "Danh sách hộ nghèo được hỗ trợ tiền điện", "/disclosures/" + id})
		s, body = citizen.get("/units/14758/disclosures.atom?category=7")
		must(t, "feed of category 7", s, body, 200, []string{"/disclosures/" + id})
		s, body = citizen.get("/units/14758/disclosures.atom?category=1")
		must(t, "feed of category 1", s, body, 200, nil, "/disclosures/"+id)
		s, body = citizen.get("/disclosures?q=ho+ngheo+tien+dien")
		must(t, "search without diacritics", s, body, 200, []string{"/disclosures/" + id, "<mark>hộ</mark>", "<mark>nghèo</mark>", "<mark>điện</mark>"})
		s, body = citizen.get("/disclosures?q=ho+ngheo&category=12")
		must(t, "search and a filter", s, body, 200, []string{"Không tìm thấy"}, "/disclosures/"+id)
		s, body = citizen.get("/units/38/disclosures?category=7&from=2026-03-01&to=2026-03-31")
		must(t, "the province's list", s, body, 200, []string{"/disclosures/" + id})
		// The notice to post, its short address, and the loudspeaker script.
		s, body = citizen.get("/disclosures/" + id + "/notice.pdf")
		must(t, "notice PDF", s, body, 200, []string{"%PDF-"})
		rpdftext.Contains(t, rpdftext.Text(t, []byte(body)), "ỦY BAN NHÂN DÂN", "PHƯỜNG HÀM RỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Hàm Rồng, ngày 10 tháng 3 năm 2026", "THÔNG BÁO", "Danh sách hộ nghèo được hỗ trợ tiền điện quý I/2026", "Gồm 12 hộ.",
			"Thời gian niêm yết: từ ngày 10 tháng 3 năm 2026 đến hết ngày 08 tháng 4 năm 2026", "ít nhất 3 ngày liên tục", "/d/"+id)
		s, _, loc := citizen.do(mustRequest(t, "GET", srv.URL+"/d/"+id))
		if s != http.StatusMovedPermanently || loc != "/disclosures/"+id {
			t.Errorf("short address: %d %q", s, loc)
		}
		s, body = citizen.get("/disclosures/" + id + "/loudspeaker.txt")
		must(t, "loudspeaker script", s, body, 200, []string{"Ủy ban nhân dân phường Hàm Rồng xin thông báo.",
			"quý một năm hai nghìn không trăm hai mươi sáu", "Gồm mười hai hộ.", "từ ngày mùng mười tháng ba năm hai nghìn không trăm hai mươi sáu"}, "0", "1", "2", "**", "<script")
		s, body = citizen.get("/units/14758/disclosures/compliance?year=2026&quarter=1")
		must(t, "compliance", s, body, 200, []string{"Danh sách hộ nghèo được hỗ trợ tiền điện", "Đúng hạn", "đang niêm yết", "đến 08/04/2026",
			"Phải phát ít nhất 3 ngày liên tục", "Mới phát 0 ngày liên tục", "Danh mục thông tin đã công khai trong quý"})

		// The loudspeaker ran on 8–10 March, with a photo of the notice board.
		st2, body2, _ := officer.upload("/admin/disclosures/"+id+"/uses", map[string]string{"channel": "loudspeaker", "from": "2026-03-08", "to": "2026-03-10"}, "photo", "", nil)
		must(t, "loudspeaker days", st2, body2, http.StatusSeeOther, nil)
		st2, body2, _ = officer.upload("/admin/disclosures/"+id+"/uses", map[string]string{"channel": "posting", "from": "2026-03-10", "note": "Bảng tin UBND phường"}, "photo", "bang-tin.png", pngImage)
		must(t, "posting with a photo", st2, body2, http.StatusSeeOther, nil)
		st2, body2, _ = officer.upload("/admin/disclosures/"+id+"/uses", map[string]string{"channel": "loudspeaker", "from": "2026-03-12"}, "photo", "", nil)
		must(t, "a day in the future", st2, body2, http.StatusBadRequest, []string{"không ở tương lai"})
		s, body = citizen.get("/units/14758/disclosures/compliance?year=2026&quarter=1")
		must(t, "compliance after the broadcast", s, body, 200, []string{"Đã phát 3 ngày liên tục: đạt", "compliance.pdf?year=2026&amp;quarter=1"})
		s, body = citizen.get("/units/14758/disclosures/compliance.pdf?year=2026&quarter=1")
		must(t, "quarterly list PDF", s, body, 200, []string{"%PDF-"})
		rpdftext.Contains(t, rpdftext.Text(t, []byte(body)), "DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI", "Quý 1 năm 2026",
			"STT", "Danh sách hộ nghèo được hỗ trợ", "Hệ thống loa truyền", "10/03/2026 –", "08/04/2026", "Đúng hạn: 1; chậm: 0")
		s, body = citizen.get("/disclosures/" + id)
		photo := regexp.MustCompile(`/disclosures/` + id + `/files/\d+`).FindString(body)
		must(t, "the evidence is linked", s, body, 200, []string{"Niêm yết tại trụ sở", "ảnh minh chứng"})
		if photo == "" {
			t.Fatal("no evidence link")
		}
		res, err := http.Get(srv.URL + photo)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("evidence file: %d %v", res.StatusCode, res.Header)
		}

		// A PDF attachment is searchable by its text.
		st2, body2, _ = officer.upload("/admin/disclosures/"+id+"/files", nil, "file", "bien-ban.pdf", pdftext.Minimal("Bien ban hop binh xet ho ngheo thon Nam Ngan"))
		must(t, "attach a PDF", st2, body2, http.StatusSeeOther, nil)
		st2, body2, _ = officer.upload("/admin/disclosures/"+id+"/files", nil, "file", "trang.pdf", []byte("<html><script>alert(1)</script>"))
		must(t, "HTML named .pdf", st2, body2, http.StatusBadRequest, []string{"Loại tệp không được chấp nhận"})
		s, body = citizen.get("/disclosures?q=binh+xet+nam+ngan")
		must(t, "search in the PDF", s, body, 200, []string{"/disclosures/" + id})

		// A decision of Thursday 12 February, published on Friday 27
		// February: Tết took 16–20 February, so the 5th working day was
		// Thursday 26 and it is late by 1 working day.
		late := create(t, officer, "14758", url.Values{"category": {"12"}, "title": {"Mức thu phí vệ sinh môi trường năm 2026"},
			"decided_on": {"2026-02-12"}, "audience": {"unit"}})
		act(t, officer, late, "publish", url.Values{"published_on": {"2026-02-27"}})
		s, body = citizen.get("/disclosures/" + late)
		must(t, "late by one working day", s, body, 200, []string{"Chậm 1 ngày làm việc", "26/02/2026"})

		// Corrected: both versions shown.
		act(t, officer, id, "correct", url.Values{"title": {"Danh sách hộ nghèo được hỗ trợ tiền điện quý I/2026"},
			"body": {"Gồm **13 hộ** (bổ sung 1 hộ bị sót)."}, "reason": {"Bổ sung hộ ông Lê Văn Tám"}})
		s, body = citizen.get("/disclosures/" + id)
		must(t, "corrected", s, body, 200, []string{"đã được đính chính (phiên bản 2)", "<strong>13 hộ</strong>", "Phiên bản 1", "<strong>12 hộ</strong>", "Bổ sung hộ ông Lê Văn Tám"})
		s, body = citizen.get("/disclosures/" + id + "/print")
		must(t, "corrected, printed", s, body, 200, []string{`class="print"`, "đã được đính chính (phiên bản 2)", "<strong>13 hộ</strong>", "Phiên bản 1",
			"<strong>12 hộ</strong>", "Bổ sung hộ ông Lê Văn Tám", "10/03/2026 – 08/04/2026", "Phải phát ít nhất 3 ngày liên tục", "Đúng hạn",
			srv.URL + "/d/" + id})
		s, body, _ = officer.post("/admin/disclosures/"+id+"/correct", url.Values{"title": {"Tiêu đề"}, "body": {"x"}, "reason": {""}})
		must(t, "a correction without a reason", s, body, 400, []string{"Cần nêu lý do đính chính"})

		// Withdrawn: still visible, with its reason.
		act(t, officer, late, "withdraw", url.Values{"reason": {"Thay bằng Quyết định số 45/QĐ-UBND"}})
		s, body = citizen.get("/disclosures/" + late)
		must(t, "withdrawn", s, body, 200, []string{"đã bị thu hồi ngày 10/03/2026", "Thay bằng Quyết định số 45/QĐ-UBND", "Mức thu phí vệ sinh"})
		s, body = citizen.get("/units/14758/disclosures")
		must(t, "withdrawn stays listed", s, body, 200, []string{"/disclosures/" + late, "Đã thu hồi"})
		s, body = citizen.get("/disclosures/" + late + "/print")
		must(t, "print page", s, body, 200, []string{"Mức thu phí vệ sinh", "đã bị thu hồi", `class="print"`})

		// Bad input comes back with the field named, never a 500.
		s, body, _ = officer.post("/admin/units/14758/disclosures", url.Values{"category": {"7"}, "title": {""}, "decided_on": {"2026-03-06"}})
		must(t, "a draft without a title", s, body, 400, []string{"Tiêu đề cần ít nhất 3 ký tự", `aria-invalid="true"`})
		s, body, _ = officer.post("/admin/units/14758/disclosures", url.Values{"category": {"7"}, "title": {"Tiêu đề đủ dài"}, "decided_on": {"06/03/2026"}})
		must(t, "a bad date", s, body, 400, []string{"Ngày không hợp lệ"})
		s, body, _ = officer.post("/admin/disclosures/"+id+"/extend", url.Values{"until": {"2026-04-01"}, "reason": {"x"}})
		must(t, "an extension that shortens", s, body, 400, []string{"phải sau ngày kết thúc hiện tại"})
		act(t, officer, id, "extend", url.Values{"until": {"2026-05-08"}, "reason": {"Người dân đề nghị"}})

		// Access: nobody else changes anything.
		s, body, _ = citizen.post("/admin/disclosures/"+id+"/withdraw", url.Values{"reason": {"x"}})
		must(t, "anonymous withdrawal", s, body, http.StatusUnauthorized, nil)
		other := signedInOfficial(t, st, srv.URL, "canbo.muonglat", account.CommuneOfficer, "14845")
		s, _ = other.get("/admin/disclosures/" + id)
		must(t, "another commune's officer", s, "", http.StatusForbidden, nil)
		s, _, _ = other.post("/admin/units/14758/disclosures", url.Values{"category": {"1"}, "title": {"Không được phép"}, "decided_on": {"2026-03-06"}})
		must(t, "another commune's officer creates", s, "", http.StatusForbidden, nil)
		s, _ = officer.get("/admin/calendar")
		must(t, "an officer on the calendar", s, "", http.StatusForbidden, nil)

		// The province administrator edits the calendar.
		admin := signedInOfficial(t, st, srv.URL, "quantri.tinh", account.ProvinceAdmin, "38")
		s, body = admin.get("/admin/calendar?year=2026")
		must(t, "calendar", s, body, 200, []string{"16/02/2026", "Tết Nguyên đán", "27/04/2026", "Nghỉ bù Giỗ Tổ Hùng Vương"})
		s, body, _ = admin.post("/admin/calendar", url.Values{"date": {"2026-03-20"}, "name_vi": {"Làm bù"}, "kind": {"workday"}})
		must(t, "a working Friday", s, body, 400, []string{"thứ Bảy hoặc Chủ nhật"})
		s, _, _ = admin.post("/admin/calendar", url.Values{"date": {"2026-11-24"}, "name_vi": {"Ngày Văn hóa Việt Nam"}, "name_en": {"Vietnamese Culture Day"}, "kind": {"holiday"}})
		must(t, "a new holiday", s, "", http.StatusSeeOther, nil)
		s, body = admin.get("/admin/calendar?year=2026")
		must(t, "calendar after", s, body, 200, []string{"24/11/2026", "Ngày Văn hóa Việt Nam"})
		s, _, _ = admin.post("/admin/calendar/remove", url.Values{"date": {"2026-11-24"}})
		must(t, "remove", s, "", http.StatusSeeOther, nil)

		// A citizen asks for information; the officer answers.
		s, body, _ = citizen.post("/units/14758/information-requests", url.Values{"name": {"Nguyễn Thị Hoa"}, "contact": {"0912345678"},
			"question": {"Đề nghị cung cấp dự toán ngân sách phường năm 2026."}})
		must(t, "a request", s, body, http.StatusCreated, []string{"Đã nhận yêu cầu số", "24/03/2026"})
		reqID := regexp.MustCompile(`/information-requests/(\d+)`).FindStringSubmatch(body)
		if reqID == nil {
			t.Fatal("no request link")
		}
		s, body, _ = citizen.post("/units/14758/information-requests", url.Values{"name": {""}, "contact": {""}, "question": {"ngắn"}})
		must(t, "a bad request", s, body, 400, []string{"Cần họ và tên"})
		s, body = officer.get("/admin/information-requests")
		must(t, "the queue", s, body, 200, []string{"Yêu cầu số " + reqID[1], "dự toán ngân sách phường"})
		s, body = officer.get("/admin/information-requests/" + reqID[1])
		must(t, "the officer sees the requester", s, body, 200, []string{"Nguyễn Thị Hoa", "0912345678"})
		s, _, _ = officer.post("/admin/information-requests/"+reqID[1]+"/answer", url.Values{"status": {"answered"}, "answer": {"Dự toán đã được công khai."}, "disclosure": {id}})
		must(t, "answer", s, "", http.StatusSeeOther, nil)
		s, body = citizen.get("/information-requests/" + reqID[1])
		must(t, "the public answer", s, body, 200, []string{"Dự toán đã được công khai.", "Đã trả lời", "Đúng hạn"}, "Nguyễn Thị Hoa", "0912345678")
		s, body = citizen.get("/units/14758/information-requests")
		must(t, "public requests", s, body, 200, []string{"dự toán ngân sách phường"}, "Nguyễn Thị Hoa")

		// English pages.
		s, body = citizen.get("/disclosures/" + late + "?lang=en")
		must(t, "English", s, body, 200, []string{"This information was withdrawn on 10/03/2026", "Late by 1 working day"})
	})
}

var pngImage = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")

func mustRequest(t *testing.T, method, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
