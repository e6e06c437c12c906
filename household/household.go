package household

import (
	"fmt"
	"time"

	"coso"
	"coso/viet"
)

// Household is a household (hộ gia đình) living in a village or residential
// group. It casts one vote in village decisions, through its representative.
type Household struct {
	ID          int64
	Code        string // unique, e.g. "14845.01-H0001"
	VillageID   int64  // a unit of kind village or residential_group
	VillageCode string
	CommuneID   int64 // the village's commune-level unit (a partition key)
	ProvinceID  int64 // the province (a partition key)
	Address     string

	// RepresentativeID is the person who represents the household now.
	RepresentativeID   int64
	RepresentativeName string
	MemberCount        int // current members

	// Members are the current members when a household is created or read
	// on its own; lists leave it empty.
	Members []Member

	EndedOn   time.Time // zero while the household exists
	EndReason string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Ended tells whether the household no longer exists (its last member left).
func (h *Household) Ended() bool { return !h.EndedOn.IsZero() }

// Member is a person's membership of a household: current while Until is
// zero, past once the person left.
type Member struct {
	Person         Person
	Relation       string // to the head of household: "chủ hộ", "vợ", "con"…
	Representative bool   // the person represents the household now
	HouseholdID    int64
	HouseholdCode  string
	Since          time.Time // local date the person joined
	Until          time.Time // local date the person left; zero while a member
	JoinReason     string
	LeaveReason    string
}

// Current tells whether the membership has not ended.
func (m *Member) Current() bool { return m.Until.IsZero() }

// Representation is one period during which a person represented a household.
type Representation struct {
	ID          int64
	HouseholdID int64
	PersonID    int64
	PersonName  string
	From        time.Time
	To          time.Time // zero while current
	Reason      string    // why this person became the representative
}

// Move is a household's move from one village to another.
type Move struct {
	ID              int64
	HouseholdID     int64
	FromVillageID   int64
	FromVillageCode string
	ToVillageID     int64
	ToVillageCode   string
	On              time.Time
	Reason          string
	CreatedAt       time.Time
}

// Leave says when and why a person leaves a household. When the person
// represents it and others stay, NewRepresentativeID names who takes over;
// without one the change is refused. When the last member leaves, the
// household ends.
type Leave struct {
	On                  time.Time
	Reason              string
	NewRepresentativeID int64
}

// Relations commonly written in household registers, in Vietnamese.
var Relations = []string{"chủ hộ", "vợ", "chồng", "con", "con dâu", "con rể", "cháu", "bố", "mẹ", "ông", "bà", "anh", "chị", "em", "khác"}

// Normalize puts every string of h and its members into stored form.
func (h *Household) Normalize() {
	h.Code = viet.NFC(h.Code)
	h.VillageCode = viet.NFC(h.VillageCode)
	h.Address = viet.NFC(h.Address)
	for i := range h.Members {
		h.Members[i].Normalize()
	}
}

// Normalize puts the member's strings into stored form.
func (m *Member) Normalize() {
	m.Person.Normalize()
	m.Relation = viet.NFC(m.Relation)
	m.JoinReason = viet.NFC(m.JoinReason)
	m.LeaveReason = viet.NFC(m.LeaveReason)
}

// Validate checks the household's own fields (code, address), not its members.
func (h *Household) Validate() error {
	h.Normalize()
	var errs coso.Errors
	if err := CheckCode(h.Code); err != nil {
		errs = append(errs, err.(*coso.Error))
	}
	if len([]rune(h.Address)) > 300 {
		errs = append(errs, coso.Invalid("address", "Địa chỉ dài quá 300 ký tự.", "Address is longer than 300 characters."))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

// ValidateNew checks a household about to be created on the given date:
// its fields, every member, and exactly one representative who is an adult
// member on that date.
func (h *Household) ValidateNew(on time.Time) error {
	var errs coso.Errors
	add := func(err error) {
		var es coso.Errors
		switch e := err.(type) {
		case nil:
		case coso.Errors:
			es = e
		case *coso.Error:
			es = coso.Errors{e}
		default:
			es = coso.Errors{coso.AsError(err)}
		}
		errs = append(errs, es...)
	}
	add(h.Validate())
	if len(h.Members) == 0 {
		add(coso.Invalid("members", "Hộ phải có ít nhất một thành viên.", "A household needs at least one member."))
	}
	for i := range h.Members {
		add(inMember(h.Members[i].Validate(), i))
	}
	add(CheckDistinct(h.Members))
	add(h.checkRepresentative(on))
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

func (h *Household) checkRepresentative(on time.Time) error {
	var rep *Member
	for i := range h.Members {
		if !h.Members[i].Representative {
			continue
		}
		if rep != nil {
			return errTwoRepresentatives()
		}
		rep = &h.Members[i]
	}
	if rep == nil {
		return errNoRepresentative()
	}
	return CheckRepresentative(&rep.Person, on)
}

func errNoRepresentative() *coso.Error {
	return coso.Invalid("representative", "Hộ chưa có người đại diện (đánh dấu đúng một thành viên).",
		"The household has no representative (mark exactly one member).")
}

func errTwoRepresentatives() *coso.Error {
	return coso.Invalid("representative", "Hộ có hơn một người đại diện (chỉ đánh dấu một thành viên).",
		"The household has two or more representatives (mark exactly one member).")
}

// Validate checks the member's person and relation.
func (m *Member) Validate() error {
	m.Normalize() // normalises the person too
	err := m.Person.check()
	if m.Relation != "" && len([]rune(m.Relation)) <= 50 {
		return err
	}
	rel := coso.Invalid("relation", "Cần ghi quan hệ với chủ hộ (tối đa 50 ký tự), ví dụ: chủ hộ, vợ, con.",
		"The relation to the head of household is required (at most 50 characters), e.g. chủ hộ, vợ, con.")
	switch e := err.(type) {
	case nil:
		return rel
	case coso.Errors:
		return append(e, rel)
	default:
		return coso.Errors{coso.AsError(err), rel}
	}
}

// inMember names the member in each error's field: "members[2].phone".
func inMember(err error, i int) error {
	if err == nil {
		return nil
	}
	es, ok := err.(coso.Errors)
	if !ok {
		es = coso.Errors{coso.AsError(err)}
	}
	for _, e := range es {
		e.Field = fmt.Sprintf("members[%d].%s", i, e.Field)
	}
	return es
}

// CheckDistinct refuses the same person twice among members: the same
// citizen ID, or the same name (accents ignored) and birth date.
func CheckDistinct(ms []Member) error {
	seen := map[string]bool{}
	for _, m := range ms {
		for _, k := range []string{"id:" + m.Person.CitizenID, personKey(&m.Person)} {
			if k == "id:" {
				continue
			}
			if seen[k] {
				return coso.Invalid("members", "Một người được ghi hai lần trong hộ.", "The same person is listed twice in the household.")
			}
			seen[k] = true
		}
	}
	return nil
}

// personKey identifies a person within one household when no citizen ID is
// known: the folded name and the birth date.
func personKey(p *Person) string {
	return "name:" + viet.Fold(p.FullName) + "|" + dateKey(p.BirthDate)
}

// SamePerson tells whether a and b are the same person of one household by
// name (accents ignored) and birth date.
func SamePerson(a, b *Person) bool { return personKey(a) == personKey(b) }

func dateKey(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// CheckCode checks a household code: 1–40 ASCII letters, digits, '-', '.'
// or '_'.
func CheckCode(code string) error {
	ok := code != "" && len(code) <= 40
	for _, r := range code {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '.' || r == '_') {
			ok = false
		}
	}
	if !ok {
		return coso.Invalid("household_code",
			"Mã hộ gồm 1–40 ký tự: chữ số, chữ cái không dấu, '-', '.' hoặc '_' (ví dụ 14845.01-H0001).",
			"A household code has 1–40 characters: digits, ASCII letters, '-', '.' or '_' (e.g. 14845.01-H0001).")
	}
	return nil
}

// Code builds the conventional code of the n-th household of a village.
func Code(villageCode string, n int) string { return fmt.Sprintf("%s-H%04d", villageCode, n) }
