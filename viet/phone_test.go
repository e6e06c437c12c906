package viet

import (
	"testing"

	"coso"
)

func TestNormalizePhone(t *testing.T) {
	cases := []struct {
		in, want string // want "" means invalid
	}{
		{"0912 345 678", "+84912345678"},
		{"0912.345.678", "+84912345678"},
		{"0912-345-678", "+84912345678"},
		{"84912345678", "+84912345678"},
		{"+84 912 345 678", "+84912345678"},
		{"+84912345678", "+84912345678"},
		{"(+84) 912 345 678", "+84912345678"},
		{"0084 912 345 678", "+84912345678"},
		{" 0362345678 ", "+84362345678"},
		{"0868 123 456", "+84868123456"},
		{"0702 111 222", "+84702111222"},
		{"0592 111 222", "+84592111222"},
		{"0842 111 222", "+84842111222"}, // 084 is VinaPhone, not the country code
		{"", ""},
		{"091234567", ""},      // 9 digits
		{"09123456789", ""},    // 11 digits
		{"0212 345 678", ""},   // 02x is a landline area code
		{"0612 345 678", ""},   // 06x is not a mobile code
		{"0952 345 678", ""},   // 095 is no longer in service
		{"0712 345 678", ""},   // 071 is not allocated
		{"8491234567", ""},     // country code without enough digits
		{"+0912345678", ""},    // + before a trunk 0
		{"+1 912 345 678", ""}, // not Vietnam
		{"0912 345 67a", ""},
		{"0912/345/678", ""},
		{"+84 0912 345 678", ""}, // trunk 0 after the country code
	}
	for _, c := range cases {
		got, err := NormalizePhone(c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("NormalizePhone(%q) = %q, want an error", c.in, got)
			} else if e := coso.AsError(err); e.Code != coso.EInvalid || e.Field != "phone" || e.VI == "" || e.EN == "" {
				t.Errorf("NormalizePhone(%q) error %+v, want invalid phone in VI and EN", c.in, e)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestFormatPhone(t *testing.T) {
	if got := FormatPhone("+84912345678"); got != "0912 345 678" {
		t.Errorf("FormatPhone = %q", got)
	}
	if got := FormatPhone("abc"); got != "abc" {
		t.Errorf("FormatPhone(abc) = %q", got)
	}
}

func TestParseCitizenID(t *testing.T) {
	cases := []struct {
		in       string
		ok       bool
		province string
		female   bool
		year     int
	}{
		{"038085001234", true, "038", false, 1985},
		{"038 185 001234", true, "038", true, 1985},
		{"001203000001", true, "001", false, 2003},
		{"096310123456", true, "096", true, 2010},
		{"079499000001", true, "079", false, 2199},
		{"038985000001", true, "038", true, 2385},
		{"03808500123", false, "", false, 0},   // 11 digits
		{"0380850012345", false, "", false, 0}, // 13 digits
		{"03808500123x", false, "", false, 0},
		{"000085001234", false, "", false, 0}, // no province 000
		{"003085001234", false, "", false, 0}, // 003 is not a code
		{"039085001234", false, "", false, 0}, // 039 is not a code
		{"097085001234", false, "", false, 0}, // beyond 096
		{"", false, "", false, 0},
	}
	for _, c := range cases {
		id, err := ParseCitizenID(c.in)
		if !c.ok {
			if err == nil || coso.AsError(err).Field != "citizen_id" {
				t.Errorf("ParseCitizenID(%q) = %+v, %v; want a citizen_id error", c.in, id, err)
			}
			continue
		}
		if err != nil || id.ProvinceCode != c.province || id.Female != c.female || id.BirthYear() != c.year {
			t.Errorf("ParseCitizenID(%q) = %+v (year %d), %v", c.in, id, id.BirthYear(), err)
		}
	}
	if got := len(birthProvinces); got != 63 {
		t.Errorf("%d province codes, want the 63 of Circular 07/2016", got)
	}
}

func TestCitizenIDPrefix(t *testing.T) {
	cases := []struct {
		female bool
		year   int
		want   string
	}{
		{false, 1985, "038085"}, {true, 1985, "038185"}, {false, 2003, "038203"}, {true, 2010, "038310"}, {true, 1900, "038100"},
	}
	for _, c := range cases {
		if got := CitizenIDPrefix("038", c.female, c.year); got != c.want {
			t.Errorf("CitizenIDPrefix(%v, %d) = %s, want %s", c.female, c.year, got, c.want)
		}
	}
}

// FuzzNormalizePhone: a number that normalises normalises to itself, and
// always to +84 followed by 9 digits.
func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"0912 345 678", "+84 912 345 678", "84912345678", "(+84) 362.111.222", "0084912345678", "++84", "("} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := NormalizePhone(s)
		if err != nil {
			return
		}
		if len(n) != 12 || n[:3] != "+84" {
			t.Fatalf("NormalizePhone(%q) = %q", s, n)
		}
		if again, err := NormalizePhone(n); err != nil || again != n {
			t.Fatalf("NormalizePhone(%q) = %q, %v; not stable", n, again, err)
		}
		if back, err := NormalizePhone(FormatPhone(n)); err != nil || back != n {
			t.Fatalf("FormatPhone(%q) does not read back: %q %v", n, back, err)
		}
	})
}

// FuzzParseCitizenID: a decoded number rebuilds from its parts.
func FuzzParseCitizenID(f *testing.F) {
	for _, s := range []string{"038085001234", "001 203 000001", "0380850012", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseCitizenID(s)
		if err != nil {
			return
		}
		if CitizenIDPrefix(id.ProvinceCode, id.Female, id.BirthYear())+id.Number[6:] != id.Number {
			t.Fatalf("%q decodes to %+v, which does not rebuild", s, id)
		}
	})
}
