package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/consultation"
	"coso/household"
	"coso/store"
	"coso/store/storetest"
)

// setupConsultations imports the communes of the disclosure tests and
// sets the clock to 2 March 2026.
func setupConsultations(t testing.TB, s *store.Store) map[string]int64 {
	t.Helper()
	if _, err := importCSV(t, s, disclosureCSV); err != nil {
		t.Fatal(err)
	}
	at(s, ymd(2026, 3, 2))
	ids := map[string]int64{}
	for _, code := range []string{"38", "14845", "14845.01", "14845.02", "14845.A1", "14846", "14846.01"} {
		u, err := s.UnitByCode(context.Background(), code)
		if err != nil {
			t.Fatal(err)
		}
		ids[code] = u.ID
	}
	return ids
}

// landPlan is a three-article draft of commune 14845.
func landPlan(unit int64) *consultation.Consultation {
	return &consultation.Consultation{UnitID: unit, Subject: consultation.LandUsePlan,
		Title:    "Điều chỉnh quy hoạch khu dân cư Bản Lát",
		Summary:  "UBND xã lấy ý kiến nhân dân về phương án điều chỉnh quy hoạch.",
		Sections: consultation.Split("Điều 1. Vị trí\nKhu đất ven suối.\nĐiều 2. Diện tích\n3,5 ha.\nĐiều 3. Tiến độ\nNăm 2026–2027."),
		Forms:    []consultation.Form{consultation.Meeting, consultation.Sheet},
		Docs:     []consultation.Document{{Title: "Bản đồ quy hoạch", Ref: "ban-do.pdf"}},
		ClosesOn: ymd(2026, 3, 22)}
}

func TestConsultationLifecycle(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := setupConsultations(t, s)
		c := landPlan(u["14845"])
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, err := s.Consultation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != consultation.Draft || len(got.Sections) != 3 || got.Sections[2].Label != "Điều 3" ||
			got.Sections[1].Text != "3,5 ha." || len(got.Docs) != 1 || got.UnitCode != "14845" || !got.Uses(consultation.Portal) {
			t.Fatalf("stored: %+v", got)
		}

		// Refused: an agency on a commune's subject, a village of another commune, 19 days.
		bad := landPlan(u["14845.A1"])
		if err := s.CreateConsultation(ctx, bad); firstErr(err).Field != "subject" {
			t.Errorf("agency on a land-use plan: %v", err)
		}
		bad = landPlan(u["14846.01"])
		if err := s.CreateConsultation(ctx, bad); firstErr(err).Field != "unit" {
			t.Errorf("a village: %v", err)
		}
		bad = landPlan(u["14845"])
		bad.Audience, bad.AudienceUnits = consultation.SomeVillages, []int64{u["14846.01"]}
		if err := s.CreateConsultation(ctx, bad); coso.AsError(err).Field != "villages" {
			t.Errorf("village of another commune: %v", err)
		}
		bad = landPlan(u["14845"])
		bad.ClosesOn = ymd(2026, 3, 21)
		if err := s.CreateConsultation(ctx, bad); coso.AsError(err).Field != "closes_on" {
			t.Errorf("19 days: %v", err)
		}

		// Opened two days later: the planned close is now too early.
		at(s, ymd(2026, 3, 4))
		if err := s.OpenConsultation(ctx, c.ID, time.Time{}); coso.AsError(err).Field != "closes_on" {
			t.Errorf("open with the planned close, now 18 days away: %v", err)
		}
		if err := s.OpenConsultation(ctx, c.ID, ymd(2026, 3, 23)); coso.AsError(err).Field != "closes_on" {
			t.Errorf("open with 19 days left: %v", err)
		}
		if err := s.OpenConsultation(ctx, c.ID, ymd(2026, 3, 24)); err != nil {
			t.Fatal(err)
		}
		if err := s.OpenConsultation(ctx, c.ID, ymd(2026, 3, 24)); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("opened twice: %v", err)
		}
		got, _ = s.Consultation(ctx, c.ID)
		if got.Status != consultation.Open || !got.OpensOn.Equal(ymd(2026, 3, 4)) || !got.ClosesOn.Equal(ymd(2026, 3, 24)) {
			t.Errorf("open: %s %v %v", got.Status, got.OpensOn, got.ClosesOn)
		}

		if err := s.ExtendConsultation(ctx, c.ID, ymd(2026, 4, 3), ""); coso.AsError(err).Field != "reason" {
			t.Errorf("extension without a reason: %v", err)
		}
		if err := s.ExtendConsultation(ctx, c.ID, ymd(2026, 4, 3), "Nhiều hộ đi làm ăn xa chưa kịp góp ý"); err != nil {
			t.Fatal(err)
		}
		if err := s.CloseConsultation(ctx, c.ID); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("closed before the end: %v", err)
		}
		at(s, ymd(2026, 4, 4))
		if err := s.CloseConsultation(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Consultation(ctx, c.ID)
		if got.Status != consultation.Closed || len(got.Extensions) != 1 || got.Extensions[0].Reason != "Nhiều hộ đi làm ăn xa chưa kịp góp ý" ||
			!got.Extensions[0].OldClose.Equal(ymd(2026, 3, 24)) || !got.ClosesOn.Equal(ymd(2026, 4, 3)) {
			t.Errorf("closed: %+v", got)
		}

		// Lists: the public one leaves drafts out; by unit.
		draft := landPlan(u["14845"])
		draft.Title = "Dự thảo chưa công bố"
		draft.ClosesOn = ymd(2026, 5, 1)
		if err := s.CreateConsultation(ctx, draft); err != nil {
			t.Fatal(err)
		}
		pub, err := s.Consultations(ctx, store.ConsultationFilter{UnitID: u["14845"], Statuses: store.PublicStatuses})
		if err != nil || len(pub) != 1 || pub[0].ID != c.ID {
			t.Errorf("public list: %v %v", pub, err)
		}
		all, _ := s.Consultations(ctx, store.ConsultationFilter{UnitID: u["38"]})
		other, _ := s.Consultations(ctx, store.ConsultationFilter{UnitID: u["14846"]})
		if len(all) != 2 || len(other) != 0 {
			t.Errorf("by unit: %d in the province, %d in the other commune", len(all), len(other))
		}
		log, _ := s.AuditLog(ctx, store.AuditFilter{Action: "consultation."})
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		if strings.Join(actions, " ") != "consultation.create consultation.close consultation.extend consultation.open consultation.create" {
			t.Errorf("audit: %v", actions)
		}
	})
}

// commenters makes a household in village 14845.01 whose representative
// (a woman born 1990) has a citizen account confirmed as her, and a citizen
// account not confirmed as anyone.
func commenters(t *testing.T, s *store.Store) (linked, unlinked store.Commenter, name string) {
	t.Helper()
	ctx := context.Background()
	name = "Hà Thị Mai"
	h := &household.Household{Code: "14845.01-H01", VillageCode: "14845.01", Members: []household.Member{
		{Person: household.Person{FullName: name, BirthDate: ymd(1990, 4, 2), Sex: household.Female},
			Relation: "chủ hộ", Representative: true, Since: ymd(2015, 1, 1)}}}
	if err := s.CreateHousehold(ctx, h); err != nil {
		t.Fatal(err)
	}
	person := h.Members[0].Person.ID
	var a, b int64
	err := s.WriteForTest(ctx, func(tx *store.Tx) error {
		var err error
		if a, err = tx.Insert("INSERT INTO citizens (phone, person_id, created_at, last_seen_at) VALUES ('+84912000001', $1, $2, $2)", person, s.Now()); err != nil {
			return err
		}
		b, err = tx.Insert("INSERT INTO citizens (phone, created_at, last_seen_at) VALUES ('+84912000002', $1, $1)", s.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return store.Commenter{CitizenID: a, PersonID: person}, store.Commenter{CitizenID: b}, name
}

func TestOpinions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := setupConsultations(t, s)
		c := landPlan(u["14845"])
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		mai, anon, name := commenters(t, s)
		early := &consultation.Opinion{Section: 1, Stance: consultation.Agree}
		if err := s.PostComment(ctx, c.ID, mai, early); coso.ErrorCode(err) != coso.EConflict || !strings.Contains(coso.AsError(err).EN, "not opened") {
			t.Errorf("comment on a draft: %v", err)
		}
		if err := s.OpenConsultation(ctx, c.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		o := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Text: "Diện tích quá lớn, lấn vào ruộng lúa.", ShowName: true}
		if err := s.PostComment(ctx, c.ID, mai, o); err != nil {
			t.Fatal(err)
		}
		if err := s.PostComment(ctx, c.ID, mai, &consultation.Opinion{Section: 2, Stance: consultation.Agree}); coso.AsError(err).Field != "section" {
			t.Errorf("a second comment on one section: %v", err)
		}
		for _, bad := range []*consultation.Opinion{{Section: 4, Stance: consultation.Agree}, {Section: 1, Stance: "maybe"},
			{Section: 1, Stance: consultation.OtherOp}} {
			if err := s.PostComment(ctx, c.ID, anon, bad); coso.ErrorCode(err) != coso.EInvalid {
				t.Errorf("bad comment %+v: %v", bad, err)
			}
		}
		whole := &consultation.Opinion{Section: consultation.WholeDraft, Stance: consultation.OtherOp, Text: "Cần họp dân trước khi quyết."}
		if err := s.PostComment(ctx, c.ID, anon, whole); err != nil {
			t.Fatal(err)
		}
		got, err := s.Opinion(ctx, o.ID)
		if err != nil || got.AuthorName != name || got.VillageName != "Bản Lát" || got.Sex != "female" || got.AgeBand != "30-44" ||
			got.PublicName("vi") != name || got.Channel != consultation.Portal {
			t.Fatalf("stored comment: %+v %v", got, err)
		}
		if a, _ := s.Opinion(ctx, whole.ID); a.PublicName("en") != "A resident (account not confirmed)" {
			t.Errorf("unconfirmed account: %q", a.PublicName("en"))
		}

		// Edits keep every version; nobody edits another's comment.
		if _, err := s.EditComment(ctx, o.ID, anon, consultation.Agree, "x", false); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("edit of another's comment: %v", err)
		}
		edited, err := s.EditComment(ctx, o.ID, mai, consultation.Disagree, "Diện tích quá lớn; nên giữ 1 ha ruộng.", false)
		if err != nil || edited.Version != 2 || edited.PublicName("vi") != "Một người dân Bản Lát" {
			t.Fatalf("edit: %+v %v", edited, err)
		}
		vs, _ := s.OpinionVersions(ctx, o.ID)
		if len(vs) != 2 || vs[0].Text != "Diện tích quá lớn, lấn vào ruộng lúa." || vs[1].N != 2 {
			t.Errorf("versions: %+v", vs)
		}

		// Offline: an organisation needs its letter; dates within the period.
		front := &consultation.Opinion{Section: 3, Stance: consultation.OtherOp, Text: "Đề nghị làm đường trước khi giao đất.",
			Channel: consultation.Front, Organisation: "Hội Nông dân xã Mường Lát", ReceivedOn: ymd(2026, 3, 2)}
		if err := s.EnterOpinion(ctx, c.ID, front, nil); coso.AsError(err).Field != "file" {
			t.Errorf("formal opinion without its letter: %v", err)
		}
		letter := &store.Upload{Name: "cong-van.pdf", Data: []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")}
		if err := s.EnterOpinion(ctx, c.ID, front, letter); err != nil {
			t.Fatal(err)
		}
		sheet := &consultation.Opinion{Section: 1, Stance: consultation.Agree, Channel: consultation.Sheet, VillageID: u["14845.02"],
			Sex: "male", AgeBand: "60+", ReceivedOn: ymd(2026, 3, 1), SourceNote: "Phiếu số 12"}
		if err := s.EnterOpinion(ctx, c.ID, sheet, nil); coso.AsError(err).Field != "received_on" {
			t.Errorf("received before the opening: %v", err)
		}
		sheet.ReceivedOn, sheet.VillageID = ymd(2026, 3, 2), u["14846.01"]
		if err := s.EnterOpinion(ctx, c.ID, sheet, nil); coso.AsError(err).Field != "villages" {
			t.Errorf("a village of another commune: %v", err)
		}
		sheet.VillageID = u["14845.02"]
		if err := s.EnterOpinion(ctx, c.ID, sheet, nil); err != nil {
			t.Fatal(err)
		}
		f, r, err := s.OpenConsultationFile(ctx, c.ID, front.FileID)
		if err != nil || f.Type != "application/pdf" || f.Name != "cong-van.pdf" {
			t.Fatalf("letter: %+v %v", f, err)
		}
		_ = r.Close()

		// Hiding: only for a listed reason; the opinion stays.
		if err := s.HideOpinion(ctx, whole.ID, "disliked"); coso.AsError(err).Field != "reason" {
			t.Errorf("hide for a reason not listed: %v", err)
		}
		if err := s.HideOpinion(ctx, whole.ID, consultation.Spam); err != nil {
			t.Fatal(err)
		}
		if err := s.HideOpinion(ctx, whole.ID, consultation.Abuse); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("hidden twice: %v", err)
		}
		all, _ := s.Opinions(ctx, c.ID, store.OpinionFilter{Section: store.AllSections})
		if len(all) != 4 || !all[1].IsHidden() || all[1].HiddenBy != "system" || all[1].Text == "" {
			t.Errorf("opinions: %d, hidden %+v", len(all), all[1])
		}

		// After the close: no comment, no edit, a clear refusal; offline
		// opinions gathered on the last day may still be entered.
		at(s, ymd(2026, 3, 23))
		err = s.PostComment(ctx, c.ID, anon, &consultation.Opinion{Section: 1, Stance: consultation.Agree})
		if e := coso.AsError(err); e.Code != coso.EConflict || !strings.Contains(e.VI, "Đã hết thời gian lấy ý kiến (kết thúc ngày 22/03/2026)") {
			t.Errorf("comment after the close: %v", err)
		}
		if _, err := s.EditComment(ctx, o.ID, mai, consultation.Agree, "", false); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("edit after the close: %v", err)
		}
		box := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Text: "Không đồng ý.", Channel: consultation.Box, ReceivedOn: ymd(2026, 3, 22)}
		if err := s.EnterOpinion(ctx, c.ID, box, nil); err != nil {
			t.Errorf("box opened on the last day: %v", err)
		}
		log, _ := s.AuditLog(ctx, store.AuditFilter{Action: "opinion."})
		if len(log) != 7 {
			t.Errorf("audit lines: %d", len(log))
		}
		for _, e := range log {
			if strings.Contains(e.Summary, "ruộng") || strings.Contains(e.Summary, name) {
				t.Errorf("audit holds what was said: %+v", e)
			}
		}
	})
}

// campaign makes n citizen accounts (phones +8491300xxxx, not confirmed
// as anyone) that each post the same comment, typed three ways.
func campaign(t *testing.T, s *store.Store, consultationID int64, n int) {
	t.Helper()
	ctx := context.Background()
	ids := make([]int64, n)
	err := s.WriteForTest(ctx, func(tx *store.Tx) error {
		for i := range ids {
			var err error
			if ids[i], err = tx.Insert("INSERT INTO citizens (phone, created_at, last_seen_at) VALUES ($1, $2, $2)",
				fmt.Sprintf("+849130%05d", i), s.Now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wordings := []string{"Phản đối lấy đất ruộng làm khu dân cư!", "phan doi lay dat ruong lam khu dan cu", "PHẢN ĐỐI LẤY ĐẤT RUỘNG LÀM KHU DÂN CƯ."}
	for i, id := range ids {
		o := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Text: wordings[i%3]}
		if err := s.PostComment(ctx, consultationID, store.Commenter{CitizenID: id}, o); err != nil {
			t.Fatal(err)
		}
	}
}

func TestConsultationReport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := setupConsultations(t, s)
		c := landPlan(u["14845"])
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := s.OpenConsultation(ctx, c.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		mai, anon, _ := commenters(t, s)
		campaign(t, s, c.ID, 500)
		for _, x := range []struct {
			who store.Commenter
			o   *consultation.Opinion
		}{
			{mai, &consultation.Opinion{Section: 1, Stance: consultation.Agree, Text: "Vị trí hợp lý."}},
			{mai, &consultation.Opinion{Section: 3, Stance: consultation.Agree}},
			{anon, &consultation.Opinion{Section: 1, Stance: consultation.OtherOp, Text: "Mua bán đất nền liên hệ ngay"}},
		} {
			if err := s.PostComment(ctx, c.ID, x.who, x.o); err != nil {
				t.Fatal(err)
			}
		}
		spam, _ := s.Opinions(ctx, c.ID, store.OpinionFilter{Section: 1})
		if err := s.HideOpinion(ctx, spam[1].ID, consultation.Spam); err != nil {
			t.Fatal(err)
		}
		at(s, ymd(2026, 3, 23))
		if err := s.CloseConsultation(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		r, err := s.ConsultationReport(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		sec2 := r.Sections[2]
		if len(sec2.Groups) != 1 || sec2.Groups[0].Count != 500 || sec2.Tally.Disagree != 500 || r.Sections[1].Tally.Hidden[consultation.Spam] != 1 {
			t.Fatalf("section 2: %d groups, tally %+v; section 1 %+v", len(sec2.Groups), sec2.Tally, r.Sections[1].Tally)
		}
		if len(r.Sections[1].Groups) != 1 || len(r.Sections[3].Groups) != 1 {
			t.Errorf("the hidden comment is in no group: %d, %d", len(r.Sections[1].Groups), len(r.Sections[3].Groups))
		}
		if err := s.PublishReport(ctx, c.ID, "", "https://coso.example.vn/consultations/1/report"); firstErr(err).Code != coso.EConflict || !strings.Contains(firstErr(err).EN, "3 of 3 opinion groups") {
			t.Fatalf("published with nothing answered: %v", err)
		}

		// After the close: a sheet like the campaign joins its group; a new
		// idea makes a group that needs an answer.
		like := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Text: "Phản đối lấy đất ruộng làm khu dân cư", Channel: consultation.Sheet, ReceivedOn: ymd(2026, 3, 22)}
		if err := s.EnterOpinion(ctx, c.ID, like, nil); err != nil {
			t.Fatal(err)
		}
		newIdea := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Text: "Cần làm đường trước khi chia lô.", Channel: consultation.Box, ReceivedOn: ymd(2026, 3, 22)}
		if err := s.EnterOpinion(ctx, c.ID, newIdea, nil); err != nil {
			t.Fatal(err)
		}
		if like.GroupID != sec2.Groups[0].ID || newIdea.GroupID == 0 || newIdea.GroupID == like.GroupID {
			t.Errorf("groups after the close: like %d, new %d, campaign %d", like.GroupID, newIdea.GroupID, sec2.Groups[0].ID)
		}
		gs, _ := s.OpinionGroups(ctx, c.ID)
		for _, g := range gs {
			reason := "Khu dân cư nằm trong quy hoạch chung đã được phê duyệt; diện tích ruộng bị thu hồi được bồi thường."
			if err := s.AnswerGroup(ctx, c.ID, g.ID, consultation.Explained, ""); coso.AsError(err).Field != "reason" {
				t.Errorf("an explanation without reasons: %v", err)
			}
			if g.Count == 501 {
				if err := s.AnswerGroup(ctx, c.ID, g.ID, consultation.Explained, reason); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := s.AnswerGroup(ctx, c.ID, g.ID, consultation.Accepted, ""); err != nil {
				t.Fatal(err)
			}
		}
		for n, o := range map[int]consultation.Outcome{1: consultation.Kept, 2: consultation.Kept, 3: consultation.Amended} {
			if err := s.SetOutcome(ctx, c.ID, n, o, ""); err != nil {
				t.Fatal(err)
			}
		}
		err = s.PublishReport(ctx, c.ID, "", "https://coso.example.vn/consultations/1/report")
		if e := firstErr(err); e.Field != "reason" || !strings.Contains(e.VI, "trái với ý kiến của đa số") {
			t.Fatalf("kept against 502 who disagreed, without reasons: %v", err)
		}
		if err := s.SetOutcome(ctx, c.ID, 2, consultation.Kept, "Quy hoạch chung của tỉnh đã xác định khu dân cư; phương án bồi thường được công khai riêng."); err != nil {
			t.Fatal(err)
		}
		if err := s.PublishReport(ctx, c.ID, "UBND xã tiếp thu ý kiến về làm đường trước khi chia lô.", "https://coso.example.vn/consultations/1/report"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Consultation(ctx, c.ID)
		if got.Status != consultation.Answered || got.DisclosureID == 0 {
			t.Fatalf("after publishing: %s, disclosure %d", got.Status, got.DisclosureID)
		}
		d, err := s.Disclosure(ctx, got.DisclosureID)
		if err != nil || d.Category != "11" || d.Status != "published" || !strings.Contains(d.Body, "501 ý kiến không đồng ý") ||
			!strings.Contains(d.Body, "Quy hoạch chung của tỉnh") || !d.PublishedOn.Equal(ymd(2026, 3, 23)) {
			t.Fatalf("the disclosure: %+v %v", d, err)
		}
		page, _ := s.Disclosures(ctx, store.DisclosureFilter{UnitID: u["14845"], Category: "11"})
		// The report, and the draft published when it opened.
		if len(page.Hits) != 2 || page.Hits[0].ID != d.ID || page.Hits[1].ID != got.DraftDisclosureID {
			t.Errorf("listed under category 11: %+v", page.Hits)
		}
		msgs, _ := s.Outbox(ctx, store.OutboxFilter{Limit: 1000})
		if len(msgs) != 501 || !strings.Contains(msgs[0].Body, "/consultations/1/report") {
			t.Errorf("participants told (500 and Mai; not the hidden spammer): %d", len(msgs))
		}
		if err := s.PublishReport(ctx, c.ID, "", ""); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("published twice: %v", err)
		}
		if err := s.AnswerGroup(ctx, c.ID, gs[0].ID, consultation.Accepted, ""); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("answer after publication: %v", err)
		}
		if err := s.EnterOpinion(ctx, c.ID, &consultation.Opinion{Section: 1, Stance: consultation.Agree, Channel: consultation.Box, ReceivedOn: ymd(2026, 3, 20)}, nil); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("opinion after publication: %v", err)
		}
	})
}

// firstErr is the first of several errors, or the one.
func firstErr(err error) *coso.Error {
	if es, ok := err.(coso.Errors); ok && len(es) > 0 {
		return es[0]
	}
	return coso.AsError(err)
}

// A consultation posted on paper first is recorded with its posting date,
// up to consultation.RecordedLate days back; its period counts from then,
// and offline opinions of that period are entered before it is closed.
func TestConsultationPostedOnPaper(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := setupConsultations(t, s)
		c := landPlan(u["14845"])
		c.ClosesOn = ymd(2026, 4, 1)
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		at(s, ymd(2026, 5, 1))
		for _, bad := range []time.Time{ymd(2026, 5, 2), ymd(2026, 3, 1)} {
			if err := s.OpenConsultationOn(ctx, c.ID, bad, ymd(2026, 4, 1), ""); coso.AsError(err).Field != "opens_on" {
				t.Errorf("published on %v: %v", bad, err)
			}
		}
		if err := s.OpenConsultationOn(ctx, c.ID, ymd(2026, 3, 13), ymd(2026, 4, 1), ""); coso.AsError(err).Field != "closes_on" {
			t.Errorf("19 days from the posting: %v", err)
		}
		if err := s.OpenConsultationOn(ctx, c.ID, ymd(2026, 3, 10), ymd(2026, 4, 1), ""); err != nil {
			t.Fatal(err)
		}
		sheet := &consultation.Opinion{Section: 1, Stance: consultation.Agree, Channel: consultation.Sheet, ReceivedOn: ymd(2026, 3, 20)}
		if err := s.EnterOpinion(ctx, c.ID, sheet, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.CloseConsultation(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Consultation(ctx, c.ID)
		if !got.OpensOn.Equal(ymd(2026, 3, 10)) || got.Status != consultation.Closed {
			t.Errorf("%+v", got)
		}
		log, _ := s.AuditLog(ctx, store.AuditFilter{Action: "consultation.open"})
		if len(log) != 1 || !log[0].At.After(ymd(2026, 5, 1)) {
			t.Errorf("the audit trail records when it was recorded: %+v", log)
		}
	})
}
