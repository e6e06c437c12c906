package household

import (
	"testing"
	"time"

	"coso"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone) }

func fields(err error) map[string]bool {
	out := map[string]bool{}
	switch e := err.(type) {
	case nil:
	case coso.Errors:
		for _, x := range e {
			out[x.Field] = true
		}
	default:
		out[coso.AsError(err).Field] = true
	}
	return out
}

func TestPersonValidate(t *testing.T) {
	base := func() Person {
		return Person{FullName: "Lê Văn An", BirthDate: date(1985, 4, 30), Sex: Male, CitizenID: "038085001234", Phone: "0912.345.678"}
	}
	cases := []struct {
		name   string
		change func(p *Person)
		bad    string // the field at fault, "" when valid
	}{
		{"valid", func(p *Person) {}, ""},
		{"no optional fields", func(p *Person) { p.CitizenID, p.Phone, p.BirthDate = "", "", time.Time{} }, ""},
		{"id without birth date", func(p *Person) { p.BirthDate = time.Time{} }, ""},
		{"id with spaces", func(p *Person) { p.CitizenID = "038 085 001234" }, ""},
		{"woman", func(p *Person) { p.Sex, p.FullName, p.CitizenID = Female, "Lê Thị Hoa", "038185001234" }, ""},
		{"born 2003", func(p *Person) { p.BirthDate, p.CitizenID = date(2003, 1, 5), "001203000001" }, ""},
		{"girl born 2010", func(p *Person) { p.BirthDate, p.Sex, p.CitizenID = date(2010, 12, 31), Female, "038310000001" }, ""},
		{"no name", func(p *Person) { p.FullName = "  " }, "full_name"},
		{"digits in name", func(p *Person) { p.FullName = "Lê Văn 2" }, "full_name"},
		{"no sex", func(p *Person) { p.Sex = "" }, "sex"},
		{"bad sex", func(p *Person) { p.Sex = "x" }, "sex"},
		{"before 1900", func(p *Person) { p.BirthDate, p.CitizenID = date(1899, 12, 31), "" }, "birth_date"},
		{"future", func(p *Person) { p.BirthDate, p.CitizenID = date(2999, 1, 1), "" }, "birth_date"},
		{"bad phone", func(p *Person) { p.Phone = "024 3825 1234" }, "phone"},
		{"id 11 digits", func(p *Person) { p.CitizenID = "03808500123" }, "citizen_id"},
		{"id unknown province", func(p *Person) { p.CitizenID = "099085001234" }, "citizen_id"},
		{"id sex digit female for a man", func(p *Person) { p.CitizenID = "038185001234" }, "citizen_id"},
		{"id sex digit male for a woman", func(p *Person) { p.Sex = Female }, "citizen_id"},
		{"id wrong century", func(p *Person) { p.CitizenID = "038285001234" }, "citizen_id"},
		{"id wrong year", func(p *Person) { p.CitizenID = "038086001234" }, "citizen_id"},
		{"id 2003 coded as 20th century", func(p *Person) { p.BirthDate, p.CitizenID = date(2003, 1, 5), "001003000001" }, "citizen_id"},
		{"id sex checked without birth date", func(p *Person) { p.BirthDate, p.CitizenID = time.Time{}, "038185001234" }, "citizen_id"},
	}
	for _, c := range cases {
		p := base()
		c.change(&p)
		err := p.Validate()
		f := fields(err)
		switch {
		case c.bad == "" && err != nil:
			t.Errorf("%s: unexpected error %v", c.name, err)
		case c.bad != "" && (len(f) != 1 || !f[c.bad]):
			t.Errorf("%s: error %v, want one on %s", c.name, err, c.bad)
		}
		if c.bad != "" {
			e := coso.AsError(err)
			if es, ok := err.(coso.Errors); ok {
				e = es[0]
			}
			if e.Code != coso.EInvalid || e.VI == "" || e.EN == "" {
				t.Errorf("%s: error %+v lacks code or messages", c.name, e)
			}
		}
	}
	p := base()
	if err := p.Validate(); err != nil || p.Phone != "+84912345678" || p.CitizenID != "038085001234" {
		t.Errorf("normalised %+v, %v", p, err)
	}
	p.FullName, p.Sex = "Le\u0302 Va\u0306n An", "nam" // decomposed, sex in Vietnamese
	p.Normalize()
	if p.FullName != "Lê Văn An" || p.Sex != Male {
		t.Errorf("not normalised: %q %q", p.FullName, p.Sex)
	}
}

func TestParseSex(t *testing.T) {
	for in, want := range map[string]Sex{"nam": Male, "Nữ": Female, "NU": Female, "nu\u0303": Female, "male": Male, "F": Female} {
		if got, err := ParseSex(in); err != nil || got != want {
			t.Errorf("ParseSex(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseSex("khác"); coso.AsError(err).Field != "sex" {
		t.Errorf("ParseSex(khác): %v", err)
	}
}

func TestAgeAndRepresentative(t *testing.T) {
	p := Person{FullName: "Phạm Thị Lan", Sex: Female, BirthDate: date(2007, 8, 15)}
	if got := p.Age(date(2025, 8, 14)); got != 17 {
		t.Errorf("age the day before the 18th birthday = %d", got)
	}
	if err := CheckRepresentative(&p, date(2025, 8, 14)); coso.AsError(err).Field != "representative" {
		t.Errorf("a 17-year-old may represent: %v", err)
	}
	if err := CheckRepresentative(&p, date(2025, 8, 15)); err != nil {
		t.Errorf("an 18-year-old may not represent: %v", err)
	}
	p.BirthDate = time.Time{}
	if err := CheckRepresentative(&p, date(2025, 8, 15)); err == nil {
		t.Error("a person of unknown age may represent")
	}
}

func TestValidateNewHousehold(t *testing.T) {
	on := date(2025, 7, 1)
	adult := Member{Person: Person{FullName: "Hà Văn Thắng", BirthDate: date(1978, 3, 12), Sex: Male}, Relation: "chủ hộ", Representative: true}
	wife := Member{Person: Person{FullName: "Lò Thị Hoa", BirthDate: date(1981, 7, 2), Sex: Female}, Relation: "vợ"}
	child := Member{Person: Person{FullName: "Hà Văn Nam", BirthDate: date(2010, 9, 15), Sex: Male}, Relation: "con"}
	cases := []struct {
		name    string
		members []Member
		code    string
		bad     string
	}{
		{"valid", []Member{adult, wife, child}, "V1-H0001", ""},
		{"no members", nil, "V1-H0001", "members"},
		{"no representative", []Member{withRep(adult, false), wife}, "V1-H0001", "representative"},
		{"two representatives", []Member{adult, withRep(wife, true)}, "V1-H0001", "representative"},
		{"minor representative", []Member{withRep(adult, false), withRep(child, true)}, "V1-H0001", "representative"},
		{"same person twice", []Member{adult, wife, wife}, "V1-H0001", "members"},
		{"bad code", []Member{adult}, "V1 H1", "household_code"},
		{"no relation", []Member{adult, {Person: wife.Person}}, "V1-H0001", "members[1].relation"},
	}
	for _, c := range cases {
		h := Household{Code: c.code, Members: c.members}
		err := h.ValidateNew(on)
		f := fields(err)
		if c.bad == "" && err != nil || c.bad != "" && !f[c.bad] {
			t.Errorf("%s: %v (fields %v), want %q", c.name, err, f, c.bad)
		}
	}
}

func withRep(m Member, rep bool) Member { m.Representative = rep; return m }
