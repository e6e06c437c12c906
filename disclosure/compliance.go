package disclosure

import (
	"time"

	"coso"
)

// Quarter returns the first and last day of quarter q (1–4) of year.
func Quarter(year, q int) (from, to time.Time, err error) {
	if q < 1 || q > 4 {
		return from, to, coso.Invalid("quarter", "Quý phải từ 1 đến 4.", "The quarter must be 1 to 4.")
	}
	if year < 2000 || year > 2100 {
		return from, to, coso.Invalid("year", "Năm không hợp lệ.", "The year is not valid.")
	}
	from = time.Date(year, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, coso.Zone)
	return from, from.AddDate(0, 3, -1), nil
}

// QuarterOf returns the year and quarter of t.
func QuarterOf(t time.Time) (year, q int) {
	t = day(t)
	return t.Year(), (int(t.Month())-1)/3 + 1
}

// Check is one line of the compliance checklist.
type Check struct {
	D              *Disclosure
	Timing         Timing
	Posting        PostingState
	Loudspeaker    int  // days required (0: no duty)
	Broadcast      int  // longest run of consecutive broadcast days recorded
	LoudspeakerMet bool // the duty is met (or there is none)
	Missing        []Channel
}

// Report is the compliance checklist of a unit for one quarter, and the
// list of everything it published in the quarter (art. 13.2).
type Report struct {
	Year, Quarter int
	From, To      time.Time
	Checks        []Check
	Published     []*Disclosure // published in the quarter, in date order
	OnTime        int
	Late          int
	Pending       int
	Overdue       int
	DutyUnmet     int // loudspeaker duties not (yet) met
}

// Percent is the share of what fell due that came out on time, in
// percent (the provincial target is 100); -1 when nothing fell due.
func (r *Report) Percent() int {
	n := r.OnTime + r.Late + r.Overdue
	if n == 0 {
		return -1
	}
	return r.OnTime * 100 / n
}

// NewReport builds the checklist of quarter q of year from the unit's
// disclosures: those decided or published in the quarter, and drafts
// decided earlier and still not published. today is when it is read.
func NewReport(ds []*Disclosure, year, q int, cal Calendar, today time.Time) (*Report, error) {
	from, to, err := Quarter(year, q)
	if err != nil {
		return nil, err
	}
	rep := &Report{Year: year, Quarter: q, From: from, To: to}
	in := func(t time.Time) bool { t = day(t); return !t.IsZero() && !t.Before(from) && !t.After(to) }
	// A quarter not yet over is read today; a past one at its end, so that
	// an old quarter does not change as time goes by (except for what was
	// published late after it ended, which shows as late).
	asOf := day(today)
	if asOf.After(to) {
		asOf = to
	}
	for _, d := range ds {
		carried := d.Status == Draft && day(d.DecidedOn).Before(from)
		if !in(d.DecidedOn) && !in(d.PublishedOn) && !carried {
			continue
		}
		c := Check{D: d, Timing: d.Timing(cal, asOf), Posting: d.Posting(today), Missing: d.Missing()}
		if d.PublishedOn.After(asOf) && !in(d.PublishedOn) {
			// Published after the quarter ended: as of the quarter's end it
			// was still awaited.
			c.Timing = Timing{State: Overdue, Due: c.Timing.Due, Working: c.Timing.Working,
				LateBy: lateness(c.Timing.Due, asOf, c.Timing.Working, cal)}
			if c.Timing.LateBy == 0 {
				c.Timing.State = Pending
			}
		}
		c.Loudspeaker = d.Rule().LoudspeakerDays
		c.Broadcast = d.LoudspeakerDays()
		c.LoudspeakerMet = c.Broadcast >= c.Loudspeaker
		rep.count(c)
		rep.Checks = append(rep.Checks, c)
		if in(d.PublishedOn) {
			rep.Published = append(rep.Published, d)
		}
	}
	return rep, nil
}

func (r *Report) count(c Check) {
	switch c.Timing.State {
	case OnTime:
		r.OnTime++
	case Late:
		r.Late++
	case Pending:
		r.Pending++
	case Overdue:
		r.Overdue++
	}
	if !c.LoudspeakerMet && c.D.Public() {
		r.DutyUnmet++
	}
}
