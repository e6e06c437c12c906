package store_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"coso"
	"coso/household"
	"coso/store"
	"coso/store/storetest"
)

// The generator's bulk path stores what the import stores for the same
// families: the same households, members, relations, dates and
// representatives, read back through the same functions.
func TestAddNewHouseholdsMatchesImport(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, imported *store.Store) {
		ctx := context.Background()
		bulk := storetest.SQLite(t)
		if imported.Dialect() == store.Postgres {
			bulk = storetest.Postgres(t)
		}
		families := func() []household.Household {
			r := rand.New(rand.NewPCG(7, 7))
			d := household.NewDistinct()
			var hs []household.Household
			for k := 1; k <= 25; k++ {
				h := household.RandomFamily(r, "14845.01", k)
				d.Fix(r, &h)
				hs = append(hs, h)
			}
			return hs
		}
		for _, s := range []*store.Store{imported, bulk} {
			setupDisclosures(t, s) // the units; the clock at a fixed day
		}
		var rows []household.Row
		for _, h := range families() {
			for j, m := range h.Members {
				row := household.Row{Line: len(rows) + 2, HouseholdCode: h.Code, Member: m}
				if j == 0 {
					row.Address = h.Address
				}
				rows = append(rows, row)
			}
		}
		if _, err := imported.ImportHouseholds(ctx, "14845.01", rows); err != nil {
			t.Fatal(err)
		}
		n, err := bulk.AddNewHouseholds(ctx, store.NewVillage{Code: "14845.01", Households: families()})
		if err != nil {
			t.Fatal(err)
		}
		if n != len(rows) {
			t.Errorf("%d persons stored, want %d", n, len(rows))
		}
		if got, want := readVillage(t, bulk), readVillage(t, imported); got != want {
			t.Errorf("the bulk path stored\n%s\nthe import stored\n%s", got, want)
		}
		// A village is filled once; later changes go through the import.
		if _, err := bulk.AddNewHouseholds(ctx, store.NewVillage{Code: "14845.01", Households: families()[:1]}); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("a second fill: %v", err)
		}
		// New rows after the bulk ones get fresh ids on both engines.
		more := []household.Row{{Line: 2, HouseholdCode: "14845.02-H0001", Member: household.Member{
			Person:   household.Person{FullName: "Lò Văn Mới", BirthDate: ymd(1980, 1, 1), Sex: household.Male},
			Relation: "chủ hộ", Representative: true}}}
		if _, err := bulk.ImportHouseholds(ctx, "14845.02", more); err != nil {
			t.Fatalf("an import after the bulk load: %v", err)
		}
	})
}

// readVillage renders the village's households and members without ids
// and timestamps.
func readVillage(t *testing.T, s *store.Store) string {
	ctx := context.Background()
	v, err := s.UnitByCode(ctx, "14845.01")
	if err != nil {
		t.Fatal(err)
	}
	hs, err := s.Households(ctx, store.HouseholdFilter{VillageID: v.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 25 {
		t.Fatalf("the village holds %d households, want 25", len(hs))
	}
	var out []any
	for _, h := range hs {
		full, err := s.HouseholdByCode(ctx, h.Code)
		if err != nil {
			t.Fatal(err)
		}
		var members []any
		for _, m := range full.Members {
			p := m.Person
			members = append(members, []any{p.FullName, p.BirthDate, p.Sex, p.CitizenID, p.Phone, m.Relation, m.Since, m.JoinReason, m.Representative})
		}
		out = append(out, []any{full.Code, full.Address, full.RepresentativeName, full.MemberCount, members})
	}
	b, _ := json.MarshalIndent(out, "", " ")
	return string(b)
}
