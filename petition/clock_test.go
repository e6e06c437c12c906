package petition_test

import (
	"strings"
	"testing"
	"time"

	"coso"
	"coso/calendar"
	"coso/petition"
)

func day(y int, m time.Month, d int) time.Time { return calendar.Date(y, m, d) }

// cal2026 is the government's 2026 calendar: New Year on Thursday 1
// January, Tết from Monday 16 to Friday 20 February, the Hùng Kings'
// compensatory day on Monday 27 April, 30 April and 1 May (Thursday,
// Friday), National Day on 1–2 September (Tuesday, Wednesday).
var cal2026 = calendar.New(calendar.Defaults(2026))

type step func(c *petition.Case) error

func accept(on time.Time, complex bool) step {
	return func(c *petition.Case) error { return c.Accept(on, complex, false, "", cal2026) }
}

func extend(on time.Time) step {
	return func(c *petition.Case) error {
		_, err := c.Extend(on, "Vụ việc phức tạp, cần xác minh thêm tại nhiều nơi.", cal2026)
		return err
	}
}

func resolve(on time.Time) step {
	return func(c *petition.Case) error {
		return c.Resolve(on, "Quyết định giải quyết khiếu nại số 12/QĐ-UBND.", "")
	}
}

func forward(on time.Time) step {
	return func(c *petition.Case) error {
		return c.Forward(on, "Công an tỉnh Thanh Hóa", "Không thuộc thẩm quyền của xã.", cal2026)
	}
}

// Every deadline of the law, for cases received on Fridays, before Tết, in
// remote units, complex, and denunciations with one and two extensions.
// The expected dates were counted by hand on the 2026 calendar.
func TestDeadlines(t *testing.T) {
	tests := []struct {
		name     string
		kind     petition.Kind
		instance int
		remote   bool
		received time.Time
		steps    []step
		want     map[petition.Clock]string
		dueOn    string // the current deadline after the steps
	}{
		{name: "complaint received on a Friday: accepted within 10 working days, two full weeks",
			kind: petition.Complaint, received: day(2026, 3, 6),
			want: map[petition.Clock]string{petition.Accept: "2026-03-20"}, dueOn: "2026-03-20"},
		{name: "complaint accepted on a Tuesday: resolved within 30 days",
			kind: petition.Complaint, received: day(2026, 3, 6), steps: []step{accept(day(2026, 3, 10), false)},
			want: map[petition.Clock]string{petition.Accept: "2026-03-20", petition.Resolve: "2026-04-09"}, dueOn: "2026-04-09"},
		{name: "complex complaint: 45 days",
			kind: petition.Complaint, received: day(2026, 3, 6), steps: []step{accept(day(2026, 3, 10), true)},
			want: map[petition.Clock]string{petition.Resolve: "2026-04-24"}, dueOn: "2026-04-24"},
		{name: "complaint in a remote commune: 45 days",
			kind: petition.Complaint, remote: true, received: day(2026, 3, 6), steps: []step{accept(day(2026, 3, 10), false)},
			want: map[petition.Clock]string{petition.Resolve: "2026-04-24"}, dueOn: "2026-04-24"},
		{name: "complex complaint in a remote commune: 60 days end on Saturday 9 May, so on Monday 11 May",
			kind: petition.Complaint, remote: true, received: day(2026, 3, 6), steps: []step{accept(day(2026, 3, 10), true)},
			want: map[petition.Clock]string{petition.Resolve: "2026-05-11"}, dueOn: "2026-05-11"},
		{name: "complaint received on the Friday before Tết: the holiday week does not count",
			kind: petition.Complaint, received: day(2026, 2, 13),
			want: map[petition.Clock]string{petition.Accept: "2026-03-06"}, dueOn: "2026-03-06"},
		{name: "complaint whose 30 days end in Tết: the first working day after it",
			kind: petition.Complaint, received: day(2026, 1, 16), steps: []step{accept(day(2026, 1, 19), false)},
			want: map[petition.Clock]string{petition.Resolve: "2026-02-23"}, dueOn: "2026-02-23"},
		{name: "first-instance decision: 30 days to appeal, ending on a Saturday, so Monday",
			kind: petition.Complaint, received: day(2026, 3, 6), steps: []step{accept(day(2026, 3, 10), false), resolve(day(2026, 4, 9))},
			want: map[petition.Clock]string{petition.Resolve: "2026-04-09", petition.Appeal: "2026-05-11"}, dueOn: "2026-04-09"},
		{name: "first-instance decision in a remote commune: 45 days to appeal",
			kind: petition.Complaint, remote: true, received: day(2026, 3, 6), steps: []step{accept(day(2026, 3, 10), false), resolve(day(2026, 4, 9))},
			want: map[petition.Clock]string{petition.Appeal: "2026-05-25"}, dueOn: "2026-04-24"},
		{name: "second instance received on the Friday before National Day",
			kind: petition.Complaint, instance: 2, received: day(2026, 8, 28),
			want: map[petition.Clock]string{petition.Accept: "2026-09-15"}, dueOn: "2026-09-15"},
		{name: "second instance: 45 days end on a Saturday, so Monday",
			kind: petition.Complaint, instance: 2, received: day(2026, 8, 28), steps: []step{accept(day(2026, 9, 16), false)},
			want: map[petition.Clock]string{petition.Resolve: "2026-11-02"}, dueOn: "2026-11-02"},
		{name: "second instance in a remote commune: 60 days end on a Sunday, so Monday",
			kind: petition.Complaint, instance: 2, remote: true, received: day(2026, 8, 28), steps: []step{accept(day(2026, 9, 16), false)},
			want: map[petition.Clock]string{petition.Resolve: "2026-11-16"}, dueOn: "2026-11-16"},
		{name: "complex second instance in a remote commune: 70 days",
			kind: petition.Complaint, instance: 2, remote: true, received: day(2026, 8, 28), steps: []step{accept(day(2026, 9, 16), true)},
			want: map[petition.Clock]string{petition.Resolve: "2026-11-25"}, dueOn: "2026-11-25"},
		{name: "denunciation received on the Friday before Tết: forward within 5, handle within 7 working days",
			kind: petition.Denunciation, received: day(2026, 2, 13),
			want: map[petition.Clock]string{petition.Forward: "2026-02-27", petition.Accept: "2026-03-03"}, dueOn: "2026-03-03"},
		{name: "denunciation forwarded: timed by the forwarding clock",
			kind: petition.Denunciation, received: day(2026, 2, 13), steps: []step{forward(day(2026, 2, 27))},
			want: map[petition.Clock]string{petition.Forward: "2026-02-27"}, dueOn: "2026-02-27"},
		{name: "denunciation accepted on a Monday: 30 days",
			kind: petition.Denunciation, received: day(2026, 2, 13), steps: []step{accept(day(2026, 3, 2), false)},
			want: map[petition.Clock]string{petition.Accept: "2026-03-03", petition.Resolve: "2026-04-01"}, dueOn: "2026-04-01"},
		{name: "denunciation extended once: 60 days end on 1 May, a holiday, then a weekend: Monday 4 May",
			kind: petition.Denunciation, received: day(2026, 2, 13), steps: []step{accept(day(2026, 3, 2), false), extend(day(2026, 3, 30))},
			want: map[petition.Clock]string{petition.Resolve: "2026-05-04"}, dueOn: "2026-05-04"},
		{name: "denunciation extended twice: 90 days end on a Sunday, so Monday 1 June",
			kind: petition.Denunciation, received: day(2026, 2, 13), steps: []step{accept(day(2026, 3, 2), false), extend(day(2026, 3, 30)), extend(day(2026, 4, 30))},
			want: map[petition.Clock]string{petition.Resolve: "2026-06-01"}, dueOn: "2026-06-01"},
		{name: "feedback received on the Friday before the April holidays: 10 working days",
			kind: petition.Feedback, received: day(2026, 4, 24),
			want: map[petition.Clock]string{petition.Answer: "2026-05-13"}, dueOn: "2026-05-13"},
		{name: "feedback accepted: no legal limit runs after the answer on intake",
			kind: petition.Feedback, received: day(2026, 4, 24), steps: []step{accept(day(2026, 5, 4), false)},
			want: map[petition.Clock]string{petition.Answer: "2026-05-13"}, dueOn: ""},
		{name: "question received on a Friday",
			kind: petition.Question, received: day(2026, 3, 6),
			want: map[petition.Clock]string{petition.Answer: "2026-03-20"}, dueOn: "2026-03-20"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &petition.Case{Kind: tc.kind, Instance: tc.instance, UnitRemote: tc.remote}
			if tc.kind == petition.Complaint && c.Instance == 0 {
				c.Instance = 1
			}
			c.Receive(tc.received, cal2026)
			for i, s := range tc.steps {
				if err := s(c); err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
			}
			got := map[petition.Clock]string{}
			for _, d := range c.Deadlines(cal2026, tc.received) {
				got[d.Rule.Clock] = d.Due.Format("2006-01-02")
				if d.Rule.Article == "" {
					t.Errorf("%s: no article cited", d.Rule.Clock)
				}
			}
			for cl, want := range tc.want {
				if got[cl] != want {
					t.Errorf("%s deadline %s, want %s (all: %v)", cl, got[cl], want, got)
				}
			}
			if dueOn := iso(c.DueOn); dueOn != tc.dueOn {
				t.Errorf("current deadline %s, want %s", dueOn, tc.dueOn)
			}
		})
	}
}

func iso(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(coso.Zone).Format("2006-01-02")
}

// A third extension is refused, as is one decided after the deadline,
// one without a written reason, and any extension of a complaint.
func TestExtensionLimits(t *testing.T) {
	c := &petition.Case{Kind: petition.Denunciation}
	c.Receive(day(2026, 2, 13), cal2026)
	if _, err := c.Extend(day(2026, 2, 16), "Cần xác minh thêm.", cal2026); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("extension before acceptance: %v", err)
	}
	if err := c.Accept(day(2026, 3, 2), false, false, "", cal2026); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Extend(day(2026, 3, 30), "  ", cal2026); coso.ErrorCode(err) != coso.EInvalid {
		t.Errorf("extension without a reason: %v", err)
	}
	if _, err := c.Extend(day(2026, 4, 2), "Vụ việc phức tạp.", cal2026); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("extension after the deadline (1 April): %v", err)
	}
	for _, on := range []time.Time{day(2026, 3, 30), day(2026, 4, 30)} {
		if _, err := c.Extend(on, "Vụ việc đặc biệt phức tạp.", cal2026); err != nil {
			t.Fatal(err)
		}
	}
	if c.ExtensionsLeft() != 0 {
		t.Errorf("extensions left: %d", c.ExtensionsLeft())
	}
	_, err := c.Extend(day(2026, 5, 20), "Lần ba.", cal2026)
	if coso.ErrorCode(err) != coso.EConflict || !strings.Contains(err.Error(), "2 times") {
		t.Errorf("third extension: %v", err)
	}
	k := &petition.Case{Kind: petition.Complaint, Instance: 1}
	k.Receive(day(2026, 3, 6), cal2026)
	_ = k.Accept(day(2026, 3, 10), false, false, "", cal2026)
	if _, err := k.Extend(day(2026, 3, 11), "Cần thêm thời gian.", cal2026); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("complaint extension: %v", err)
	}
}

// A case turns overdue by the date alone, is due soon two working days
// before, and is on time or late once finished.
func TestTiming(t *testing.T) {
	c := &petition.Case{Kind: petition.Complaint, Instance: 1}
	c.Receive(day(2026, 3, 6), cal2026) // due Friday 20 March
	cases := []struct {
		today time.Time
		want  petition.TimingState
	}{
		{day(2026, 3, 9), petition.OnSchedule},
		{day(2026, 3, 17), petition.OnSchedule},
		{day(2026, 3, 18), petition.DueSoon},
		{day(2026, 3, 20), petition.DueSoon},
		{day(2026, 3, 21), petition.PastDue},
		{day(2026, 4, 1), petition.PastDue},
	}
	for _, tc := range cases {
		if got := c.Timing(cal2026, tc.today).State; got != tc.want {
			t.Errorf("on %s: %s, want %s", iso(tc.today), got, tc.want)
		}
	}
	if got := c.Timing(cal2026, day(2026, 3, 23)).LateBy; got != 3 {
		t.Errorf("late by %d days on Monday 23 March, want 3", got)
	}
	if !c.Overdue(cal2026, day(2026, 3, 23)) {
		t.Error("not overdue after the deadline")
	}
	late := *c
	if err := late.Reject(day(2026, 3, 23), "Đã quá thời hiệu khiếu nại 90 ngày."); err != nil {
		t.Fatal(err)
	}
	if got := late.Timing(cal2026, day(2026, 4, 1)).State; got != petition.LateDone {
		t.Errorf("rejected late: %s", got)
	}
	if err := c.Reject(day(2026, 3, 20), "Đã quá thời hiệu khiếu nại 90 ngày."); err != nil {
		t.Fatal(err)
	}
	if got := c.Timing(cal2026, day(2026, 4, 1)).State; got != petition.OnTime {
		t.Errorf("rejected on the last day: %s", got)
	}
	ds := c.Deadlines(cal2026, day(2026, 4, 1))
	if len(ds) != 1 || ds[0].State != petition.Met {
		t.Errorf("deadlines after a rejection: %+v", ds)
	}
}

// Every rule names its article and its clock's numbers are positive; the
// table has one row per kind, instance and clock.
func TestRulesTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range petition.Rules() {
		key := string(r.Kind) + string(rune('0'+r.Instance)) + string(r.Clock)
		if seen[key] {
			t.Errorf("two rows for %s", key)
		}
		seen[key] = true
		if r.Article == "" || r.VI == "" || r.EN == "" || r.Days <= 0 {
			t.Errorf("incomplete row %+v", r)
		}
		if r.Extensions > 0 && r.ExtensionDays <= 0 {
			t.Errorf("%s: extensions without their length", key)
		}
	}
	for _, k := range petition.Kinds() {
		inst := 0
		if k == petition.Complaint {
			inst = 1
		}
		c := &petition.Case{Kind: k, Instance: inst}
		c.Receive(day(2026, 3, 6), cal2026)
		if c.DueOn.IsZero() {
			t.Errorf("%s has no intake clock", k)
		}
	}
}
