package store_test

import (
	"context"
	"strings"
	"testing"

	"coso/household"
	"coso/store"
	"coso/store/storetest"
)

func TestHouseholdCounts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		if _, err := importHouseholds(t, s, "14845.01", villageCSV); err != nil {
			t.Fatal(err)
		}
		one := "household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative\n" +
			"14758.01-H0001,,Trần Văn An,1970-01-01,nam,,,chủ hộ,x\n"
		if _, err := importHouseholds(t, s, "14758.01", one); err != nil {
			t.Fatal(err)
		}

		st, err := s.UnitStats(ctx, u["38"])
		if err != nil || st.Households != 4 || st.Communes != 3 || st.Villages != 4 {
			t.Errorf("province stats %+v %v", st, err)
		}
		for code, want := range map[string]int{"14845": 3, "14845.01": 3, "14845.02": 0, "14758": 1} {
			if st, err := s.UnitStats(ctx, u[code]); err != nil || st.Households != want {
				t.Errorf("UnitStats(%s) = %+v %v, want %d households", code, st, err, want)
			}
		}

		counts, err := s.ChildHouseholdCounts(ctx, u["38"])
		if err != nil || counts[u["14845"]] != 3 || counts[u["14758"]] != 1 || counts[u["14848"]] != 0 {
			t.Errorf("communes' counts %v %v", counts, err)
		}
		counts, err = s.ChildHouseholdCounts(ctx, u["14845"])
		if err != nil || counts[u["14845.01"]] != 3 || len(counts) != 1 {
			t.Errorf("villages' counts %v %v", counts, err)
		}

		vs, err := s.VillageCounts(ctx, []int64{u["14845"], u["14758.01"]}, "")
		if err != nil || len(vs) != 3 {
			t.Fatalf("VillageCounts %+v %v", vs, err)
		}
		// Sorted by commune then village: Phường Hàm Rồng before Xã Mường Lát.
		if vs[0].Village.Code != "14758.01" || vs[1].Village.Code != "14845.01" || vs[2].Village.Code != "14845.02" {
			t.Errorf("order %s %s %s", vs[0].Village.Code, vs[1].Village.Code, vs[2].Village.Code)
		}
		if vs[1].Households != 3 || vs[1].Persons != 7 || vs[1].Commune != "Xã Mường Lát" {
			t.Errorf("Bản Lát %+v", vs[1])
		}
		if vs, err := s.VillageCounts(ctx, []int64{u["38"]}, "ban poong"); err != nil || len(vs) != 1 || vs[0].Village.Code != "14845.02" {
			t.Errorf("search villages %+v %v", vs, err)
		}
		if vs, err := s.VillageCounts(ctx, nil, ""); err != nil || len(vs) != 0 {
			t.Errorf("no roots %+v %v", vs, err)
		}

		reg, err := s.VillageRegister(ctx, u["14845.01"])
		if err != nil || len(reg) != 3 {
			t.Fatalf("register %d %v", len(reg), err)
		}
		var b strings.Builder
		if err := household.WriteCSV(&b, reg); err != nil {
			t.Fatal(err)
		}
		// The export reads back as the file it came from: importing it changes nothing.
		res, err := importHouseholds(t, s, "14845.01", b.String())
		if err != nil || res.Changed() || res.Persons.Unchanged != 7 {
			t.Errorf("re-import of the export: %+v %v\n%s", res, err, b.String())
		}
	})
}
