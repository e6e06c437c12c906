package account

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"coso"
	"coso/viet"
)

// Password policy (DESIGN.md "Security", issue 3, following NIST SP 800-63B
// and OWASP ASVS): long enough and not common. No rules about character
// classes: they push people to "Password1!" and add nothing.
const (
	MinPasswordLen = 12  // characters (runes), not bytes: "mậtkhẩu" is 7
	MaxPasswordLen = 256 // keeps hashing cheap for requests; long passphrases fit
)

//go:generate go run commonpw_gen.go
//go:embed commonpw.txt
var commonText string

var commonSet = sync.OnceValue(func() map[string]struct{} {
	set := make(map[string]struct{}, 50000)
	for _, line := range strings.Split(commonText, "\n") {
		if line != "" && line[0] != '#' {
			set[line] = struct{}{}
		}
	}
	return set
})

// CheckPassword reports an error naming field "password" unless pw may be
// used as a password.
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(viet.NFC(pw))
	if n < MinPasswordLen {
		return coso.Invalid("password", "Mật khẩu cần ít nhất %d ký tự.", "The password needs at least %d characters.", MinPasswordLen)
	}
	if n > MaxPasswordLen {
		return coso.Invalid("password", "Mật khẩu dài quá %d ký tự.", "The password is longer than %d characters.", MaxPasswordLen)
	}
	if IsCommonPassword(pw) {
		return coso.Invalid("password", "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn một cụm từ dài mà chỉ bạn biết.",
			"This password is too common and easy to guess. Choose a long phrase only you know.")
	}
	return nil
}

// IsCommonPassword tells whether pw, ignoring case, marks and spaces, is in
// the list of common passwords, is a listed password with a guessable
// prefix or suffix ("Sunshine2024!", "matkhau12345"), or repeats a short
// run ("abcabcabcabc"). These are the first guesses of anyone attacking.
func IsCommonPassword(pw string) bool {
	p := foldPassword(pw)
	if listed(p) || repeats(p) || digitRun(p) {
		return true
	}
	start := strings.IndexFunc(p, unicode.IsLetter)
	end := strings.LastIndexFunc(p, unicode.IsLetter)
	if start < 0 {
		return false
	}
	_, size := utf8.DecodeRuneInString(p[end:])
	core, pre, post := p[start:end+size], p[:start], p[end+size:]
	return core != p && utf8.RuneCountInString(core) >= 4 && listed(core) && guessableAffix(pre) && guessableAffix(post)
}

func listed(p string) bool {
	_, ok := commonSet()[p]
	return ok
}

// foldPassword lowers pw, removes Vietnamese marks (đ→d) and white space,
// as people type the same password with and without them.
func foldPassword(pw string) string {
	var b strings.Builder
	for _, r := range pw {
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(r)
	}
	f := b.String()
	// viet.Fold treats punctuation as a word break; fold letter runs only.
	var out strings.Builder
	word := func(s string) { out.WriteString(strings.ReplaceAll(viet.Fold(s), " ", "")) }
	from := 0
	for i, r := range f {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) {
			word(f[from:i])
			out.WriteRune(r)
			from = i + utf8.RuneLen(r)
		}
	}
	word(f[from:])
	return out.String()
}

// guessableAffix tells whether s is something people stick on a common
// word: nothing, up to 4 characters, a run of digits, a repeat or a date,
// with up to 3 symbols around it ("2024!", "@123456", "01011990").
func guessableAffix(s string) bool {
	core := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
	if utf8.RuneCountInString(s)-utf8.RuneCountInString(core) > 3 {
		return false
	}
	return utf8.RuneCountInString(core) <= 4 || digitRun(core) || repeats(core) || isDate(core)
}

// isDate tells whether s is a birthday as people type it: ddmmyyyy,
// yyyymmdd or ddmmyy.
func isDate(s string) bool {
	num := func(from, to, lo, hi int) bool {
		n := 0
		for _, c := range s[from:to] {
			if c < '0' || c > '9' {
				return false
			}
			n = n*10 + int(c-'0')
		}
		return n >= lo && n <= hi
	}
	switch len(s) {
	case 8:
		return num(0, 2, 1, 31) && num(2, 4, 1, 12) && num(4, 8, 1900, 2099) ||
			num(0, 4, 1900, 2099) && num(4, 6, 1, 12) && num(6, 8, 1, 31)
	case 6:
		return num(0, 2, 1, 31) && num(2, 4, 1, 12) && num(4, 6, 0, 99)
	}
	return false
}

// repeats tells whether s is a run of 1 to 4 characters repeated.
func repeats(s string) bool {
	r := []rune(s)
	for unit := 1; unit <= 4 && unit < len(r); unit++ {
		if len(r)%unit != 0 {
			continue
		}
		same := true
		for i := unit; i < len(r) && same; i++ {
			same = r[i] == r[i-unit]
		}
		if same {
			return true
		}
	}
	return false
}

// digitRun tells whether s is at least 4 digits counting up or down by
// one, wrapping 9 to 0 ("123456789012", "98765").
func digitRun(s string) bool {
	if len(s) < 4 {
		return false
	}
	up, down := true, true
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		if i > 0 {
			d := (int(s[i]) - int(s[i-1]) + 10) % 10
			up, down = up && d == 1, down && d == 9
		}
	}
	return up || down
}
