// Package viet holds the rules of Vietnamese text: normalisation, the
// accent-insensitive folding used by every search, alphabetical order, and
// the shapes of Vietnamese phone numbers and citizen ID numbers.
package viet

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C with surrounding spaces
// trimmed and inner runs of white space collapsed. Every stored string goes
// through it, so "Hoà" typed on two keyboards is stored the same way.
func NFC(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// Fold lowers s, removes every diacritic and maps đ to d, so that search
// matches whatever a person types: "ham rong" finds "Phường Hàm Rồng", and
// the old tone placement "Thanh Hoá" equals the new "Thanh Hóa" (they
// differ only in where the mark sits, and the marks are removed).
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	// Invalid UTF-8 would stop the decomposition of what follows it
	// (found by FuzzFold): it becomes a word break first.
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, " ")) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			// Punctuation and spaces separate words.
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}
