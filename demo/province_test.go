package demo

import (
	"context"
	"reflect"
	"testing"

	"coso"
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
		g, err := Generate(ctx, s, sc, nil)
		if err != nil {
			t.Fatal(err)
		}
		if g.Communes != 2 || g.Villages != 6 || g.Households != 42 || g.Persons < 42 || g.Disclosures != 10 {
			t.Errorf("generated %+v", g)
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
