package api

import (
	"fmt"
	"testing"
	"time"

	"coso"
	"coso/household"
)

// A refused household names every bad field of every member at once:
// those the API reads (dates, sex) and those the domain checks.
func TestHouseholdInputErrors(t *testing.T) {
	in := HouseholdInput{Code: "bad code", VillageCode: "14845.01", Members: []MemberInput{
		{FullName: "Đinh Văn Tư", BirthDate: "31/02/1980", Sex: "x", Relation: "chủ hộ", Representative: true},
		{FullName: "", Sex: "female", Phone: "123", Relation: "vợ"},
		{PersonID: 7, Relation: "con"},
	}}
	h := &household.Household{Code: in.Code}
	var errs coso.Errors
	for i, mi := range in.Members {
		m, es := mi.member(fmt.Sprintf("members[%d].", i))
		errs = append(errs, es...)
		h.Members = append(h.Members, m)
	}
	got := map[string]int{}
	for _, e := range withChecks(errs, h.ValidateNew(time.Date(2025, 7, 1, 0, 0, 0, 0, coso.Zone))) {
		got[e.Field]++
		if e.VI == "" || e.EN == "" {
			t.Errorf("%s: message missing in one language", e.Field)
		}
	}
	for _, f := range []string{"household_code", "members[0].birth_date", "members[0].sex", "members[1].full_name", "members[1].phone"} {
		if got[f] != 1 {
			t.Errorf("field %s reported %d times; all: %v", f, got[f], got)
		}
	}
	if h.Members[2].Person.ID != 7 {
		t.Errorf("a stored person keeps its id: %+v", h.Members[2])
	}
}

func TestAPIHouseholdShape(t *testing.T) {
	h := &household.Household{Code: "14845.01-H0001", VillageCode: "14845.01", MemberCount: 1, Members: []household.Member{{
		Person:   household.Person{ID: 3, FullName: "Hà Văn Thắng", BirthDate: time.Date(1978, 3, 12, 0, 0, 0, 0, coso.Zone), Sex: household.Male, CitizenID: "038078001234", Phone: "+84912345678"},
		Relation: "chủ hộ", Representative: true, Since: time.Date(2020, 1, 1, 0, 0, 0, 0, coso.Zone)}}}
	out := apiHousehold(h)
	m := out.Members[0]
	if out.EndedOn != "" || m.BirthDate != "1978-03-12" || m.Since != "2020-01-01" || m.Sex != "male" || m.CitizenID != "038078001234" || !m.Representative {
		t.Errorf("%+v", out)
	}
	if _, err := optionalDate("on", "2025-02-30"); err == nil {
		t.Error("a date that does not exist was accepted")
	}
	if d, err := optionalDate("on", ""); err != nil || !d.IsZero() {
		t.Errorf("empty date: %v %v", d, err)
	}
}
