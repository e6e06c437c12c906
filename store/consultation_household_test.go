package store_test

import (
	"context"
	"strings"
	"testing"

	"coso/consultation"
	"coso/household"
	"coso/store"
	"coso/store/storetest"
)

func family(t *testing.T, s *store.Store, code, village, name, phone string) {
	t.Helper()
	h := &household.Household{Code: code, VillageCode: village, Members: []household.Member{
		{Person: household.Person{FullName: name, BirthDate: ymd(1970, 1, 2), Sex: household.Male, Phone: phone},
			Relation: "chủ hộ", Representative: true, Since: ymd(2010, 1, 1)}}}
	if err := s.CreateHousehold(context.Background(), h); err != nil {
		t.Fatal(err)
	}
}

// A draft decision about named citizens (art. 25.8) records the
// households it concerns; when it opens their representatives are texted
// once through the outbox (art. 27).
func TestConsultationAffectedHouseholds(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := setupConsultations(t, s)
		family(t, s, "14845.01-H01", "14845.01", "Lò Văn Pọm", "0912 100 001")
		family(t, s, "14845.02-H07", "14845.02", "Hà Thị Lả", "0912 100 002")
		family(t, s, "14845.02-H08", "14845.02", "Vi Văn Khăm", "")
		family(t, s, "14846.01-H01", "14846.01", "Lương Văn Sáng", "0912 100 009")

		c := landPlan(u["14845"])
		c.Subject, c.Audience, c.AudienceNote = consultation.NamedCitizens, consultation.AffectedOnes, "Các hộ có đất trong hành lang suối Pù Toong"
		c.Households = []string{"14846.01-H01"}
		if err := s.CreateConsultation(ctx, c); err == nil || !strings.Contains(err.Error(), "14846.01-H01") {
			t.Errorf("a household of another commune: %v", err)
		}
		bad := landPlan(u["14845"])
		bad.Households = []string{"14845.01-H01"}
		if err := s.CreateConsultation(ctx, bad); firstErr(err).Field != "households" {
			t.Errorf("households with the whole commune asked: %v", err)
		}
		c.ID, c.Households = 0, []string{"14845.01-H01", " 14845.02-H07", "14845.02-H08", "14845.01-H01"}
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, err := s.Consultation(ctx, c.ID)
		if err != nil || strings.Join(got.Households, ",") != "14845.01-H01,14845.02-H07,14845.02-H08" {
			t.Fatalf("households: %v %v", got.Households, err)
		}
		if err := s.OpenConsultation(ctx, c.ID, ymd(2026, 3, 25)); err != nil {
			t.Fatal(err)
		}
		msgs, err := s.Outbox(ctx, store.OutboxFilter{Limit: 100})
		if err != nil || len(msgs) != 2 {
			t.Fatalf("messages: %d %v", len(msgs), err)
		}
		for _, m := range msgs {
			if !strings.Contains(m.Body, "Điều chỉnh quy hoạch") || !strings.Contains(m.Body, "25/03/2026") ||
				!strings.Contains(m.Body, "/consultations/") || (m.To != "+84912100001" && m.To != "+84912100002") {
				t.Errorf("message to %s: %s", m.To, m.Body)
			}
		}
		hs, err := s.AffectedHouseholds(ctx, c.ID)
		if err != nil || len(hs) != 3 || !hs[0].Notified || !hs[1].Notified || hs[2].Notified {
			t.Errorf("told: %+v %v", hs, err)
		}
		// Publishing the draft again tells nobody twice.
		if _, err := s.PublishDraft(ctx, c.ID, ""); err != nil {
			t.Fatal(err)
		}
		if msgs, _ := s.Outbox(ctx, store.OutboxFilter{Limit: 100}); len(msgs) != 2 {
			t.Errorf("%d messages after a retry", len(msgs))
		}
	})
}
