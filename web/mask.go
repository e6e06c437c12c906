package web

import (
	"strings"

	"coso/viet"
)

// maskCitizenID hides all but the province code and the last two digits of
// a citizen ID number (038*******34): enough to tell two people apart on a
// screen others may see, not enough to use the number.
func maskCitizenID(id string) string {
	if len(id) < 6 {
		return strings.Repeat("*", len(id))
	}
	return id[:3] + strings.Repeat("*", len(id)-5) + id[len(id)-2:]
}

// maskPhone hides the middle digits of a phone number (0912 *** 678).
func maskPhone(phone string) string {
	if phone == "" {
		return ""
	}
	f := viet.FormatPhone(phone)
	parts := strings.Fields(f)
	if len(parts) < 3 {
		if len(f) < 8 {
			return strings.Repeat("*", len(f))
		}
		return f[:4] + strings.Repeat("*", len(f)-7) + f[len(f)-3:]
	}
	for i := 1; i < len(parts)-1; i++ {
		parts[i] = strings.Repeat("*", len(parts[i]))
	}
	return strings.Join(parts, " ")
}
