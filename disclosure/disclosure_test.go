package disclosure_test

import (
	"errors"
	"testing"
	"time"

	"coso"
	"coso/calendar"
	"coso/disclosure"
)

func d(y int, m time.Month, day int) time.Time { return calendar.Date(y, m, day) }

var cal = calendar.New(append(calendar.Defaults(2025), calendar.Defaults(2026)...))

func field(err error) string {
	var e *coso.Error
	if errors.As(err, &e) {
		return e.Field
	}
	var es coso.Errors
	if errors.As(err, &es) && len(es) > 0 {
		return es[0].Field
	}
	return ""
}

func TestRules(t *testing.T) {
	if n := len(disclosure.Rules(disclosure.CommuneScope)); n != 14 {
		t.Fatalf("%d commune categories, want 14", n)
	}
	for _, c := range []struct {
		code        string
		deadline    int
		working     bool
		posting     int
		loudspeaker int
	}{
		{"1", 5, true, 30, 0}, {"4", 5, true, 0, 0}, {"7", 5, true, 30, 3}, {"12", 5, true, 30, 3},
		{"13", 5, true, 0, 0}, {"14", 5, true, 30, 0}, {"A2", 5, true, 20, 0}, {"E4", 15, false, 20, 0},
	} {
		r, ok := disclosure.RuleFor(c.code)
		if !ok || r.Deadline.Days != c.deadline || r.Deadline.Working != c.working || r.PostingDays != c.posting || r.LoudspeakerDays != c.loudspeaker {
			t.Errorf("rule %s: %+v", c.code, r)
		}
		if !r.Requires(disclosure.Portal) || r.Article == "" {
			t.Errorf("rule %s: every category goes on the portal and names its article", c.code)
		}
		if r.Requires(disclosure.Loudspeaker) != (c.loudspeaker > 0) {
			t.Errorf("rule %s: loudspeaker channel", c.code)
		}
	}
	if _, ok := disclosure.RuleFor("15"); ok {
		t.Error("category 15 exists")
	}
}

func TestDeadlines(t *testing.T) {
	seven, _ := disclosure.RuleFor("7")
	enterprise, _ := disclosure.RuleFor("E1")
	for _, c := range []struct {
		name    string
		rule    disclosure.Rule
		decided time.Time
		due     time.Time
	}{
		{"Friday + 5 working days", seven, d(2026, 3, 6), d(2026, 3, 13)},
		{"across Tết 2026", seven, d(2026, 2, 12), d(2026, 2, 26)},
		{"across 30/4–1/5 2025", seven, d(2025, 4, 28), d(2025, 5, 8)},
		{"enterprise: 15 calendar days", enterprise, d(2026, 2, 12), d(2026, 2, 27)},
	} {
		if got := c.rule.Due(c.decided, cal); !got.Equal(c.due) {
			t.Errorf("%s: due %s, want %s", c.name, got.Format("Mon 2006-01-02"), c.due.Format("Mon 2006-01-02"))
		}
	}
	if got := seven.PostingEnd(d(2026, 3, 10)); !got.Equal(d(2026, 4, 8)) {
		t.Errorf("30 days from 10 March end on %s", got.Format("2006-01-02"))
	}
	four, _ := disclosure.RuleFor("4")
	if !four.PostingEnd(d(2026, 3, 10)).IsZero() {
		t.Error("category 4 is posted permanently")
	}
}

func TestTiming(t *testing.T) {
	// Decided on Thursday 23 April 2026. Working days after it: Fri 24;
	// Mon 27 is the Hùng Kings' day made up (26 April is a Sunday); Tue 28,
	// Wed 29; 30/4 and 1/5 are holidays; Mon 4, Tue 5 May. The 5th working
	// day, the deadline, is Tue 5 May; the 6th is Wed 6 May.
	base := disclosure.Disclosure{Category: "7", DecidedOn: d(2026, 4, 23), Status: disclosure.Published}
	for _, c := range []struct {
		name      string
		decided   time.Time
		published time.Time
		status    disclosure.Status
		today     time.Time
		state     disclosure.TimingState
		lateBy    int
	}{
		{"on the deadline", base.DecidedOn, d(2026, 5, 5), disclosure.Published, d(2026, 6, 1), disclosure.OnTime, 0},
		{"6 working days after the decision", base.DecidedOn, d(2026, 5, 6), disclosure.Published, d(2026, 6, 1), disclosure.Late, 1},
		{"a week late", base.DecidedOn, d(2026, 5, 12), disclosure.Published, d(2026, 6, 1), disclosure.Late, 5},
		{"draft before the deadline", base.DecidedOn, time.Time{}, disclosure.Draft, d(2026, 4, 29), disclosure.Pending, 0},
		{"draft after the deadline", base.DecidedOn, time.Time{}, disclosure.Draft, d(2026, 5, 7), disclosure.Overdue, 2},
		{"discarded draft", base.DecidedOn, time.Time{}, disclosure.Withdrawn, d(2026, 5, 7), disclosure.Dropped, 0},
		// Decided Friday 6 March: due Friday 13; the Saturday after is late
		// by 1, as the next working day would be.
		{"on the weekend after the deadline", d(2026, 3, 6), d(2026, 3, 14), disclosure.Published, d(2026, 6, 1), disclosure.Late, 1},
	} {
		x := base
		x.DecidedOn, x.PublishedOn, x.Status = c.decided, c.published, c.status
		got := x.Timing(cal, c.today)
		if got.State != c.state || got.LateBy != c.lateBy || !got.Due.Equal(x.Rule().Due(c.decided, cal)) {
			t.Errorf("%s: %+v, want %s by %d", c.name, got, c.state, c.lateBy)
		}
	}
	if due := base.Rule().Due(base.DecidedOn, cal); !due.Equal(d(2026, 5, 5)) {
		t.Errorf("due %s", due.Format("2006-01-02"))
	}
}

func TestPostingAndLoudspeaker(t *testing.T) {
	x := disclosure.Disclosure{Category: "7", Status: disclosure.Published, PublishedOn: d(2026, 3, 10), PostingUntil: d(2026, 4, 8)}
	for today, want := range map[time.Time]disclosure.PostingState{
		d(2026, 3, 10): disclosure.PostingRunning, d(2026, 4, 8): disclosure.PostingRunning, d(2026, 4, 9): disclosure.PostingFinished,
	} {
		if got := x.Posting(today); got != want {
			t.Errorf("%s: %s, want %s", today.Format("2006-01-02"), got, want)
		}
	}
	if err := x.CheckExtension(d(2026, 4, 1)); field(err) != "until" {
		t.Errorf("an extension that shortens: %v", err)
	}
	if err := x.CheckExtension(d(2026, 5, 8)); err != nil {
		t.Errorf("a month more: %v", err)
	}
	if x.LoudspeakerDays() != 0 || len(x.Missing()) != 5 {
		t.Fatalf("nothing recorded yet: %d days, missing %v", x.LoudspeakerDays(), x.Missing())
	}
	x.Uses = []disclosure.Use{
		{Channel: disclosure.Portal, From: d(2026, 3, 10)},
		{Channel: disclosure.Loudspeaker, From: d(2026, 3, 10)},
		{Channel: disclosure.Loudspeaker, From: d(2026, 3, 12), To: d(2026, 3, 13)},
	}
	if n := x.LoudspeakerDays(); n != 2 {
		t.Errorf("10, 12, 13 March: longest run %d, want 2", n)
	}
	x.Uses = append(x.Uses, disclosure.Use{Channel: disclosure.Loudspeaker, From: d(2026, 3, 11)})
	if n := x.LoudspeakerDays(); n != 4 {
		t.Errorf("10–13 March: %d, want 4", n)
	}
	if m := x.Missing(); len(m) != 3 || m[0] != disclosure.Posting {
		t.Errorf("missing %v", m)
	}
}

func TestValidate(t *testing.T) {
	today := d(2026, 3, 10)
	ok := disclosure.Disclosure{Category: "7", Title: "Danh sách hộ nghèo năm 2026", Body: "Nội dung  \r\ndòng 2", DecidedOn: d(2026, 3, 9)}
	if err := ok.Validate("commune", today); err != nil {
		t.Fatal(err)
	}
	if ok.Body != "Nội dung\ndòng 2" || ok.Audience != disclosure.WholeUnit {
		t.Errorf("normalised: %q %s", ok.Body, ok.Audience)
	}
	for _, c := range []struct {
		name  string
		edit  func(*disclosure.Disclosure)
		kind  string
		field string
	}{
		{"province", func(*disclosure.Disclosure) {}, "province", "unit"},
		{"agency category at a commune", func(x *disclosure.Disclosure) { x.Category = "A1" }, "commune", "category"},
		{"commune category at an agency", func(*disclosure.Disclosure) {}, "agency", "category"},
		{"unknown category", func(x *disclosure.Disclosure) { x.Category = "99" }, "commune", "category"},
		{"short title", func(x *disclosure.Disclosure) { x.Title = "ab" }, "commune", "title"},
		{"no date", func(x *disclosure.Disclosure) { x.DecidedOn = time.Time{} }, "commune", "decided_on"},
		{"future date", func(x *disclosure.Disclosure) { x.DecidedOn = d(2026, 3, 11) }, "commune", "decided_on"},
		{"villages without villages", func(x *disclosure.Disclosure) { x.Audience = disclosure.SomeVillages }, "commune", "villages"},
		{"bad audience", func(x *disclosure.Disclosure) { x.Audience = "everyone" }, "commune", "audience"},
	} {
		x := ok
		c.edit(&x)
		if err := x.Validate(c.kind, today); field(err) != c.field {
			t.Errorf("%s: %v, want field %s", c.name, err, c.field)
		}
	}
	staff := disclosure.Disclosure{Category: "A2", Title: "Kế hoạch công tác 2026", DecidedOn: d(2026, 1, 5)}
	if err := staff.Validate("agency", today); err != nil || staff.Audience != disclosure.Staff {
		t.Errorf("agency: %v %s", err, staff.Audience)
	}
}

func TestReport(t *testing.T) {
	pub := func(id int64, cat string, decided, published time.Time) *disclosure.Disclosure {
		x := &disclosure.Disclosure{ID: id, Category: cat, DecidedOn: decided, Status: disclosure.Published, PublishedOn: published}
		r := x.Rule()
		x.PublishDue, x.PostingUntil = r.Due(decided, cal), r.PostingEnd(published)
		x.Uses = []disclosure.Use{{Channel: disclosure.Portal, From: published}}
		return x
	}
	ds := []*disclosure.Disclosure{
		pub(1, "1", d(2026, 1, 5), d(2026, 1, 6)),                                   // on time
		pub(2, "7", d(2026, 2, 12), d(2026, 2, 27)),                                 // late by 1 across Tết
		{ID: 3, Category: "2", DecidedOn: d(2026, 3, 30), Status: disclosure.Draft}, // still due at the quarter's end... read on 31 March
		{ID: 4, Category: "2", DecidedOn: d(2025, 12, 1), Status: disclosure.Draft}, // carried over, overdue
		pub(5, "1", d(2025, 6, 1), d(2025, 6, 3)),                                   // another quarter
		pub(6, "3", d(2026, 3, 20), d(2026, 4, 10)),                                 // published after the quarter: overdue at its end
	}
	rep, err := disclosure.NewReport(ds, 2026, 1, cal, d(2026, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Checks) != 5 || rep.OnTime != 1 || rep.Late != 1 || rep.Pending != 1 || rep.Overdue != 2 {
		t.Fatalf("report: %d checks, on time %d, late %d, pending %d, overdue %d", len(rep.Checks), rep.OnTime, rep.Late, rep.Pending, rep.Overdue)
	}
	if len(rep.Published) != 2 || rep.DutyUnmet != 1 || rep.Percent() != 25 {
		t.Errorf("published %d, loudspeaker unmet %d, percent %d", len(rep.Published), rep.DutyUnmet, rep.Percent())
	}
	if _, err := disclosure.NewReport(ds, 2026, 5, cal, d(2026, 3, 31)); field(err) != "quarter" {
		t.Errorf("quarter 5: %v", err)
	}
}

func TestRequest(t *testing.T) {
	r := disclosure.Request{Name: " Lê Thị Hoa ", Contact: "0912345678", Question: "Xin cung cấp danh sách hộ được hỗ trợ làm nhà.", Public: true}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	// Received Thursday 12 February 2026, before Tết: 10 working days run
	// to 5 March (Tết takes 16–20 February).
	r.Receive(d(2026, 2, 12), cal)
	if !r.DueOn.Equal(d(2026, 3, 5)) {
		t.Fatalf("due %s", r.DueOn.Format("2006-01-02"))
	}
	if tm := r.Timing(cal, d(2026, 3, 6)); tm.State != disclosure.Overdue || tm.LateBy != 1 {
		t.Errorf("a day after: %+v", tm)
	}
	if err := r.Extend("", cal); field(err) != "reason" {
		t.Errorf("extension without a reason: %v", err)
	}
	if err := r.Extend("Cần tổng hợp từ 5 thôn", cal); err != nil || !r.DueOn.Equal(d(2026, 3, 19)) {
		t.Fatalf("extended: %v, due %s", err, r.DueOn.Format("2006-01-02"))
	}
	if err := r.Extend("again", cal); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("a second extension: %v", err)
	}
	if err := r.Respond(disclosure.Answered, "Danh sách đính kèm.", d(2026, 3, 18)); err != nil {
		t.Fatal(err)
	}
	if tm := r.Timing(cal, d(2026, 4, 1)); tm.State != disclosure.OnTime {
		t.Errorf("answered in time: %+v", tm)
	}
	if err := r.Respond(disclosure.Answered, "again", d(2026, 3, 19)); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("answering twice: %v", err)
	}
	bad := disclosure.Request{Question: "short"}
	if err := bad.Validate(); err == nil || len(err.(coso.Errors)) != 3 {
		t.Errorf("empty request: %v", err)
	}
}

func TestReminder(t *testing.T) {
	if !disclosure.NeedsReminder(disclosure.Timing{State: disclosure.Pending, Due: d(2026, 3, 13)}, cal, d(2026, 3, 12)) ||
		disclosure.NeedsReminder(disclosure.Timing{State: disclosure.Pending, Due: d(2026, 3, 13)}, cal, d(2026, 3, 10)) ||
		!disclosure.NeedsReminder(disclosure.Timing{State: disclosure.Overdue}, cal, d(2026, 3, 10)) {
		t.Error("NeedsReminder")
	}
	subj, body := disclosure.Reminder([]disclosure.DueItem{{Kind: "disclosure", ID: 7, Title: "Danh sách hộ nghèo", UnitName: "Xã A",
		Timing: disclosure.Timing{State: disclosure.Overdue, LateBy: 2}}}, "https://coso.example")
	if subj == "" || !contains(body, "https://coso.example/admin/disclosures/7") || !contains(body, "QUÁ HẠN 2") {
		t.Errorf("reminder: %s\n%s", subj, body)
	}
}
