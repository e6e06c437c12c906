package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/app"
	"coso/auth"
	"coso/consultation"
	"coso/notify"
	"coso/place"
	"coso/render/pdftext"
	"coso/store"
	"coso/store/storetest"
)

// cheapPasswords makes argon2 fast for a test.
func cheapPasswords(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
}

const threeArticles = "Điều 1. Vị trí\nKhu đất ven suối Đông.\nĐiều 2. Diện tích\n3,5 ha.\nĐiều 3. Tiến độ\nNăm 2026–2027."

// TestConsultationPages: a commune officer prepares a consultation in the
// back office (the draft pasted as text and split at its articles), opens
// it for the law's 20 days, extends it with a reason; the public page
// shows every section at its own address, and the commune's list shows
// the consultation; a draft is nobody else's business.
func TestConsultationPages(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		o := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		b := r.browser()
		b.signIn(o)
		today := r.st.Now()
		earliest := consultation.EarliestClose(today, 20).Format("2006-01-02")
		tooSoon := consultation.EarliestClose(today, 19).Format("2006-01-02")

		if res := b.get("/admin/consultations/new?unit=" + communeA); res.status != 200 || !strings.Contains(res.body, earliest) {
			t.Fatalf("new form: %d\n%s", res.status, res.body)
		}
		form := url.Values{"unit": {communeA}, "subject": {"2"}, "title": {"Quy hoạch khu dân cư thôn Đông"},
			"summary": {"Xin ý kiến về phương án quy hoạch."}, "draft": {threeArticles}, "split": {"auto"},
			"forms": {"meeting", "sheet"}, "audience": {"unit"}, "documents": {"Bản đồ quy hoạch | ban-do.pdf"}, "closes_on": {tooSoon}}
		form.Set("preview", "1")
		if res := b.post("/admin/consultations", form); res.status != 200 || !strings.Contains(res.body, "3 phần") || !strings.Contains(res.body, "Điều 2. Diện tích") {
			t.Fatalf("preview: %d\n%s", res.status, res.body)
		}
		form.Del("preview")
		res := b.post("/admin/consultations", form)
		if res.status != 400 || !strings.Contains(res.body, "ít nhất 20 ngày") || !strings.Contains(res.body, "Quy hoạch khu dân cư thôn Đông") {
			t.Fatalf("19 days: %d\n%s", res.status, res.body)
		}
		form.Set("closes_on", earliest)
		res = b.post("/admin/consultations", form)
		if res.status != 303 || !strings.HasPrefix(res.location, "/admin/consultations/") {
			t.Fatalf("create: %d %s\n%s", res.status, res.location, res.body)
		}
		page := res.location
		id := strings.TrimPrefix(page, "/admin/consultations/")

		// A draft: the public and other officers see nothing.
		if res := r.browser().get("/consultations/" + id); res.status != 404 {
			t.Errorf("anonymous on a draft: %d", res.status)
		}
		if res := b.get("/consultations/" + id); res.status != 200 || !strings.Contains(res.body, "Dự thảo chưa công bố") {
			t.Errorf("the officer previews the draft: %d", res.status)
		}
		if res := b.post(page+"/step", url.Values{"do": {"open"}, "closes_on": {tooSoon}}); res.status != 400 || !strings.Contains(res.body, earliest[8:]+"/") {
			t.Errorf("opening for 19 days: %d\n%s", res.status, res.body)
		}
		if res := b.post(page+"/step", url.Values{"do": {"open"}, "closes_on": {earliest}}); res.status != 303 {
			t.Fatalf("open: %d\n%s", res.status, res.body)
		}
		if res := b.post(page+"/step", url.Values{"do": {"close"}}); res.status != 409 || !strings.Contains(res.body, "Chưa hết thời gian") {
			t.Errorf("closing early: %d\n%s", res.status, res.body)
		}
		later := consultation.EarliestClose(today, 30).Format("2006-01-02")
		if res := b.post(page+"/extend", url.Values{"closes_on": {later}}); res.status != 400 || !strings.Contains(res.body, "lý do") {
			t.Errorf("extension without reason: %d", res.status)
		}
		if res := b.post(page+"/extend", url.Values{"closes_on": {later}, "reason": {"Mùa gặt, nhiều hộ chưa kịp góp ý"}}); res.status != 303 {
			t.Fatalf("extend: %d\n%s", res.status, res.body)
		}

		anon := r.browser()
		res = anon.get("/consultations/" + id)
		for _, want := range []string{`id="s1"`, `id="s2"`, `id="s3"`, `href="#s2"`, "3,5 ha.", "Mùa gặt, nhiều hộ chưa kịp góp ý", "Bản đồ quy hoạch", "Hội nghị cộng đồng dân cư"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("public page lacks %q", want)
			}
		}
		if res := anon.get("/units/" + communeA + "/consultations"); !strings.Contains(res.body, "/consultations/"+id) {
			t.Errorf("the commune's list lacks it:\n%s", res.body)
		}
		if res := anon.get("/units/" + communeB + "/consultations"); strings.Contains(res.body, "/consultations/"+id) {
			t.Error("commune B's list shows commune A's consultation")
		}
		if res := anon.get("/units/" + villageA + "/consultations?lang=en"); !strings.Contains(res.body, "/consultations/"+id) {
			t.Error("a village's list shows its commune's consultations")
		}
	})
}

// TestConsultationAPI: create from text, open, list and get with
// sections over the API; commune B's officer is refused.
func TestConsultationAPI(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		officerA := r.official("canbo.a", account.CommuneOfficer, communeA)
		tokA := r.token(officerA)
		tokB := r.token(r.official("canbo.b", account.CommuneOfficer, communeB))
		closes := consultation.EarliestClose(r.st.Now(), 20).Format("2006-01-02")
		body := map[string]any{"unit_code": communeA, "subject": 7, "title": "Quy chế dân chủ xã An Hoà", "draft": threeArticles,
			"forms": []string{"meeting"}, "closes_on": closes}
		if res := r.call(tokB, "POST", "/api/v1/consultations", body); res.status != 403 {
			t.Errorf("commune B creates for A: %d", res.status)
		}
		res := r.call(tokA, "POST", "/api/v1/consultations", body)
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		var c struct {
			ID       int64
			Status   string
			Sections []struct {
				N     int
				Label string
				URL   string
			}
			Forms []string
		}
		if err := json.Unmarshal([]byte(res.body), &c); err != nil {
			t.Fatal(err)
		}
		if c.Status != "draft" || len(c.Sections) != 3 || c.Sections[2].Label != "Điều 3" || !strings.HasSuffix(c.Sections[2].URL, "#s3") ||
			strings.Join(c.Forms, ",") != "portal,meeting" {
			t.Fatalf("created: %+v", c)
		}
		path := "/api/v1/consultations/" + itoa(c.ID)
		if res := r.call("", "GET", path, nil); res.status != 404 {
			t.Errorf("anonymous reads a draft: %d", res.status)
		}
		if res := r.call(tokB, "POST", path+"/open", map[string]any{}); res.status != 403 {
			t.Errorf("commune B opens A's consultation: %d", res.status)
		}
		if res := r.call(tokA, "POST", path+"/open", map[string]any{}); res.status != 200 || !strings.Contains(res.body, `"accepting":true`) {
			t.Fatalf("open: %d %s", res.status, res.body)
		}
		if res := r.call("", "GET", "/api/v1/consultations?unit="+communeA, nil); !strings.Contains(res.body, `"title":"Quy chế dân chủ xã An Hoà"`) {
			t.Errorf("list: %s", res.body)
		}
		if res := r.call("", "GET", "/api/v1/consultations?unit="+communeB, nil); strings.Contains(res.body, "An Hoà") {
			t.Errorf("B's list: %s", res.body)
		}
		if res := r.call("", "GET", path, nil); res.status != 200 || !regexp.MustCompile(`"n":2,"label":"Điều 2","heading":"Diện tích","text":"3,5 ha."`).MatchString(res.body) {
			t.Errorf("get: %d %s", res.status, res.body)
		}
		if res := r.call(tokA, "POST", path+"/close", nil); res.status != 409 {
			t.Errorf("close before the end: %d %s", res.status, res.body)
		}
		r.clock.Add(21 * 24 * time.Hour)
		tokA = r.token(officerA) // the first one has expired
		if res := r.call(tokA, "POST", path+"/close", nil); res.status != 200 || !strings.Contains(res.body, `"status":"closed"`) {
			t.Errorf("close: %d %s", res.status, res.body)
		}
	})
}

// upload sends a multipart form with one file.
func (b *browser) upload(path string, fields url.Values, field, name string, data []byte) answer {
	b.r.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	if data != nil {
		fw, _ := w.CreateFormFile(field, name)
		_, _ = fw.Write(data)
	}
	_ = w.Close()
	req, err := http.NewRequest("POST", b.r.url+path, &buf)
	if err != nil {
		b.r.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.r.send(b.client, req)
}

var scanPDF = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// TestConsultationOpinions: citizens comment section by section on the
// public page (named or as a resident of their village), edit their
// comment with its versions kept, and are refused after the close with a
// clear message; an officer enters an organisation's letter and an
// opinion sheet, hides an abusive comment for a listed reason; the public
// sees a counted placeholder, supervisors the text; the API does the same.
func TestConsultationOpinions(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		ctx := t.Context()
		// One consultation opened 25 days ago, its 20 days over; one open.
		r.clock.Add(-25 * 24 * time.Hour)
		past := r.openConsultation(communeA)
		r.clock.Add(25 * 24 * time.Hour)
		id := r.openConsultation(communeA)
		page := "/consultations/" + itoa(id)
		hoa := r.family(villageA, "10001.01-H07", "Lê Văn Hoà", "0912 555 777", "038080005678")
		r.family(villageA, "10001.01-H08", "Trịnh Văn Tám", "0912 555 888", "038080004321")
		citizen := r.browser()
		citizen.citizenSignIn("0912 555 777")
		c, err := st.CitizenByPhone(ctx, "+84912555777")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.LinkCitizen(ctx, c.ID, hoa.ID, r.unit(villageA).ID); err != nil {
			t.Fatal(err)
		}
		other := r.browser()
		other.citizenSignIn("0912 555 888") // not confirmed as anyone

		if res := r.browser().get(page); !strings.Contains(res.body, "/signin?next="+page) || strings.Contains(res.body, `name="stance"`) {
			t.Errorf("anonymous: a sign-in link, no form\n%s", res.body)
		}
		comment := url.Values{"section": {"2"}, "stance": {"disagree"}, "text": {"Phải công khai trước 5 ngày, không phải 3."}, "show_name": {"1"}}
		if res := citizen.post(page+"/comments", comment); res.status != 303 || res.location != page+"#s2" {
			t.Fatalf("comment: %d %s\n%s", res.status, res.location, res.body)
		}
		res := citizen.post(page+"/comments", comment)
		if res.status != 409 || !strings.Contains(res.body, "Bạn đã góp ý phần này") {
			t.Errorf("a second comment on the section: %d", res.status)
		}
		res = citizen.get(page)
		if !strings.Contains(res.body, "Lê Văn Hoà") || !strings.Contains(res.body, "Không đồng ý: 1") || !strings.Contains(res.body, "Sửa ý kiến của bạn") {
			t.Errorf("the page after commenting:\n%s", res.body)
		}
		mine := regexp.MustCompile(`action="` + page + `/comments/(\d+)"`).FindStringSubmatch(res.body)
		if mine == nil {
			t.Fatal("no edit form for the citizen's comment")
		}
		edit := url.Values{"stance": {"disagree"}, "text": {"Phải công khai trước 7 ngày."}}
		if res := citizen.post(page+"/comments/"+mine[1], edit); res.status != 303 {
			t.Fatalf("edit: %d\n%s", res.status, res.body)
		}
		if res := other.post(page+"/comments/"+mine[1], url.Values{"stance": {"agree"}}); res.status != 404 {
			t.Errorf("editing another's comment: %d", res.status)
		}
		res = r.browser().get(page)
		if strings.Contains(res.body, "Lê Văn Hoà") || !strings.Contains(res.body, "Một người dân Thôn Đông") || !strings.Contains(res.body, "đã sửa") ||
			!strings.Contains(res.body, "trước 7 ngày") {
			t.Errorf("after the edit (name no longer shown):\n%s", res.body)
		}
		if res := other.post(page+"/comments", url.Values{"section": {"1"}, "stance": {"other"}, "text": {"Đồ ngu, ai viết cái này"}}); res.status != 303 {
			t.Fatalf("unconfirmed comment: %d\n%s", res.status, res.body)
		}
		if res := other.post(page+"/comments", url.Values{"section": {"0"}, "stance": {"other"}}); res.status != 400 || !strings.Contains(res.body, "Hãy viết ý kiến") {
			t.Errorf("other without text: %d", res.status)
		}

		// The officer: an organisation's letter, an opinion sheet, a hide.
		o := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		officer := r.browser()
		officer.signIn(o)
		admin := "/admin/consultations/" + itoa(id) + "/opinions"
		today := r.st.Now().In(coso.Zone).Format("2006-01-02")
		letter := url.Values{"channel": {"front"}, "organisation": {"Hội Liên hiệp Phụ nữ xã An Hoà"}, "section": {"3"}, "stance": {"agree"},
			"text": {"Hội thống nhất với dự thảo."}, "received_on": {today}}
		if res := officer.upload(admin, letter, "file", "", nil); res.status != 400 || !strings.Contains(res.body, "kèm văn bản") {
			t.Errorf("letter without its scan: %d", res.status)
		}
		if res := officer.upload(admin, letter, "file", "cong-van-hoi-phu-nu.pdf", scanPDF); res.status != 303 {
			t.Fatalf("letter: %d\n%s", res.status, res.body)
		}
		sheet := url.Values{"channel": {"sheet"}, "section": {"2"}, "stance": {"disagree"}, "text": {"Phải công khai trước 7 ngày."},
			"village": {itoa(r.unit(villageA).ID)}, "sex": {"male"}, "age_band": {"60+"}, "received_on": {today}, "source_note": {"Phiếu số 3"}}
		if res := officer.upload(admin, sheet, "file", "phieu-3.jpg", nil); res.status != 303 {
			t.Fatalf("sheet: %d\n%s", res.status, res.body)
		}
		res = officer.get(admin)
		abusive := regexp.MustCompile(`action="/admin/consultations/\d+/opinions/(\d+)/hide"`).FindAllStringSubmatch(res.body, -1)
		fileLink := regexp.MustCompile(`href="(/admin/consultations/\d+/files/\d+)"`).FindStringSubmatch(res.body)
		if len(abusive) < 4 || fileLink == nil || !strings.Contains(res.body, "Phiếu số 3") || !strings.Contains(res.body, "2 phiên bản") {
			t.Fatalf("the officers' list:\n%s", res.body)
		}
		if res := officer.get(fileLink[1]); res.status != 200 || res.header.Get("Content-Type") != "application/pdf" {
			t.Errorf("the letter: %d %s", res.status, res.header.Get("Content-Type"))
		}
		if res := r.browser().get(fileLink[1]); res.status != 303 {
			t.Errorf("the letter to an anonymous visitor: %d", res.status)
		}
		// The list is newest first: the first form hides the sheet's
		// opinion; find the abusive comment by its text instead.
		var abusiveID string
		for _, m := range abusive {
			if op, err := st.Opinion(ctx, int64(atoi(t, m[1]))); err == nil && strings.Contains(op.Text, "Đồ ngu") {
				abusiveID = m[1]
			}
		}
		if res := officer.post(admin+"/"+abusiveID+"/hide", url.Values{"reason": {"dislike"}}); res.status != 400 {
			t.Errorf("hide for a reason not listed: %d", res.status)
		}
		if res := officer.post(admin+"/"+abusiveID+"/hide", url.Values{"reason": {"abuse"}}); res.status != 303 {
			t.Fatalf("hide: %d\n%s", res.status, res.body)
		}
		res = r.browser().get(page)
		if strings.Contains(res.body, "Đồ ngu") || !strings.Contains(res.body, "Ý kiến này đã bị ẩn (lý do: Xúc phạm, lăng mạ)") ||
			!strings.Contains(res.body, "1 ý kiến bị ẩn (vẫn được tính)") || !strings.Contains(res.body, "Hội Liên hiệp Phụ nữ xã An Hoà") {
			t.Errorf("public page after the hide:\n%s", res.body)
		}
		for _, sup := range []*official{r.official("giamsat.tinh", account.Supervisor, "38"), r.official("thanhtra.anhoa", account.InspectionBoard, communeA)} {
			b := r.browser()
			b.signIn(sup)
			if res := b.get(page); !strings.Contains(res.body, "Đồ ngu") {
				t.Errorf("%s does not see the hidden text", sup.user.Username)
			}
		}
		if log, _ := st.AuditLog(ctx, store.AuditFilter{Action: "opinion.hide"}); len(log) != 1 || log[0].Username != "canbo.anhoa" || !strings.HasSuffix(log[0].Summary, "abuse") {
			t.Errorf("audit of the hide: %+v", log)
		}

		// The API: a citizen's token, the hidden opinion without its text.
		tok := r.citizenToken("0912 555 777")
		api := "/api/v1/consultations/" + itoa(id) + "/comments"
		if res := r.call(tok, "POST", api, map[string]any{"section": 3, "stance": "agree", "text": "Đồng ý."}); res.status != 201 || !strings.Contains(res.body, `"name_vi":"Một người dân Thôn Đông"`) {
			t.Errorf("API comment: %d %s", res.status, res.body)
		}
		if res := r.call(r.token(o), "POST", api, map[string]any{"section": 3, "stance": "agree"}); res.status != 403 {
			t.Errorf("an officer comments as a citizen: %d", res.status)
		}
		res = r.call("", "GET", api, nil)
		if strings.Contains(res.body, "Đồ ngu") || !strings.Contains(res.body, `"hidden":true,"hidden_reason":"abuse"`) {
			t.Errorf("API list: %s", res.body)
		}

		// After the close: refused, saying so.
		pastPage := "/consultations/" + itoa(past)
		res = citizen.post(pastPage+"/comments", url.Values{"section": {"1"}, "stance": {"agree"}})
		if res.status != 409 || !strings.Contains(res.body, "Đã hết thời gian lấy ý kiến") {
			t.Errorf("comment after the close: %d\n%s", res.status, res.body)
		}
		if res := citizen.get(pastPage); strings.Contains(res.body, `name="stance"`) || !strings.Contains(res.body, "Đã hết thời gian lấy ý kiến") {
			t.Error("the forms are still there after the close")
		}
		pastAPI := "/api/v1/consultations/" + itoa(past) + "/comments"
		if res := r.call(tok, "POST", pastAPI, map[string]any{"section": 1, "stance": "agree"}); res.status != 409 || !strings.Contains(res.body, "closed on") {
			t.Errorf("API comment after the close: %d %s", res.status, res.body)
		}
	})
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestConsultationAnswered is issue 5's "done when": a 20-day commune
// consultation with 3 sections receives online comments (a campaign of
// 500 alike among them), an organisation's opinion and offline opinions;
// it cannot be answered until every group has its response; an officer of
// another commune cannot answer (403); the published report shows every
// opinion, hidden ones as counted placeholders, as a page and a PDF, and
// is listed as a category-11 disclosure; participants get an SMS.
func TestConsultationAnswered(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		ctx := t.Context()
		r.clock.Add(-22 * 24 * time.Hour)
		id := r.openConsultation(communeA)
		page := "/consultations/" + itoa(id)
		r.family(villageA, "10001.01-H09", "Đặng Văn Chín", "0912 666 999", "038080009999")
		citizen := r.browser()
		citizen.citizenSignIn("0912 666 999")
		if res := citizen.post(page+"/comments", url.Values{"section": {"3"}, "stance": {"agree"}, "text": {"Nên có hiệu lực ngay."}}); res.status != 303 {
			t.Fatalf("comment: %d", res.status)
		}
		ids := storetest.Citizens(t, st, "+849140", 500)
		for _, cid := range ids {
			o := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Text: "Phải công khai cả biên bản họp!"}
			if err := st.PostComment(ctx, id, store.Commenter{CitizenID: cid}, o); err != nil {
				t.Fatal(err)
			}
		}
		spam := &consultation.Opinion{Section: 1, Stance: consultation.OtherOp, Text: "Vay tiền nhanh, lãi thấp"}
		if err := st.PostComment(ctx, id, store.Commenter{CitizenID: ids[0]}, spam); err != nil {
			t.Fatal(err)
		}
		if err := st.HideOpinion(ctx, spam.ID, consultation.Spam); err != nil {
			t.Fatal(err)
		}
		front := &consultation.Opinion{Section: 1, Stance: consultation.Agree, Text: "Mặt trận đồng ý.", Channel: consultation.Front,
			Organisation: "Ủy ban MTTQ xã An Hoà", ReceivedOn: st.Now()}
		if err := st.EnterOpinion(ctx, id, front, &store.Upload{Name: "mttq.pdf", Data: scanPDF}); err != nil {
			t.Fatal(err)
		}
		meeting := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Text: "Phải công khai cả biên bản họp", Channel: consultation.Meeting, ReceivedOn: st.Now()}
		if err := st.EnterOpinion(ctx, id, meeting, nil); err != nil {
			t.Fatal(err)
		}
		r.clock.Add(22 * 24 * time.Hour)
		o := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		tok := r.token(o)
		tokB := r.token(r.official("canbo.binhminh", account.CommuneOfficer, communeB))
		api := "/api/v1/consultations/" + itoa(id)
		if res := r.call(tok, "POST", api+"/close", nil); res.status != 200 {
			t.Fatalf("close: %d %s", res.status, res.body)
		}
		res := r.call(tok, "GET", api+"/report", nil)
		var rep struct {
			Sections []struct {
				N      int
				Hidden map[string]int
				Groups []struct {
					ID    int64
					Count int
				}
			}
			Missing []struct {
				MessageEN string `json:"message_en"`
			}
		}
		if err := json.Unmarshal([]byte(res.body), &rep); err != nil {
			t.Fatal(err, res.body)
		}
		if len(rep.Sections) != 4 || len(rep.Sections[2].Groups) != 1 || rep.Sections[2].Groups[0].Count != 501 || rep.Sections[1].Hidden["spam"] != 1 {
			t.Fatalf("report: %s", res.body)
		}
		if res := r.call("", "GET", api+"/report", nil); res.status != 404 {
			t.Errorf("anonymous reads the unpublished report: %d", res.status)
		}
		campaign := rep.Sections[2].Groups[0].ID
		if res := r.call(tokB, "PUT", api+"/groups/"+itoa(campaign), map[string]any{"response": "accepted"}); res.status != 403 {
			t.Errorf("commune B answers A's opinions: %d", res.status)
		}
		if res := r.call(tok, "POST", api+"/report", map[string]any{}); res.status != 409 || !strings.Contains(res.body, "3 of 3 opinion groups have no answer") {
			t.Errorf("published unanswered: %d %s", res.status, res.body)
		}

		// The officer answers in the back office.
		b := r.browser()
		b.signIn(o)
		admin := "/admin/consultations/" + itoa(id)
		if res := b.post(admin+"/groups/"+itoa(campaign), url.Values{"response": {"explained"}}); res.status != 400 || !strings.Contains(res.body, "phải nêu lý do") {
			t.Errorf("an explanation without reasons: %d", res.status)
		}
		if res := b.post(admin+"/groups/"+itoa(campaign), url.Values{"response": {"partly"}, "reason": {"Công khai biên bản tóm tắt; biên bản đầy đủ xem tại trụ sở."}}); res.status != 303 {
			t.Fatalf("answer: %d %s", res.status, res.body)
		}
		res = b.get(admin + "/report")
		others := regexp.MustCompile(`action="`+admin+`/groups/(\d+)"`).FindAllStringSubmatch(res.body, -1)
		if len(others) != 3 || !strings.Contains(res.body, "Đã trả lời 1/3 nhóm ý kiến") {
			t.Fatalf("the answer page:\n%s", res.body)
		}
		for _, m := range others {
			if m[1] != itoa(campaign) {
				if res := b.post(admin+"/groups/"+m[1], url.Values{"response": {"accepted"}}); res.status != 303 {
					t.Fatal(res.status)
				}
			}
		}
		for n, outcome := range map[string]string{"1": "kept", "2": "kept", "3": "kept"} {
			if res := b.post(admin+"/outcomes", url.Values{"section": {n}, "outcome": {outcome}}); res.status != 303 {
				t.Fatalf("outcome: %d %s", res.status, res.body)
			}
		}
		res = b.post(admin+"/publish", url.Values{"conclusion": {"Ủy ban nhân dân tiếp thu một phần."}})
		if res.status != 409 || !strings.Contains(res.body, "trái với ý kiến của đa số") {
			t.Errorf("kept section 2 against 502 without reasons: %d\n%s", res.status, res.body)
		}
		if res := b.post(admin+"/outcomes", url.Values{"section": {"2"}, "outcome": {"amended"}}); res.status != 303 {
			t.Fatal(res.status)
		}
		if res := b.post(admin+"/publish", url.Values{"conclusion": {"Ủy ban nhân dân tiếp thu một phần."}}); res.status != 303 || res.location != page+"/report" {
			t.Fatalf("publish: %d %s\n%s", res.status, res.location, res.body)
		}

		anon := r.browser()
		res = anon.get(page + "/report")
		for _, want := range []string{"501 ý kiến", "Phải công khai cả biên bản họp!", "Tiếp thu một phần", "Công khai biên bản tóm tắt",
			"1 ý kiến bị ẩn (lý do: Quảng cáo, không liên quan (spam))", "Ủy ban MTTQ xã An Hoà", "Sửa đổi, bổ sung", "/disclosures/"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("the published report lacks %q", want)
			}
		}
		if strings.Contains(res.body, "Vay tiền nhanh") {
			t.Error("the hidden text is in the public report")
		}
		pdf := anon.get(page + "/report.pdf")
		text := strings.Join(strings.Fields(pdftext.Text(t, []byte(pdf.body))), " ")
		if !strings.Contains(text, "Tổng số ý kiến nhận được: 504") || !strings.Contains(text, "Tiếp thu một phần: Công khai") {
			t.Errorf("the PDF: %s", text)
		}
		res = anon.get("/units/" + communeA + "/disclosures?category=11")
		if !strings.Contains(res.body, "Kết quả tổng hợp, tiếp thu, giải trình ý kiến nhân dân: Quy chế thực hiện dân chủ của xã") {
			t.Errorf("not listed as a category-11 disclosure:\n%s", res.body)
		}
		for {
			n, err := r.sms.RunOnce(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
		}
		lines, err := notify.ReadSMSFile(r.smsAt)
		if err != nil {
			t.Fatal(err)
		}
		told := 0
		for _, l := range lines {
			if strings.Contains(l.Text, "/consultations/"+itoa(id)+"/report") {
				told++
			}
		}
		if told != 501 {
			t.Errorf("participants told: %d, want 501 (the campaign's 500 phones and Chín's)", told)
		}
		if res := r.call(tok, "PUT", api+"/groups/"+itoa(campaign), map[string]any{"response": "accepted"}); res.status != 409 {
			t.Errorf("answer after publication: %d", res.status)
		}
	})
}

// TestConsultationDashboardAndPapers: participation by village, sex, age
// band and channel with the most disagreed sections, for officers and
// supervisors; the notice to post and the household opinion sheets with
// the way to answer online, read back from the PDFs.
func TestConsultationDashboardAndPapers(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		ctx := t.Context()
		id := r.openConsultation(communeA)
		r.family(villageA, "10001.01-H21", "Mai Văn Hai", "0912 777 001", "038080007001")
		r.family(villageA, "10001.01-H22", "Mai Văn Ba", "", "")
		c := r.browser()
		c.citizenSignIn("0912 777 001")
		cit, _ := st.CitizenByPhone(ctx, "+84912777001")
		p, _ := st.PersonsByPhone(ctx, "+84912777001")
		if err := st.LinkCitizen(ctx, cit.ID, p[0].ID, r.unit(villageA).ID); err != nil {
			t.Fatal(err)
		}
		page := "/consultations/" + itoa(id)
		for _, f := range []url.Values{{"section": {"2"}, "stance": {"disagree"}, "text": {"Không."}}, {"section": {"3"}, "stance": {"agree"}}} {
			if res := c.post(page+"/comments", f); res.status != 303 {
				t.Fatalf("comment: %d", res.status)
			}
		}
		sheet := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Channel: consultation.Sheet, VillageID: r.unit("10001.02").ID,
			Sex: "female", AgeBand: "60+", ReceivedOn: st.Now()}
		if err := st.EnterOpinion(ctx, id, sheet, nil); err != nil {
			t.Fatal(err)
		}
		dash := "/admin/consultations/" + itoa(id) + "/dashboard"
		if res := r.browser().get(dash); res.status != 303 {
			t.Errorf("anonymous dashboard: %d", res.status)
		}
		sup := r.browser()
		sup.signIn(r.official("giamsat.tinh", account.Supervisor, "38"))
		res := sup.get(dash)
		for _, want := range []string{"3 ý kiến của 2 người, tổ chức", "Thôn Đông", "Thôn Tây", "<svg", "45–59 tuổi", "Từ 60 tuổi",
			"Cổng thông tin điện tử", "Phiếu lấy ý kiến hộ gia đình"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("dashboard lacks %q", want)
			}
		}
		if i, j := strings.Index(res.body, "Điều 2. Công khai"), strings.Index(res.body, "Điều 3. Hiệu lực"); i < 0 || j < i {
			t.Error("the most disagreed section comes first")
		}
		if strings.Contains(res.body, "sheets.pdf") {
			t.Error("a supervisor is offered the sheets, which carry the register's names")
		}
		if res := r.call(r.token(r.official("thanhtra.anhoa", account.InspectionBoard, communeA)), "GET", "/api/v1/consultations/"+itoa(id)+"/participation", nil); res.status != 200 ||
			!strings.Contains(res.body, `"people":2`) {
			t.Errorf("API participation: %d %s", res.status, res.body)
		}

		notice := r.browser().get(page + "/notice.pdf")
		text := strings.Join(strings.Fields(pdftext.Text(t, []byte(notice.body))), " ")
		if !strings.Contains(text, "THÔNG BÁO") || !strings.Contains(text, "Quy chế thực hiện dân chủ của xã") || !strings.Contains(text, "/consultations/"+itoa(id)) {
			t.Errorf("notice: %s", text)
		}
		o := r.browser()
		o.signIn(r.official("canbo.anhoa", account.CommuneOfficer, communeA))
		res = o.get(dash)
		link := regexp.MustCompile(`href="(/admin/consultations/\d+/sheets\.pdf\?village=10001\.01)"`).FindStringSubmatch(res.body)
		if link == nil {
			t.Fatalf("no sheets link:\n%s", res.body)
		}
		sheets := o.get(strings.ReplaceAll(link[1], "&amp;", "&"))
		pages := pdftext.Pages(t, []byte(sheets.body))
		all := strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
		if strings.Count(all, "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH") != 2 || !strings.Contains(all, "Mai Văn Ba") || !strings.Contains(all, "10001.01-H21") ||
			!strings.Contains(all, "/consultations/"+itoa(id)) || !strings.Contains(all, "Điều 3. Hiệu lực") {
			t.Errorf("sheets: %s", all)
		}
		if res := o.get("/admin/consultations/" + itoa(id) + "/sheets.pdf?village=" + villageB); res.status != 400 {
			t.Errorf("sheets for another commune's village: %d", res.status)
		}
	})
}

// An agency's administrator puts a draft to its staff (art. 53) and
// enters the opinions of the staff meeting; citizens cannot comment on it
// and a commune's officer of another commune cannot touch it.
func TestConsultationStaff(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		rows, err := place.ReadCSV(strings.NewReader("code,name,kind,parent_code\n10001.A1,Trường Tiểu học An Hoà,agency,10001\n"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ImportUnits(context.Background(), rows); err != nil {
			t.Fatal(err)
		}
		tok := r.token(r.official("quantri.thanhoa", account.AgencyAdmin, "10001.A1"))
		tokB := r.token(r.official("canbo.b", account.CommuneOfficer, communeB))
		closes := r.st.Now().AddDate(0, 0, 7).In(coso.Zone).Format("2006-01-02")
		body := map[string]any{"unit_code": "10001.A1", "subject": 5302, "audience": "staff", "title": "Quy chế chi tiêu nội bộ năm 2026",
			"draft": threeArticles, "forms": []string{"meeting", "sheet"}, "closes_on": closes}
		if res := r.call(tokB, "POST", "/api/v1/consultations", body); res.status != 403 {
			t.Errorf("commune B creates for the school: %d", res.status)
		}
		bad := map[string]any{}
		maps.Copy(bad, body)
		bad["subject"] = 2
		if res := r.call(tok, "POST", "/api/v1/consultations", bad); res.status != 400 || !strings.Contains(res.body, "does not consult") {
			t.Errorf("a school on a land-use plan: %d %s", res.status, res.body)
		}
		res := r.call(tok, "POST", "/api/v1/consultations", body)
		if res.status != 201 || !strings.Contains(res.body, `"subject":5302`) || !strings.Contains(res.body, `"audience":"staff"`) ||
			strings.Contains(res.body, `"portal"`) {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		var c struct{ ID int64 }
		if err := json.Unmarshal([]byte(res.body), &c); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/consultations/%d", c.ID)
		if res := r.call(tok, "POST", path+"/open", map[string]any{}); res.status != 200 || !strings.Contains(res.body, `"accepting":false`) ||
			!strings.Contains(res.body, `"draft_disclosure_id":`) {
			t.Fatalf("open: %d %s", res.status, res.body)
		}
		cit := r.citizenToken("0912 555 111")
		if res := r.call(cit, "POST", path+"/comments", map[string]any{"section": 1, "stance": "agree", "text": "Đồng ý"}); res.status != 409 ||
			!strings.Contains(res.body, "no comments on the portal") {
			t.Errorf("citizen comment: %d %s", res.status, res.body)
		}
		op := map[string]any{"section": 2, "stance": "disagree", "channel": "meeting", "text": "Đề nghị tăng định mức.",
			"received_on": r.st.Now().In(coso.Zone).Format("2006-01-02"), "source_note": "Biên bản hội nghị viên chức"}
		if res := r.call(tokB, "POST", path+"/opinions", op); res.status != 403 {
			t.Errorf("commune B enters: %d", res.status)
		}
		if res := r.call(tok, "POST", path+"/opinions", op); res.status != 201 {
			t.Errorf("the school enters the meeting's opinion: %d %s", res.status, res.body)
		}
		b := r.browser()
		b.signIn(r.official("quantri.thanhoa2", account.AgencyAdmin, "10001.A1"))
		if page := b.get("/admin/consultations/new?unit=10001.A1"); !strings.Contains(page.body, "5302") || strings.Contains(page.body, `value="2"`) {
			t.Errorf("the new form offers the agency's subjects only")
		}
		if page := b.get("/admin/consultations"); !strings.Contains(page.body, "Quy chế chi tiêu nội bộ") {
			t.Errorf("the school's list")
		}
		if page := r.browser().get(fmt.Sprintf("/consultations/%d", c.ID)); !strings.Contains(page.body, "no comments on the portal") &&
			!strings.Contains(page.body, "không nhận góp ý trên cổng") {
			t.Errorf("the public page says staff are asked elsewhere")
		}
		if page := b.get(fmt.Sprintf("/admin/consultations/%d", c.ID)); !strings.Contains(page.body, `id="draft-disclosure"`) {
			t.Errorf("the admin page links the draft's disclosure")
		}
	})
}

// A draft about named citizens (art. 25.8) names their households; when
// it opens their representatives are texted (art. 27), and the officers'
// page shows who was told.
func TestConsultationAffectedHouseholds(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		r.family(villageA, "10001.01-H01", "Lê Văn An", "0912 111 222", "")
		r.family(villageA, "10001.01-H02", "Trần Thị Bình", "", "")
		o := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		b := r.browser()
		b.signIn(o)
		closes := consultation.EarliestClose(r.st.Now(), 20).Format("2006-01-02")
		form := url.Values{"unit": {communeA}, "subject": {"8"}, "title": {"Dự thảo quyết định thu hồi đất mở rộng đường thôn Đông"},
			"draft": {threeArticles}, "audience": {"affected"}, "audience_note": {"Hai hộ có đất trong chỉ giới"},
			"households": {"10001.01-H01\r\n10001.01-H02"}, "forms": {"meeting"}, "closes_on": {closes}}
		res := b.post("/admin/consultations", form)
		id := regexp.MustCompile(`/admin/consultations/(\d+)$`).FindStringSubmatch(res.location)
		if res.status != http.StatusSeeOther || id == nil {
			t.Fatalf("create: %d %s", res.status, res.location)
		}
		if page := b.get(res.location); !strings.Contains(page.body, "10001.01-H02") {
			t.Errorf("the draft names its households")
		}
		b.post("/admin/consultations/"+id[1]+"/step", url.Values{"do": {"open"}, "closes_on": {closes}})
		if res = b.get("/admin/consultations/" + id[1]); !strings.Contains(res.body, `id="households"`) || !strings.Contains(res.body, `id="draft-disclosure"`) {
			t.Fatalf("after opening: %d", res.status)
		}
		before, _ := st.Consultation(context.Background(), int64(atoi(t, id[1])))
		// Publishing the draft again (the retry button) changes nothing and texts nobody twice.
		if res := b.post("/admin/consultations/"+id[1]+"/step", url.Values{"do": {"publish_draft"}}); res.status != http.StatusSeeOther {
			t.Errorf("publish the draft again: %d", res.status)
		}
		if after, _ := st.Consultation(context.Background(), before.ID); after.DraftDisclosureID != before.DraftDisclosureID || after.DraftDisclosureID == 0 {
			t.Errorf("draft disclosure %d → %d", before.DraftDisclosureID, after.DraftDisclosureID)
		}
		msgs, err := st.Outbox(context.Background(), store.OutboxFilter{Limit: 10})
		if err != nil || len(msgs) != 1 || msgs[0].To != "+84912111222" || !strings.Contains(msgs[0].Body, "/consultations/"+id[1]) {
			t.Errorf("messages: %+v %v", msgs, err)
		}
	})
}
