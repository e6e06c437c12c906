package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/decision"
	"coso/household"
	"coso/notify"
	"coso/store"
	"coso/store/storetest"
)

// countedMatter runs a meeting of every household of v that adopts a
// matter of subject, and returns it counted.
func countedMatter(t *testing.T, s *store.Store, v village, subject decision.Subject) *decision.Matter {
	t.Helper()
	ctx := context.Background()
	m := newMatter(v, subject, decision.Meeting)
	if subject == decision.BoardMembers || subject == decision.VillageHead {
		m.Choices = []string{"Hà Văn Thắng", "Lò Văn Nam"}
	}
	mustCreateOpen(t, s, m)
	holdMeeting(t, s, m, v, v.households)
	takeProcedures(t, s, m.ID, v.id, 0, len(v.households))
	counts := make([]int, len(m.Options()))
	counts[0] = len(v.households)
	if err := s.EnterCounts(ctx, m.ID, v.id, counts); err != nil {
		t.Fatal(err)
	}
	closeAndCount(t, s, m.ID)
	got, err := s.Matter(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// holdMeeting records the meeting of a matter on the test day with the
// households present.
func holdMeeting(t *testing.T, s *store.Store, m *decision.Matter, v village, present []int64) {
	t.Helper()
	ctx := context.Background()
	invite(t, s, m.ID)
	if err := s.HoldMeeting(ctx, m.ID, day(2025, 7, 15), "Nhà văn hoá thôn"); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAttendance(ctx, m.ID, present, true); err != nil {
		t.Fatal(err)
	}
}

// TestDecisionSentAndAnswered: the written decision is sent to the commune,
// which answers within 5 working days (the Front for board members); the
// steps due are listed and reminded; a recognised decision is announced to
// the households once.
func TestDecisionSentAndAnswered(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 3)
		// Two households whose representatives have phones, one without.
		for i, phone := range []string{"0912 000 101", "0912 000 102", ""} {
			h := &household.Household{Code: "14845.01-P" + string(rune('1'+i)), VillageID: v.id, Members: []household.Member{{
				Person:   household.Person{FullName: "Lò Văn Pọm", BirthDate: day(1970, 1, 2), Sex: household.Male, Phone: phone},
				Relation: "chủ hộ", Representative: true, Since: day(2020, 1, 1)}}}
			if err := s.CreateHousehold(ctx, h); err != nil {
				t.Fatal(err)
			}
			v.households = append(v.households, h.ID)
		}
		officer := &account.User{Username: "canbo", DisplayName: "Cán bộ", Email: "canbo@muonglat.example", PasswordHash: fakeHash}
		front := &account.User{Username: "mattran", DisplayName: "Mặt trận", Email: "mattran@muonglat.example", PasswordHash: fakeHash}
		head := &account.User{Username: "truongban", DisplayName: "Trưởng bản", Phone: "+84912345678", PasswordHash: fakeHash}
		for _, g := range []struct {
			u    *account.User
			role account.Role
			unit string
		}{{officer, account.CommuneOfficer, "14845"}, {front, account.CommuneFront, "14845"}, {head, account.VillageHead, "14845.01"}} {
			if err := s.CreateUser(ctx, g.u); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Grant(ctx, g.u.ID, g.role, g.unit); err != nil {
				t.Fatal(err)
			}
		}
		m := countedMatter(t, s, v, decision.OtherMatter)  // counted Tuesday 15 July 2025
		b := countedMatter(t, s, v, decision.BoardMembers) // the Front answers it

		// Not sent: the commune cannot answer yet.
		wantErr(t, "recognise before sending", s.RecogniseMatter(ctx, m.ID, day(2025, 7, 15), ""), coso.EConflict, "sent_on")
		wantErr(t, "sent in the future", s.SendMatter(ctx, m.ID, day(2025, 7, 16)), coso.EInvalid, "sent_on")
		wantErr(t, "sent before the count", s.SendMatter(ctx, m.ID, day(2025, 7, 14)), coso.EInvalid, "sent_on")
		wantErr(t, "sent without a date", s.SendMatter(ctx, m.ID, time.Time{}), coso.EInvalid, "sent_on")
		items, err := s.DecisionsDue(ctx, []int64{u["14845"]})
		if err != nil || len(items) != 2 || items[0].Step != decision.StepSend || !items[0].Clock.Due.Equal(day(2025, 7, 22)) ||
			items[0].Clock.State != decision.Pending {
			t.Fatalf("due before sending: %v %+v", err, items)
		}
		if err := s.SendMatter(ctx, m.ID, day(2025, 7, 15)); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "sent twice", s.SendMatter(ctx, m.ID, day(2025, 7, 15)), coso.EConflict, "sent_on")

		// Wednesday 23 July: the village is one working day late sending b,
		// and the commune one day late answering m (due Tuesday 22).
		at(s, day(2025, 7, 23))
		items, err = s.DecisionsDue(ctx, []int64{u["14845"]})
		if err != nil || len(items) != 2 {
			t.Fatalf("due: %v %+v", err, items)
		}
		for _, it := range items {
			want := decision.StepSend
			if it.Matter.ID == m.ID {
				want = decision.StepAnswer
			}
			if it.Step != want || it.Clock.State != decision.Overdue || it.Clock.LateBy != 1 || !it.Clock.Due.Equal(day(2025, 7, 22)) {
				t.Errorf("matter %d: %+v", it.Matter.ID, it)
			}
		}
		n, err := s.RemindDecisions(ctx, "https://coso.example")
		if err != nil || n != 2 {
			t.Fatalf("%d reminders (%v), want 2: the officer to answer m, the village head to send b", n, err)
		}
		msgs, _ := s.Outbox(ctx, store.OutboxFilter{})
		got := map[string]string{}
		for _, msg := range msgs {
			got[msg.To] = msg.Body
		}
		if !strings.Contains(got["canbo@muonglat.example"], "Công nhận, hoặc trả lời") || !strings.Contains(got["+84912345678"], "1 quyết định") ||
			got["mattran@muonglat.example"] != "" {
			t.Fatalf("reminders: %v", got)
		}
		if n, _ := s.RemindDecisions(ctx, "https://coso.example"); n != 0 {
			t.Errorf("a second run on the same day sent %d", n)
		}
		// The Front is reminded of board members once b is sent.
		if err := s.SendMatter(ctx, b.ID, day(2025, 7, 23)); err != nil {
			t.Fatal(err)
		}
		at(s, day(2025, 7, 29)) // b due Wednesday 30
		if n, _ := s.RemindDecisions(ctx, "https://coso.example"); n != 2 {
			t.Errorf("%d reminders, want 2 (m still overdue to the officer, b soon to the Front)", n)
		}
		msgs, _ = s.Outbox(ctx, store.OutboxFilter{})
		front1 := 0
		for _, msg := range msgs {
			if msg.To == "mattran@muonglat.example" {
				front1++
			}
		}
		if front1 != 1 {
			t.Errorf("the Front got %d reminders", front1)
		}

		// The answer: not before the decision was sent; a refusal needs reasons.
		wantErr(t, "answer before it was sent", s.RecogniseMatter(ctx, m.ID, day(2025, 7, 14), ""), coso.EInvalid, "decided_on")
		wantErr(t, "refusal without reasons", s.RefuseMatter(ctx, b.ID, day(2025, 7, 29), ""), coso.EInvalid, "reason")
		if err := s.RefuseMatter(ctx, b.ID, day(2025, 7, 29), "Hội nghị không đủ thành phần"); err != nil {
			t.Fatal(err)
		}
		if err := s.RecogniseMatter(ctx, m.ID, day(2025, 7, 24), "Quyết định số 12/QĐ-UBND"); err != nil {
			t.Fatal(err)
		}
		got1, _ := s.Matter(ctx, m.ID)
		cal, _ := s.Calendar(ctx)
		if c := got1.AnswerClock(cal, day(2025, 7, 29)); got1.Status != decision.Recognised || !got1.EffectiveOn().Equal(day(2025, 7, 24)) ||
			c.State != decision.Late || c.LateBy != 2 {
			t.Errorf("recognised: %s, effective %v, answer %+v", got1.Status, got1.EffectiveOn(), c)
		}
		if items, _ := s.DecisionsDue(ctx, []int64{u["14845"]}); len(items) != 0 {
			t.Errorf("answered decisions still due: %+v", items)
		}

		// The announcement: one SMS per representative with a phone, once.
		if n, err := s.AnnounceDecision(ctx, b.ID, "https://coso.example"); err != nil || n != 0 {
			t.Errorf("announcing a refused decision: %d %v", n, err)
		}
		n, err = s.AnnounceDecision(ctx, m.ID, "https://coso.example")
		if err != nil || n != 2 {
			t.Fatalf("announced to %d (%v), want 2", n, err)
		}
		if n, _ := s.AnnounceDecision(ctx, m.ID, "https://coso.example"); n != 0 {
			t.Errorf("announced twice: %d", n)
		}
		if n, _ := s.AnnounceDecisions(ctx, "https://coso.example"); n != 0 {
			t.Errorf("the catch-up announced again: %d", n)
		}
		msgs, _ = s.Outbox(ctx, store.OutboxFilter{Channel: notify.ChannelSMS})
		announced := 0
		for _, msg := range msgs {
			if strings.HasPrefix(msg.To, "+8491200010") {
				announced++
				if !strings.Contains(msg.Body, "đã được công nhận ngày 24/07/2025") || !strings.Contains(msg.Body, "https://coso.example/matters/") {
					t.Errorf("announcement %q", msg.Body)
				}
			}
		}
		if announced != 2 {
			t.Errorf("%d announcements in the outbox", announced)
		}
	})
}

// TestProceduralVotes: a meeting chooses its secretary, method, counting
// board (3 to 5) and two witnesses, each by more than half of the
// households present, before the board enters counts.
func TestProceduralVotes(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 12)
		m := newMatter(v, decision.OtherMatter, decision.Meeting)
		mustCreateOpen(t, s, m)
		board := func(names ...string) decision.Procedure {
			return decision.Procedure{Kind: decision.ElectBoard, Names: names, Approve: 5}
		}
		rec := func(p decision.Procedure) error { return s.RecordProcedure(ctx, m.ID, v.id, 0, p) }
		wantErr(t, "before the roster", rec(board("A", "B", "C")), coso.EInvalid, "present")
		if err := s.RecordAttendance(ctx, m.ID, v.households[:9], true); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "a board of 2", rec(board("A", "B")), coso.EInvalid, "names")
		wantErr(t, "a board of 6", rec(board("A", "B", "C", "D", "E", "F")), coso.EInvalid, "names")
		half := board("A", "B", "C")
		half.Approve = 4
		wantErr(t, "4 of 9 present", rec(half), coso.EInvalid, "approve")
		half.Approve = 10
		wantErr(t, "10 of 9 present", rec(half), coso.EInvalid, "approve")
		wantErr(t, "a village not voting", s.RecordProcedure(ctx, m.ID, u["14845.02"], 0, board("A", "B", "C")), coso.EInvalid, "village")
		wantErr(t, "an unknown cluster", s.RecordProcedure(ctx, m.ID, v.id, 999, board("A", "B", "C")), coso.EInvalid, "cluster")
		wantErr(t, "an unknown method", rec(decision.Procedure{Kind: decision.ChooseMethod, Method: "voice", Approve: 9}), coso.EInvalid, "method")
		wantErr(t, "two secretaries", rec(decision.Procedure{Kind: decision.ChooseSecretary, Names: []string{"X", "Y"}, Approve: 9}), coso.EInvalid, "names")
		for _, p := range []decision.Procedure{board("Hà Văn Một", "Lò Thị Hai", "Vi Văn Ba"),
			{Kind: decision.ChooseMethod, Method: decision.SecretBallot, Approve: 8}} {
			if err := rec(p); err != nil {
				t.Fatal(err)
			}
		}
		wantErr(t, "a witness on the board", rec(decision.Procedure{Kind: decision.ChooseWitnesses, Names: []string{"Lò Thị Hai", "Lường Văn Bốn"}, Approve: 9}),
			coso.EInvalid, "names")
		err := s.EnterCounts(ctx, m.ID, v.id, []int{6, 2, 1})
		if e := coso.AsError(err); e.Code != coso.EConflict || e.Field != "procedures" || !strings.Contains(e.VI, "thư ký hội nghị") ||
			!strings.Contains(e.EN, "household representatives witnessing the count") || strings.Contains(e.EN, "counting board,") {
			t.Fatalf("counts before the procedures: %v", err)
		}
		for _, p := range []decision.Procedure{{Kind: decision.ChooseWitnesses, Names: []string{"Lường Văn Bốn", "Phạm Thị Năm"}, Approve: 7},
			{Kind: decision.ChooseSecretary, Names: []string{" Lò Thị Thư "}, Approve: 9}, board("Hà Văn Một", "Lò Thị Hai", "Vi Văn Ba", "Đinh Văn Sáu")} {
			if err := rec(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.EnterCounts(ctx, m.ID, v.id, []int{6, 2, 1}); err != nil {
			t.Fatal(err)
		}
		ps, err := s.Procedures(ctx, m.ID)
		if err != nil || len(ps) != 4 {
			t.Fatalf("%d procedures (%v)", len(ps), err)
		}
		want := []string{"Thư ký hội nghị: Lò Thị Thư (9 trên 9 hộ có mặt tán thành)",
			"Hình thức biểu quyết: bỏ phiếu kín (8 trên 9 hộ có mặt tán thành)",
			"Tổ kiểm phiếu: Hà Văn Một, Lò Thị Hai, Vi Văn Ba, Đinh Văn Sáu (5 trên 9 hộ có mặt tán thành)",
			"Đại diện hộ gia đình chứng kiến kiểm phiếu: Lường Văn Bốn, Phạm Thị Năm (7 trên 9 hộ có mặt tán thành)"}
		for i, p := range ps {
			if p.VillageID != v.id || p.ClusterID != 0 || p.Text("vi") != want[i] {
				t.Errorf("procedure %d: %+v %q", i, p, p.Text("vi"))
			}
		}
	})
}

// TestInvitation: the invitation (and for subjects 1–3 the documents)
// reach the households at least 2 days before the meeting, or the
// meeting is refused, with the field named.
func TestInvitation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 4)
		bare := newMatter(v, decision.PublicWorks, decision.Meeting)
		bare.Documents = nil
		mustCreateOpen(t, s, bare)
		inv := func(issued, meeting, docs time.Time, hour string) decision.Invitation {
			return decision.Invitation{IssuedOn: issued, MeetingOn: meeting, DocumentsOn: docs, Hour: hour, Place: "Nhà văn hoá"}
		}
		good := inv(day(2025, 7, 10), day(2025, 7, 12), day(2025, 7, 10), "7h30")
		wantErr(t, "subject 1 without documents", s.RecordInvitation(ctx, bare.ID, good), coso.EInvalid, "documents")
		m := newMatter(v, decision.PublicWorks, decision.Meeting)
		if err := s.CreateMatter(ctx, m); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name  string
			inv   decision.Invitation
			field string
		}{
			{"the day after the invitation", inv(day(2025, 7, 10), day(2025, 7, 11), day(2025, 7, 9), ""), "meeting_on"},
			{"issued tomorrow", inv(day(2025, 7, 16), day(2025, 7, 20), day(2025, 7, 10), ""), "issued_on"},
			{"no documents sent", inv(day(2025, 7, 10), day(2025, 7, 12), time.Time{}, ""), "documents_on"},
			{"documents the day before", inv(day(2025, 7, 10), day(2025, 7, 12), day(2025, 7, 11), ""), "documents_on"},
			{"an hour of 25", inv(day(2025, 7, 10), day(2025, 7, 12), day(2025, 7, 10), "25:00"), "hour"},
		} {
			wantErr(t, c.name, s.RecordInvitation(ctx, m.ID, c.inv), coso.EInvalid, c.field)
		}
		err := s.RecordInvitation(ctx, m.ID, inv(day(2025, 7, 10), day(2025, 7, 11), day(2025, 7, 9), ""))
		if e := coso.AsError(err); !strings.Contains(e.VI, "Ngày họp (11/07/2025) phải sau ngày phát giấy mời (10/07/2025) ít nhất 2 ngày: họp từ ngày 12/07/2025.") {
			t.Errorf("message: %v", err)
		}
		if err := s.RecordInvitation(ctx, m.ID, good); err != nil { // in the draft: the vote opens later
			t.Fatal(err)
		}
		got, _ := s.Matter(ctx, m.ID)
		if got.Invitation.Hour != "07:30" || !got.Invitation.MeetingOn.Equal(day(2025, 7, 12)) || !got.Invitation.DocumentsOn.Equal(day(2025, 7, 10)) {
			t.Errorf("invitation %+v", got.Invitation)
		}
		if err := s.OpenMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "held the day after the invitation", s.HoldMeeting(ctx, m.ID, day(2025, 7, 11), "Nhà văn hoá"), coso.EInvalid, "meeting_on")
		if err := s.HoldMeeting(ctx, m.ID, day(2025, 7, 12), "Nhà văn hoá"); err != nil {
			t.Fatal(err)
		}
		// Without an invitation there is no meeting; an ordinary matter
		// needs no documents.
		o := newMatter(v, decision.OtherMatter, decision.Meeting)
		o.Documents = nil
		mustCreateOpen(t, s, o)
		wantErr(t, "held without an invitation", s.HoldMeeting(ctx, o.ID, day(2025, 7, 15), "Nhà văn hoá"), coso.EConflict, "issued_on")
		if err := s.RecordInvitation(ctx, o.ID, inv(day(2025, 7, 13), day(2025, 7, 15), time.Time{}, "")); err != nil {
			t.Fatal(err)
		}
		if err := s.HoldMeeting(ctx, o.ID, day(2025, 7, 15), "Nhà văn hoá"); err != nil {
			t.Fatal(err)
		}
		if err := s.CloseMatter(ctx, o.ID); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "invited after the close", s.RecordInvitation(ctx, o.ID, inv(day(2025, 7, 13), day(2025, 7, 15), time.Time{}, "")), coso.EConflict, "status")
	})
}

// TestClusters: a village of 210 households meets in two clusters, each
// with its roster, procedural votes and counts; they add up into the
// village's result. A village under 200 households cannot; a household
// attends one cluster only.
func TestClusters(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		big := decisionVillage(t, s, u, "14845.01", 210)
		small := decisionVillage(t, s, u, "14845.02", 20)
		m := newMatter(big, decision.OtherMatter, decision.Meeting)
		mustCreateOpen(t, s, m)
		invite(t, s, m.ID)
		cluster := func(v village, name string, held time.Time) (*decision.Cluster, error) {
			c := &decision.Cluster{Name: name, HeldOn: held, Place: "Nhà văn hoá " + name}
			return c, s.AddCluster(ctx, m.ID, v.id, c)
		}
		_, err := cluster(small, "Cụm 1", day(2025, 7, 15))
		wantErr(t, "a village not voting", err, coso.EInvalid, "village")
		_, err = cluster(big, "Cụm sớm", day(2025, 7, 11))
		wantErr(t, "the day after the invitation", err, coso.EInvalid, "meeting_on")
		c1, err := cluster(big, "Cụm 1: xóm Đông", day(2025, 7, 14))
		if err != nil {
			t.Fatal(err)
		}
		c2, err := cluster(big, "Cụm 2: xóm Tây", day(2025, 7, 15))
		if err != nil {
			t.Fatal(err)
		}
		_, err = cluster(big, "Cụm 1: xóm Đông", day(2025, 7, 15))
		wantErr(t, "a cluster twice", err, coso.EConflict, "name")
		h := big.households
		wantErr(t, "the village's own roster", s.RecordAttendance(ctx, m.ID, h[:1], true), coso.EInvalid, "cluster")
		if err := s.RecordClusterAttendance(ctx, m.ID, c1.ID, h[:100], true); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordClusterAttendance(ctx, m.ID, c2.ID, h[100:190], true); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "a household at two clusters", s.RecordClusterAttendance(ctx, m.ID, c2.ID, h[99:101], true), coso.EConflict, "present")
		wantErr(t, "cluster counts before its procedures", s.EnterClusterCounts(ctx, m.ID, c1.ID, []int{70, 20, 10}), coso.EConflict, "procedures")
		takeProcedures(t, s, m.ID, big.id, c1.ID, 100)
		takeProcedures(t, s, m.ID, big.id, c2.ID, 90)
		wantErr(t, "the village's own procedures", s.RecordProcedure(ctx, m.ID, big.id, 0,
			decision.Procedure{Kind: decision.ChooseSecretary, Names: []string{"A"}, Approve: 100}), coso.EInvalid, "cluster")
		wantErr(t, "counts over a cluster's attendance", s.EnterClusterCounts(ctx, m.ID, c2.ID, []int{80, 10, 1}), coso.EInvalid, "counts")
		for _, c := range []struct {
			id     int64
			counts []int
		}{{c1.ID, []int{70, 20, 10}}, {c2.ID, []int{50, 25, 5}}, {c2.ID, []int{60, 25, 5}}} { // the second entry of c2 corrects it
			if err := s.EnterClusterCounts(ctx, m.ID, c.id, c.counts); err != nil {
				t.Fatal(err)
			}
		}
		wantErr(t, "the village's own counts", s.EnterCounts(ctx, m.ID, big.id, []int{1, 0, 0}), coso.EInvalid, "cluster")
		ss, err := s.MeetingSessions(ctx, m.ID, 3)
		if err != nil || len(ss) != 2 || ss[0].Cluster == nil || ss[0].Present != 100 || ss[1].Present != 90 || ss[1].Counts[0] != 60 ||
			len(ss[1].Procedures) != 4 || ss[0].Name() != "Cụm 1: xóm Đông" {
			t.Fatalf("sessions %v %+v", err, ss)
		}
		got, _ := s.Matter(ctx, m.ID)
		if !got.MeetingOn.Equal(day(2025, 7, 15)) {
			t.Errorf("meeting day %v", got.MeetingOn)
		}
		closeAndCount(t, s, m.ID)
		_, o, err := s.Result(ctx, m.ID)
		tot := o.Total()
		if err != nil || tot.Households != 210 || tot.Participants != 190 || tot.Counts[0] != 130 || tot.Counts[1] != 45 || !o.Adopted() ||
			o.Text("vi") != "130 trên 210 hộ đồng ý, quá một nửa: thông qua" {
			t.Errorf("result %v %+v %q", err, tot, o.Text("vi"))
		}
		// A village that met as one cannot be split afterwards.
		n := newMatter(big, decision.OtherMatter, decision.Meeting)
		mustCreateOpen(t, s, n)
		invite(t, s, n.ID)
		if err := s.RecordAttendance(ctx, n.ID, h[:5], true); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "splitting a village that met", s.AddCluster(ctx, n.ID, big.id, &decision.Cluster{Name: "Cụm 1", HeldOn: day(2025, 7, 15), Place: "Sân"}),
			coso.EConflict, "village")
	})
}
