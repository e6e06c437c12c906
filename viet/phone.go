package viet

import (
	"strings"

	"coso"
)

// mobilePrefixes are the two digits after the leading 0 of the mobile
// network codes in service since the move to 10-digit numbers (Ministry of
// Information and Communications plan of 2018, Circular 22/2014/TT-BTTTT
// numbering plan): Viettel 032–039, 086, 096–098; VinaPhone 081–085, 088,
// 091, 094; MobiFone 070, 076–079, 089, 090, 093; Vietnamobile 052, 056,
// 058, 092; Gmobile 059, 099; Itelecom 087; Wintel 055. A newly allocated
// code is one more entry here.
var mobilePrefixes = map[string]bool{
	"32": true, "33": true, "34": true, "35": true, "36": true, "37": true, "38": true, "39": true,
	"52": true, "55": true, "56": true, "58": true, "59": true,
	"70": true, "76": true, "77": true, "78": true, "79": true,
	"81": true, "82": true, "83": true, "84": true, "85": true, "86": true, "87": true, "88": true, "89": true,
	"90": true, "91": true, "92": true, "93": true, "94": true, "96": true, "97": true, "98": true, "99": true,
}

// NormalizePhone checks a Vietnamese mobile number and returns it in the
// stored form "+84912345678". It accepts the ways people write one:
// "0912 345 678", "0912.345.678", "0912-345-678", "84912345678",
// "+84 912 345 678", "(+84) 912 345 678", "0084912345678".
func NormalizePhone(s string) (string, error) {
	digits, plus := phoneDigits(s)
	if digits == "" {
		return "", phoneError(s)
	}
	var national string // the 9 digits after the trunk 0 or the country code
	switch {
	case strings.HasPrefix(digits, "0084") && !plus:
		national = digits[4:]
	case strings.HasPrefix(digits, "84") && (plus || len(digits) == 11):
		national = digits[2:]
	case strings.HasPrefix(digits, "0") && !plus:
		national = digits[1:]
	default:
		return "", phoneError(s)
	}
	if len(national) != 9 || !mobilePrefixes[national[:2]] {
		return "", phoneError(s)
	}
	return "+84" + national, nil
}

// phoneDigits keeps the digits of s, dropping the separators people type;
// it reports whether s began with '+'. Any other character makes s invalid.
func phoneDigits(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var b strings.Builder
	plus := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0 && !plus:
			plus = true
		case r == '(' && i == 0, r == ')', r == ' ', r == '.', r == '-':
		default:
			return "", false
		}
	}
	return b.String(), plus
}

func phoneError(s string) *coso.Error {
	return coso.Invalid("phone",
		"Số điện thoại di động không hợp lệ: %q (ví dụ 0912 345 678 hoặc +84 912 345 678).",
		"Not a valid Vietnamese mobile number: %q (for example 0912 345 678 or +84 912 345 678).", s)
}

// FormatPhone shows a stored "+84912345678" the way Vietnamese people read
// it: "0912 345 678". Anything else is returned unchanged.
func FormatPhone(stored string) string {
	if len(stored) != 12 || !strings.HasPrefix(stored, "+84") {
		return stored
	}
	n := "0" + stored[3:]
	return n[:4] + " " + n[4:7] + " " + n[7:]
}
