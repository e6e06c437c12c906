package account

import (
	"strings"
	"testing"

	"coso"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"", false},
		{"short", false},
		{"elevenchars", false},             // 11
		{"mậtkhẩuhaytt", true},             // 12 runes, more bytes: counted as 12
		{"tôi đi chợ mua rau muống", true}, // a Vietnamese passphrase
		{"correct horse battery", true},    // spaces allowed
		{"zvh47-plume-river", true},        // no class rules: lower case and digits are enough
		{"nobody would guess this", true},  // only letters and spaces
		{"123456789012", false},            // listed, and a digit run
		{"password1234", false},            // listed
		{"Password1234", false},            // case ignored
		{"PASSWORD1234!", false},           // listed word with a guessable suffix
		{"qwertyuiop12", false},            // keyboard walk
		{"qwertyuiopas", false},            // keyboard walk
		{"matkhau12345", false},            // Vietnamese: "password"
		{"Mật khẩu 12345", false},          // the same with marks and spaces
		{"anhyeuem1234", false},            // Vietnamese: "I love you"
		{"anhyeuem@2024", false},           // with a year
		{"minh01011990", false},            // a name and a birthday
		{"sunshine2024!", false},           // listed word, year and symbol
		{"2024sunshine", false},            // prefix too
		{"abcabcabcabc", false},            // repeated run
		{"aaaaaaaaaaaaaaaa", false},        // repeated character
		{"98765432109876", false},          // digit run down
		{"leavemealone", false},            // listed as is
		{"sunshine58302917x", true},        // the suffix is not guessable
		{strings.Repeat("ab1", 90), false}, // longer than 256
		{strings.Repeat("xk9", 80), false}, // a repeat of 3 characters, 240 long
		{"hoa sen nở giữa hồ thu", true},   // an ordinary long phrase
		{"matkhau khong de doan", true},    // contains a common word among others
	}
	for _, tc := range tests {
		err := CheckPassword(tc.pw)
		if (err == nil) != tc.ok {
			t.Errorf("CheckPassword(%q) = %v, want ok=%t", tc.pw, err, tc.ok)
			continue
		}
		if err != nil {
			e, isErr := err.(*coso.Error)
			if !isErr || e.Code != coso.EInvalid || e.Field != "password" || e.VI == "" || e.EN == "" {
				t.Errorf("CheckPassword(%q) error %#v: want an invalid password field error in VI and EN", tc.pw, err)
			}
		}
	}
}

func TestCommonListSize(t *testing.T) {
	if n := len(commonSet()); n < 10000 {
		t.Fatalf("common password list holds %d entries, want at least 10000", n)
	}
	for _, p := range []string{"123456789012", "password1234", "qwertyuiop12", "matkhau12345", "anhyeuem1234"} {
		if !listed(p) {
			t.Errorf("%s is not in the list", p)
		}
	}
}
