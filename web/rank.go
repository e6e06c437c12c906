package web

import (
	"sort"
	"strings"

	"coso/place"
	"coso/viet"
)

// rankUnits puts the best matches first: communes and wards before
// villages, names that start with the query before names that contain it,
// then Vietnamese alphabetical order.
func rankUnits(us []*place.Unit, q string) []*place.Unit {
	fq := viet.Fold(q)
	score := func(u *place.Unit) int {
		n := 0
		name := viet.Fold(u.Name)
		// "phuong ham rong" begins with its kind word: compare after it too.
		if strings.HasPrefix(name, fq) || strings.Contains(name, " "+fq) {
			n -= 2
		}
		switch {
		case u.Kind.IsProvinceLevel():
			n -= 3
		case u.Kind.IsCommuneLevel():
			n--
		}
		return n
	}
	viet.SortBy(us, func(u *place.Unit) string { return u.Name })
	sort.SliceStable(us, func(i, j int) bool { return score(us[i]) < score(us[j]) })
	return us
}
