package demo

import (
	"context"
	"testing"

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
		all, err := s.Consultations(ctx, store.ConsultationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		count := map[consultation.Status]int{}
		for _, c := range all {
			count[c.Status]++
		}
		if count[consultation.Open] != 1 || count[consultation.Draft] != 1 || count[consultation.Closed] != 1 || count[consultation.Answered] != 1 {
			t.Errorf("demo consultations by status: %v", count)
		}
		open, _ := s.Consultations(ctx, store.ConsultationFilter{Status: consultation.Open})
		if len(open) != 1 || !open[0].Accepting(s.Now()) || open[0].UnitCode != "14758" {
			t.Errorf("the ward's regulation is open today: %+v", open)
		}
		checkDemoOpinions(t, s, open[0].ID)
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
