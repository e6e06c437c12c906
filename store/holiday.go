package store

import (
	"context"
	"sync"
	"time"

	"coso"
	"coso/calendar"
)

// Holidays lists the listed days of year (days off and swapped working
// days), in date order; year 0 lists every year.
func (s *Store) Holidays(ctx context.Context, year int) ([]calendar.Day, error) {
	q, args := "SELECT date, name_vi, name_en, kind FROM holidays", []any{}
	if year != 0 {
		q += " WHERE date >= $1 AND date <= $2"
		args = append(args, formatDate(calendar.Date(year, 1, 1)), formatDate(calendar.Date(year, 12, 31)))
	}
	return queryAll(ctx, s.r, scanHoliday, q+" ORDER BY date", args...)
}

func scanHoliday(row scanner) (calendar.Day, error) {
	var d calendar.Day
	var date, kind string
	err := row.Scan(&date, &d.NameVI, &d.NameEN, &kind)
	d.Date, d.Kind = parseDate(date), calendar.Kind(kind)
	return d, err
}

// SetHoliday adds a listed day or replaces the one on the same date.
func (s *Store) SetHoliday(ctx context.Context, d calendar.Day) error {
	if err := d.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO holidays (date, name_vi, name_en, kind) VALUES ($1, $2, $3, $4)
			ON CONFLICT (date) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en, kind = excluded.kind`,
			formatDate(d.Date), d.NameVI, d.NameEN, string(d.Kind))
		if err != nil {
			return err
		}
		return tx.Audit(0, "calendar.set", "holiday:"+formatDate(d.Date), string(d.Kind)+" "+d.NameVI)
	})
	s.forgetCalendar()
	return err
}

// RemoveHoliday takes a listed day off the calendar: the date becomes an
// ordinary day again.
func (s *Store) RemoveHoliday(ctx context.Context, date time.Time) error {
	err := s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec("DELETE FROM holidays WHERE date = $1", formatDate(date))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coso.NotFound("holiday " + formatDate(date))
		}
		return tx.Audit(0, "calendar.remove", "holiday:"+formatDate(date), "")
	})
	s.forgetCalendar()
	return err
}

// calendarTTL bounds how long another app server may count with a
// calendar an administrator has since changed.
const calendarTTL = time.Minute

type cachedCalendar struct {
	mu  sync.Mutex
	cal *calendar.Calendar
	at  time.Time
}

// calendars holds each store's cached calendar; the Store type is shared
// by every part, so the cache lives beside it rather than in it.
var calendars sync.Map // *Store → *cachedCalendar

// Calendar returns the working-day calendar built from the holidays table.
func (s *Store) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	v, _ := calendars.LoadOrStore(s, &cachedCalendar{})
	c := v.(*cachedCalendar)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cal != nil && time.Since(c.at) < calendarTTL {
		return c.cal, nil
	}
	days, err := s.Holidays(ctx, 0)
	if err != nil {
		return nil, err
	}
	c.cal, c.at = calendar.New(days), time.Now()
	return c.cal, nil
}

func (s *Store) forgetCalendar() {
	if v, ok := calendars.Load(s); ok {
		c := v.(*cachedCalendar)
		c.mu.Lock()
		c.cal = nil
		c.mu.Unlock()
	}
}
