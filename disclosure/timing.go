package disclosure

import (
	"math"
	"time"
)

// TimingState says whether information came out by its deadline.
type TimingState string

const (
	OnTime  TimingState = "on_time" // published by the deadline
	Late    TimingState = "late"    // published after it
	Pending TimingState = "due"     // not yet published, deadline not passed
	Overdue TimingState = "overdue" // not yet published, deadline passed
	Dropped TimingState = "dropped" // a draft discarded without publication
)

// Timing is how a disclosure stands against its deadline.
type Timing struct {
	State   TimingState
	Due     time.Time
	LateBy  int  // days late (published late, or overdue today)
	Working bool // LateBy counts working days (else calendar days)
}

// Timing tells whether d was (or is being) published on time. Lateness
// counts working days for deadlines in working days, skipping weekends and
// holidays: published on the first working day after the deadline is late
// by 1; published on the weekend after it, too.
func (d *Disclosure) Timing(cal Calendar, today time.Time) Timing {
	r := d.Rule()
	t := Timing{Due: d.PublishDue, Working: r.Deadline.Working}
	if t.Due.IsZero() {
		t.Due = r.Due(d.DecidedOn, cal)
	}
	switch {
	case !d.PublishedOn.IsZero():
		t.State, t.LateBy = OnTime, lateness(t.Due, d.PublishedOn, t.Working, cal)
		if t.LateBy > 0 {
			t.State = Late
		}
	case d.Status == Withdrawn:
		t.State = Dropped
	default:
		t.State, t.LateBy = Pending, lateness(t.Due, today, t.Working, cal)
		if t.LateBy > 0 {
			t.State = Overdue
		}
	}
	return t
}

func lateness(due, on time.Time, working bool, cal Calendar) int {
	due, on = day(due), day(on)
	if !on.After(due) {
		return 0
	}
	if working {
		return max(1, cal.WorkingDaysBetween(due, on))
	}
	return int(math.Round(on.Sub(due).Hours() / 24))
}

// PostingState is where the posting window stands.
type PostingState string

const (
	NotPosted       PostingState = "none"      // not published
	PostedFor       PostingState = "permanent" // posted for good (categories 4 and 13)
	PostingRunning  PostingState = "running"
	PostingFinished PostingState = "finished"
	PostingEnded    PostingState = "ended" // withdrawn
)

// Posting tells where the posting window stands on today.
func (d *Disclosure) Posting(today time.Time) PostingState {
	switch {
	case d.PublishedOn.IsZero():
		return NotPosted
	case d.Status == Withdrawn:
		return PostingEnded
	case d.PostingUntil.IsZero():
		return PostedFor
	case day(today).After(day(d.PostingUntil)):
		return PostingFinished
	}
	return PostingRunning
}

// CheckExtension checks a new end of the posting window.
func (d *Disclosure) CheckExtension(until time.Time) error {
	switch {
	case d.Status != Published:
		return ErrNotPublished()
	case d.PostingUntil.IsZero():
		return invalid("until", "Tin này được niêm yết thường xuyên, không cần gia hạn.", "This notice is posted permanently; it needs no extension.")
	case !day(until).After(day(d.PostingUntil)):
		return invalid("until", "Ngày kết thúc mới phải sau ngày kết thúc hiện tại.", "The new end must be after the current end.")
	case day(until).After(day(d.PostingUntil).AddDate(1, 0, 0)):
		return invalid("until", "Mỗi lần gia hạn tối đa một năm.", "An extension is at most one year.")
	}
	return nil
}

// LoudspeakerDays is the longest run of consecutive days the disclosure
// was broadcast, from the recorded loudspeaker dates.
func (d *Disclosure) LoudspeakerDays() int {
	days := map[time.Time]bool{}
	for _, u := range d.Uses {
		if u.Channel != Loudspeaker {
			continue
		}
		to := u.To
		if to.IsZero() {
			to = u.From
		}
		for x := day(u.From); !x.After(day(to)); x = x.AddDate(0, 0, 1) {
			days[x] = true
		}
	}
	best := 0
	for x := range days {
		if days[x.AddDate(0, 0, -1)] {
			continue // not the start of a run
		}
		n := 0
		for days[x.AddDate(0, 0, n)] {
			n++
		}
		best = max(best, n)
	}
	return best
}

// Used tells whether channel c has been recorded for d.
func (d *Disclosure) Used(c Channel) bool {
	for _, u := range d.Uses {
		if u.Channel == c {
			return true
		}
	}
	return false
}

// Missing lists the channels the rule requires that have no record yet.
func (d *Disclosure) Missing() []Channel {
	var out []Channel
	for _, c := range d.Rule().Channels {
		if !d.Used(c) {
			out = append(out, c)
		}
	}
	return out
}

// CheckUse checks the record of a channel used for d on today.
func (d *Disclosure) CheckUse(u *Use, today time.Time) error {
	from, to := day(u.From), day(u.To)
	switch {
	case d.Status != Published:
		return ErrNotPublished()
	case from.IsZero():
		return invalid("from", "Cần ngày bắt đầu.", "The start date is required.")
	case from.Before(day(d.DecidedOn)):
		return invalid("from", "Ngày bắt đầu không thể trước ngày ban hành.", "The start date cannot be before the decision.")
	case to.Before(from):
		return invalid("to", "Ngày kết thúc không thể trước ngày bắt đầu.", "The end date cannot be before the start date.")
	case to.After(day(today)):
		return invalid("to", "Chỉ ghi nhận những ngày đã thực hiện (không ở tương lai).", "Record only days already done (not in the future).")
	case to.Sub(from) > 366*24*time.Hour:
		return invalid("to", "Mỗi lần ghi nhận tối đa một năm.", "One record covers at most a year.")
	case len([]rune(u.Note)) > 500:
		return invalid("note", "Ghi chú dài quá 500 ký tự.", "The note is longer than 500 characters.")
	}
	return nil
}
