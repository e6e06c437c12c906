package demo

import (
	"context"
	"testing"

	"coso/petition"
	"coso/seal"
	"coso/store"
	"coso/store/storetest"
)

// The demo's cases cover every kind, an overdue case that escalates to the
// province, a denunciation against an official handled by the province,
// an extension and published answers.
func TestLoadPetitions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		line, _ := seal.NewLine("demo")
		k, err := seal.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		s.SetSealer(k)
		if _, err := Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		all, err := s.Petitions(ctx, store.PetitionFilter{})
		if err != nil || len(all) != len(demoCases) {
			t.Fatalf("%d cases, %v", len(all), err)
		}
		kinds := map[petition.Kind]bool{}
		extended, againstOfficial := false, false
		for _, c := range all {
			kinds[c.Kind] = true
			full, _ := s.Petition(ctx, c.ID)
			extended = extended || len(full.Extensions) == 1
			againstOfficial = againstOfficial || (c.AgainstUnitCode == "14758" && c.UnitCode == ProvinceCode)
		}
		if len(kinds) != 4 || !extended || !againstOfficial {
			t.Errorf("kinds %v, extended %t, against an official %t", kinds, extended, againstOfficial)
		}
		province, _ := s.UnitByCode(ctx, ProvinceCode)
		overdue, err := s.Petitions(ctx, store.PetitionFilter{Under: province.ID, Below: true, Overdue: true})
		if err != nil || len(overdue) != 1 || overdue[0].UnitCode != "14845" {
			t.Errorf("overdue in the province's queue: %d %v", len(overdue), err)
		}
		ward, _ := s.UnitByCode(ctx, "14758")
		pub, err := s.Petitions(ctx, store.PetitionFilter{Under: ward.ID, Published: true})
		if err != nil || len(pub) != 2 {
			t.Errorf("published cases: %d %v", len(pub), err)
		}
		sessions, err := s.Sessions(ctx, ward.ID, s.Now().AddDate(0, -2, 0), s.Now().AddDate(0, 3, 0))
		if err != nil || len(sessions) < 8 {
			t.Errorf("the ward's reception days: %d %v", len(sessions), err)
		}
		if reqs, err := s.ReceptionRequests(ctx, ward.ID); err != nil || len(reqs) != 3 || reqs[0].Status != petition.Requested {
			t.Errorf("requests for online reception: %d %v", len(reqs), err)
		}
		logged := 0
		for _, x := range sessions {
			logged += x.Cases
		}
		if logged != 1 {
			t.Errorf("cases logged at reception: %d", logged)
		}
		months := store.Months(s.Now(), 12)
		r, err := s.Ratings(ctx, ward.ID, months[0], months[11])
		if err != nil || r.Total.Count != 32 || len(r.ByMonth) < 4 {
			t.Errorf("ratings of the ward: %+v %v", r.Total, err)
		}
	})
}
