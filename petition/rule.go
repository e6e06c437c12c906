package petition

import (
	"time"

	"coso/calendar"
)

// Clock names one legal time limit of a case.
type Clock string

const (
	// Answer: the answer on intake to whoever filed feedback or a question
	// (accepted, needs more time, rejected with the reason, forwarded).
	Answer Clock = "answer"
	// Accept: the decision to accept (thụ lý) a complaint, or the initial
	// handling of a denunciation (accept or not).
	Accept Clock = "accept"
	// Forward: a denunciation the unit is not competent for goes to the
	// competent body.
	Forward Clock = "forward"
	// Resolve: the decision on a complaint, the conclusion on a
	// denunciation, counted from acceptance.
	Resolve Clock = "resolve"
	// Appeal: how long a complainant has to take a first-instance decision
	// to the second instance, counted from the decision.
	Appeal Clock = "appeal"
)

// Start says what starts a clock.
type Start string

const (
	FromReceipt    Start = "receipt"
	FromAcceptance Start = "acceptance"
	FromDecision   Start = "decision"
)

// Rule is one legal time limit: for a kind of case (and, for complaints,
// an instance), how many days (working days or calendar days) from what.
// A complex case and a case in a remote area have their own numbers where
// the law gives them.
type Rule struct {
	Kind     Kind
	Instance int // complaints only: 1 or 2
	Clock    Clock
	From     Start
	Working  bool // working days (weekends and holidays skipped) or calendar days
	Days     int
	// Complex, Remote and RemoteComplex replace Days when the case is
	// complex, the handling unit lies in a remote area, or both; 0 means
	// the law gives no other number.
	Complex, Remote, RemoteComplex int
	// Extensions is how many times the deadline may be extended, by
	// ExtensionDays each, each with a written reason.
	Extensions, ExtensionDays int
	Article                   string
	VI, EN                    string
}

// The laws, named once.
const (
	receptionLaw    = "Luật Tiếp công dân 2013"
	complaintLaw    = "Luật Khiếu nại 2011"
	denunciationLaw = "Luật Tố cáo 2018"
)

// rules is the one table of the clocks. LAW.md, "Complaints,
// denunciations, petitions, reception"; each row cites its article.
//
// Counting (Civil Code 2015 art. 147–148): the day of the event that
// starts a clock is not counted; a limit in working days skips Saturdays,
// Sundays and holidays (package calendar, edited by the province); a limit
// in days counts calendar days, and when its last day is a day off the
// limit ends on the next working day (art. 148.5).
var rules = []Rule{
	{Kind: Feedback, Clock: Answer, From: FromReceipt, Working: true, Days: 10,
		Article: receptionLaw + ", điều 28",
		VI:      "Trả lời người gửi phản ánh, kiến nghị (thụ lý, cần thêm thời gian, không thụ lý nêu lý do, hoặc chuyển)",
		EN:      "Answer whoever sent the feedback (accepted, needs more time, rejected with the reason, or forwarded)"},
	{Kind: Question, Clock: Answer, From: FromReceipt, Working: true, Days: 10,
		Article: receptionLaw + ", điều 28",
		VI:      "Trả lời câu hỏi về thông tin đã công khai",
		EN:      "Answer the question about a published record"},

	{Kind: Complaint, Instance: 1, Clock: Accept, From: FromReceipt, Working: true, Days: 10,
		Article: complaintLaw + ", điều 27; " + receptionLaw + ", điều 28",
		VI:      "Thụ lý giải quyết khiếu nại lần đầu (hoặc trả lời không thụ lý, nêu lý do)",
		EN:      "Accept the first-instance complaint (or answer that it is not accepted, with the reason)"},
	{Kind: Complaint, Instance: 1, Clock: Resolve, From: FromAcceptance, Days: 30, Complex: 45, Remote: 45, RemoteComplex: 60,
		Article: complaintLaw + ", điều 28",
		VI:      "Giải quyết khiếu nại lần đầu: 30 ngày kể từ ngày thụ lý (45 ngày nếu phức tạp; vùng sâu, vùng xa 45 ngày, phức tạp 60 ngày)",
		EN:      "Resolve the first-instance complaint: 30 days from acceptance (45 if complex; remote areas 45, complex 60)"},
	{Kind: Complaint, Instance: 1, Clock: Appeal, From: FromDecision, Days: 30, Remote: 45, RemoteComplex: 45,
		Article: complaintLaw + ", điều 33",
		VI:      "Người khiếu nại có thể khiếu nại lần hai trong 30 ngày kể từ khi hết thời hạn hoặc nhận quyết định giải quyết lần đầu (vùng sâu, vùng xa 45 ngày)",
		EN:      "The complainant may appeal to the second instance within 30 days of the first-instance decision (remote areas 45)"},
	{Kind: Complaint, Instance: 2, Clock: Accept, From: FromReceipt, Working: true, Days: 10,
		Article: complaintLaw + ", điều 36",
		VI:      "Thụ lý giải quyết khiếu nại lần hai",
		EN:      "Accept the second-instance complaint"},
	{Kind: Complaint, Instance: 2, Clock: Resolve, From: FromAcceptance, Days: 45, Complex: 60, Remote: 60, RemoteComplex: 70,
		Article: complaintLaw + ", điều 37",
		VI:      "Giải quyết khiếu nại lần hai: 45 ngày kể từ ngày thụ lý (60 ngày nếu phức tạp; vùng sâu, vùng xa 60 ngày, phức tạp 70 ngày)",
		EN:      "Resolve the second-instance complaint: 45 days from acceptance (60 if complex; remote areas 60, complex 70)"},

	{Kind: Denunciation, Clock: Forward, From: FromReceipt, Working: true, Days: 5,
		Article: denunciationLaw + ", điều 24.2",
		VI:      "Nếu không thuộc thẩm quyền: chuyển đơn tố cáo đến cơ quan có thẩm quyền",
		EN:      "If the unit is not competent: forward the denunciation to the competent body"},
	{Kind: Denunciation, Clock: Accept, From: FromReceipt, Working: true, Days: 7,
		Article: denunciationLaw + ", điều 24.1, 29",
		VI:      "Xử lý ban đầu: vào sổ, phân loại, kiểm tra điều kiện và quyết định thụ lý hoặc không thụ lý tố cáo",
		EN:      "Initial handling: register, classify, check the conditions and decide whether to accept the denunciation"},
	{Kind: Denunciation, Clock: Resolve, From: FromAcceptance, Days: 30, Extensions: 2, ExtensionDays: 30,
		Article: denunciationLaw + ", điều 30",
		VI:      "Giải quyết tố cáo: 30 ngày kể từ ngày thụ lý; vụ việc phức tạp gia hạn một lần, đặc biệt phức tạp hai lần, mỗi lần không quá 30 ngày, bằng văn bản nêu lý do",
		EN:      "Resolve the denunciation: 30 days from acceptance; extendable once if complex, twice if especially complex, 30 days each, in writing with the reason"},
}

// Rules lists every row of the table, in its order.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// RuleFor returns the rule of clock for a kind and instance.
func RuleFor(k Kind, instance int, c Clock) (Rule, bool) {
	for _, r := range rules {
		if r.Kind == k && r.Clock == c && (r.Kind != Complaint || r.Instance == instance) {
			return r, true
		}
	}
	return Rule{}, false
}

// DaysFor returns the limit for a case that is complex or in a remote
// area, or both.
func (r Rule) DaysFor(complex, remote bool) int {
	switch {
	case complex && remote && r.RemoteComplex > 0:
		return r.RemoteComplex
	case remote && r.Remote > 0:
		return r.Remote
	case complex && r.Complex > 0:
		return r.Complex
	}
	return r.Days
}

// Due returns the last day of the limit that starts on from, with extra
// calendar days granted by extensions.
func (r Rule) Due(from time.Time, complex, remote bool, extra int, cal *calendar.Calendar) time.Time {
	from = calendar.DayOf(from)
	if r.Working {
		return cal.AddWorkingDays(from, r.DaysFor(complex, remote)+extra)
	}
	due := from.AddDate(0, 0, r.DaysFor(complex, remote)+extra)
	// Civil Code 2015 art. 148.5: a limit whose last day is a day off
	// ends at the end of the next working day.
	for !cal.IsWorkingDay(due) {
		due = due.AddDate(0, 0, 1)
	}
	return due
}

// Name returns the clock's name in lang.
func (c Clock) Name(lang string) string {
	names := map[Clock][2]string{
		Answer:  {"Trả lời khi tiếp nhận", "Answer on intake"},
		Accept:  {"Thụ lý (xử lý ban đầu)", "Acceptance (initial handling)"},
		Forward: {"Chuyển đơn nếu không thuộc thẩm quyền", "Forwarding if not competent"},
		Resolve: {"Giải quyết", "Resolution"},
		Appeal:  {"Thời hiệu khiếu nại lần hai", "Time to appeal to the second instance"},
	}
	n, ok := names[c]
	if !ok {
		return string(c)
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}
