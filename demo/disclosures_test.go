package demo_test

import (
	"context"
	"testing"

	"coso/demo"
	"coso/disclosure"
	"coso/store"
	"coso/store/storetest"
)

// The demo publishes every commune category, with the cases the pages
// must show: late, withdrawn, corrected, drafts due, a PDF to search and
// requests for information.
func TestDemoDisclosures(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		province, err := s.UnitByCode(ctx, demo.ProvinceCode)
		if err != nil {
			t.Fatal(err)
		}
		page, err := s.Disclosures(ctx, store.DisclosureFilter{UnitID: province.ID, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		cal, _ := s.Calendar(ctx)
		cats := map[string]bool{}
		var late, withdrawn, corrected int
		for _, h := range page.Hits {
			cats[h.Category] = true
			d, err := s.Disclosure(ctx, h.ID)
			if err != nil {
				t.Fatal(err)
			}
			if d.Timing(cal, s.Now()).State == disclosure.Late {
				late++
			}
			if d.Status == disclosure.Withdrawn {
				withdrawn++
			}
			if d.Corrected() {
				corrected++
			}
		}
		if len(cats) != 14 || late == 0 || withdrawn != 4 || corrected != 1 {
			t.Errorf("%d published: %d categories, %d late, %d withdrawn, %d corrected", len(page.Hits), len(cats), late, withdrawn, corrected)
		}
		drafts, _ := s.Disclosures(ctx, store.DisclosureFilter{UnitID: province.ID, Drafts: true})
		if len(drafts.Hits) != 8 {
			t.Errorf("%d drafts, want 8", len(drafts.Hits))
		}
		found, _ := s.Disclosures(ctx, store.DisclosureFilter{Query: "chi dau tu phat trien"})
		if len(found.Hits) != 1 {
			t.Errorf("the PDF's text is found %d times", len(found.Hits))
		}
		rs, _ := s.InfoRequests(ctx, store.InfoRequestFilter{PublicOnly: true})
		if len(rs) != 2 {
			t.Errorf("%d requests", len(rs))
		}
		// A second load changes nothing.
		if loaded, err := demo.Load(ctx, s); err != nil || loaded {
			t.Errorf("second load: %v %v", loaded, err)
		}
	})
}
