// Package account holds who may sign in and what they may do: officials'
// and citizens' accounts, the roles granted to them on a unit, the password
// policy, and the one function that decides every request.
package account

import "coso"

// Role is a set of powers granted on one unit and covering its subtree.
type Role string

const (
	Citizen         Role = "citizen"
	HouseholdRep    Role = "household_rep" // derived from the household, not granted by hand
	VillageHead     Role = "village_head"
	VillageFront    Role = "village_front" // the village Front work board
	CommuneOfficer  Role = "commune_officer"
	CommuneChair    Role = "commune_chair"
	CommuneFront    Role = "commune_front" // the commune Fatherland Front committee
	InspectionBoard Role = "inspection_board"
	AgencyAdmin     Role = "agency_admin"
	EnterpriseAdmin Role = "enterprise_admin"
	ProvinceOfficer Role = "province_officer" // the province's citizen reception and inspectorate: second instances, escalations, denunciations against commune officials
	ProvinceAdmin   Role = "province_admin"
	Supervisor      Role = "supervisor" // People's Council and Fatherland Front: reads everything, changes nothing
)

// Unit kinds, spelled as place.Kind spells them. account imports no other
// domain package; a test checks these names against place.
const (
	kindProvince    = "province"
	kindCity        = "city"
	kindWard        = "ward"
	kindCommune     = "commune"
	kindSpecialZone = "special_zone"
	kindVillage     = "village"
	kindGroup       = "residential_group"
	kindAgency      = "agency"
	kindEnterprise  = "enterprise"
)

var (
	provinceLevel = []string{kindProvince, kindCity}
	communeLevel  = []string{kindWard, kindCommune, kindSpecialZone}
	grassroots    = []string{kindVillage, kindGroup}
	residential   = []string{kindVillage, kindGroup, kindWard, kindCommune, kindSpecialZone}
)

// roleRule says what a role is called, on which kinds of unit it may be
// granted, and whether signing in with it needs a TOTP code.
//
// TOTP: DESIGN.md "Security" and issue 3 require a second factor "for
// administrators and for anyone who can see petitions". Petitions and
// denunciations name the people who file them and the people they accuse,
// and an administrator can grant every other power, so a stolen password
// alone must not open either. The column below is that rule written out;
// a test checks it against the action table, so a role that later gains
// petition.read cannot silently keep signing in with a password alone.
type roleRule struct {
	VI, EN string
	On     []string // unit kinds the role may be granted on
	TOTP   bool
}

var roles = map[Role]roleRule{
	// role: {Vietnamese name, English name, granted on, TOTP}
	Citizen:         {"Công dân", "Citizen", residential, false},
	HouseholdRep:    {"Đại diện hộ gia đình", "Household representative", grassroots, false},
	VillageHead:     {"Trưởng thôn, tổ trưởng tổ dân phố", "Village head", grassroots, false},
	VillageFront:    {"Ban công tác Mặt trận ở thôn, tổ dân phố", "Village Front work board", grassroots, false},
	CommuneOfficer:  {"Cán bộ, công chức cấp xã", "Commune officer", communeLevel, true},                                                     // reads petitions
	CommuneChair:    {"Chủ tịch Ủy ban nhân dân cấp xã", "Commune chair", communeLevel, true},                                                // reads petitions
	CommuneFront:    {"Ủy ban Mặt trận Tổ quốc cấp xã", "Commune Fatherland Front", communeLevel, true},                                      // reads petitions
	InspectionBoard: {"Ban Thanh tra nhân dân", "People's Inspection Board", communeLevel, true},                                             // reads petitions
	AgencyAdmin:     {"Quản trị cơ quan, đơn vị", "Agency administrator", []string{kindAgency}, true},                                        // administrator, reads petitions
	EnterpriseAdmin: {"Quản trị doanh nghiệp", "Enterprise administrator", []string{kindEnterprise}, true},                                   // administrator, reads petitions
	ProvinceOfficer: {"Cán bộ tiếp công dân, thanh tra cấp tỉnh", "Province officer (citizen reception, inspectorate)", provinceLevel, true}, // reads petitions
	ProvinceAdmin:   {"Quản trị hệ thống cấp tỉnh", "Province administrator", provinceLevel, true},                                           // administrator
	Supervisor:      {"Giám sát (HĐND, Mặt trận Tổ quốc)", "Supervisor (People's Council, Fatherland Front)", provinceLevel, true},           // reads petitions
}

// Roles lists every role, the most local first.
func Roles() []Role {
	return []Role{Citizen, HouseholdRep, VillageHead, VillageFront, CommuneOfficer, CommuneChair, CommuneFront,
		InspectionBoard, AgencyAdmin, EnterpriseAdmin, ProvinceOfficer, ProvinceAdmin, Supervisor}
}

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	if _, ok := roles[Role(s)]; ok {
		return Role(s), nil
	}
	return "", coso.Invalid("role", "Vai trò không hợp lệ: %q.", "Unknown role %q.", s)
}

// Name returns the role's name in lang ("vi" or "en").
func (r Role) Name(lang string) string {
	if lang == "en" {
		return roles[r].EN
	}
	return roles[r].VI
}

// RequiresTOTP tells whether signing in with r needs a TOTP code.
func (r Role) RequiresTOTP() bool { return roles[r].TOTP }

// GrantableOn lists the unit kinds r may be granted on.
func (r Role) GrantableOn() []string { return append([]string(nil), roles[r].On...) }

// CheckUnitKind reports an error unless r may be granted on a unit of kind.
func (r Role) CheckUnitKind(kind string) error {
	rule, ok := roles[r]
	if !ok {
		_, err := ParseRole(string(r))
		return err
	}
	for _, k := range rule.On {
		if k == kind {
			return nil
		}
	}
	return coso.Invalid("unit", "Vai trò %[1]s không thể cấp trên đơn vị loại %[3]s.", "Role %[2]s cannot be granted on a unit of kind %[3]s.",
		rule.VI, rule.EN, kind)
}

// RequiresTOTP tells whether any active grant needs a TOTP code at sign-in.
func RequiresTOTP(grants []Grant) bool {
	for _, g := range grants {
		if g.Active() && g.Role.RequiresTOTP() {
			return true
		}
	}
	return false
}
