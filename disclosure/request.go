package disclosure

import (
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/viet"
)

// Requests for information not yet published: the Law on Access to
// Information 2016, art. 29, gives the body 10 working days to answer,
// extendable once by 10 working days when the information needs time to
// gather, with a reason given to the requester.
const (
	AnswerDays = 10 // art. 29.1
	ExtendDays = 10 // art. 29.1, once
)

// RequestStatus is where a request stands.
type RequestStatus string

const (
	Open     RequestStatus = "open"
	Answered RequestStatus = "answered"
	Refused  RequestStatus = "refused" // with the reason (art. 28 lists what may be refused)
)

// Request is a citizen's request for information.
type Request struct {
	ID       int64
	UnitID   int64
	UnitCode string
	UnitName string
	// The requester. Never shown publicly nor written to logs.
	Name    string
	Contact string // phone or e-mail for the answer
	// Public: the question and answer are shown on the portal (without the
	// requester's name and contact) unless the citizen asked otherwise.
	Public   bool
	Question string

	ReceivedOn   time.Time
	DueOn        time.Time // the deadline in force (extended or not)
	Extended     bool
	ExtendReason string

	Status       RequestStatus
	Answer       string
	AnsweredOn   time.Time
	DisclosureID int64 // the disclosure that answers it, if one was published

	CreatedAt time.Time
	UpdatedAt time.Time
}

// MaxQuestion bounds a question or an answer.
const MaxQuestion = 5000

// Validate checks a new request.
func (r *Request) Validate() error {
	r.Name, r.Contact = viet.NFC(r.Name), viet.NFC(r.Contact)
	r.Question = strings.TrimSpace(viet.Text(r.Question))
	var errs coso.Errors
	if r.Name == "" || utf8.RuneCountInString(r.Name) > 200 {
		errs = append(errs, coso.Invalid("name", "Cần họ và tên người yêu cầu (tối đa 200 ký tự).", "The requester's name is required (at most 200 characters)."))
	}
	if r.Contact == "" || utf8.RuneCountInString(r.Contact) > 200 {
		errs = append(errs, coso.Invalid("contact", "Cần số điện thoại hoặc địa chỉ thư điện tử để nhận trả lời.", "A phone number or e-mail address for the answer is required."))
	}
	switch n := utf8.RuneCountInString(r.Question); {
	case n < 10:
		errs = append(errs, coso.Invalid("question", "Nội dung yêu cầu cần ít nhất 10 ký tự.", "The request needs at least 10 characters."))
	case n > MaxQuestion:
		errs = append(errs, coso.Invalid("question", "Nội dung yêu cầu dài quá %d ký tự.", "The request is longer than %d characters.", MaxQuestion))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

// Receive sets the dates of a new request received on.
func (r *Request) Receive(on time.Time, cal Calendar) {
	r.ReceivedOn = day(on)
	r.DueOn = cal.AddWorkingDays(r.ReceivedOn, AnswerDays)
	r.Status = Open
}

// Extend moves the deadline once, by ExtendDays working days.
func (r *Request) Extend(reason string, cal Calendar) error {
	if r.Status != Open {
		return coso.Errorf(coso.EConflict, "", "Yêu cầu đã được trả lời.", "The request has already been answered.")
	}
	if r.Extended {
		return coso.Errorf(coso.EConflict, "", "Chỉ được gia hạn một lần.", "The deadline can be extended only once.")
	}
	reason, err := CheckReason(reason)
	if err != nil {
		return err
	}
	r.Extended, r.ExtendReason = true, reason
	r.DueOn = cal.AddWorkingDays(r.DueOn, ExtendDays)
	return nil
}

// Respond records the answer (or refusal) given on.
func (r *Request) Respond(status RequestStatus, answer string, on time.Time) error {
	if r.Status != Open {
		return coso.Errorf(coso.EConflict, "", "Yêu cầu đã được trả lời.", "The request has already been answered.")
	}
	if status != Answered && status != Refused {
		return coso.Invalid("status", "Kết quả phải là trả lời (answered) hoặc từ chối (refused).", "The outcome must be answered or refused.")
	}
	answer = strings.TrimSpace(viet.Text(answer))
	if utf8.RuneCountInString(answer) < 3 {
		return coso.Invalid("answer", "Cần nội dung trả lời (hoặc lý do từ chối).", "The answer (or the reason for refusal) is required.")
	}
	if utf8.RuneCountInString(answer) > MaxBody {
		return coso.Invalid("answer", "Nội dung trả lời dài quá %d ký tự.", "The answer is longer than %d characters.", MaxBody)
	}
	r.Status, r.Answer, r.AnsweredOn = status, answer, day(on)
	return nil
}

// Timing tells whether the request was (or is being) answered in time.
func (r *Request) Timing(cal Calendar, today time.Time) Timing {
	t := Timing{Due: r.DueOn, Working: true}
	on := r.AnsweredOn
	if r.Status == Open {
		on = today
	}
	t.LateBy = lateness(r.DueOn, on, true, cal)
	switch {
	case r.Status != Open && t.LateBy == 0:
		t.State = OnTime
	case r.Status != Open:
		t.State = Late
	case t.LateBy == 0:
		t.State = Pending
	default:
		t.State = Overdue
	}
	return t
}
