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
		if count[consultation.Open] != 1 || count[consultation.Draft] != 1 || count[consultation.Closed]+count[consultation.Answered] != 1 {
			t.Errorf("demo consultations by status: %v", count)
		}
		open, _ := s.Consultations(ctx, store.ConsultationFilter{Status: consultation.Open})
		if len(open) != 1 || !open[0].Accepting(s.Now()) || open[0].UnitCode != "14758" {
			t.Errorf("the ward's regulation is open today: %+v", open)
		}
	})
}
