package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/consultation"
	"coso/store"
	"coso/store/storetest"
)

// setupConsultations imports the communes of the disclosure tests and
// sets the clock to 2 March 2026.
func setupConsultations(t *testing.T, s *store.Store) map[string]int64 {
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

		// Refused: an agency, a village of another commune, 19 days.
		bad := landPlan(u["14845.A1"])
		if err := s.CreateConsultation(ctx, bad); coso.AsError(err).Field != "unit" {
			t.Errorf("agency: %v", err)
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
