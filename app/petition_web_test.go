package app_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"coso/account"
	"coso/app"
	"coso/pdftext"
	"coso/petition"
	"coso/store"
	"coso/store/storetest"
)

// multipart posts a form with files (field "files") as a browser does.
func (b *browser) multipart(path string, fields url.Values, files map[string][]byte) answer {
	b.r.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, _ := w.CreateFormFile("files", name)
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

var codeOnPage = regexp.MustCompile(`id="tracking-code">([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<`)

func trackingCode(t *testing.T, res answer) string {
	t.Helper()
	m := codeOnPage.FindStringSubmatch(res.body)
	if m == nil {
		t.Fatalf("no tracking code on the page: %d %s", res.status, truncate([]byte(res.body)))
	}
	return m[1]
}

func has(t *testing.T, what string, res answer, status int, want []string, not ...string) {
	t.Helper()
	if res.status != status {
		t.Errorf("%s: status %d, want %d\n%s", what, res.status, status, truncate([]byte(res.body)))
	}
	for _, w := range want {
		if !strings.Contains(res.body, w) {
			t.Errorf("%s: lacks %q\n%s", what, w, truncate([]byte(res.body)))
		}
	}
	for _, n := range not {
		if strings.Contains(res.body, n) {
			t.Errorf("%s: shows %q", what, n)
		}
	}
}

// A resident sends a complaint with a scan on the portal and gets a code
// at once; the status page shows the stage and deadlines and never the
// name, phone or address; an officer of the commune sees the sender,
// accepts and answers; the answer shows on the status page.
func TestPetitionPages(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		anon := r.browser()
		has(t, "the form", anon.get("/units/"+communeA+"/petitions/new"), 200, []string{`enctype="multipart/form-data"`, `name="kind"`, "Khiếu nại"})
		form := url.Values{"kind": {"complaint"}, "subject": {"Khiếu nại việc thu phí chợ"},
			"body": {"Ban quản lý chợ thu phí cao hơn mức niêm yết, không cấp biên lai."},
			"name": {"Trương Văn Chợ"}, "phone": {"0915 246 813"}, "address": {"Thôn Đông, xã An Hoà"}, "consent": {"1"}}
		bad := anon.multipart("/units/"+communeA+"/petitions", url.Values{"kind": {"complaint"}, "subject": form["subject"], "body": form["body"], "anonymous": {"1"}}, nil)
		has(t, "an anonymous complaint", bad, 400, []string{"Luật Khiếu nại"})
		sent := anon.multipart("/units/"+communeA+"/petitions", form, map[string][]byte{"hoa-don.pdf": pdftext.Minimal("Bien lai")})
		has(t, "sent", sent, 201, []string{"Đã nhận đơn", "Xã An Hoà"})
		code := trackingCode(t, sent)
		status := anon.get("/petitions/" + strings.ToLower(strings.ReplaceAll(code, "-", "")))
		has(t, "status page", status, 200, []string{code, "Đã tiếp nhận", "Luật Khiếu nại 2011"}, "Trương Văn Chợ", "0915", "915246813", "Thôn Đông", "Ban quản lý chợ")
		has(t, "lookup", anon.get("/petitions?code="+url.QueryEscape(code)), 303, nil)
		has(t, "bad lookup", anon.get("/petitions?code=abc"), 400, []string{"12 ký tự"})
		has(t, "unknown code", anon.get("/petitions/7KQM-2XH4-PT9B"), 404, nil)

		officer := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		b := r.browser()
		b.signIn(officer)
		queue := b.get("/admin/petitions")
		has(t, "queue", queue, 200, []string{"Khiếu nại việc thu phí chợ", "Xã An Hoà"})
		c, err := st.PetitionByCode(t.Context(), code)
		if err != nil {
			t.Fatal(err)
		}
		page := "/admin/petitions/" + id64(c.ID)
		has(t, "case page", b.get(page), 200, []string{"Trương Văn Chợ", "0915 246 813", "tep-1.pdf", "Thụ lý"})
		files, _ := st.PetitionFiles(t.Context(), c.ID)
		file := b.get(page + "/files/" + id64(files[0].ID))
		has(t, "file", file, 200, []string{"%PDF"})
		has(t, "accept", b.post(page+"/accept", url.Values{"complex": {"1"}}), 303, nil)
		// Read (and kept in the page cache) before the answer: the answer
		// shows at once below.
		has(t, "the unit's public page before the answer", anon.get("/units/"+communeA+"/petitions"), 200, []string{`id="figures"`}, "Chợ thu phí vượt mức")
		has(t, "resolve without an answer", b.post(page+"/resolve", url.Values{"answer": {""}}), 400, []string{"Cần nội dung trả lời"})
		has(t, "resolve", b.post(page+"/resolve", url.Values{"answer": {"Ban quản lý chợ đã hoàn trả phần thu vượt."},
			"summary": {"Chợ thu phí vượt mức: đã hoàn trả phần thu vượt."}}), 303, nil)
		has(t, "status page answered", anon.get("/petitions/"+code), 200, []string{"Đã giải quyết", "đã hoàn trả phần thu vượt", "Đánh giá"}, "Trương Văn Chợ")
		has(t, "the unit's public page", anon.get("/units/"+communeA+"/petitions"), 200, []string{"Chợ thu phí vượt mức", `id="figures"`}, "Trương Văn Chợ")
		// The sender rates the handling; the unit sees the score and the
		// comment, never who rated or which case.
		has(t, "rating form", anon.get("/petitions/"+code+"/rating"), 200, []string{`name="score"`})
		has(t, "rating without a score", anon.post("/petitions/"+code+"/rating", url.Values{"comment": {"Tốt"}}), 400, nil)
		has(t, "rating", anon.post("/petitions/"+code+"/rating", url.Values{"score": {"4"}, "comment": {"Giải quyết nhanh, rõ ràng."}}), 201, []string{`id="rated"`})
		has(t, "rating twice", anon.post("/petitions/"+code+"/rating", url.Values{"score": {"1"}}), 409, nil)
		has(t, "status after rating", anon.get("/petitions/"+code), 200, []string{"đã được đánh giá"})
		desk := anon.get("/units/" + communeA + "/ratings/new")
		has(t, "desk rating form", desk, 200, []string{"Cán bộ canbo.anhoa"})
		has(t, "desk rating", anon.post("/units/"+communeA+"/ratings", url.Values{"procedure": {"Đăng ký khai sinh"}, "official": {id64(officer.user.ID)}, "score": {"5"}}), 201, nil)
		has(t, "public ratings", anon.get("/units/"+communeA+"/ratings"), 200, []string{`id="rating-total">4,5 / 5`}, "Giải quyết nhanh", "canbo.anhoa")
		has(t, "officials' ratings", b.get("/admin/ratings"), 200, []string{"Cán bộ canbo.anhoa", "Giải quyết nhanh, rõ ràng.", `id="by-official"`}, code)
		other := r.official("canbo.binhminh", account.CommuneOfficer, communeB)
		ob := r.browser()
		ob.signIn(other)
		has(t, "officer of B", ob.get(page), 403, nil, "Trương Văn Chợ")
	})
}

func id64(n int64) string { return strconv.FormatInt(n, 10) }

// A case left unanswered turns overdue with no one doing anything and
// shows in the province officer's queue; the commune's public figures
// count it. (The letter came in on paper three weeks ago: the clock runs
// from its receipt, so the date alone makes it overdue today.)
func TestPetitionOverdueInTheProvinceQueue(t *testing.T) {
	r := newRig(t, storetest.SQLite(t), app.Config{})
	ctx := t.Context()
	cal, err := r.st.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	late := &petition.Case{UnitCode: communeA, Kind: petition.Feedback, Channel: petition.Paper, Anonymous: true,
		Subject: "Đường ngập nước", Body: "Đoạn đường qua thôn Tây ngập sâu mỗi khi mưa lớn.", ReceivedOn: cal.AddWorkingDays(r.st.Now(), -15)}
	fresh := &petition.Case{UnitCode: communeA, Kind: petition.Feedback, Channel: petition.Portal, Anonymous: true,
		Subject: "Cây đổ chắn đường", Body: "Cây xà cừ đổ chắn ngang đường vào trường sau cơn giông."}
	for _, c := range []*petition.Case{late, fresh} {
		if err := r.st.CreatePetition(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
	}
	province := r.browser()
	province.signIn(r.official("tiepdan.tinh", account.ProvinceOfficer, "38"))
	has(t, "province queue", province.get("/admin/petitions"), 200, []string{"Đơn quá hạn ở các đơn vị trực thuộc", "Đường ngập nước", "QUÁ HẠN"}, "Cây đổ chắn đường")
	commune := r.browser()
	commune.signIn(r.official("canbo.anhoa", account.CommuneOfficer, communeA))
	has(t, "commune queue", commune.get("/admin/petitions"), 200, []string{"Đường ngập nước", "QUÁ HẠN", "Cây đổ chắn đường"})
	anon := r.browser()
	has(t, "status page", anon.get("/petitions/"+late.Code), 200, []string{"QUÁ HẠN"})
	has(t, "figures", anon.get("/units/"+communeA+"/petitions"), 200, []string{`id="fig-overdue" class="timing-overdue">1<`})
	has(t, "province figures", anon.get("/units/38/petitions"), 200, []string{`id="fig-overdue" class="timing-overdue">1<`, "Xã An Hoà"})
}

// A denunciation of a commune official goes to the province; the commune's
// officers cannot open it; a province officer asks to see the denouncer,
// cannot approve their own request, a second one approves, and the
// identity shows to the first, with every step in the audit trail.
func TestDenunciationRevealPages(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		anon := r.browser()
		sent := anon.multipart("/units/"+communeA+"/petitions", url.Values{"kind": {"denunciation"},
			"subject": {"Tố cáo cán bộ tư pháp nhận tiền"}, "body": {"Cán bộ tư pháp xã nhận tiền khi chứng thực giấy tờ cho người dân."},
			"against_official": {"Cán bộ tư pháp – hộ tịch"}, "name": {"Quách Thị Kín"}, "phone": {"0968 135 790"}, "address": {"Thôn Tây"}}, nil)
		has(t, "sent", sent, 201, []string{"cấp trên"})
		code := trackingCode(t, sent)
		c, err := st.PetitionByCode(t.Context(), code)
		if err != nil || c.UnitCode != "38" {
			t.Fatalf("routed to %s: %v", c.UnitCode, err)
		}
		page := "/admin/petitions/" + id64(c.ID)
		chair := r.browser()
		chair.signIn(r.official("chutich.anhoa", account.CommuneChair, communeA))
		has(t, "the accused commune's chair", chair.get(page), 403, nil, "Quách")
		has(t, "the accused commune's queue", chair.get("/admin/petitions"), 200, nil, "Tố cáo cán bộ tư pháp")

		p1, p2 := r.browser(), r.browser()
		p1.signIn(r.official("tiepdan1", account.ProvinceOfficer, "38"))
		p2.signIn(r.official("tiepdan2", account.ProvinceOfficer, "38"))
		has(t, "case page", p1.get(page), 200, []string{"Tố cáo cán bộ tư pháp", `id="sealed"`}, "Quách Thị Kín", "0968", "968135790")
		has(t, "request without a reason", p1.post(page+"/reveals", url.Values{"reason": {""}}), 400, nil)
		has(t, "request", p1.post(page+"/reveals", url.Values{"reason": {"Cần gặp người tố cáo để bổ sung chứng cứ."}}), 303, nil)
		rvs, _ := st.Reveals(t.Context(), c.ID)
		rv := page + "/reveals/" + id64(rvs[0].ID)
		has(t, "before approval", p1.get(rv), 200, []string{`id="not-shown"`}, "Quách Thị Kín")
		has(t, "approved by the requester", p1.post(rv+"/decide", url.Values{"approve": {"yes"}}), 403, nil)
		has(t, "approved by a second official", p2.post(rv+"/decide", url.Values{"approve": {"yes"}, "note": {"Đồng ý."}}), 303, nil)
		has(t, "the approver does not see", p2.get(rv), 200, []string{`id="not-shown"`}, "Quách Thị Kín")
		has(t, "the requester sees", p1.get(rv), 200, []string{"Quách Thị Kín", "0968 135 790", "nhật ký"})
		trail, err := st.AuditLog(t.Context(), store.AuditFilter{Action: "petition.reveal."})
		if err != nil || len(trail) != 3 {
			t.Fatalf("trail %+v %v", trail, err)
		}
		for i, want := range []string{"tiepdan1 petition.reveal.view", "tiepdan2 petition.reveal.approve", "tiepdan1 petition.reveal.request"} {
			if got := trail[i].Username + " " + trail[i].Action; got != want {
				t.Errorf("trail %d: %s, want %s", i, got, want)
			}
		}
		has(t, "the status page", anon.get("/petitions/"+code), 200, []string{"Đã tiếp nhận"}, "Quách", "0968", "Thôn Tây")
	})
}

// A commune publishes a reception day; the public schedule shows it and
// checks the month against the law's least; the officer's intake form
// logs cases at it; a session is cancelled with its reason.
func TestReceptionPages(t *testing.T) {
	r := newRig(t, storetest.SQLite(t), app.Config{})
	cal, err := r.st.Calendar(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	next := cal.AddWorkingDays(r.st.Now(), 1).Format("2006-01-02")
	b := r.browser()
	b.signIn(r.official("chutich.anhoa", account.CommuneChair, communeA))
	has(t, "schedule", b.get("/admin/units/"+communeA+"/reception"), 200, []string{"Thêm buổi tiếp công dân"})
	has(t, "a session on a bad time", b.post("/admin/units/"+communeA+"/reception", url.Values{"on": {next}, "starts": {"11:00"}, "ends": {"07:00"},
		"host": {"Chủ tịch UBND xã Nguyễn Văn Tiếp"}, "place": {"Phòng tiếp công dân"}}), 400, []string{"Giờ bắt đầu"})
	has(t, "a session", b.post("/admin/units/"+communeA+"/reception", url.Values{"on": {next}, "starts": {"07:30"}, "ends": {"11:00"},
		"host": {"Chủ tịch UBND xã Nguyễn Văn Tiếp"}, "place": {"Phòng tiếp công dân"}}), 303, nil)
	anon := r.browser()
	has(t, "public schedule", anon.get("/units/"+communeA+"/reception"), 200, []string{"Nguyễn Văn Tiếp", `id="checks"`, "luật yêu cầu 2"}, "Ghi đơn")
	sessions, err := r.st.Sessions(t.Context(), r.unit(communeA).ID, r.st.Now().AddDate(0, -1, 0), r.st.Now().AddDate(0, 1, 0))
	if err != nil || len(sessions) != 1 {
		t.Fatalf("sessions %v %v", sessions, err)
	}
	sid := id64(sessions[0].ID)
	has(t, "intake at the session", b.get("/admin/units/"+communeA+"/petitions/new?session="+sid), 200, []string{"Ghi đơn tiếp nhận tại buổi", `name="session"`})
	has(t, "intake for a session to come", b.multipart("/admin/units/"+communeA+"/petitions", url.Values{"session": {sid}, "kind": {"feedback"}, "anonymous": {"1"},
		"subject": {"Đường làng hỏng"}, "body": {"Đoạn đường làng qua xóm Chợ bị hỏng nặng sau mùa mưa."}}, nil), 400, []string{"Buổi tiếp công dân không hợp lệ"})
	has(t, "cancel without a reason", b.post("/admin/units/"+communeA+"/reception/"+sid+"/cancel", url.Values{}), 400, nil)
	has(t, "cancel", b.post("/admin/units/"+communeA+"/reception/"+sid+"/cancel", url.Values{"reason": {"Chủ tịch họp tại tỉnh."}}), 303, nil)
	has(t, "cancelled", anon.get("/units/"+communeA+"/reception"), 200, []string{"Đã hủy", "Chủ tịch họp tại tỉnh."})
	has(t, "cancel for another commune", b.post("/admin/units/"+communeB+"/reception/"+sid+"/cancel", url.Values{"reason": {"Thử."}}), 403, nil)
}
