package petition

import (
	"crypto/rand"
	"strings"

	"coso"
)

// A tracking code is what a sender keeps to follow a case on the public
// status page: 12 characters of Crockford's base32 (60 random bits), in
// three groups of four, such as "7KQM-2XH4-PT9B". Anyone who has it sees
// the stage, the dates and the official answer (never who sent it), so it
// must not be guessable: at 60 bits, a million guesses a second would
// take some 18,000 years to find one case among a million.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const codeLen = 12

// NewCode returns a fresh random tracking code.
func NewCode() string {
	b := make([]byte, codeLen)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	out := make([]byte, 0, codeLen+2)
	for i, x := range b {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, codeAlphabet[x&31])
	}
	return string(out)
}

// ParseCode reads a tracking code as people type it: any case, with or
// without the dashes or spaces, O for 0 and I or L for 1.
func ParseCode(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '-' || r == ' ' || r == '.':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(codeAlphabet, r) {
			return "", errBadCode()
		}
		b.WriteRune(r)
	}
	raw := b.String()
	if len(raw) != codeLen {
		return "", errBadCode()
	}
	return raw[0:4] + "-" + raw[4:8] + "-" + raw[8:12], nil
}

func errBadCode() *coso.Error {
	return coso.Invalid("code", "Mã theo dõi gồm 12 ký tự, ví dụ 7KQM-2XH4-PT9B.", "A tracking code has 12 characters, such as 7KQM-2XH4-PT9B.")
}
