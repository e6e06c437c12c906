package coso

import (
	"time"
	_ "time/tzdata" // legal dates need Asia/Ho_Chi_Minh on machines without zoneinfo
)

// Zone is where legal dates are counted: deadlines are local dates in
// Vietnam, times are stored in UTC.
var Zone = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}

// Clock tells the time; tests replace it.
type Clock func() time.Time

// Now is the wall clock in UTC.
func Now() time.Time { return time.Now().UTC() }
