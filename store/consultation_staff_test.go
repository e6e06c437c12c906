package store_test

import (
	"context"
	"strings"
	"testing"

	"coso"
	"coso/consultation"
	"coso/store"
	"coso/store/storetest"
)

// staffRules is a school's draft spending rules put to its staff (art. 53).
func staffRules(unit int64) *consultation.Consultation {
	return &consultation.Consultation{UnitID: unit, Subject: consultation.AgencyRules, Audience: consultation.StaffAll,
		Title:    "Dự thảo quy chế chi tiêu nội bộ năm 2026",
		Sections: consultation.Split("Điều 1. Công tác phí\n200.000 đồng/ngày.\nĐiều 2. Văn phòng phẩm\nTheo định mức."),
		Forms:    []consultation.Form{consultation.Portal, consultation.Meeting, consultation.Sheet},
		ClosesOn: ymd(2026, 3, 9)}
}

// An agency consults its staff on its own subjects (art. 53–55), for the
// period it sets (LAW.md gives none); its staff are heard at meetings and
// on sheets, entered by its officials; citizens cannot comment.
func TestConsultationStaff(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := setupConsultations(t, s)

		// A commune cannot consult on an agency's subject, nor ask "staff".
		bad := staffRules(u["14845"])
		if err := s.CreateConsultation(ctx, bad); err == nil || firstErr(err).Field != "subject" {
			t.Errorf("commune on an agency subject: %v", err)
		}
		bad = landPlan(u["14845"])
		bad.Audience = consultation.StaffAll
		if err := s.CreateConsultation(ctx, bad); coso.AsError(err).Field != "audience" {
			t.Errorf("commune asking staff: %v", err)
		}
		bad = staffRules(u["14845.A1"])
		bad.Audience = consultation.WholeUnit
		if err := s.CreateConsultation(ctx, bad); coso.AsError(err).Field != "audience" {
			t.Errorf("agency asking the people: %v", err)
		}
		bad = staffRules(u["14845.A1"])
		bad.Forms = []consultation.Form{consultation.Portal}
		if err := s.CreateConsultation(ctx, bad); coso.AsError(err).Field != "forms" {
			t.Errorf("agency on the portal only: %v", err)
		}

		// Seven days are enough: no minimum for agencies.
		c := staffRules(u["14845.A1"])
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if err := s.OpenConsultation(ctx, c.ID, ymd(2026, 3, 9)); err != nil {
			t.Fatal(err)
		}
		got, err := s.Consultation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Subject != consultation.AgencyRules || got.Audience != consultation.StaffAll || got.Uses(consultation.Portal) ||
			got.UnitKind != "agency" || got.Status != consultation.Open || got.MinDays() != 0 {
			t.Fatalf("stored: subject %d, audience %s, forms %v, kind %s, status %s", got.Subject, got.Audience, got.Forms, got.UnitKind, got.Status)
		}
		list, err := s.Consultations(ctx, store.ConsultationFilter{UnitID: u["14845.A1"]})
		if err != nil || len(list) != 1 || list[0].Subject != consultation.AgencyRules {
			t.Fatalf("list: %v %v", list, err)
		}

		// A citizen's comment is refused with the reason.
		linked, _, _ := commenters(t, s)
		err = s.PostComment(ctx, c.ID, linked, &consultation.Opinion{Section: 1, Stance: consultation.Agree, Text: "Đồng ý"})
		if coso.AsError(err).Code != coso.EConflict || !strings.Contains(coso.AsError(err).VI, "hội nghị") {
			t.Errorf("citizen comment: %v", err)
		}

		// The school's official enters the staff meeting's opinion.
		o := &consultation.Opinion{Section: 2, Stance: consultation.Disagree, Channel: consultation.Meeting,
			Text: "Đề nghị tăng định mức văn phòng phẩm cho tổ chuyên môn.", ReceivedOn: ymd(2026, 3, 2),
			SourceNote: "Biên bản hội nghị cán bộ, viên chức ngày 02/3/2026"}
		tele := *o
		tele.Channel = consultation.Telecom
		if err := s.EnterOpinion(ctx, c.ID, &tele, nil); coso.AsError(err).Field != "channel" {
			t.Errorf("a staff opinion by the community's social network: %v", err)
		}
		if err := s.EnterOpinion(ctx, c.ID, o, nil); err != nil {
			t.Fatal(err)
		}
		at(s, ymd(2026, 3, 10))
		if err := s.CloseConsultation(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		r, err := s.ConsultationReport(ctx, c.ID)
		if all, _ := r.Groups(); err != nil || all != 1 {
			t.Fatalf("report: %v", err)
		}
	})
}
