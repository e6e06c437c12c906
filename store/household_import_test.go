package store_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"coso"
	"coso/household"
	"coso/store"
	"coso/store/storetest"
)

const villageCSV = `household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative
14845.01-H0001,"Xóm 2, Bản Lát",Hà Văn Thắng,12/03/1978,nam,038078001234,0912 345 678,chủ hộ,x
14845.01-H0001,,Lò Thị Hoa,1981-07-02,nữ,038181004321,,vợ,
14845.01-H0001,,Hà Văn Nam,2010-09-15,nam,,,con,
14845.01-H0002,Xóm 3,Lương Văn Bình,1955-01-20,nam,,,chủ hộ,x
14845.01-H0002,,Cầm Thị Hoà,1958-11-11,nữ,,,vợ,
14845.01-H0003,Xóm 1,Bùi Thị Mai,1990-06-06,nữ,038190000777,0362.111.222,chủ hộ,x
14845.01-H0003,,Bùi Văn Tùng,1994-04-04,nam,038094000888,,em,
`

func importHouseholds(t *testing.T, s *store.Store, village, text string) (household.ImportResult, error) {
	t.Helper()
	rows, err := household.ReadCSV(strings.NewReader(text))
	if err != nil {
		return household.ImportResult{}, err
	}
	return s.ImportHouseholds(context.Background(), village, rows)
}

func auditCount(t *testing.T, s *store.Store) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow("SELECT COUNT(*) FROM audit_log").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportHouseholds(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		res, err := importHouseholds(t, s, "14845.01", villageCSV)
		if err != nil {
			t.Fatal(err)
		}
		want := household.ImportResult{Households: household.Counts{Created: 3}, Persons: household.Counts{Created: 7}}
		if res != want {
			t.Fatalf("first import %+v", res)
		}
		audits := auditCount(t, s)
		res, err = importHouseholds(t, s, "14845.01", villageCSV)
		want = household.ImportResult{Households: household.Counts{Unchanged: 3}, Persons: household.Counts{Unchanged: 7}}
		if err != nil || res != want || res.Changed() {
			t.Fatalf("second import %+v %v", res, err)
		}
		if n := auditCount(t, s); n != audits {
			t.Errorf("an unchanged import wrote %d audit lines", n-audits)
		}
		if n, _ := s.CountHouseholds(ctx, u["14845"]); n != 3 {
			t.Errorf("%d households", n)
		}
		h, _ := s.HouseholdByCode(ctx, "14845.01-H0003")
		if h.RepresentativeName != "Bùi Thị Mai" || h.Address != "Xóm 1" || len(h.Members) != 2 || h.Members[0].Person.Phone != "+84362111222" {
			t.Errorf("imported %+v", h)
		}

		// The village updates its list: a new phone, a new baby, a citizen
		// ID for the son (matched by name and birth date, another tone
		// placement of "Hòa"), a new representative, a new address.
		changed := strings.NewReplacer(
			"0912 345 678,chủ hộ", "0987 654 321,chủ hộ",
			"Hà Văn Nam,2010-09-15,nam,,", "Hà Văn Nam,2010-09-15,nam,038210000123,",
			"Cầm Thị Hoà,1958-11-11,nữ,,,vợ,", "Cầm Thị Hòa,1958-11-11,nữ,,,vợ,",
			"0362.111.222,chủ hộ,x", "0362.111.222,chủ hộ,",
			"038094000888,,em,", "038094000888,,em,x",
			"Xóm 3,Lương", "Xóm 4,Lương",
		).Replace(villageCSV) + "14845.01-H0001,,Hà Thị Na,2025-01-30,nữ,,,con,\n"
		res, err = importHouseholds(t, s, "14845.01", changed)
		want = household.ImportResult{Households: household.Counts{Updated: 3}, Persons: household.Counts{Created: 1, Updated: 3, Unchanged: 4}}
		if err != nil || res != want {
			t.Fatalf("changed import %+v %v", res, err)
		}
		h, _ = s.HouseholdByCode(ctx, "14845.01-H0003")
		hist, _ := s.RepresentativeHistory(ctx, h.ID)
		if h.RepresentativeName != "Bùi Văn Tùng" || len(hist) != 2 || hist[1].Reason != "import" || hist[0].To.IsZero() {
			t.Errorf("new representative: %+v, history %+v", h, hist)
		}
		if p, err := s.PersonByCitizenID(ctx, "038210000123"); err != nil || p.FullName != "Hà Văn Nam" {
			t.Errorf("son's citizen ID: %+v %v", p, err)
		}
		if p, err := s.PersonByPhone(ctx, "0987654321"); err != nil || p.FullName != "Hà Văn Thắng" {
			t.Errorf("new phone: %+v %v", p, err)
		}
		h, _ = s.HouseholdByCode(ctx, "14845.01-H0001")
		if len(h.Members) != 4 {
			t.Errorf("members after the birth: %d", len(h.Members))
		}
		res, err = importHouseholds(t, s, "14845.01", changed)
		if err != nil || res.Changed() || res.Households.Unchanged != 3 || res.Persons.Unchanged != 8 {
			t.Errorf("changed file imported again: %+v %v", res, err)
		}
		// Members missing from a file stay.
		if _, err := importHouseholds(t, s, "14845.01", strings.Join(strings.Split(changed, "\n")[:2], "\n")); err != nil {
			t.Fatal(err)
		}
		if h, _ = s.HouseholdByCode(ctx, "14845.01-H0001"); len(h.Members) != 4 {
			t.Errorf("a partial file removed members: %d left", len(h.Members))
		}
		checkAuditHasNoPersonalData(t, s)
	})
}

func TestImportHouseholdsAllOrNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		cases := []struct {
			name, village, text string
			line                int
			field               string
		}{
			{"bad row", "14845.01", villageCSV + "14845.01-H0004,,Ngô Văn Hải,1970-13-01,nam,,,chủ hộ,x\n", 9, "birth_date"},
			{"minor representative", "14845.01", villageCSV + "14845.01-H0004,,Ngô Văn Hải,2015-01-01,nam,,,chủ hộ,x\n", 9, "representative"},
			{"representative of unknown age", "14845.01", villageCSV + "14845.01-H0004,,Ngô Văn Hải,,nam,,,chủ hộ,x\n", 9, "representative"},
			{"no representative", "14845.01", villageCSV + "14845.01-H0004,,Ngô Văn Hải,1970-01-01,nam,,,chủ hộ,\n", 9, "representative"},
			{"not a village", "14845", villageCSV, 0, "village"},
			{"unknown village", "99", villageCSV, 0, "village"},
		}
		for _, c := range cases {
			_, err := importHouseholds(t, s, c.village, c.text)
			checkLineError(t, c.name, err, c.line, c.field)
			if n, _ := s.CountHouseholds(ctx, u["38"]); n != 0 {
				t.Fatalf("%s: %d households stored by a failed import", c.name, n)
			}
			if ps, _ := s.Persons(ctx, store.PersonFilter{}); len(ps) != 0 {
				t.Fatalf("%s: %d persons stored by a failed import", c.name, len(ps))
			}
		}

		// Conflicts with what is stored are line errors too.
		if _, err := importHouseholds(t, s, "14845.01", villageCSV); err != nil {
			t.Fatal(err)
		}
		other := "household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative\n" +
			"14845.02-H0001,,Đinh Văn Sơn,1980-01-01,nam,,,chủ hộ,x\n" +
			"14845.02-H0001,,Lò Thị Hoa,1981-07-02,nữ,038181004321,,vợ,\n" // a member of 14845.01-H0001
		_, err := importHouseholds(t, s, "14845.02", other)
		checkLineError(t, "citizen ID of another household", err, 3, "citizen_id")
		_, err = importHouseholds(t, s, "14845.02", villageCSV)
		checkLineError(t, "household of another village", err, 2, "household_code")
		if es, _ := err.(coso.Errors); len(es) != 3 || es[1].Line != 5 || es[2].Line != 7 {
			t.Errorf("households of another village: %v, want one error on each household's first line", err)
		}
		if n, _ := s.CountHouseholds(ctx, u["14845.02"]); n != 0 {
			t.Errorf("%d households in 14845.02 after failed imports", n)
		}
	})
}

// checkLineError checks the first error of err.
func checkLineError(t *testing.T, what string, err error, line int, field string) {
	t.Helper()
	var e *coso.Error
	switch x := err.(type) {
	case coso.Errors:
		e = x[0]
	case *coso.Error:
		e = x
	default:
		t.Errorf("%s: got %v, want an error on line %d field %s", what, err, line, field)
		return
	}
	if e.Line != line || e.Field != field || e.Code != coso.EInvalid || e.VI == "" || e.EN == "" {
		t.Errorf("%s: got %+v, want line %d field %s", what, e, line, field)
	}
}

// Generated families pass every rule of the store, and a file written from
// them imports once and then changes nothing.
func TestImportGeneratedFamilies(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		r := rand.New(rand.NewPCG(38, 14845))
		d := household.NewDistinct()
		var hs []household.Household
		persons := 0
		for n := 1; n <= 40; n++ {
			h := household.RandomFamily(r, "14845.01", n)
			d.Fix(r, &h)
			hs = append(hs, h)
			persons += len(h.Members)
		}
		one := hs[0]
		one.Members = append([]household.Member(nil), hs[0].Members...)
		one.VillageID = u["14845.02"]
		one.Code = "14845.02-H0001"
		for i := range one.Members {
			one.Members[i].Person.CitizenID = "" // the same people cannot be in two households
		}
		if err := s.CreateHousehold(ctx, &one); err != nil {
			t.Fatalf("CreateHousehold(generated): %v", err)
		}
		var buf strings.Builder
		if err := household.WriteCSV(&buf, hs); err != nil {
			t.Fatal(err)
		}
		res, err := importHouseholds(t, s, "14845.01", buf.String())
		if err != nil || res.Households.Created != 40 || res.Persons.Created != persons {
			t.Fatalf("import of generated families: %+v %v", res, err)
		}
		res, err = importHouseholds(t, s, "14845.01", buf.String())
		if err != nil || res.Changed() || res.Persons.Unchanged != persons {
			t.Fatalf("second import of generated families: %+v %v", res, err)
		}
		if n, _ := s.CountHouseholds(ctx, u["14845"]); n != 41 {
			t.Errorf("%d households in the commune, want 41", n)
		}
	})
}
