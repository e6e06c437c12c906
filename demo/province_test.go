package demo

import (
	"context"
	"reflect"
	"testing"

	"coso"
	"coso/seal"
	"coso/store"
	"coso/store/storetest"
)

// A small province: the counts add up, every village holds its households,
// the store says it is demo data, a second run is refused, and the same
// seed makes the same families.
func TestGenerate(t *testing.T) {
	sc := Scale{Communes: 2, VillagesPerCommune: 3, HouseholdsPerVillage: 7, DisclosuresPerCommune: 5, Seed: 42}
	families := map[string][]string{}
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		line, err := seal.NewLine("k1")
		if err != nil {
			t.Fatal(err)
		}
		keys, err := seal.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		s.SetSealer(keys)
		g, err := Generate(ctx, s, sc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if g.Communes != 2 || g.Villages != 6 || g.Households != 42 || g.Persons < 42 || g.Disclosures != 10 {
			t.Errorf("generated %+v", g)
		}
		// A year of the other parts: in each commune a consultation and a
		// recognised matter, in the first an online vote with ballots from
		// half of its second village, and petitions.
		if a := g.Activity; a.Consultations != 2 || a.Opinions == 0 || a.Matters != 3 || a.Ballots != 3 || a.Petitions < 6 {
			t.Errorf("activity %+v", a)
		}
		ward, err := s.UnitByCode(ctx, "14758")
		if err != nil {
			t.Fatal(err)
		}
		if cs, err := s.Consultations(ctx, store.ConsultationFilter{UnitID: ward.ID}); err != nil || len(cs) != 1 {
			t.Errorf("the ward's consultations: %d, %v", len(cs), err)
		}
		if fig, _, err := s.PetitionFigures(ctx, ward.ID, s.Now().AddDate(-1, 0, 0), s.Now()); err != nil || fig.Received < 3 || fig.Finished < 2 {
			t.Errorf("the ward's petition figures: %+v, %v", fig, err)
		}
		u, err := s.UnitByCode(ctx, "14758.03") // Thanh Hóa's first commune-level unit, third village
		if err != nil {
			t.Fatal(err)
		}
		if n, err := s.CountHouseholds(ctx, u.ID); err != nil || n != 7 {
			t.Errorf("village %s holds %d households (%v)", u.Code, n, err)
		}
		if demo, err := s.IsDemo(ctx); err != nil || !demo {
			t.Errorf("not marked as demo data: %v", err)
		}
		hs, err := s.Households(ctx, store.HouseholdFilter{VillageID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, h := range hs {
			names = append(names, h.Code+" "+h.Address)
		}
		families[t.Name()] = names
		if _, err := Generate(ctx, s, sc, nil); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("a second run: %v", err)
		}
	})
	var first []string
	for _, names := range families {
		if first != nil && !reflect.DeepEqual(first, names) {
			t.Errorf("two engines, one seed, different families:\n%v\n%v", first, names)
		}
		first = names
	}
}
