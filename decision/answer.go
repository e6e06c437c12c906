package decision

import (
	"fmt"
	"strings"
	"time"

	"coso"
)

// Recogniser is the commune body that answers a community's written
// decision: it recognises it, or refuses it in writing with reasons.
type Recogniser string

const (
	Committee Recogniser = "committee" // the commune People's Committee (Ủy ban nhân dân cấp xã)
	Front     Recogniser = "front"     // the commune Fatherland Front committee (Ủy ban MTTQ cấp xã)
)

// Name returns the body's name in lang.
func (r Recogniser) Name(lang string) string {
	names := map[Recogniser][2]string{
		Committee: {"Ủy ban nhân dân cấp xã", "the commune People's Committee"},
		Front:     {"Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã", "the commune Fatherland Front committee"},
	}
	if lang == "en" {
		return names[r][1]
	}
	return names[r][0]
}

// Answer is who answers a subject's decisions and when they take effect
// (a column of the rules table in subject.go).
type Answer struct {
	By                 Recogniser
	EffectVI, EffectEN string
	Article            string
}

// Effect returns the words saying when the decision takes effect, in lang.
func (a Answer) Effect(lang string) string {
	if lang == "en" {
		return a.EffectEN
	}
	return a.EffectVI
}

// Calendar counts working days (package calendar implements it).
type Calendar interface {
	AddWorkingDays(from time.Time, n int) time.Time
	WorkingDaysBetween(a, b time.Time) int
}

// Deadline is one time limit the law sets on a community decision.
type Deadline struct {
	Days    int
	Working bool // working days (skipping weekends and holidays), else calendar days
	VI, EN  string
	Article string
}

// The law's time limits, one row each (LAW.md "Dân quyết").
var (
	// SendWithin: the written decision (Form 03) goes to the commune
	// People's Committee and Front within 5 working days of the result.
	SendWithin = Deadline{Days: 5, Working: true, VI: "Gửi văn bản quyết định đến UBND và UBMTTQ cấp xã",
		EN: "Send the written decision to the commune People's Committee and Front", Article: "art. 22 (LAW.md “Dân quyết”)"}
	// AnswerWithin: the commune recognises it, or refuses in writing with
	// reasons, within 5 working days of receiving it (for board members,
	// the commune Front).
	AnswerWithin = Deadline{Days: 5, Working: true, VI: "Công nhận, hoặc trả lời bằng văn bản nêu rõ lý do",
		EN: "Recognise it, or refuse in writing with reasons", Article: "art. 22 (LAW.md “Dân quyết”)"}
	// NoticeAhead: the invitation reaches households at least 2 days before
	// the meeting, and for subjects 1–3 the documents too.
	NoticeAhead = Deadline{Days: 2, VI: "Giấy mời (và tài liệu với việc mục 1–3) đến các hộ trước ngày họp",
		EN: "The invitation (and for items 1–3 the documents) reach households before the meeting", Article: "art. 17 (LAW.md “Dân quyết”)"}
)

// Due is the date d ends when it starts on from.
func (d Deadline) Due(from time.Time, cal Calendar) time.Time {
	if from.IsZero() {
		return time.Time{}
	}
	if d.Working {
		return cal.AddWorkingDays(from, d.Days)
	}
	return dateOf(from).AddDate(0, 0, d.Days)
}

// ClockState says how a step stands against its deadline. The words are
// those of disclosure.TimingState, so pages show both alike.
type ClockState string

const (
	Waiting ClockState = "waiting" // the step cannot start yet
	Pending ClockState = "due"     // not done, deadline not passed
	Overdue ClockState = "overdue" // not done, deadline passed
	OnTime  ClockState = "on_time" // done by the deadline
	Late    ClockState = "late"    // done after it
)

// Clock is how a step stands against its deadline.
type Clock struct {
	State  ClockState
	Due    time.Time
	LateBy int // working days late (done late, or overdue today)
}

// Clock tells how a step that had to be done within d of from stands on
// today, done on done (zero while not done).
func (d Deadline) Clock(from, done, today time.Time, cal Calendar) Clock {
	if from.IsZero() {
		return Clock{State: Waiting}
	}
	c := Clock{Due: d.Due(from, cal)}
	at, doneState, lateState := dateOf(today), Pending, Overdue
	if !done.IsZero() {
		at, doneState, lateState = dateOf(done), OnTime, Late
	}
	c.State = doneState
	if at.After(c.Due) {
		c.State, c.LateBy = lateState, max(1, cal.WorkingDaysBetween(c.Due, at))
	}
	return c
}

// RemindAhead is how many working days before its deadline a step is
// reminded; overdue steps are reminded every day until done.
const RemindAhead = 1

// NeedsReminder tells whether c is close to or past its deadline.
func (c Clock) NeedsReminder(cal Calendar, today time.Time) bool {
	switch c.State {
	case Overdue:
		return true
	case Pending:
		return cal.WorkingDaysBetween(today, c.Due) <= RemindAhead
	}
	return false
}

// SendClock is how the village stands with sending the written decision:
// within SendWithin of the count.
func (m *Matter) SendClock(cal Calendar, today time.Time) Clock {
	if m.CountedAt.IsZero() {
		return Clock{State: Waiting}
	}
	return SendWithin.Clock(dateOf(m.CountedAt), m.SentOn, today, cal)
}

// AnswerClock is how the commune stands with its answer: within
// AnswerWithin of the day it was sent.
func (m *Matter) AnswerClock(cal Calendar, today time.Time) Clock {
	return AnswerWithin.Clock(m.SentOn, m.DecidedOn, today, cal)
}

// Recogniser is the body that answers the matter's decision.
func (m *Matter) Recogniser() Recogniser { return m.Subject.Answer().By }

// EffectiveOn is the date the decision takes effect: the day of its
// recognition (see the rules table); zero unless recognised.
func (m *Matter) EffectiveOn() time.Time {
	if m.Status != Recognised {
		return time.Time{}
	}
	return m.DecidedOn
}

// CheckSend checks that the written decision of m can be recorded as sent
// on the local date on, today being today.
func (m *Matter) CheckSend(on, today time.Time) error {
	switch {
	case m.Status != Counted:
		return coso.Errorf(coso.EConflict, "status", "Chỉ gửi văn bản sau khi chốt kết quả và trước khi xã trả lời.",
			"The decision is sent once counted and before the commune answers.")
	case !m.SentOn.IsZero():
		return coso.Errorf(coso.EConflict, "sent_on", "Văn bản đã được gửi ngày %s.", "The decision was already sent on %s.",
			m.SentOn.Format("02/01/2006"))
	case on.IsZero():
		return coso.Invalid("sent_on", "Cần ngày gửi văn bản.", "The date it was sent is required.")
	case dateOf(on).After(dateOf(today)):
		return coso.Invalid("sent_on", "Ngày gửi không thể ở tương lai.", "The date it was sent cannot be in the future.")
	case dateOf(on).Before(dateOf(m.CountedAt)):
		return coso.Invalid("sent_on", "Ngày gửi không thể trước ngày chốt kết quả (%s).", "It cannot be sent before the count (%s).",
			dateOf(m.CountedAt).Format("02/01/2006"))
	}
	return nil
}

// CheckAnswer checks the commune's answer dated on: the decision must have
// been sent to it, and it cannot answer before it received it.
func (m *Matter) CheckAnswer(on time.Time) error {
	switch {
	case m.SentOn.IsZero():
		return coso.Errorf(coso.EConflict, "sent_on", "Thôn chưa gửi văn bản quyết định đến xã; ghi ngày gửi trước.",
			"The village has not sent the written decision to the commune yet; record the date it was sent first.")
	case dateOf(on).Before(dateOf(m.SentOn)):
		return coso.Invalid("decided_on", "Ngày trả lời không thể trước ngày nhận văn bản (%s).", "The answer cannot come before the decision was sent (%s).",
			m.SentOn.Format("02/01/2006"))
	}
	return nil
}

// Step is what is due on a counted decision.
type Step string

const (
	StepSend   Step = "send"   // the village sends the written decision
	StepAnswer Step = "answer" // the commune answers it
)

// DueItem is a decision whose sending or answer is due.
type DueItem struct {
	Matter   *Matter
	Step     Step
	Clock    Clock
	UnitName string
}

// URL is the item's back-office page.
func (it DueItem) URL() string { return fmt.Sprintf("/admin/matters/%d", it.Matter.ID) }

// Due says what is due on m today, if anything: sending until it is sent,
// then the commune's answer.
func (m *Matter) Due(cal Calendar, today time.Time) (Step, Clock, bool) {
	if m.Status != Counted {
		return "", Clock{}, false
	}
	if m.SentOn.IsZero() {
		return StepSend, m.SendClock(cal, today), true
	}
	return StepAnswer, m.AnswerClock(cal, today), true
}

// Reminder writes the e-mail that reminds an official of items, in
// Vietnamese then English; base is the portal's address.
func Reminder(items []DueItem, base string) (subject, body string) {
	subject = fmt.Sprintf("[coso] %d quyết định của cộng đồng cần gửi hoặc trả lời / %d community decisions due", len(items), len(items))
	var b strings.Builder
	b.WriteString("Các việc sau đến hạn hoặc quá hạn theo Luật Thực hiện dân chủ ở cơ sở:\n")
	b.WriteString("These tasks are due or overdue under the grassroots democracy law:\n\n")
	for _, it := range items {
		state := "hạn ngày " + it.Clock.Due.Format("02/01/2006") + " / due " + it.Clock.Due.Format("2006-01-02")
		if it.Clock.State == Overdue {
			state = fmt.Sprintf("QUÁ HẠN %d ngày làm việc / OVERDUE by %d working days", it.Clock.LateBy, it.Clock.LateBy)
		}
		what := SendWithin.VI + " / " + SendWithin.EN
		if it.Step == StepAnswer {
			what = AnswerWithin.VI + " / " + AnswerWithin.EN
		}
		fmt.Fprintf(&b, "- %s: %s (%s)\n  %s\n  %s%s\n", what, it.Matter.Title, it.UnitName, state, base, it.URL())
	}
	return subject, b.String()
}

// Announcement is the text message that tells a household of the matter's
// villages that the commune recognised the decision; url is its public page.
func Announcement(m *Matter, village, result, url string) string {
	return fmt.Sprintf("%s: quyết định “%s” đã được công nhận ngày %s. %s. Xem %s",
		village, m.Title, m.DecidedOn.Format("02/01/2006"), result, url)
}

// dateOf is the local date t falls on.
func dateOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, mo, d := t.In(coso.Zone).Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, coso.Zone)
}
