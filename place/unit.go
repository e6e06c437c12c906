// Package place holds the administrative units: the province, its communes
// and wards, their villages and residential groups, and the agencies and
// enterprises attached to them; and how units are renamed and merged.
package place

import (
	"time"

	"coso"
	"coso/viet"
)

// Kind is what sort of unit a unit is.
type Kind string

const (
	Province         Kind = "province"
	City             Kind = "city" // centrally governed city, a province-level unit
	Ward             Kind = "ward"
	Commune          Kind = "commune"
	SpecialZone      Kind = "special_zone"
	Village          Kind = "village"
	ResidentialGroup Kind = "residential_group"
	Agency           Kind = "agency"
	Enterprise       Kind = "enterprise"
)

// kindRule says, for each kind, its names and which kinds may be its parent
// (LAW.md "Administrative units": two tiers since 1 July 2025, villages and
// residential groups below a commune, agencies and enterprises attached to
// any unit).
type kindRule struct {
	VI, EN  string
	Parents []Kind
	Tier    int // 1 province level, 2 commune level, 3 below a commune, 0 attached
}

var kinds = map[Kind]kindRule{
	Province:         {"Tỉnh", "Province", nil, 1},
	City:             {"Thành phố trực thuộc trung ương", "Centrally governed city", nil, 1},
	Ward:             {"Phường", "Ward", []Kind{Province, City}, 2},
	Commune:          {"Xã", "Commune", []Kind{Province, City}, 2},
	SpecialZone:      {"Đặc khu", "Special zone", []Kind{Province, City}, 2},
	Village:          {"Thôn, bản, làng, ấp", "Village", []Kind{Commune, Ward, SpecialZone}, 3},
	ResidentialGroup: {"Tổ dân phố, khu phố", "Residential group", []Kind{Ward, Commune, SpecialZone}, 3},
	Agency:           {"Cơ quan, đơn vị", "Agency", []Kind{Province, City, Ward, Commune, SpecialZone}, 0},
	Enterprise:       {"Doanh nghiệp nhà nước", "State enterprise", []Kind{Province, City, Ward, Commune, SpecialZone}, 0},
}

// Kinds lists every kind in display order.
func Kinds() []Kind {
	return []Kind{Province, City, Ward, Commune, SpecialZone, Village, ResidentialGroup, Agency, Enterprise}
}

// ParseKind checks a kind name.
func ParseKind(s string) (Kind, error) {
	if _, ok := kinds[Kind(s)]; ok {
		return Kind(s), nil
	}
	return "", coso.Invalid("kind", "Loại đơn vị không hợp lệ: %q (province, city, ward, commune, special_zone, village, residential_group, agency, enterprise).",
		"Unknown unit kind %q (province, city, ward, commune, special_zone, village, residential_group, agency, enterprise).", s)
}

// Name returns the kind's name in lang ("vi" or "en").
func (k Kind) Name(lang string) string {
	if lang == "en" {
		return kinds[k].EN
	}
	return kinds[k].VI
}

// IsCommuneLevel tells whether k is a commune, ward or special zone.
func (k Kind) IsCommuneLevel() bool { return kinds[k].Tier == 2 }

// IsProvinceLevel tells whether k is a province or a centrally governed city.
func (k Kind) IsProvinceLevel() bool { return kinds[k].Tier == 1 }

// IsGrassroots tells whether k is a village or residential group.
func (k Kind) IsGrassroots() bool { return kinds[k].Tier == 3 }

// CanHaveParent tells whether a unit of kind k may sit under a unit of kind p.
func (k Kind) CanHaveParent(p Kind) bool {
	for _, q := range kinds[k].Parents {
		if q == p {
			return true
		}
	}
	return false
}

// Unit is one administrative unit, agency or enterprise.
type Unit struct {
	ID          int64
	Code        string // official code where one exists; made-up units get a derived code
	Name        string
	Kind        Kind
	ParentID    int64 // 0 for a province-level unit
	ParentCode  string
	Remote      bool      // in a remote area: longer legal clocks apply
	EndedOn     time.Time // zero while the unit exists
	SuccessorID int64     // set when the unit was merged into another
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Ended tells whether the unit no longer exists (merged or dissolved).
func (u *Unit) Ended() bool { return !u.EndedOn.IsZero() }

// Normalize puts every string of u into its stored form.
func (u *Unit) Normalize() {
	u.Code = viet.NFC(u.Code)
	u.Name = viet.NFC(u.Name)
	u.ParentCode = viet.NFC(u.ParentCode)
}

// Validate checks the unit on its own; the parent's kind is checked with
// ValidateParent once the parent is known.
func (u *Unit) Validate() error {
	u.Normalize()
	var errs coso.Errors
	if u.Code == "" {
		errs = append(errs, coso.Invalid("code", "Mã đơn vị không được để trống.", "Unit code is required."))
	} else if len(u.Code) > 32 || !codeChars(u.Code) {
		errs = append(errs, coso.Invalid("code", "Mã đơn vị chỉ gồm chữ số, chữ cái không dấu, dấu gạch ngang hoặc dấu chấm (tối đa 32 ký tự).",
			"Unit code may hold only digits, ASCII letters, '-' or '.' (at most 32 characters)."))
	}
	if u.Name == "" {
		errs = append(errs, coso.Invalid("name", "Tên đơn vị không được để trống.", "Unit name is required."))
	} else if len([]rune(u.Name)) > 200 {
		errs = append(errs, coso.Invalid("name", "Tên đơn vị dài quá 200 ký tự.", "Unit name is longer than 200 characters."))
	}
	if _, err := ParseKind(string(u.Kind)); err != nil {
		errs = append(errs, err.(*coso.Error))
	} else if u.Kind.IsProvinceLevel() && u.ParentCode != "" {
		errs = append(errs, coso.Invalid("parent_code", "Tỉnh, thành phố không có đơn vị cấp trên.", "A province-level unit has no parent."))
	} else if !u.Kind.IsProvinceLevel() && u.ParentCode == "" && u.ParentID == 0 {
		errs = append(errs, coso.Invalid("parent_code", "Cần mã đơn vị cấp trên.", "A parent unit code is required."))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

// ValidateParent checks that u may sit under parent.
func (u *Unit) ValidateParent(parent *Unit) error {
	if parent.Ended() {
		return coso.Invalid("parent_code", "Đơn vị cấp trên %s đã giải thể hoặc sáp nhập.", "Parent unit %s has ended (merged or dissolved).", parent.Code)
	}
	if !u.Kind.CanHaveParent(parent.Kind) {
		return coso.Invalid("parent_code", "Đơn vị loại %[1]s không thể trực thuộc đơn vị loại %[2]s.", "A %[3]s cannot sit under a %[4]s.",
			u.Kind.Name("vi"), parent.Kind.Name("vi"), u.Kind, parent.Kind)
	}
	return nil
}

func codeChars(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}
