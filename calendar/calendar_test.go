package calendar_test

import (
	"testing"
	"time"

	"coso/calendar"
)

func d(y int, m time.Month, day int) time.Time { return calendar.Date(y, m, day) }

// Known solar dates of Tết and of the Hùng Kings' day (10th day of the
// 3rd lunar month), as printed on Vietnamese calendars.
func TestLunarDates(t *testing.T) {
	tet := map[int]time.Time{
		2020: d(2020, 1, 25), 2021: d(2021, 2, 12), 2022: d(2022, 2, 1), 2023: d(2023, 1, 22),
		2024: d(2024, 2, 10), 2025: d(2025, 1, 29), 2026: d(2026, 2, 17), 2027: d(2027, 2, 6),
		2028: d(2028, 1, 26), 2029: d(2029, 2, 13),
		// The new moon of February 2030 comes at 23:00 in Hà Nội and 00:00
		// in Beijing: Vietnam's Tết is a day before China's (3 February).
		2030: d(2030, 2, 2),
	}
	for y, want := range tet {
		if got := calendar.TetDay(y); !got.Equal(want) {
			t.Errorf("Tết %d = %s, want %s", y, got.Format("2006-01-02"), want.Format("2006-01-02"))
		}
	}
	hung := map[int]time.Time{
		2023: d(2023, 4, 29), 2024: d(2024, 4, 18), 2025: d(2025, 4, 7), 2026: d(2026, 4, 26),
	}
	for y, want := range hung {
		if got := calendar.LunarToSolar(10, 3, y); !got.Equal(want) {
			t.Errorf("Hùng Kings %d = %s, want %s", y, got.Format("2006-01-02"), want.Format("2006-01-02"))
		}
	}
}

func TestDefaults(t *testing.T) {
	off := func(days []calendar.Day) map[string]calendar.Kind {
		m := map[string]calendar.Kind{}
		for _, x := range days {
			m[x.Date.Format("2006-01-02")] = x.Kind
		}
		return m
	}
	for _, c := range []struct {
		year     int
		holidays []string
		workdays []string
		notOff   []string
	}{
		// The decided Tết of 2026: Monday 16 to Friday 20 February.
		{2026, []string{"2026-01-01", "2026-02-16", "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"},
			nil, []string{"2026-02-13", "2026-02-23", "2026-04-26"}},
		// 2025: Tết 27–31 January; 2 May off, Saturday 26 April worked.
		{2025, []string{"2025-01-01", "2025-01-27", "2025-01-31", "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"},
			[]string{"2025-04-26"}, []string{"2025-02-03"}},
		// 2027 is computed: Tết is Saturday 6 February; the last day of the
		// lunar year is Friday 5, and the Saturday and Sunday of Tết are
		// made up on Wednesday 10 and Thursday 11.
		// 2028: 30 April is a Sunday and 1 May a holiday: off on 2 May.
		{2028, []string{"2028-05-01", "2028-05-02"}, nil, []string{"2028-05-03"}},
		{2027, []string{"2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-04-16", "2027-04-30", "2027-05-03"},
			nil, []string{"2027-02-12", "2027-05-04"}},
	} {
		got := off(calendar.Defaults(c.year))
		for _, h := range c.holidays {
			if got[h] != calendar.Holiday {
				t.Errorf("%d: %s should be a holiday (%v)", c.year, h, got)
			}
		}
		for _, w := range c.workdays {
			if got[w] != calendar.Workday {
				t.Errorf("%d: %s should be a swapped working day", c.year, w)
			}
		}
		for _, n := range c.notOff {
			if got[n] == calendar.Holiday {
				t.Errorf("%d: %s should not be a holiday", c.year, n)
			}
		}
	}
	// Every year gives the Labour Code's 11 days off, whatever the weekends.
	for y := 2025; y <= 2030; y++ {
		n := 0
		seen := map[time.Time]bool{}
		for _, x := range calendar.Defaults(y) {
			if seen[x.Date] {
				t.Errorf("%d: %s listed twice", y, x.Date.Format("2006-01-02"))
			}
			seen[x.Date] = true
			if x.Kind == calendar.Holiday {
				n++
			}
		}
		want := 11
		if y == 2025 {
			want = 12 // 2 May off in exchange for Saturday 26 April
		}
		if n != want {
			t.Errorf("%d: %d weekdays off, want %d", y, n, want)
		}
	}
}

func TestWorkingDays(t *testing.T) {
	cal := calendar.New(append(calendar.Defaults(2025), calendar.Defaults(2026)...))
	for _, c := range []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"Friday + 5 is the next Friday", d(2025, 3, 7), 5, d(2025, 3, 14)},
		{"Monday + 5 skips the weekend", d(2025, 3, 10), 5, d(2025, 3, 17)},
		{"Saturday + 1 is Monday", d(2025, 3, 8), 1, d(2025, 3, 10)},
		{"zero days is the day itself", d(2025, 3, 7), 0, d(2025, 3, 7)},
		{"across Tết 2026", d(2026, 2, 12), 5, d(2026, 2, 26)},
		{"across 30/4–1/5 2025 with the swapped Saturday 26/4", d(2025, 4, 24), 5, d(2025, 5, 5)},
		{"across National Day 2025", d(2025, 8, 29), 1, d(2025, 9, 3)},
		{"backwards", d(2025, 3, 14), -5, d(2025, 3, 7)},
	} {
		if got := cal.AddWorkingDays(c.from, c.n); !got.Equal(c.want) {
			t.Errorf("%s: got %s, want %s", c.name, got.Format("Mon 2006-01-02"), c.want.Format("Mon 2006-01-02"))
		}
	}
	for _, c := range []struct {
		name string
		a, b time.Time
		want int
	}{
		{"a week", d(2025, 3, 7), d(2025, 3, 14), 5},
		{"same day", d(2025, 3, 7), d(2025, 3, 7), 0},
		{"to a Sunday", d(2025, 3, 7), d(2025, 3, 9), 0},
		{"backwards", d(2025, 3, 14), d(2025, 3, 7), -5},
		{"Tết week 2026 counts nothing", d(2026, 2, 13), d(2026, 2, 22), 0},
		{"the swapped Saturday counts", d(2025, 4, 25), d(2025, 4, 28), 2},
	} {
		if got := cal.WorkingDaysBetween(c.a, c.b); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
	if cal.IsWorkingDay(d(2026, 2, 17)) || !cal.IsWorkingDay(d(2025, 4, 26)) || cal.IsWorkingDay(d(2025, 5, 2)) {
		t.Error("IsWorkingDay: Tết, a swapped Saturday or a swapped Friday is wrong")
	}
	// A time late in the evening in Vietnam is still that local day.
	if !cal.IsWorkingDay(time.Date(2025, 3, 7, 16, 30, 0, 0, time.UTC)) { // Friday 23:30 in Hà Nội
		t.Error("a UTC time is read as a local date")
	}
	if calendar.DaysBetween(d(2025, 3, 1), d(2025, 3, 16)) != 15 || calendar.DaysBetween(d(2025, 3, 16), d(2025, 3, 1)) != -15 {
		t.Error("DaysBetween")
	}
	// A calendar without listed days still skips weekends.
	if calendar.New(nil).AddWorkingDays(d(2026, 2, 13), 1) != d(2026, 2, 16) {
		t.Error("empty calendar")
	}
}

func TestDayValidate(t *testing.T) {
	for _, c := range []struct {
		day   calendar.Day
		field string
	}{
		{calendar.Day{Date: d(2026, 3, 2), NameVI: "Nghỉ", Kind: calendar.Holiday}, ""},
		{calendar.Day{Date: d(2026, 3, 2), NameVI: "Làm bù", Kind: calendar.Workday}, "kind"},
		{calendar.Day{Date: d(2026, 3, 7), NameVI: "Làm bù", Kind: calendar.Workday}, ""},
		{calendar.Day{NameVI: "x", Kind: calendar.Holiday}, "date"},
		{calendar.Day{Date: d(2026, 3, 2), Kind: calendar.Holiday}, "name_vi"},
		{calendar.Day{Date: d(2026, 3, 2), NameVI: "x", Kind: "other"}, "kind"},
	} {
		err := c.day.Validate()
		if c.field == "" && err != nil || c.field != "" && (err == nil || !hasField(err, c.field)) {
			t.Errorf("%+v: %v, want field %q", c.day, err, c.field)
		}
	}
}
