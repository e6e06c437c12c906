package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/household"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// peopleUnits is a province with two communes and a ward, their villages
// and a residential group.
const peopleUnits = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
14845,Xã Mường Lát,commune,38
14845.01,Bản Lát,village,14845
14845.02,Bản Poọng,village,14845
14848,Xã Tam Chung,commune,38
14848.01,Bản Tam,village,14848
14758,Phường Hàm Rồng,ward,38
14758.01,Tổ dân phố 1,residential_group,14758
`

// theDay is the store's today in these tests.
var theDay = time.Date(2025, 7, 15, 3, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone) }

// peopleStore imports the units and fixes the clock.
func peopleStore(t *testing.T, s *store.Store) map[string]int64 {
	t.Helper()
	s.SetClock(func() time.Time { return theDay })
	if _, err := importCSV(t, s, peopleUnits); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, code := range []string{"38", "14845", "14845.01", "14845.02", "14848", "14848.01", "14758", "14758.01"} {
		u, err := s.UnitByCode(context.Background(), code)
		if err != nil {
			t.Fatal(err)
		}
		ids[code] = u.ID
	}
	return ids
}

func thangFamily(village int64) *household.Household {
	h := &household.Household{Code: "14845.01-H0001", VillageID: village, Address: " Xóm 2 ", Members: []household.Member{
		{Person: household.Person{FullName: "Hà Va\u0306n Tha\u0306\u0301ng", BirthDate: day(1978, 3, 12), Sex: household.Male,
			CitizenID: "038 078 001234", Phone: "0912.345.678"}, Relation: "chủ hộ", Representative: true},
		{Person: household.Person{FullName: "Lò Thị Hoa", BirthDate: day(1981, 7, 2), Sex: household.Female, CitizenID: "038181004321"}, Relation: "vợ"},
		{Person: household.Person{FullName: "Hà Văn Nam", BirthDate: day(2010, 9, 15), Sex: household.Male}, Relation: "con"},
	}}
	for i := range h.Members {
		h.Members[i].Since = day(2020, 1, 1)
	}
	return h
}

// wantErr checks err's code and field (and line when line > 0).
func wantErr(t *testing.T, what string, err error, code coso.Code, field string) {
	t.Helper()
	e := coso.AsError(err)
	var es coso.Errors
	if errors.As(err, &es) && len(es) > 0 {
		e = es[0]
	}
	if err == nil || e.Code != code || e.Field != field || e.VI == "" || e.EN == "" {
		t.Errorf("%s: got %v (%+v), want %s on %s", what, err, e, code, field)
	}
}

func TestCreateAndReadHousehold(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		h := thangFamily(u["14845.01"])
		if err := s.CreateHousehold(ctx, h); err != nil {
			t.Fatal(err)
		}
		got, err := s.HouseholdByCode(ctx, "14845.01-H0001")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != h.ID || got.VillageCode != "14845.01" || got.CommuneID != u["14845"] || got.ProvinceID != u["38"] ||
			got.Address != "Xóm 2" || got.MemberCount != 3 || len(got.Members) != 3 || got.RepresentativeName != "Hà Văn Thắng" {
			t.Fatalf("household %+v", got)
		}
		rep := got.Members[0]
		if !rep.Representative || got.Members[1].Representative || rep.Person.Phone != "+84912345678" ||
			rep.Person.CitizenID != "038078001234" || rep.Person.BirthDate != day(1978, 3, 12) || !rep.Since.Equal(day(2020, 1, 1)) {
			t.Errorf("representative %+v", rep)
		}
		byID, _ := s.Household(ctx, h.ID)
		if byID == nil || byID.Code != h.Code {
			t.Errorf("Household(id) = %+v", byID)
		}
		p, err := s.PersonByCitizenID(ctx, "038078001234")
		if err != nil || p.FullName != "Hà Văn Thắng" {
			t.Errorf("by citizen ID: %+v %v", p, err)
		}
		p, err = s.PersonByPhone(ctx, "+84 912 345 678")
		if err != nil || p.ID != rep.Person.ID {
			t.Errorf("by phone: %+v %v", p, err)
		}
		if _, err := s.PersonByPhone(ctx, "0987 654 321"); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("unknown phone: %v", err)
		}
		if _, err := s.Person(ctx, 999999); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("unknown person: %v", err)
		}
		hist, err := s.RepresentativeHistory(ctx, h.ID)
		if err != nil || len(hist) != 1 || hist[0].PersonID != rep.Person.ID || !hist[0].To.IsZero() {
			t.Errorf("representative history %+v %v", hist, err)
		}
		for _, c := range []struct {
			f    store.HouseholdFilter
			want int
		}{
			{store.HouseholdFilter{VillageID: u["14845.01"]}, 1},
			{store.HouseholdFilter{VillageID: u["14845.02"]}, 0},
			{store.HouseholdFilter{CommuneID: u["14845"]}, 1},
			{store.HouseholdFilter{ProvinceID: u["38"], Query: "ha van thang"}, 1},
			{store.HouseholdFilter{Query: "THẮNG h0001"}, 1},
			{store.HouseholdFilter{Query: "14845.01-H0001"}, 1},
			{store.HouseholdFilter{Query: "hoa"}, 1},            // any current member's name is searched
			{store.HouseholdFilter{Query: "lo thi hoa xyz"}, 0}, // every word must be found
			{store.HouseholdFilter{AfterID: h.ID}, 0},
		} {
			list, err := s.Households(ctx, c.f)
			if err != nil || len(list) != c.want {
				t.Errorf("Households(%+v) = %d, %v; want %d", c.f, len(list), err, c.want)
			}
		}
		persons, err := s.Persons(ctx, store.PersonFilter{CommuneID: u["14845"], Query: "ha van"})
		if err != nil || len(persons) != 2 {
			t.Errorf("Persons: %d %v", len(persons), err)
		}

		wantErr(t, "same code", s.CreateHousehold(ctx, thangFamily(u["14845.02"])), coso.EConflict, "household_code")
		again := thangFamily(u["14845.01"])
		again.Code = "14845.01-H0002"
		again.Members = again.Members[:1]
		wantErr(t, "citizen ID taken", s.CreateHousehold(ctx, again), coso.EConflict, "citizen_id")
		again.Members[0].Person.CitizenID = ""
		again.VillageID = u["14845"]
		wantErr(t, "household in a commune", s.CreateHousehold(ctx, again), coso.EInvalid, "village")
		minor := thangFamily(u["14845.01"])
		minor.Code = "14845.01-H0003"
		minor.Members[0].Representative, minor.Members[2].Representative = false, true
		wantErr(t, "minor representative", s.CreateHousehold(ctx, minor), coso.EInvalid, "representative")
		if n, _ := s.CountHouseholds(ctx, u["14845.01"]); n != 1 {
			t.Errorf("%d households after refused creations", n)
		}

		h.Address, h.Code = "Xóm 3, Bản Lát", "14845.01-H0009"
		if err := s.UpdateHousehold(ctx, h); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Household(ctx, h.ID)
		if got.Address != "Xóm 3, Bản Lát" || got.Code != "14845.01-H0009" {
			t.Errorf("updated %+v", got)
		}
		h.VillageID = u["14845.02"]
		wantErr(t, "village change by update", s.UpdateHousehold(ctx, h), coso.EInvalid, "village")
		checkAuditHasNoPersonalData(t, s)
	})
}

// checkAuditHasNoPersonalData: audit lines name ids and codes, never names,
// phones or citizen IDs.
func checkAuditHasNoPersonalData(t *testing.T, s *store.Store) {
	t.Helper()
	rows, err := s.DB().Query("SELECT action, object, summary FROM audit_log")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var action, object, summary string
		if err := rows.Scan(&action, &object, &summary); err != nil {
			t.Fatal(err)
		}
		n++
		line := object + " " + summary
		for _, secret := range []string{"Thắng", "Hoa", "Nam", "912345678", "0912", "038078", "038181", "Bình", "Mai"} {
			if strings.Contains(line, secret) {
				t.Errorf("audit %s %q holds personal data %q", action, line, secret)
			}
		}
	}
	if n == 0 {
		t.Error("no audit lines")
	}
}

func TestRepresentativeRules(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		h := thangFamily(u["14845.01"])
		if err := s.CreateHousehold(ctx, h); err != nil {
			t.Fatal(err)
		}
		father, mother, son := h.Members[0].Person.ID, h.Members[1].Person.ID, h.Members[2].Person.ID

		wantErr(t, "remove the representative alone", s.RemoveMember(ctx, h.ID, father, household.Leave{Reason: "chết"}), coso.EInvalid, "new_representative")
		wantErr(t, "minor representative", s.SetRepresentative(ctx, h.ID, son, time.Time{}, "con trưởng"), coso.EInvalid, "representative")
		wantErr(t, "no reason", s.SetRepresentative(ctx, h.ID, mother, time.Time{}, " "), coso.EInvalid, "reason")
		wantErr(t, "future date", s.SetRepresentative(ctx, h.ID, mother, day(2025, 8, 1), "x"), coso.EInvalid, "on")
		outsider := thangFamily(u["14845.02"])
		outsider.Code = "14845.02-H0001"
		outsider.Members = []household.Member{{Person: household.Person{FullName: "Phạm Văn Bình", BirthDate: day(1960, 1, 1), Sex: household.Male},
			Relation: "chủ hộ", Representative: true}}
		if err := s.CreateHousehold(ctx, outsider); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "non-member", s.SetRepresentative(ctx, h.ID, outsider.Members[0].Person.ID, time.Time{}, "x"), coso.EInvalid, "person")

		// A minor cannot be made representative by a change of birth date either.
		p, _ := s.Person(ctx, father)
		p.BirthDate, p.CitizenID = day(2010, 1, 1), ""
		wantErr(t, "representative made a minor", s.UpdatePerson(ctx, p), coso.EInvalid, "representative")

		if err := s.SetRepresentative(ctx, h.ID, mother, day(2025, 7, 10), "chồng đi làm xa"); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveMember(ctx, h.ID, father, household.Leave{On: day(2025, 7, 12), Reason: "đi làm ăn xa"}); err != nil {
			t.Fatal(err)
		}
		hist, _ := s.RepresentativeHistory(ctx, h.ID)
		if len(hist) != 2 || hist[0].PersonID != father || !hist[0].To.Equal(day(2025, 7, 10)) ||
			hist[1].PersonID != mother || hist[1].Reason != "chồng đi làm xa" || !hist[1].To.IsZero() {
			t.Errorf("history %+v", hist)
		}
		all, _ := s.HouseholdMembers(ctx, h.ID, true)
		now, _ := s.HouseholdMembers(ctx, h.ID, false)
		if len(all) != 3 || len(now) != 2 || all[0].Until != day(2025, 7, 12) || all[0].LeaveReason != "đi làm ăn xa" || all[0].Representative {
			t.Errorf("members: all %+v now %d", all, len(now))
		}
		// Remove the representative naming the successor in the same change:
		// the son is a minor, so this is refused too.
		wantErr(t, "minor successor", s.RemoveMember(ctx, h.ID, mother, household.Leave{Reason: "x", NewRepresentativeID: son}), coso.EInvalid, "representative")

		// The last member leaving ends the household, which no longer counts.
		if n, _ := s.CountHouseholds(ctx, u["14845"]); n != 2 {
			t.Errorf("count before: %d", n)
		}
		if err := s.RemoveMember(ctx, outsider.ID, outsider.Members[0].Person.ID, household.Leave{Reason: "chết"}); err != nil {
			t.Fatal(err)
		}
		ended, _ := s.Household(ctx, outsider.ID)
		if !ended.Ended() || ended.RepresentativeID != 0 || ended.MemberCount != 0 {
			t.Errorf("household of its last member: %+v", ended)
		}
		if n, _ := s.CountHouseholds(ctx, u["14845"]); n != 1 {
			t.Errorf("count after: %d", n)
		}
		wantErr(t, "change an ended household", s.SetRepresentative(ctx, outsider.ID, outsider.Members[0].Person.ID, time.Time{}, "x"), coso.EConflict, "household")
		list, _ := s.Households(ctx, store.HouseholdFilter{WithEnded: true})
		if len(list) != 2 {
			t.Errorf("with ended: %d", len(list))
		}

		// A new adult member can take over.
		uncle := &household.Member{Person: household.Person{FullName: "Hà Văn Tiến", BirthDate: day(1985, 5, 5), Sex: household.Male}, Relation: "em", Representative: true, JoinReason: "về ở cùng"}
		if err := s.AddMember(ctx, h.ID, uncle); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Household(ctx, h.ID)
		if got.RepresentativeID != uncle.Person.ID || got.MemberCount != 3 {
			t.Errorf("after adding the uncle: %+v", got)
		}
		wantErr(t, "add a member of another household", s.AddMember(ctx, h.ID, &household.Member{Person: household.Person{ID: son}, Relation: "con"}), coso.EConflict, "person")
	})
}

func TestMoves(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		h := thangFamily(u["14845.01"])
		if err := s.CreateHousehold(ctx, h); err != nil {
			t.Fatal(err)
		}
		if err := s.MoveHousehold(ctx, h.ID, u["14848.01"], day(2025, 7, 14), "tái định cư"); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "move to a commune", s.MoveHousehold(ctx, h.ID, u["14845"], time.Time{}, "x"), coso.EInvalid, "village")
		moves, err := s.HouseholdMoves(ctx, h.ID)
		if err != nil || len(moves) != 1 || moves[0].FromVillageCode != "14845.01" || moves[0].ToVillageCode != "14848.01" ||
			moves[0].Reason != "tái định cư" || !moves[0].On.Equal(day(2025, 7, 14)) {
			t.Fatalf("moves %+v %v", moves, err)
		}
		got, _ := s.Household(ctx, h.ID)
		if got.VillageID != u["14848.01"] || got.CommuneID != u["14848"] {
			t.Errorf("moved household %+v", got)
		}
		if ps, _ := s.Persons(ctx, store.PersonFilter{CommuneID: u["14848"]}); len(ps) != 3 {
			t.Errorf("%d persons moved with the household", len(ps))
		}
		if n, _ := s.CountHouseholds(ctx, u["14845"]); n != 0 {
			t.Errorf("old commune still counts %d", n)
		}

		// The son marries into a household of the ward.
		other := &household.Household{Code: "14758.01-H0001", VillageID: u["14758.01"], Members: []household.Member{
			{Person: household.Person{FullName: "Trần Văn Bình", BirthDate: day(1970, 2, 2), Sex: household.Male}, Relation: "chủ hộ", Representative: true}}}
		if err := s.CreateHousehold(ctx, other); err != nil {
			t.Fatal(err)
		}
		son := h.Members[2].Person.ID
		if err := s.MovePerson(ctx, son, other.ID, "con rể", household.Leave{Reason: "kết hôn"}); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "move into the same household", s.MovePerson(ctx, son, other.ID, "con", household.Leave{Reason: "x"}), coso.EInvalid, "household")
		wantErr(t, "move the representative alone", s.MovePerson(ctx, h.Members[0].Person.ID, other.ID, "khác", household.Leave{Reason: "x"}), coso.EInvalid, "new_representative")
		ms, err := s.PersonMemberships(ctx, son)
		if err != nil || len(ms) != 2 || ms[0].HouseholdCode != h.Code || ms[0].Until.IsZero() || ms[0].LeaveReason != "kết hôn" ||
			ms[1].HouseholdCode != other.Code || !ms[1].Current() || ms[1].Relation != "con rể" || ms[1].JoinReason != "kết hôn" {
			t.Errorf("memberships %+v %v", ms, err)
		}
		if ps, _ := s.Persons(ctx, store.PersonFilter{VillageID: u["14758.01"]}); len(ps) != 2 {
			t.Errorf("%d persons in the residential group", len(ps))
		}
		first, _ := s.Household(ctx, h.ID)
		if first.MemberCount != 2 {
			t.Errorf("members left: %d", first.MemberCount)
		}

		// The wife moves with the representation handed to nobody else: she
		// is not the representative, so she simply leaves.
		if err := s.MovePerson(ctx, h.Members[1].Person.ID, other.ID, "khác", household.Leave{Reason: "về nhà con"}); err != nil {
			t.Fatal(err)
		}
		// The representative, now alone, moves too: his household ends.
		if err := s.MovePerson(ctx, h.Members[0].Person.ID, other.ID, "khác", household.Leave{Reason: "về nhà con"}); err != nil {
			t.Fatal(err)
		}
		first, _ = s.Household(ctx, h.ID)
		if !first.Ended() || first.EndReason != "về nhà con" {
			t.Errorf("household left by everyone: %+v", first)
		}
		if n, _ := s.CountHouseholds(ctx, u["38"]); n != 1 {
			t.Errorf("province counts %d households", n)
		}
		checkAuditHasNoPersonalData(t, s)
	})
}

func TestCountHouseholdsOverSubtrees(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		add := func(village, code string, n int) {
			for i := 1; i <= n; i++ {
				h := &household.Household{Code: code + "-" + string(rune('A'+i)), VillageID: u[village], Members: []household.Member{
					{Person: household.Person{FullName: "Lê Văn An", BirthDate: day(1970, 1, 1), Sex: household.Male}, Relation: "chủ hộ", Representative: true}}}
				if err := s.CreateHousehold(ctx, h); err != nil {
					t.Fatal(err)
				}
			}
		}
		add("14845.01", "V1", 3)
		add("14845.02", "V2", 2)
		add("14848.01", "V3", 4)
		add("14758.01", "G1", 1)
		for unit, want := range map[string]int{"14845.01": 3, "14845.02": 2, "14845": 5, "14848": 4, "14758": 1, "38": 10} {
			if n, err := s.CountHouseholds(ctx, u[unit]); err != nil || n != want {
				t.Errorf("CountHouseholds(%s) = %d, %v; want %d", unit, n, err, want)
			}
		}
		// Tam Chung merges into Mường Lát: its village and households follow.
		if err := s.MergeUnits(ctx, placeMerge("14845", "14848")); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountHouseholds(ctx, u["14845"]); n != 9 {
			t.Errorf("after the merger Mường Lát counts %d, want 9", n)
		}
		if list, _ := s.Households(ctx, store.HouseholdFilter{CommuneID: u["14845"]}); len(list) != 9 {
			t.Errorf("after the merger %d households carry Mường Lát's id", len(list))
		}
		// Bản Poọng merges into Bản Lát: its households move, with the move recorded.
		if err := s.MergeUnits(ctx, placeMerge("14845.01", "14845.02")); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountHouseholds(ctx, u["14845.01"]); n != 5 {
			t.Errorf("after the village merger Bản Lát counts %d, want 5", n)
		}
		moved, _ := s.HouseholdByCode(ctx, "V2-B")
		if moves, _ := s.HouseholdMoves(ctx, moved.ID); moved.VillageID != u["14845.01"] || len(moves) != 1 || moves[0].FromVillageCode != "14845.02" {
			t.Errorf("household of the merged village: %+v, moves %+v", moved, moves)
		}
	})
}

func placeMerge(successor, merged string) place.Merge {
	return place.Merge{SuccessorCode: successor, MergedCodes: []string{merged}, On: day(2025, 7, 1), Note: "test"}
}
