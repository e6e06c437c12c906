package app_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"coso/account"
	"coso/app"
	"coso/notify"
	"coso/petition"
	"coso/store/storetest"
)

// texts sends the outbox and returns what was texted to phone.
func (r *rig) texts(phone string) []string {
	r.t.Helper()
	for {
		n, err := r.sms.RunOnce(context.Background())
		if err != nil {
			r.t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	lines, err := notify.ReadSMSFile(r.smsAt)
	if err != nil {
		r.t.Fatal(err)
	}
	var out []string
	for _, l := range lines {
		if l.To == phone {
			out = append(out, l.Text)
		}
	}
	return out
}

// A resident asks for an online session from the public schedule; too
// close a session is refused on the form; the commune's officer sees the
// request and accepts it with a link; another commune's officer cannot;
// the resident receives the link by SMS.
func TestReceptionRequestPages(t *testing.T) {
	r := newRig(t, storetest.SQLite(t), app.Config{})
	ctx := t.Context()
	cal, err := r.st.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mk := func(days int) *petition.Session {
		rs := &petition.Session{UnitCode: communeA, On: cal.AddWorkingDays(r.st.Now(), days), Starts: "14:00", Ends: "16:30",
			Host: "Chủ tịch UBND xã Nguyễn Văn Tiếp", Place: "Phòng họp trực tuyến", Online: true}
		if err := r.st.CreateSession(ctx, rs); err != nil {
			t.Fatal(err)
		}
		return rs
	}
	far := mk(10)
	// A session published some days ago, now less than 5 working days away.
	earliest := cal.AddWorkingDays(r.st.Now(), petition.OnlineNoticeDays)
	back := time.Duration(0)
	for !cal.AddWorkingDays(r.st.Now(), petition.OnlineNoticeDays).Before(earliest) {
		r.clock.Add(-24 * time.Hour)
		back += 24 * time.Hour
	}
	near := mk(5)
	r.clock.Add(back)
	anon := r.browser()
	has(t, "schedule links to the form", anon.get("/units/"+communeA+"/reception"), 200, []string{`href="/units/` + communeA + `/reception/request"`}, "chưa được xây dựng")
	has(t, "form offers the far session only", anon.get("/units/"+communeA+"/reception/request"), 200,
		[]string{`value="` + id64(far.ID) + `"`}, `value="`+id64(near.ID)+`"`)
	form := url.Values{"name": {"Trịnh Văn Hỏi"}, "phone": {"0915 246 810"}, "matter": {"Đề nghị được trình bày về việc cấp nước sinh hoạt cho xóm Chợ."}}
	form.Set("session", id64(near.ID))
	has(t, "too close", anon.post("/units/"+communeA+"/reception/requests", form), 400, []string{"ít nhất 5 ngày làm việc", "Trịnh Văn Hỏi"})
	form.Set("session", id64(far.ID))
	has(t, "requested", anon.post("/units/"+communeA+"/reception/requests", form), 200, []string{`id="done"`})
	list, err := r.st.ReceptionRequests(ctx, r.unit(communeA).ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("requests %v %v", list, err)
	}
	q := list[0]

	other := r.browser()
	other.signIn(r.official("canbo.b", account.CommuneOfficer, communeB))
	decide := "/admin/units/" + communeA + "/reception/requests/" + id64(q.ID) + "/decide"
	accept := url.Values{"decision": {"accept"}, "link": {"https://hop.thanhhoa.gov.vn/tcd-" + communeA}, "at": {"14:30"}}
	has(t, "another commune's officer", other.post(decide, accept), 403, nil)
	has(t, "through its own unit", other.post("/admin/units/"+communeB+"/reception/requests/"+id64(q.ID)+"/decide", accept), 404, nil)

	b := r.browser()
	b.signIn(r.official("chutich.a", account.CommuneChair, communeA))
	has(t, "back office list", b.get("/admin/units/"+communeA+"/reception"), 200, []string{"Trịnh Văn Hỏi", q.Code, "Nhận tiếp"})
	has(t, "time outside the session", b.post(decide, url.Values{"decision": {"accept"}, "link": accept["link"], "at": {"09:00"}}), 400, nil)
	has(t, "accepted", b.post(decide, accept), 303, nil)
	has(t, "answered once", b.post(decide, url.Values{"decision": {"refuse"}, "reason": {"Trùng lịch công tác."}}), 409, nil)
	texts := r.texts("+84915246810")
	if len(texts) != 1 || !strings.Contains(texts[0], "https://hop.thanhhoa.gov.vn/tcd-"+communeA) || !strings.Contains(texts[0], "14:30") ||
		strings.Contains(texts[0], "nuoc sinh hoat") {
		t.Errorf("texts %q", texts)
	}
}

// An officer's step on a case texts its sender the code, the stage and
// the link, and nothing of the case's text.
func TestPetitionStageTextsSender(t *testing.T) {
	r := newRig(t, storetest.SQLite(t), app.Config{})
	c := &petition.Case{UnitCode: communeA, Kind: petition.Complaint, Channel: petition.Portal,
		Subject: "Khiếu nại việc thu phí vệ sinh", Body: "Tổ dân phố thu phí vệ sinh cao hơn mức Hội đồng nhân dân quyết định.",
		Identity: petition.Identity{Name: "Đinh Văn Nhắn", Phone: "0916 135 790", Address: "Xóm Chợ"}}
	if err := r.st.CreatePetition(t.Context(), c, nil); err != nil {
		t.Fatal(err)
	}
	b := r.browser()
	b.signIn(r.official("chutich.a", account.CommuneChair, communeA))
	has(t, "accept", b.post("/admin/petitions/"+id64(c.ID)+"/accept", url.Values{}), 303, nil)
	texts := r.texts("+84916135790")
	if len(texts) != 1 || !strings.Contains(texts[0], c.Code) || !strings.Contains(texts[0], "/petitions/"+c.Code) ||
		strings.Contains(texts[0], "phi ve sinh") || strings.Contains(texts[0], "phí vệ sinh") {
		t.Errorf("texts %q", texts)
	}
}
