package decision

import (
	"testing"
	"time"

	"coso"
	"coso/calendar"
)

func date(y int, m time.Month, d int) time.Time { return calendar.Date(y, m, d) }

// The commune's 5 working days skip weekends and holidays: a decision
// sent on Friday 29 August 2025 is answered by Tuesday 9 September (1
// and 2 September are National Day).
func TestAnswerClock(t *testing.T) {
	cal := calendar.New(calendar.Defaults(2025))
	m := &Matter{Subject: OtherMatter, Status: Counted, CountedAt: date(2025, 8, 28).Add(15 * time.Hour)}
	if c := m.AnswerClock(cal, date(2025, 8, 29)); c.State != Waiting {
		t.Errorf("before sending: %+v", c)
	}
	if c := m.SendClock(cal, date(2025, 8, 29)); c.State != Pending || !c.Due.Equal(date(2025, 9, 8)) {
		t.Errorf("send clock: %+v", c)
	}
	m.SentOn = date(2025, 8, 29)
	cases := []struct {
		today, decided time.Time
		state          ClockState
		late           int
	}{
		{date(2025, 9, 5), time.Time{}, Pending, 0},
		{date(2025, 9, 9), time.Time{}, Pending, 0},
		{date(2025, 9, 10), time.Time{}, Overdue, 1},
		{date(2025, 9, 13), time.Time{}, Overdue, 3}, // a Saturday: still 3 working days
		{date(2025, 9, 20), date(2025, 9, 9), OnTime, 0},
		{date(2025, 9, 20), date(2025, 9, 11), Late, 2},
	}
	for _, c := range cases {
		m.DecidedOn = c.decided
		got := m.AnswerClock(cal, c.today)
		if got.State != c.state || got.LateBy != c.late || !got.Due.Equal(date(2025, 9, 9)) {
			t.Errorf("on %s (answered %v): %+v, want %s late by %d", c.today.Format("2006-01-02"), c.decided, got, c.state, c.late)
		}
	}
	m.DecidedOn = time.Time{}
	if !m.AnswerClock(cal, date(2025, 9, 8)).NeedsReminder(cal, date(2025, 9, 8)) || m.AnswerClock(cal, date(2025, 9, 4)).NeedsReminder(cal, date(2025, 9, 4)) {
		t.Error("a reminder one working day before the deadline, not three")
	}
}

// Board members are answered by the Front; the others by the People's
// Committee; every recognised decision takes effect on its recognition.
func TestAnswerRules(t *testing.T) {
	for _, s := range Subjects() {
		a := s.Answer()
		want := Committee
		if s == BoardMembers {
			want = Front
		}
		if a.By != want || a.Effect("vi") == "" || a.Effect("en") == "" || a.Article == "" {
			t.Errorf("subject %d: %+v", s, a)
		}
		if s.DocumentsAhead() != (s <= Covenant) {
			t.Errorf("subject %d: documents ahead %v", s, s.DocumentsAhead())
		}
	}
	m := &Matter{Subject: Covenant, Status: Recognised, DecidedOn: date(2025, 9, 8)}
	if !m.EffectiveOn().Equal(date(2025, 9, 8)) {
		t.Errorf("effective %v", m.EffectiveOn())
	}
	m.Status = Refused
	if !m.EffectiveOn().IsZero() {
		t.Error("a refused decision takes effect")
	}
}

func TestCheckSend(t *testing.T) {
	today := date(2025, 9, 3)
	m := &Matter{Status: Counted, CountedAt: date(2025, 9, 2).Add(20 * time.Hour)}
	for _, c := range []struct {
		on    time.Time
		field string
	}{{time.Time{}, "sent_on"}, {date(2025, 9, 4), "sent_on"}, {date(2025, 9, 1), "sent_on"}, {date(2025, 9, 2), ""}, {today, ""}} {
		err := m.CheckSend(c.on, today)
		if e := coso.AsError(err); c.field == "" && err != nil || c.field != "" && (err == nil || e.Field != c.field) {
			t.Errorf("sent %v: %v", c.on, err)
		}
	}
	m.SentOn = today
	if err := m.CheckSend(today, today); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("sent twice: %v", err)
	}
	if err := m.CheckAnswer(date(2025, 9, 2)); coso.ErrorCode(err) != coso.EInvalid {
		t.Errorf("answered before it was sent: %v", err)
	}
	m.SentOn = time.Time{}
	if err := m.CheckAnswer(today); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("answered unsent: %v", err)
	}
}
