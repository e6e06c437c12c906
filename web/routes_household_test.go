package web

import (
	"strings"
	"testing"

	"coso/account"
)

// Households hold personal data: every household route needs household.read
// or household.write, writes need write, and each route about one
// household finds its unit from the household's village.
func TestHouseholdRoutesGuarded(t *testing.T) {
	for _, r := range (&Server{}).householdRoutes() {
		switch {
		case r.Access != account.HouseholdRead && r.Access != account.HouseholdWrite:
			t.Errorf("%s %s: access %q", r.Method, r.Pattern, r.Access)
		case r.Method == "POST" && r.Access != account.HouseholdWrite:
			t.Errorf("%s %s: a change needs household.write", r.Method, r.Pattern)
		case strings.Contains(r.Pattern, "{household}") && r.Unit == nil:
			t.Errorf("%s %s: no unit func", r.Method, r.Pattern)
		case strings.Contains(r.Pattern, "/new") || strings.HasSuffix(r.Pattern, "/edit") || strings.HasSuffix(r.Pattern, "/remove") ||
			strings.HasSuffix(r.Pattern, "/move") || strings.HasSuffix(r.Pattern, "/representative") || strings.HasSuffix(r.Pattern, "/import") ||
			strings.HasSuffix(r.Pattern, "/address"):
			if r.Access != account.HouseholdWrite {
				t.Errorf("%s %s: a form that changes households needs household.write", r.Method, r.Pattern)
			}
		}
	}
}

func TestMasks(t *testing.T) {
	for in, want := range map[string]string{"038078001234": "038*******34", "": "", "123": "***"} {
		if got := maskCitizenID(in); got != want {
			t.Errorf("maskCitizenID(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"+84912345678": "0912 *** 678", "": "", "12345": "*****"} {
		if got := maskPhone(in); got != want {
			t.Errorf("maskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}
