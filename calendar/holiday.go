package calendar

import (
	"slices"
	"time"
)

// A public holiday of the Labour Code 2019, art. 112.1. Solar holidays
// have Month and Day; lunar ones have Lunar set. Days is how many days off
// it gives.
type publicHoliday struct {
	Key        string
	NameVI     string
	NameEN     string
	Month, Day int
	Lunar      bool
	Days       int
	Article    string
}

// holidays is the Labour Code's list (art. 112.1). Tết counts 5 days: the
// last day of the lunar year and the first four of the new one, which is
// how the government has usually placed them (it decides each year, see
// decisions). National Day is 2 September and one adjacent day.
var holidays = []publicHoliday{
	{Key: "new_year", NameVI: "Tết Dương lịch", NameEN: "New Year's Day", Month: 1, Day: 1, Days: 1, Article: "BLLĐ 2019 điều 112.1.a"},
	{Key: "tet", NameVI: "Tết Nguyên đán", NameEN: "Lunar New Year (Tết)", Month: 1, Day: 1, Lunar: true, Days: 5, Article: "BLLĐ 2019 điều 112.1.b"},
	{Key: "hung_kings", NameVI: "Giỗ Tổ Hùng Vương", NameEN: "Hùng Kings' Commemoration Day", Month: 3, Day: 10, Lunar: true, Days: 1, Article: "BLLĐ 2019 điều 112.1.e"},
	{Key: "reunification", NameVI: "Ngày Chiến thắng", NameEN: "Reunification Day", Month: 4, Day: 30, Days: 1, Article: "BLLĐ 2019 điều 112.1.c"},
	{Key: "labour", NameVI: "Ngày Quốc tế lao động", NameEN: "International Labour Day", Month: 5, Day: 1, Days: 1, Article: "BLLĐ 2019 điều 112.1.d"},
	{Key: "national", NameVI: "Quốc khánh", NameEN: "National Day", Month: 9, Day: 2, Days: 2, Article: "BLLĐ 2019 điều 112.1.đ"},
}

// decision is what the Prime Minister (through the Ministry of Home
// Affairs' yearly notice) decided for one holiday of one year. It replaces
// the computed days of that holiday, compensatory days included: Off are
// the weekdays not worked, Work the Saturdays worked instead of a swapped
// weekday.
type decision struct {
	Year int
	Key  string
	Off  []time.Time
	Work []time.Time
}

// decisions holds the years already decided. Later years are computed;
// administrators correct them on the calendar page once the notice is out.
var decisions = []decision{
	// Tết Giáp Thìn: off Thursday 8 to Wednesday 14 February 2024.
	{Year: 2024, Key: "tet", Off: weekdays(Date(2024, 2, 8), Date(2024, 2, 14))},
	// 30/4–1/5/2024: Monday 29 April swapped with Saturday 4 May.
	{Year: 2024, Key: "reunification", Off: []time.Time{Date(2024, 4, 29), Date(2024, 4, 30)}, Work: []time.Time{Date(2024, 5, 4)}},
	// Tết Ất Tỵ: off Saturday 25 January to Sunday 2 February 2025.
	{Year: 2025, Key: "tet", Off: weekdays(Date(2025, 1, 25), Date(2025, 2, 2))},
	// 30/4–1/5/2025: Friday 2 May swapped with Saturday 26 April.
	{Year: 2025, Key: "labour", Off: []time.Time{Date(2025, 5, 1), Date(2025, 5, 2)}, Work: []time.Time{Date(2025, 4, 26)}},
	// Tết Bính Ngọ: off Saturday 14 to Sunday 22 February 2026.
	{Year: 2026, Key: "tet", Off: weekdays(Date(2026, 2, 14), Date(2026, 2, 22))},
}

func weekdays(from, to time.Time) []time.Time {
	var out []time.Time
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if !weekend(d) {
			out = append(out, d)
		}
	}
	return out
}

// Defaults returns the days off and swapped working days of year: the
// government's decision where one is recorded above, otherwise the Labour
// Code's holidays with their compensatory days (art. 112.3: a holiday that
// falls on the weekly rest day is taken on the next working day).
func Defaults(year int) []Day {
	var out []Day
	taken := map[time.Time]bool{}
	type debt struct {
		h    publicHoliday
		days int
	}
	var owed []debt
	// First every holiday's own weekdays, so that a compensatory day never
	// lands on a later holiday (30 April 2028 is a Sunday; 1 May is
	// itself a holiday, so the day off is 2 May).
	for _, h := range holidays {
		if dec, ok := decided(year, h.Key); ok {
			out = append(out, dec.days(h, year)...)
			for _, d := range dec.Off {
				taken[d] = true
			}
			continue
		}
		n := 0
		for _, d := range h.dates(year) {
			if weekend(d) {
				n++
				continue
			}
			out = append(out, Day{Date: d, NameVI: h.NameVI, NameEN: h.NameEN, Kind: Holiday})
			taken[d] = true
		}
		if n > 0 {
			owed = append(owed, debt{h, n})
		}
	}
	// Then the compensatory days, each after its own holiday.
	for _, o := range owed {
		own := o.h.dates(year)
		d := own[len(own)-1]
		for range o.days {
			d = d.AddDate(0, 0, 1)
			for weekend(d) || taken[d] {
				d = d.AddDate(0, 0, 1)
			}
			out = append(out, Day{Date: d, NameVI: "Nghỉ bù " + o.h.NameVI, NameEN: "Compensatory day off: " + o.h.NameEN, Kind: Holiday})
			taken[d] = true
		}
	}
	slices.SortFunc(out, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return out
}

// days lists the days of a decision about holiday h.
func (dec decision) days(h publicHoliday, year int) []Day {
	var out []Day
	own := h.dates(year)
	for _, d := range dec.Off {
		day := Day{Date: d, NameVI: h.NameVI, NameEN: h.NameEN, Kind: Holiday}
		if h.Key != "tet" && !slices.ContainsFunc(own, d.Equal) {
			day.NameVI, day.NameEN = "Nghỉ hoán đổi ("+h.NameVI+")", "Day off swapped for a Saturday: "+h.NameEN
		}
		out = append(out, day)
	}
	for _, d := range dec.Work {
		out = append(out, Day{Date: d, NameVI: "Làm bù (" + h.NameVI + ")", NameEN: "Working day in exchange: " + h.NameEN, Kind: Workday})
	}
	return out
}

func decided(year int, key string) (decision, bool) {
	for _, d := range decisions {
		if d.Year == year && d.Key == key {
			return d, true
		}
	}
	return decision{}, false
}

// dates lists the solar dates of h in year.
func (h publicHoliday) dates(year int) []time.Time {
	switch {
	case h.Key == "tet":
		// The last day of the old lunar year and the first four of the new.
		first := TetDay(year).AddDate(0, 0, -1)
		return span(first, h.Days)
	case h.Lunar:
		return span(LunarToSolar(h.Day, h.Month, year), h.Days)
	case h.Key == "national":
		d := Date(year, time.Month(h.Month), h.Day)
		// The adjacent day (before or after) is the government's choice;
		// it has chosen the one that joins a weekend: 3 September when the
		// 2nd is a Monday, 1 September otherwise.
		if d.Weekday() == time.Monday {
			return []time.Time{d, d.AddDate(0, 0, 1)}
		}
		return []time.Time{d.AddDate(0, 0, -1), d}
	}
	return span(Date(year, time.Month(h.Month), h.Day), h.Days)
}

func span(from time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = from.AddDate(0, 0, i)
	}
	return out
}
