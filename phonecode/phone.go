package phonecode

import (
	"strings"

	"coso"
)

// NormalizePhone turns a Vietnamese mobile number as people write it
// ("0912 345 678", "091.234.5678", "+84 912 345 678", "84912345678",
// "+84 0912…") into its stored form +84912345678. Mobile numbers have nine
// digits after the country code and start with 3, 5, 7, 8 or 9; landlines
// (02…) cannot receive codes.
func NormalizePhone(s string) (string, error) {
	var digits strings.Builder
	plus := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && digits.Len() == 0 && !plus:
			plus = true
		case strings.ContainsRune(" \t.-()", r):
		default:
			return "", badPhone()
		}
	}
	d := digits.String()
	switch {
	case strings.HasPrefix(d, "840") && len(d) == 12:
		d = d[3:]
	case strings.HasPrefix(d, "84") && len(d) == 11:
		d = d[2:]
	case strings.HasPrefix(d, "0") && len(d) == 10 && !plus:
		d = d[1:]
	default:
		return "", badPhone()
	}
	if !strings.ContainsRune("35789", rune(d[0])) {
		return "", badPhone()
	}
	return "+84" + d, nil
}

func badPhone() error {
	return coso.Invalid("phone", "Số điện thoại di động không hợp lệ. Ví dụ: 0912 345 678.",
		"Not a valid Vietnamese mobile number. Example: 0912 345 678.")
}
