// Package calendar counts working days. Legal deadlines ("within 5 working
// days") skip Saturdays, Sundays and public holidays; the government also
// swaps days (a Friday off, a Saturday worked instead). Holidays live in a
// table the administrators edit, because Tết moves every year and the
// Prime Minister decides the exact days; Defaults computes the days the
// Labour Code gives when nobody has decided otherwise.
package calendar

import (
	"math"
	"time"

	"coso"
	"coso/viet"
)

// Kind says whether a listed day is a day off or a swapped working day.
type Kind string

const (
	Holiday Kind = "holiday" // a weekday that is not worked
	Workday Kind = "workday" // a Saturday or Sunday that is worked instead of a swapped day
)

// Day is one listed day of the calendar.
type Day struct {
	Date   time.Time // a local date (midnight in coso.Zone)
	NameVI string
	NameEN string
	Kind   Kind
}

// Date returns the local date y-m-d.
func Date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone)
}

// DayOf returns the local date that t falls on.
func DayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.In(coso.Zone).Date()
	return Date(y, m, d)
}

func weekend(t time.Time) bool {
	w := t.Weekday()
	return w == time.Saturday || w == time.Sunday
}

// Validate normalises d and checks it.
func (d *Day) Validate() error {
	d.NameVI, d.NameEN = viet.NFC(d.NameVI), viet.NFC(d.NameEN)
	d.Date = DayOf(d.Date)
	switch {
	case d.Date.IsZero():
		return coso.Invalid("date", "Cần ngày (năm-tháng-ngày).", "The date is required (year-month-day).")
	case d.Date.Year() < 2000 || d.Date.Year() > 2100:
		return coso.Invalid("date", "Năm phải từ 2000 đến 2100.", "The year must be between 2000 and 2100.")
	case d.NameVI == "":
		return coso.Invalid("name_vi", "Cần tên ngày nghỉ bằng tiếng Việt.", "The Vietnamese name is required.")
	case len([]rune(d.NameVI)) > 200 || len([]rune(d.NameEN)) > 200:
		return coso.Invalid("name_vi", "Tên dài quá 200 ký tự.", "The name is longer than 200 characters.")
	case d.Kind != Holiday && d.Kind != Workday:
		return coso.Invalid("kind", "Loại ngày phải là ngày nghỉ (holiday) hoặc ngày làm bù (workday).",
			"The kind must be holiday or workday.")
	case d.Kind == Workday && !weekend(d.Date):
		return coso.Invalid("kind", "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.", "A swapped working day must be a Saturday or Sunday.")
	}
	if d.NameEN == "" {
		d.NameEN = d.NameVI
	}
	return nil
}

// Calendar answers working-day questions from a list of days.
type Calendar struct {
	days map[time.Time]Kind
}

// New builds a calendar from listed days; a nil or empty list means only
// Saturdays and Sundays are days off.
func New(days []Day) *Calendar {
	c := &Calendar{days: make(map[time.Time]Kind, len(days))}
	for _, d := range days {
		c.days[DayOf(d.Date)] = d.Kind
	}
	return c
}

// IsWorkingDay tells whether offices work on the date of t.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	t = DayOf(t)
	if c != nil {
		switch c.days[t] {
		case Holiday:
			return false
		case Workday:
			return true
		}
	}
	return !weekend(t)
}

// AddWorkingDays returns the date n working days after from (from itself
// is not counted): a decision of Friday plus 5 working days is the next
// Friday when no holiday falls between. A negative n counts backwards.
func (c *Calendar) AddWorkingDays(from time.Time, n int) time.Time {
	d := DayOf(from)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDate(0, 0, step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days after a up to and including
// b; it is negative when b is before a. AddWorkingDays(a,
// WorkingDaysBetween(a, b)) is b whenever b is a working day.
func (c *Calendar) WorkingDaysBetween(a, b time.Time) int {
	a, b = DayOf(a), DayOf(b)
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}

// DaysBetween counts calendar days from a to b (b − a).
func DaysBetween(a, b time.Time) int {
	a, b = DayOf(a), DayOf(b)
	// Dates are midnights of one zone without daylight saving; rounding
	// guards against a zone that ever adds it.
	return int(math.Round(b.Sub(a).Hours() / 24))
}
