// Package household holds the people of a village: persons, the households
// they live in, each household's one representative (who votes for it at
// village meetings and ballots, LAW.md "Decisions"), and how households and
// persons move. Nothing here is ever deleted: a person leaving a household,
// a change of representative and a move are kept as history.
package household

import (
	"strings"
	"time"
	"unicode"

	"coso"
	"coso/viet"
)

// Sex is a person's sex as recorded in the civil registry.
type Sex string

const (
	Male   Sex = "male"
	Female Sex = "female"
)

// ParseSex reads a sex as written in Vietnamese or English: nam/nữ,
// male/female, m/f.
func ParseSex(s string) (Sex, error) {
	switch viet.Fold(s) {
	case "nam", "male", "m":
		return Male, nil
	case "nu", "female", "f":
		return Female, nil
	}
	return "", coso.Invalid("sex", "Giới tính phải là nam hoặc nữ: %q.", "Sex must be male or female (nam/nữ): %q.", s)
}

// Name returns the sex's name in lang ("vi" or "en").
func (s Sex) Name(lang string) string {
	switch {
	case lang == "en":
		return string(s)
	case s == Female:
		return "Nữ"
	default:
		return "Nam"
	}
}

// AdultAge is the age of adulthood (Civil Code 2015 art. 20). A household's
// representative, who casts its vote, must be an adult (Law 10/2022/QH15
// on grassroots democracy, art. 15–17, as LAW.md "Dân quyết" sums up).
const AdultAge = 18

// earliestBirth bounds birth dates: the citizen ID century code starts at 1900.
var earliestBirth = time.Date(1900, 1, 1, 0, 0, 0, 0, coso.Zone)

// Person is one resident.
type Person struct {
	ID        int64
	FullName  string
	BirthDate time.Time // a local date; zero when unknown
	Sex       Sex
	CitizenID string // 12 digits, or empty
	Phone     string // "+84912345678", or empty
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Normalize puts every string of p into its stored form; a phone or
// citizen ID that cannot be read is left for Validate to report.
func (p *Person) Normalize() {
	p.FullName = viet.NFC(p.FullName)
	if sex, err := ParseSex(string(p.Sex)); err == nil {
		p.Sex = sex
	}
	p.CitizenID = strings.Join(strings.Fields(p.CitizenID), "")
	p.Phone = strings.TrimSpace(p.Phone)
	if n, err := viet.NormalizePhone(p.Phone); err == nil {
		p.Phone = n
	}
	if !p.BirthDate.IsZero() {
		y, m, d := p.BirthDate.Date()
		p.BirthDate = time.Date(y, m, d, 0, 0, 0, 0, coso.Zone)
	}
}

// Validate normalises p and checks every field, returning all problems.
func (p *Person) Validate() error {
	p.Normalize()
	return p.check()
}

// check checks every field of a normalised person.
func (p *Person) check() error {
	var errs coso.Errors
	add := func(err error) {
		if err != nil {
			errs = append(errs, coso.AsError(err))
		}
	}
	add(checkName(p.FullName))
	if _, err := ParseSex(string(p.Sex)); err != nil {
		add(coso.Invalid("sex", "Cần ghi giới tính (nam hoặc nữ).", "Sex is required (male or female)."))
	}
	add(checkBirthDate(p.BirthDate))
	if p.Phone != "" {
		_, err := viet.NormalizePhone(p.Phone)
		add(err)
	}
	if p.CitizenID != "" {
		add(p.checkCitizenID())
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

func checkName(name string) error {
	if name == "" {
		return coso.Invalid("full_name", "Cần ghi họ và tên.", "Full name is required.")
	}
	if len([]rune(name)) > 100 {
		return coso.Invalid("full_name", "Họ và tên dài quá 100 ký tự.", "Full name is longer than 100 characters.")
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !strings.ContainsRune(" -'.", r) {
			return coso.Invalid("full_name", "Họ và tên chỉ gồm chữ cái: %q.", "A full name holds only letters: %q.", name)
		}
	}
	return nil
}

func checkBirthDate(d time.Time) error {
	if d.IsZero() {
		return nil
	}
	if d.Before(earliestBirth) {
		return coso.Invalid("birth_date", "Ngày sinh phải từ năm 1900 trở đi.", "Birth date must be in 1900 or later.")
	}
	if d.After(coso.Now().In(coso.Zone)) {
		return coso.Invalid("birth_date", "Ngày sinh không thể ở tương lai.", "Birth date cannot be in the future.")
	}
	return nil
}

// checkCitizenID decodes the number and checks that it fits the person:
// the sex digit always, the century and year when the birth date is known.
func (p *Person) checkCitizenID() error {
	id, err := viet.ParseCitizenID(p.CitizenID)
	if err != nil {
		return err
	}
	if p.Sex == Male && id.Female || p.Sex == Female && !id.Female {
		return coso.Invalid("citizen_id",
			"Số định danh %[1]s: chữ số thứ tư không khớp giới tính %[2]s.",
			"Citizen ID %[1]s: the fourth digit does not match sex %[3]s.", id.Number, strings.ToLower(p.Sex.Name("vi")), p.Sex)
	}
	if p.BirthDate.IsZero() {
		return nil
	}
	if y := p.BirthDate.Year(); id.BirthYear() != y {
		return coso.Invalid("citizen_id",
			"Số định danh %s ghi năm sinh %d, khác ngày sinh (%d).",
			"Citizen ID %s encodes birth year %d, not the birth date's %d.", id.Number, id.BirthYear(), y)
	}
	return nil
}

// Age is p's age in whole years on the given date, -1 when the birth date
// is unknown.
func (p *Person) Age(on time.Time) int {
	if p.BirthDate.IsZero() {
		return -1
	}
	by, bm, bd := p.BirthDate.Date()
	y, m, d := on.In(coso.Zone).Date()
	age := y - by
	if m < bm || m == bm && d < bd {
		age--
	}
	return age
}

// CheckRepresentative tells whether p may represent a household on the
// given date: p must be known to be an adult.
func CheckRepresentative(p *Person, on time.Time) error {
	if p.BirthDate.IsZero() {
		return coso.Invalid("representative",
			"Chủ hộ đại diện phải có ngày sinh để xác định đã đủ %d tuổi.",
			"The representative needs a birth date showing they are %d or older.", AdultAge)
	}
	if p.Age(on) < AdultAge {
		return coso.Invalid("representative",
			"Người đại diện hộ phải đủ %d tuổi vào ngày %s.",
			"The household representative must be %d or older on %s.", AdultAge, on.In(coso.Zone).Format("02/01/2006"))
	}
	return nil
}
