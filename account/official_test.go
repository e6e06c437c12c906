package account

import (
	"slices"
	"testing"
)

func TestGrantableRoles(t *testing.T) {
	tests := []struct {
		kind string
		want []Role
	}{
		{"village", []Role{VillageHead, VillageFront}},
		{"ward", []Role{CommuneOfficer, CommuneChair, CommuneFront, InspectionBoard}},
		{"agency", []Role{AgencyAdmin}},
		{"enterprise", []Role{EnterpriseAdmin}},
		{"province", []Role{ProvinceOfficer, ProvinceAdmin, Supervisor}},
		{"county", nil},
	}
	for _, tc := range tests {
		if got := GrantableRoles(tc.kind); !slices.Equal(got, tc.want) {
			t.Errorf("GrantableRoles(%s) = %v, want %v", tc.kind, got, tc.want)
		}
	}
	if Citizen.Official() || HouseholdRep.Official() || Role("mayor").Official() || !Supervisor.Official() {
		t.Error("Official is wrong")
	}
}

func TestOutboxActions(t *testing.T) {
	if !AgencyAdmin.May(OutboxRetry) || !ProvinceAdmin.May(OutboxRetry) || Supervisor.May(OutboxRetry) || CommuneOfficer.May(OutboxRead) {
		t.Error("outbox actions")
	}
	if !Supervisor.May(OutboxRead) {
		t.Error("a supervisor reads the outbox, as every *.read")
	}
}
