package petition

import (
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/calendar"
	"coso/viet"
)

// Each step below is taken on a date (today, in the store) and checks that
// the case is at a stage where the step is allowed. DueOn always holds the
// deadline of the clock that runs after the step, or, once the case is
// finished, of the clock that finished it.

func errStage(vi, en string) *coso.Error {
	return &coso.Error{Code: coso.EConflict, Field: "stage", VI: vi, EN: en}
}

var (
	errNotReceived = errStage("Chỉ thực hiện được với đơn mới tiếp nhận, chưa thụ lý.", "Only a case just received, not yet accepted, can take this step.")
	errNotAccepted = errStage("Chỉ thực hiện được với đơn đã thụ lý.", "Only an accepted case can take this step.")
	errFinished    = errStage("Đơn đã kết thúc.", "The case is finished.")
)

// Receive starts the clocks of a new case received on.
func (c *Case) Receive(on time.Time, cal *calendar.Calendar) {
	on = calendar.DayOf(on)
	if c.FiledOn.IsZero() {
		c.FiledOn = on
	}
	c.ReceivedOn, c.Stage = on, Received
	c.DueOn = c.currentDue(cal)
}

func (c *Case) notBefore(on time.Time) error {
	if calendar.DayOf(on).Before(c.ReceivedOn) {
		return coso.Invalid("on", "Ngày thực hiện không thể trước ngày tiếp nhận.", "The date cannot be before the case was received.")
	}
	return nil
}

// Accept records the acceptance (thụ lý) on: for feedback and questions
// the answer on intake, possibly that the matter needs more time; for
// complaints the start of the resolution clock, longer when the case is
// complex; for denunciations the end of the initial handling.
func (c *Case) Accept(on time.Time, complex, needsTime bool, note string, cal *calendar.Calendar) error {
	if c.Stage != Received {
		return errNotReceived
	}
	if err := c.notBefore(on); err != nil {
		return err
	}
	if needsTime && c.Kind != Feedback && c.Kind != Question {
		return coso.Invalid("needs_time", "“Cần thêm thời gian” chỉ dùng cho phản ánh, kiến nghị và câu hỏi.", "“Needs more time” applies only to feedback and questions.")
	}
	if complex && c.Kind != Complaint {
		return coso.Invalid("complex", "Vụ việc phức tạp kéo dài thời hạn khiếu nại; tố cáo phức tạp được gia hạn bằng văn bản.",
			"A complex case lengthens a complaint's limit; a complex denunciation is extended in writing instead.")
	}
	note = strings.TrimSpace(viet.Text(note))
	if utf8.RuneCountInString(note) > MaxReason {
		return coso.Invalid("note", "Nội dung dài quá %d ký tự.", "The text is longer than %d characters.", MaxReason)
	}
	on = calendar.DayOf(on)
	c.Stage, c.Complex, c.IntakeNote, c.IntakeOn, c.AcceptedOn = Accepted, complex, note, on, on
	c.Intake = AnswerAccepted
	if needsTime {
		c.Intake = AnswerNeedsTime
	}
	c.DueOn = c.currentDue(cal)
	return nil
}

// Reject records on that the case is not accepted, with the reason the
// sender is told.
func (c *Case) Reject(on time.Time, reason string) error {
	if c.Stage != Received {
		return errNotReceived
	}
	if err := c.notBefore(on); err != nil {
		return err
	}
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return err
	}
	on = calendar.DayOf(on)
	c.Stage, c.Intake, c.IntakeOn, c.FinishedOn, c.Reason = Rejected, AnswerRejected, on, on, reason
	return nil
}

// Forward records on that the case went to a competent body outside the
// platform (a court, the police, a ministry), with the reason. A
// denunciation is then timed by the forwarding clock.
func (c *Case) Forward(on time.Time, to, reason string, cal *calendar.Calendar) error {
	if c.Stage != Received {
		return errNotReceived
	}
	if err := c.notBefore(on); err != nil {
		return err
	}
	to = strings.TrimSpace(viet.Text(to))
	if n := utf8.RuneCountInString(to); n < 3 || n > MaxName {
		return coso.Invalid("to", "Cần tên cơ quan nhận đơn (tối đa 200 ký tự).", "The body the case goes to is required (at most 200 characters).")
	}
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return err
	}
	on = calendar.DayOf(on)
	c.Stage, c.Intake, c.IntakeOn, c.FinishedOn, c.ForwardedTo, c.Reason = Moved, AnswerForwarded, on, on, to, reason
	if c.Kind == Denunciation {
		c.DueOn = c.due(Forward, cal)
	}
	return nil
}

// Transfer moves a received case to the unit competent for it, inside the
// platform. The new unit's clocks start on the day it receives the case;
// the first receipt stays in FiledOn.
func (c *Case) Transfer(on time.Time, unitID int64, code, name string, remote bool, reason string, cal *calendar.Calendar) error {
	if c.Stage != Received {
		return errNotReceived
	}
	if unitID == c.UnitID {
		return coso.Invalid("unit", "Đơn đã ở đơn vị này.", "The case is already with this unit.")
	}
	if unitID == c.AgainstUnitID && c.AgainstUnitID != 0 {
		return coso.Invalid("unit", "Không chuyển tố cáo đến chính đơn vị có người bị tố cáo.", "A denunciation cannot go to the unit of the official it accuses.")
	}
	if err := c.notBefore(on); err != nil {
		return err
	}
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return err
	}
	c.UnitID, c.UnitCode, c.UnitName, c.UnitRemote, c.Reason = unitID, code, name, remote, reason
	c.AssigneeID, c.AssigneeName = 0, ""
	c.Receive(on, cal)
	return nil
}

// Extend extends the resolution deadline of a denunciation by one period,
// decided in writing with its reason before the deadline passes (Law on
// Denunciations art. 30: at most twice, 30 days each).
func (c *Case) Extend(on time.Time, reason string, cal *calendar.Calendar) (Extension, error) {
	if c.Stage != Accepted {
		return Extension{}, errNotAccepted
	}
	r, ok := c.rule(Resolve)
	if !ok || r.Extensions == 0 {
		return Extension{}, coso.Errorf(coso.EConflict, "", "Luật không cho gia hạn thời hạn giải quyết loại đơn này.", "The law allows no extension for this kind of case.")
	}
	if len(c.Extensions) >= r.Extensions {
		return Extension{}, coso.Errorf(coso.EConflict, "", "Đã gia hạn %d lần, là số lần tối đa (%s).", "Already extended %d times, the most allowed (%s).", r.Extensions, r.Article)
	}
	on = calendar.DayOf(on)
	if on.After(c.DueOn) {
		return Extension{}, coso.Errorf(coso.EConflict, "", "Đã quá thời hạn giải quyết; việc gia hạn phải quyết định trước khi hết hạn.", "The deadline has passed; an extension must be decided before it.")
	}
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return Extension{}, err
	}
	e := Extension{On: on, Days: r.ExtensionDays, Reason: reason}
	c.Extensions = append(c.Extensions, e)
	c.DueOn = c.currentDue(cal)
	return e, nil
}

// ExtensionsLeft tells how many extensions the case may still have.
func (c *Case) ExtensionsLeft() int {
	r, ok := c.rule(Resolve)
	if !ok || c.Stage != Accepted {
		return 0
	}
	return max(0, r.Extensions-len(c.Extensions))
}

// Resolve records the official answer, decision or conclusion given on.
// Feedback and questions may be answered in full at once, without a
// separate acceptance. summary is the text published on the unit's page
// when the sender consented; it must hold no personal data.
func (c *Case) Resolve(on time.Time, answer, summary string) error {
	switch {
	case c.Stage == Accepted:
	case c.Stage == Received && (c.Kind == Feedback || c.Kind == Question):
		c.Intake, c.IntakeOn = AnswerResolved, calendar.DayOf(on)
	case c.Stage == Received:
		return errNotAccepted
	default:
		return errFinished
	}
	if err := c.notBefore(on); err != nil {
		return err
	}
	answer = strings.TrimSpace(viet.Text(answer))
	if n := utf8.RuneCountInString(answer); n < 10 || n > MaxBody {
		return coso.Invalid("answer", "Cần nội dung trả lời (10 đến 20000 ký tự).", "The answer is required (10 to 20,000 characters).")
	}
	summary = strings.TrimSpace(viet.Text(summary))
	if utf8.RuneCountInString(summary) > MaxReason {
		return coso.Invalid("summary", "Tóm tắt công khai dài quá %d ký tự.", "The public summary is longer than %d characters.", MaxReason)
	}
	on = calendar.DayOf(on)
	c.Stage, c.Answer, c.Summary, c.FinishedOn = Resolved, answer, summary, on
	return nil
}

// Close ends an open case without a decision (the sender withdrew it, or
// the handling was discontinued), with the reason.
func (c *Case) Close(on time.Time, reason string) error {
	if c.Finished() {
		return errFinished
	}
	if err := c.notBefore(on); err != nil {
		return err
	}
	reason, err := CheckReason("reason", reason)
	if err != nil {
		return err
	}
	c.Stage, c.FinishedOn, c.Reason = Closed, calendar.DayOf(on), reason
	return nil
}

// Published tells whether the case and its answer appear on the unit's
// public page: the sender consented, the case is resolved, and an officer
// wrote the anonymised summary.
func (c *Case) Published() bool { return c.Consent && c.Stage == Resolved && c.Summary != "" }
