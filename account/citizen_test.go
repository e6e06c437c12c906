package account

import "testing"

func TestCitizenGrants(t *testing.T) {
	// Not confirmed: reads and comments anywhere, acts for no household.
	g := CitizenGrants([]int64{1}, nil)
	if !Allowed(g, CommentWrite, 21, within) || Allowed(g, HouseholdAct, 11, within) {
		t.Errorf("unconfirmed citizen: %+v", g)
	}
	// Represents a household of village 11: acts there and nowhere else.
	g = CitizenGrants([]int64{1}, []int64{11})
	if !Allowed(g, HouseholdAct, 11, within) || Allowed(g, HouseholdAct, 12, within) || Allowed(g, HouseholdAct, 10, within) {
		t.Errorf("representative of a household in 11: %+v", g)
	}
	// No derived role reads the register or anything an official reads.
	for _, a := range []Action{HouseholdRead, PetitionRead, AuditRead, CitizenLink, UnitWrite} {
		if Allowed(g, a, 11, within) {
			t.Errorf("a citizen may %s", a)
		}
	}
	if len(CitizenGrants(nil, nil)) != 0 {
		t.Error("grants from nothing")
	}
}
