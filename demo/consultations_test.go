package demo

import (
	"context"
	"testing"

	"coso/auth"
	"coso/consultation"
	"coso/store"
	"coso/store/storetest"
)

func TestDemoConsultations(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		old := auth.Params
		auth.Params.Memory, auth.Params.Time = 1024, 1 // the accounts are not under test
		t.Cleanup(func() { auth.Params = old })
		if _, err := Accounts(ctx, s); err != nil { // the school and the company, with their drafts
			t.Fatal(err)
		}
		all, err := s.Consultations(ctx, store.ConsultationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		count := map[consultation.Status]int{}
		for _, c := range all {
			count[c.Status]++
		}
		// Open: the ward's regulation, the school's and the company's
		// drafts for their staff, the ward's decision about named households.
		if count[consultation.Open] != 4 || count[consultation.Draft] != 1 || count[consultation.Closed] != 1 || count[consultation.Answered] != 1 {
			t.Errorf("demo consultations by status: %v", count)
		}
		open, _ := s.Consultations(ctx, store.ConsultationFilter{Status: consultation.Open})
		kinds := map[string]*consultation.Consultation{}
		for _, c := range open {
			kinds[c.UnitKind+"/"+string(c.Audience)] = c
		}
		reg := kinds["ward/unit"]
		if reg == nil || !reg.Accepting(s.Now()) || reg.UnitCode != "14758" || reg.DraftDisclosureID == 0 {
			t.Fatalf("the ward's regulation is open today, its draft published: %+v", reg)
		}
		checkDemoOpinions(t, s, reg.ID)
		if c := kinds["agency/staff"]; c == nil || c.Accepting(s.Now()) || c.Subject != consultation.AgencyRules {
			t.Errorf("the school asks its staff: %+v", c)
		} else if ops, _ := s.Opinions(ctx, c.ID, store.OpinionFilter{Section: store.AllSections}); len(ops) != 2 {
			t.Errorf("the school's staff opinions: %d", len(ops))
		}
		if c := kinds["enterprise/workers"]; c == nil || c.Subject != consultation.EnterpriseSafety {
			t.Errorf("the company asks its workers: %+v", c)
		}
		named := kinds["ward/affected"]
		if named == nil {
			t.Fatal("no draft about named households")
		}
		if hs, err := s.AffectedHouseholds(ctx, named.ID); err != nil || len(hs) != 4 {
			t.Errorf("named households: %+v %v", hs, err)
		}
		closed, _ := s.Consultations(ctx, store.ConsultationFilter{Status: consultation.Closed})
		gs, err := s.OpinionGroups(ctx, closed[0].ID)
		if err != nil || len(gs) == 0 || gs[len(gs)-1].Count != 36 {
			t.Errorf("the campaign is one group of 36: %v", err)
			for _, g := range gs {
				t.Logf("group §%d %s ×%d %q", g.Section, g.Stance, g.Count, g.Text)
			}
		}
		answered, _ := s.Consultations(ctx, store.ConsultationFilter{Status: consultation.Answered})
		if d, err := s.Disclosure(ctx, answered[0].DisclosureID); err != nil || d.Category != "11" || d.Status != "published" {
			t.Errorf("the answered consultation's disclosure: %+v %v", d, err)
		}
	})
}

func checkDemoOpinions(t *testing.T, s *store.Store, id int64) {
	t.Helper()
	ops, err := s.Opinions(context.Background(), id, store.OpinionFilter{Section: store.AllSections})
	if err != nil || len(ops) != len(regulationOpinions) {
		t.Fatalf("%d opinions on the open consultation (%v)", len(ops), err)
	}
	hidden, named, letters := 0, 0, 0
	for _, o := range ops {
		if o.IsHidden() {
			hidden++
		}
		if o.ShowName && o.AuthorName != "" {
			named++
		}
		if o.FileID != 0 {
			letters++
		}
	}
	if hidden != 1 || named != 2 || letters != 1 {
		t.Errorf("hidden %d, named %d, letters %d", hidden, named, letters)
	}
}
