package petition

import (
	"time"

	"coso/calendar"
)

// DeadlineState is how one clock stands.
type DeadlineState string

const (
	Running DeadlineState = "running" // not done, deadline not passed
	Overdue DeadlineState = "overdue" // not done, deadline passed
	Met     DeadlineState = "met"     // done by the deadline
	Late    DeadlineState = "late"    // done after it
	Window  DeadlineState = "window"  // a time the sender has (to appeal), still open
	Ended   DeadlineState = "ended"   // that time is over
	Moot    DeadlineState = "moot"    // the clock no longer applies (a denunciation accepted needs no forwarding)
)

// Deadline is one clock of a case: its rule, its last day, and when (if)
// it was done.
type Deadline struct {
	Rule   Rule
	Due    time.Time
	Done   time.Time
	State  DeadlineState
	LateBy int // days (working days when the rule counts them) late or overdue
}

// intakeClock is the clock of a received case: the answer on intake, or
// the acceptance of a complaint or denunciation.
func (c *Case) intakeClock() Clock {
	if c.Kind == Feedback || c.Kind == Question {
		return Answer
	}
	return Accept
}

func (c *Case) rule(cl Clock) (Rule, bool) { return RuleFor(c.Kind, c.Instance, cl) }

// extensionDays is the calendar days granted by extensions.
func (c *Case) extensionDays() int {
	n := 0
	for _, e := range c.Extensions {
		n += e.Days
	}
	return n
}

// due computes the deadline of clock cl, zero when it has not started.
func (c *Case) due(cl Clock, cal *calendar.Calendar) time.Time {
	r, ok := c.rule(cl)
	if !ok {
		return time.Time{}
	}
	switch r.From {
	case FromReceipt:
		return r.Due(c.ReceivedOn, c.Complex, c.UnitRemote, 0, cal)
	case FromAcceptance:
		if c.AcceptedOn.IsZero() {
			return time.Time{}
		}
		return r.Due(c.AcceptedOn, c.Complex, c.UnitRemote, c.extensionDays(), cal)
	case FromDecision:
		if c.Stage != Resolved {
			return time.Time{}
		}
		return r.Due(c.FinishedOn, c.Complex, c.UnitRemote, 0, cal)
	}
	return time.Time{}
}

// currentDue is the deadline of the clock running now: the intake clock
// while received, the resolution while accepted (none for feedback and
// questions, whose handling the law does not time once answered).
func (c *Case) currentDue(cal *calendar.Calendar) time.Time {
	switch c.Stage {
	case Received:
		return c.due(c.intakeClock(), cal)
	case Accepted:
		return c.due(Resolve, cal)
	}
	return c.DueOn
}

// Deadlines lists every clock that applies to the case, in order, with
// how each stands on today.
func (c *Case) Deadlines(cal *calendar.Calendar, today time.Time) []Deadline {
	var out []Deadline
	add := func(cl Clock, done time.Time, moot bool) {
		r, ok := c.rule(cl)
		if !ok {
			return
		}
		d := Deadline{Rule: r, Due: c.due(cl, cal), Done: done}
		if d.Due.IsZero() {
			return
		}
		d.State, d.LateBy = stateOf(r, d.Due, done, moot, cal, today)
		out = append(out, d)
	}
	intakeDone := c.IntakeOn
	if c.Stage == Closed && c.IntakeOn.IsZero() {
		intakeDone = c.FinishedOn
	}
	switch c.Kind {
	case Denunciation:
		forwarded := c.Stage == Moved
		add(Forward, when(forwarded, c.IntakeOn), c.Stage != Received && !forwarded)
		add(Accept, when(!forwarded, intakeDone), forwarded)
	default:
		add(c.intakeClock(), intakeDone, false)
	}
	if !c.AcceptedOn.IsZero() {
		add(Resolve, when(c.Stage == Resolved || c.Stage == Closed, c.FinishedOn), false)
	}
	if c.Stage == Resolved {
		if r, ok := c.rule(Appeal); ok {
			d := Deadline{Rule: r, Due: c.due(Appeal, cal), State: Window}
			if calendar.DayOf(today).After(d.Due) {
				d.State = Ended
			}
			out = append(out, d)
		}
	}
	return out
}

func when(ok bool, t time.Time) time.Time {
	if ok {
		return t
	}
	return time.Time{}
}

func stateOf(r Rule, due, done time.Time, moot bool, cal *calendar.Calendar, today time.Time) (DeadlineState, int) {
	switch {
	case moot:
		return Moot, 0
	case !done.IsZero():
		if n := lateness(r.Working, due, done, cal); n > 0 {
			return Late, n
		}
		return Met, 0
	}
	if n := lateness(r.Working, due, today, cal); n > 0 {
		return Overdue, n
	}
	return Running, 0
}

// lateness counts the days (working days for a working-day limit) from
// due to on; 0 when on is not after due.
func lateness(working bool, due, on time.Time, cal *calendar.Calendar) int {
	due, on = calendar.DayOf(due), calendar.DayOf(on)
	if !on.After(due) {
		return 0
	}
	if working {
		return max(1, cal.WorkingDaysBetween(due, on))
	}
	return calendar.DaysBetween(due, on)
}

// TimingState is how a case stands against its current deadline, for the
// queues and figures.
type TimingState string

const (
	NoDeadline TimingState = "none"     // open with no legal limit running
	OnSchedule TimingState = "pending"  // open, deadline more than DueSoonDays working days away
	DueSoon    TimingState = "due_soon" // open, deadline within DueSoonDays working days
	PastDue    TimingState = "overdue"  // open, deadline passed
	OnTime     TimingState = "on_time"  // finished by the deadline
	LateDone   TimingState = "late"     // finished after it
)

// DueSoonDays is how many working days before a deadline a case counts as
// due soon and its officers are reminded.
const DueSoonDays = 2

// Timing is a case's current deadline and how it stands.
type Timing struct {
	State  TimingState
	Due    time.Time
	LateBy int // calendar days past the deadline
}

// Timing tells how the case stands on today. Nothing needs to be done by
// anyone for a case to turn overdue: the date does it.
func (c *Case) Timing(cal *calendar.Calendar, today time.Time) Timing {
	t := Timing{Due: c.DueOn}
	if t.Due.IsZero() {
		if c.Finished() {
			t.State = OnTime
		} else {
			t.State = NoDeadline
		}
		return t
	}
	on := today
	if c.Finished() {
		on = c.FinishedOn
	}
	t.LateBy = lateness(false, t.Due, on, cal)
	switch {
	case c.Finished() && t.LateBy > 0:
		t.State = LateDone
	case c.Finished():
		t.State = OnTime
	case t.LateBy > 0:
		t.State = PastDue
	case cal.WorkingDaysBetween(today, t.Due) <= DueSoonDays:
		t.State = DueSoon
	default:
		t.State = OnSchedule
	}
	return t
}

// Overdue tells whether the case is open past its deadline on today.
func (c *Case) Overdue(cal *calendar.Calendar, today time.Time) bool {
	return c.Timing(cal, today).State == PastDue
}
