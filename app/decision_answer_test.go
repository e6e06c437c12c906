package app_test

import (
	"coso"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"coso/account"
	"coso/app"
	"coso/decision"
	"coso/notify"
	"coso/store"
	"coso/store/storetest"
)

// takeProcedures records the procedural votes of a village's meeting,
// each approved by all present households.
func takeProcedures(t *testing.T, st *store.Store, matter, village int64, present int) {
	t.Helper()
	for _, p := range []decision.Procedure{
		{Kind: decision.ChooseSecretary, Names: []string{"Lò Thị Thư"}},
		{Kind: decision.ChooseMethod, Method: decision.ShowOfHands},
		{Kind: decision.ElectBoard, Names: []string{"Hà Văn Một", "Lò Thị Hai", "Vi Văn Ba"}},
		{Kind: decision.ChooseWitnesses, Names: []string{"Lường Văn Bốn", "Phạm Thị Năm"}},
	} {
		p.Approve = present
		if err := st.RecordProcedure(t.Context(), matter, village, 0, p); err != nil {
			t.Fatalf("%s: %v", p.Kind, err)
		}
	}
}

// invite records the invitation to a meeting held today, sent 3 days ago.
func invite(t *testing.T, st *store.Store, id int64, place string) {
	t.Helper()
	now := st.Now()
	inv := decision.Invitation{IssuedOn: now.AddDate(0, 0, -3), MeetingOn: now, Hour: "19:30", Place: place, DocumentsOn: now.AddDate(0, 0, -3)}
	if err := st.RecordInvitation(t.Context(), id, inv); err != nil {
		t.Fatal(err)
	}
}

// countedAtMeeting runs m (opened) through a meeting of the households
// present with the counts given, and closes and counts it.
func (r *rig) countedAtMeeting(m *decision.Matter, present []int64, counts []int) {
	r.t.Helper()
	ctx := r.t.Context()
	village := r.unit(villageA)
	invite(r.t, r.st, m.ID, "Nhà văn hoá thôn Đông")
	if err := r.st.HoldMeeting(ctx, m.ID, r.st.Now(), "Nhà văn hoá thôn Đông"); err != nil {
		r.t.Fatal(err)
	}
	if err := r.st.RecordAttendance(ctx, m.ID, present, true); err != nil {
		r.t.Fatal(err)
	}
	takeProcedures(r.t, r.st, m.ID, village.ID, len(present))
	if err := r.st.EnterCounts(ctx, m.ID, village.ID, counts); err != nil {
		r.t.Fatal(err)
	}
	if err := r.st.CloseMatter(ctx, m.ID); err != nil {
		r.t.Fatal(err)
	}
	if err := r.st.CountMatter(ctx, m.ID); err != nil {
		r.t.Fatal(err)
	}
}

// TestDecisionSentAndRecognised: the village head records the day the
// written decision went to the commune; the commune officer sees the
// answer due on the back office's home page and recognises it, which
// announces it to the households by SMS and puts it on the portal; the
// commune Front may not answer it, but answers board members' elections
// (over the API).
func TestDecisionSentAndRecognised(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{PublicURL: "https://dancu.example.vn"})
		ctx := t.Context()
		var households []int64
		for i := range 3 {
			code := fmt.Sprintf("10001.01-H%02d", i+1)
			r.family(villageA, code, "Lê Văn "+string(rune('A'+i)), fmt.Sprintf("0912 100 %03d", i+1), "")
			households = append(households, r.householdID(code))
		}
		village := r.unit(villageA)
		newMatter := func(s decision.Subject, title string, choices ...string) *decision.Matter {
			m := &decision.Matter{UnitID: village.ID, Subject: s, Title: title, Question: title + "?", Choices: choices,
				Forms: []decision.Form{decision.Meeting}, Proposal: decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn"}}
			if err := st.CreateMatter(ctx, m); err != nil {
				t.Fatal(err)
			}
			if err := st.OpenMatter(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
			return m
		}
		m := newMatter(decision.OtherMatter, "Giờ đóng cổng nhà văn hoá")
		r.countedAtMeeting(m, households, []int{3, 0, 0})
		b := newMatter(decision.BoardMembers, "Bầu thành viên Ban Thanh tra nhân dân", "Hà Văn Thắng", "Lò Văn Nam")
		r.countedAtMeeting(b, households, []int{2, 1})

		head := r.browser()
		head.signIn(r.official("truongthon.dong", account.VillageHead, villageA))
		page := "/admin/matters/" + strconv.FormatInt(m.ID, 10)
		contains(t, "the village head's home", head.get("/admin"), 200, `id="decisions-due"`, "Giờ đóng cổng nhà văn hoá",
			"Thôn gửi văn bản quyết định đến cấp xã")
		contains(t, "the counted matter", head.get(page), 200, `id="sent_on"`, "Hạn gửi Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc cấp xã")
		tomorrow := r.st.Now().AddDate(0, 0, 1).In(coso.Zone).Format("2006-01-02")
		contains(t, "sent tomorrow", head.post(page+"/send", url.Values{"sent_on": {tomorrow}}), 400, "sent_on", "Ngày gửi không thể ở tương lai.")
		if res := head.post(page+"/decision", url.Values{"decision": {"recognised"}}); res.status != 403 {
			t.Errorf("the village head answering: %d", res.status)
		}
		if res := head.post(page+"/send", url.Values{"sent_on": {r.st.Now().In(coso.Zone).Format("2006-01-02")}}); res.status != 303 {
			t.Fatalf("sent: %d %s", res.status, truncate([]byte(res.body)))
		}
		contains(t, "the sent matter", head.get(page), 200, `id="sent"`, "Đang chờ Ủy ban nhân dân cấp xã trả lời.")

		// The commune Front may not answer an ordinary decision.
		front := r.official("mattran.anhoa", account.CommuneFront, communeA)
		fb := r.browser()
		fb.signIn(front)
		contains(t, "the Front answering subject 6", fb.post(page+"/decision", url.Values{"decision": {"recognised"}}), 403,
			"Văn bản này do Ủy ban nhân dân cấp xã công nhận hoặc trả lời.")
		if strings.Contains(fb.get("/admin").body, "Giờ đóng cổng") {
			t.Error("the Front is asked to answer a decision that is not its own")
		}
		officer := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		ob := r.browser()
		ob.signIn(officer)
		contains(t, "the officer's home", ob.get("/admin"), 200, `id="decisions-due"`, "Giờ đóng cổng nhà văn hoá",
			"Ủy ban nhân dân cấp xã công nhận hoặc trả lời: <strong>hạn ")
		contains(t, "the officer's page", ob.get(page), 200, `id="decided_on"`)
		// Read before the recognition (and kept in the page cache): the
		// recognition shows at once below.
		if strings.Contains(r.browser().get("/units/"+communeA+"/decisions").body, "Giờ đóng cổng nhà văn hoá") {
			t.Error("the portal lists the decision before its recognition")
		}
		if res := ob.post(page+"/decision", url.Values{"decision": {"recognised"}, "reason": {"Quyết định số 12/QĐ-UBND"}}); res.status != 303 {
			t.Fatalf("recognised: %d %s", res.status, truncate([]byte(res.body)))
		}
		msgs, err := st.Outbox(ctx, store.OutboxFilter{Channel: notify.ChannelSMS})
		if err != nil {
			t.Fatal(err)
		}
		announced := 0
		for _, msg := range msgs {
			if strings.HasPrefix(msg.To, "+8491210000") && strings.Contains(msg.Body, "đã được công nhận") &&
				strings.Contains(msg.Body, "3 trên 3 hộ đồng ý") && strings.Contains(msg.Body, "https://dancu.example.vn/matters/"+strconv.FormatInt(m.ID, 10)) {
				announced++
			}
		}
		if announced != 3 {
			t.Errorf("%d households told of the decision, want 3", announced)
		}
		if res := ob.post(page+"/decision", url.Values{"decision": {"recognised"}}); res.status != 409 {
			t.Errorf("recognised twice: %d", res.status)
		}
		public := "/matters/" + strconv.FormatInt(m.ID, 10)
		anon := r.browser()
		contains(t, "the public page", anon.get(public), 200, `id="effective"`, "Có hiệu lực từ ngày", "Quyết định số 12/QĐ-UBND")
		contains(t, "the portal's decisions", anon.get("/units/"+communeA+"/decisions"), 200, `id="recognised"`, "Giờ đóng cổng nhà văn hoá",
			"3 trên 3 hộ đồng ý, quá một nửa: thông qua")
		if strings.Contains(anon.get("/units/"+communeA+"/decisions").body, "Bầu thành viên") {
			t.Error("the portal lists a decision the Front has not answered")
		}

		// The procedural votes over the API.
		otok, ftok := r.token(officer), r.token(front)
		p := newMatter(decision.OtherMatter, "Giờ bật đèn đường")
		pid := strconv.FormatInt(p.ID, 10)
		codes := []string{"10001.01-H01", "10001.01-H02", "10001.01-H03"}
		if res := r.call(otok, "POST", "/api/v1/matters/"+pid+"/attendance", map[string]any{"households": codes, "present": true}); res.status != 200 {
			t.Fatalf("attendance: %d %s", res.status, res.body)
		}
		day := func(n int) string { return r.st.Now().AddDate(0, 0, n).In(coso.Zone).Format("2006-01-02") }
		res := r.call(otok, "PUT", "/api/v1/matters/"+pid+"/invitation", map[string]any{"issued_on": day(-1), "meeting_on": day(0), "place": "Nhà văn hoá"})
		if res.status != 400 || !strings.Contains(res.body, `"field":"meeting_on"`) || !strings.Contains(res.body, "at least 2 days after the invitation") {
			t.Errorf("an invitation the day before: %d %s", res.status, res.body)
		}
		res = r.call(otok, "PUT", "/api/v1/matters/"+pid+"/invitation", map[string]any{"issued_on": day(-2), "meeting_on": day(0), "hour": "7h30",
			"place": "Nhà văn hoá"})
		if res.status != 200 || !strings.Contains(res.body, `"invitation":{"issued_on":"`+day(-2)+`","meeting_on":"`+day(0)+`","hour":"07:30"`) {
			t.Errorf("the invitation: %d %s", res.status, res.body)
		}
		proc := func(kind string, names []string, method string, approve int) answer {
			return r.call(otok, "POST", "/api/v1/matters/"+pid+"/procedures", map[string]any{"village_code": villageA, "kind": kind,
				"names": names, "method": method, "approve": approve})
		}
		if res := proc("counting_board", []string{"A", "B", "C", "D", "E", "F"}, "", 3); res.status != 400 || !strings.Contains(res.body, "has 3 to 5 members (6 given)") {
			t.Errorf("a board of 6: %d %s", res.status, res.body)
		}
		if res := proc("counting_board", []string{"A", "B"}, "", 3); res.status != 400 || !strings.Contains(res.body, `"field":"names"`) {
			t.Errorf("a board of 2: %d %s", res.status, res.body)
		}
		if res := proc("secretary", []string{"Lò Thị Thư"}, "", 1); res.status != 400 || !strings.Contains(res.body, "at least 2 of 3, not 1") {
			t.Errorf("1 of 3 approving: %d %s", res.status, res.body)
		}
		counts := map[string]any{"village_code": villageA, "counts": []int{3, 0, 0}}
		if res := r.call(otok, "PUT", "/api/v1/matters/"+pid+"/counts", counts); res.status != 409 || !strings.Contains(res.body, `"field":"procedures"`) {
			t.Errorf("counts before the procedures: %d %s", res.status, res.body)
		}
		for _, x := range []answer{proc("secretary", []string{"Lò Thị Thư"}, "", 2), proc("method", nil, "secret", 3),
			proc("counting_board", []string{"Hà Văn Một", "Lò Thị Hai", "Vi Văn Ba", "Đinh Văn Sáu", "Mai Thị Bảy"}, "", 3),
			proc("witnesses", []string{"Lường Văn Bốn", "Phạm Thị Năm"}, "", 2)} {
			if x.status != 200 {
				t.Fatalf("procedure: %d %s", x.status, x.body)
			}
		}
		res = r.call(otok, "GET", "/api/v1/matters/"+pid+"/meetings", nil)
		if res.status != 200 || !strings.Contains(res.body, `"missing":[]`) || !strings.Contains(res.body, "Hình thức biểu quyết: bỏ phiếu kín (3 trên 3 hộ có mặt tán thành)") ||
			!strings.Contains(res.body, `"present":3`) {
			t.Errorf("meetings: %d %s", res.status, res.body)
		}
		if res := r.call(otok, "PUT", "/api/v1/matters/"+pid+"/counts", counts); res.status != 200 {
			t.Errorf("counts: %d %s", res.status, res.body)
		}

		// Board members over the API: the officer sends, the Front answers.
		id := strconv.FormatInt(b.ID, 10)
		res = r.call(otok, "POST", "/api/v1/matters/"+id+"/send", map[string]any{"on": r.st.Now().In(coso.Zone).Format("2006-01-02")})
		if res.status != 200 || !strings.Contains(res.body, `"answered_by":"front"`) || !strings.Contains(res.body, `"answer_due":"`) ||
			!strings.Contains(res.body, `"due_state":"due"`) {
			t.Fatalf("sent over the API: %d %s", res.status, res.body)
		}
		if res := r.call(otok, "POST", "/api/v1/matters/"+id+"/recognition", map[string]any{"decision": "recognised"}); res.status != 403 {
			t.Errorf("the officer answering for the Front: %d %s", res.status, res.body)
		}
		res = r.call(ftok, "POST", "/api/v1/matters/"+id+"/recognition", map[string]any{"decision": "recognised", "reason": "Thông báo số 3/TB-MTTQ"})
		if res.status != 200 || !strings.Contains(res.body, `"status":"recognised"`) || !strings.Contains(res.body, `"effective_on":"`) ||
			!strings.Contains(res.body, `"due_state":"on_time"`) {
			t.Fatalf("recognised by the Front: %d %s", res.status, res.body)
		}
	})
}
