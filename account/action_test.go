package account

import (
	"testing"
	"time"

	"coso/place"
)

// A small tree: province 1; communes 10 (A) and 20 (B); villages 11, 12
// under A and 21 under B; agency 13 attached to A.
var parents = map[int64]int64{10: 1, 20: 1, 11: 10, 12: 10, 21: 20, 13: 10}

func within(unit, ancestor int64) bool {
	for id := unit; id != 0; id = parents[id] {
		if id == ancestor {
			return true
		}
	}
	return false
}

func TestAllowed(t *testing.T) {
	officerA := []Grant{{Role: CommuneOfficer, UnitID: 10}}
	headOf11 := []Grant{{Role: VillageHead, UnitID: 11}}
	supervisor := []Grant{{Role: Supervisor, UnitID: 1}}
	admin := []Grant{{Role: ProvinceAdmin, UnitID: 1}}
	revoked := []Grant{{Role: CommuneOfficer, UnitID: 10, RevokedAt: time.Now()}}
	adminOfB := []Grant{{Role: ProvinceAdmin, UnitID: 20}} // a mistaken grant still covers only its subtree
	tests := []struct {
		name   string
		grants []Grant
		action Action
		unit   int64
		want   bool
	}{
		{"officer of A on A", officerA, HouseholdWrite, 10, true},
		{"officer of A on a village of A", officerA, HouseholdRead, 11, true},
		{"officer of A on another village of A", officerA, PetitionRead, 12, true},
		{"officer of A on an agency of A", officerA, UnitRead, 13, true},
		{"officer of A on commune B", officerA, HouseholdRead, 20, false},
		{"officer of A on a village of B", officerA, HouseholdRead, 21, false},
		{"officer of A on the province", officerA, UnitRead, 1, false},
		{"officer may not manage accounts", officerA, AccountManage, 10, false},
		{"village head on own village", headOf11, HouseholdWrite, 11, true},
		{"village head on sibling village", headOf11, HouseholdRead, 12, false},
		{"village head on own commune", headOf11, HouseholdRead, 10, false},
		{"village head may not read petitions", headOf11, PetitionRead, 11, false},
		{"supervisor reads households", supervisor, HouseholdRead, 21, true},
		{"supervisor reads petitions", supervisor, PetitionRead, 11, true},
		{"supervisor reads the audit trail", supervisor, AuditRead, 1, true},
		{"supervisor may not write households", supervisor, HouseholdWrite, 21, false},
		{"supervisor may not answer petitions", supervisor, PetitionAnswer, 10, false},
		{"supervisor may not manage accounts", supervisor, AccountManage, 1, false},
		{"supervisor may not read an unknown action", supervisor, Action("secret.read"), 1, false},
		{"province admin writes units", admin, UnitWrite, 21, true},
		{"province admin manages accounts", admin, AccountManage, 13, true},
		{"province admin answers petitions", admin, PetitionAnswer, 12, true},
		{"province admin of a subtree only", adminOfB, UnitWrite, 10, false},
		{"revoked grant", revoked, HouseholdRead, 10, false},
		{"unknown action", admin, Action("unit.destroy"), 10, false},
		{"empty action", admin, Action(""), 10, false},
		{"no grants", nil, UnitRead, 10, false},
		{"public needs no grant", nil, Public, 0, true},
		{"unit 0 is denied", admin, UnitRead, 0, false},
		{"citizen comments", []Grant{{Role: Citizen, UnitID: 11}}, CommentWrite, 11, true},
		{"citizen does not act for a household", []Grant{{Role: Citizen, UnitID: 11}}, HouseholdAct, 11, false},
		{"household rep acts for a household", []Grant{{Role: HouseholdRep, UnitID: 11}}, HouseholdAct, 11, true},
		{"second grant allows", []Grant{revoked[0], {Role: CommuneOfficer, UnitID: 20}}, HouseholdRead, 21, true},
	}
	for _, tc := range tests {
		if got := Allowed(tc.grants, tc.action, tc.unit, within); got != tc.want {
			t.Errorf("%s: Allowed(%s on %d) = %t, want %t", tc.name, tc.action, tc.unit, got, tc.want)
		}
	}
	if Allowed(admin, UnitRead, 10, nil) {
		t.Error("a nil within must deny")
	}
}

// The TOTP column of the roles table must match the action table: every
// role that can read petitions, and every administrator, needs TOTP; no
// other role does (issue 3).
func TestTOTPMatchesPowers(t *testing.T) {
	for _, r := range Roles() {
		want := r.May(PetitionRead) || r.May(AccountManage)
		if r.RequiresTOTP() != want {
			t.Errorf("%s: RequiresTOTP = %t, but reads petitions or administers = %t", r, r.RequiresTOTP(), want)
		}
	}
}

func TestRolesTable(t *testing.T) {
	for _, r := range Roles() {
		if r.Name("vi") == "" || r.Name("en") == "" || len(r.GrantableOn()) == 0 {
			t.Errorf("role %s lacks a name or unit kinds", r)
		}
		for _, k := range r.GrantableOn() {
			if _, err := place.ParseKind(k); err != nil {
				t.Errorf("role %s names unit kind %q that place does not know", r, k)
			}
		}
	}
	if len(roles) != len(Roles()) {
		t.Errorf("Roles() lists %d roles, the table holds %d", len(Roles()), len(roles))
	}
	if _, err := ParseRole("mayor"); err == nil {
		t.Error("unknown role accepted")
	}
	cases := []struct {
		role Role
		kind place.Kind
		ok   bool
	}{
		{VillageHead, place.Village, true},
		{VillageHead, place.ResidentialGroup, true},
		{VillageHead, place.Commune, false},
		{CommuneOfficer, place.Ward, true},
		{CommuneChair, place.SpecialZone, true},
		{CommuneFront, place.Village, false},
		{InspectionBoard, place.Commune, true},
		{ProvinceAdmin, place.Province, true},
		{ProvinceAdmin, place.Commune, false},
		{Supervisor, place.City, true},
		{AgencyAdmin, place.Agency, true},
		{AgencyAdmin, place.Enterprise, false},
		{EnterpriseAdmin, place.Enterprise, true},
	}
	for _, c := range cases {
		if err := c.role.CheckUnitKind(string(c.kind)); (err == nil) != c.ok {
			t.Errorf("%s on %s: %v, want ok=%t", c.role, c.kind, err, c.ok)
		}
	}
}

func TestRequiresTOTP(t *testing.T) {
	if RequiresTOTP([]Grant{{Role: VillageHead, UnitID: 11}}) {
		t.Error("a village head needs no TOTP")
	}
	if !RequiresTOTP([]Grant{{Role: VillageHead, UnitID: 11}, {Role: CommuneOfficer, UnitID: 10}}) {
		t.Error("a commune officer needs TOTP")
	}
	if RequiresTOTP([]Grant{{Role: ProvinceAdmin, UnitID: 1, RevokedAt: time.Now()}}) {
		t.Error("a revoked grant counts")
	}
}

func TestRoots(t *testing.T) {
	g := []Grant{{Role: CommuneOfficer, UnitID: 10}, {Role: VillageHead, UnitID: 21}, {Role: CommuneChair, UnitID: 10}}
	if got := Roots(g, PetitionRead); len(got) != 1 || got[0] != 10 {
		t.Errorf("Roots(petition.read) = %v, want [10]", got)
	}
	if got := Roots(g, HouseholdRead); len(got) != 2 {
		t.Errorf("Roots(household.read) = %v, want [10 21]", got)
	}
}

func TestUserValidate(t *testing.T) {
	u := User{Username: " Nguyen.An ", DisplayName: "Nguyễn  An", Email: "An@Example.VN", Phone: "0912 345 678"}
	if err := u.Validate(); err != nil {
		t.Fatal(err)
	}
	if u.Username != "nguyen.an" || u.DisplayName != "Nguyễn An" || u.Email != "an@example.vn" || u.Phone != "0912345678" {
		t.Errorf("normalized: %+v", u)
	}
	bad := []struct {
		u     User
		field string
	}{
		{User{Username: "ab", DisplayName: "X"}, "username"},
		{User{Username: ".abc", DisplayName: "X"}, "username"},
		{User{Username: "nguyễn", DisplayName: "X"}, "username"},
		{User{Username: "abc"}, "display_name"},
		{User{Username: "abc", DisplayName: "X", Email: "not an address"}, "email"},
		{User{Username: "abc", DisplayName: "X", Phone: "12ab"}, "phone"},
	}
	for _, b := range bad {
		err := b.u.Validate()
		if err == nil {
			t.Errorf("%+v accepted", b.u)
			continue
		}
		if ce := asField(err); ce != b.field {
			t.Errorf("%+v: error on %q, want %q", b.u, ce, b.field)
		}
	}
}

// Issue 7: the province's officers handle what escalates from communes; a
// denouncer's identity is revealed only with the approval of a head of
// unit or the province's officer, never by a commune officer or a
// supervisor alone.
func TestPetitionActions(t *testing.T) {
	province := []Grant{{Role: ProvinceOfficer, UnitID: 1}}
	if !Allowed(province, PetitionAnswer, 10, within) || !Allowed(province, PetitionReveal, 11, within) || Allowed(province, HouseholdRead, 11, within) {
		t.Error("province officer")
	}
	for _, r := range []Role{CommuneOfficer, CommuneFront, InspectionBoard, Supervisor, VillageHead, Citizen} {
		if r.May(PetitionReveal) {
			t.Errorf("%s may approve a reveal", r)
		}
	}
	if !CommuneChair.May(PetitionReveal) || !ProvinceAdmin.May(PetitionReveal) {
		t.Error("heads of unit approve reveals")
	}
}
