package store_test

import (
	"context"
	"strings"
	"testing"

	"coso/disclosure"
	"coso/store"
	"coso/store/storetest"
)

// countDisclosures counts the disclosures of a unit.
func countDisclosures(t *testing.T, s *store.Store, unit int64) int {
	t.Helper()
	var n int
	err := s.WriteForTest(context.Background(), func(tx *store.Tx) error {
		return tx.QueryRow("SELECT COUNT(*) FROM disclosures WHERE unit_id = $1", unit).Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Opening a consultation publishes its draft as a disclosure of category
// 11 (art. 11.11), dated the day it opened; again is a no-op. An agency's
// draft goes under A9.
func TestConsultationDraftDisclosure(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := setupConsultations(t, s)
		c := landPlan(u["14845"])
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PublishDraft(ctx, c.ID, ""); err == nil {
			t.Error("a draft not yet opened was published")
		}
		before := countDisclosures(t, s, u["14845"])
		if err := s.OpenConsultationOn(ctx, c.ID, ymd(2026, 3, 1), ymd(2026, 3, 25), "https://coso.example/consultations/1"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Consultation(ctx, c.ID)
		if err != nil || got.DraftDisclosureID == 0 {
			t.Fatalf("no draft disclosure kept: %v", err)
		}
		d, err := s.Disclosure(ctx, got.DraftDisclosureID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Category != "11" || d.Status != disclosure.Published || d.UnitID != u["14845"] ||
			!strings.HasPrefix(d.Title, "Lấy ý kiến nhân dân: Điều chỉnh quy hoạch") ||
			!strings.Contains(d.Body, "đến hết ngày 25/03/2026") || !strings.Contains(d.Body, "Điều 2") ||
			!strings.Contains(d.Body, "3,5 ha.") || !strings.Contains(d.Body, "https://coso.example/consultations/1") {
			t.Errorf("disclosure: %s %s %q\n%s", d.Category, d.Status, d.Title, d.Body)
		}
		if !d.PublishedOn.Equal(ymd(2026, 3, 1)) {
			t.Errorf("published on %v, want the opening day", d.PublishedOn)
		}
		again, err := s.PublishDraft(ctx, c.ID, "")
		if err != nil || again != got.DraftDisclosureID || countDisclosures(t, s, u["14845"]) != before+1 {
			t.Errorf("again: %d %v, %d disclosures", again, err, countDisclosures(t, s, u["14845"]))
		}

		a := staffRules(u["14845.A1"])
		if err := s.CreateConsultation(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := s.OpenConsultation(ctx, a.ID, ymd(2026, 3, 9)); err != nil {
			t.Fatal(err)
		}
		if got, err = s.Consultation(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if d, err = s.Disclosure(ctx, got.DraftDisclosureID); err != nil || d.Category != "A9" ||
			!strings.HasPrefix(d.Title, "Lấy ý kiến cán bộ, người lao động") || !strings.Contains(d.Body, "/consultations/") {
			t.Errorf("agency's draft: %v %+v", err, d)
		}
	})
}
