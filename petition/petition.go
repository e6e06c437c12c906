// Package petition holds "Dân kiểm tra, giám sát": what residents send to
// their authority — feedback and suggestions (phản ánh, kiến nghị),
// complaints (khiếu nại) at first and second instance, denunciations (tố
// cáo) and questions about a published record — with the legal clocks that
// run on each (rule.go, one table citing the Law on Citizen Reception 2013,
// the Law on Complaints 2011 and the Law on Denunciations 2018), the stages
// a case goes through, the denouncer's protection and satisfaction ratings
// (Law 10/2022/QH15 art. 34–35). LAW.md, "Complaints, denunciations,
// petitions, reception".
package petition

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/viet"
)

// Kind is what a resident sends.
type Kind string

const (
	Feedback     Kind = "feedback"     // phản ánh, kiến nghị: may be anonymous
	Complaint    Kind = "complaint"    // khiếu nại: needs the complainant's identity (Law on Complaints art. 8)
	Denunciation Kind = "denunciation" // tố cáo: needs the denouncer's identity, kept secret (Law on Denunciations art. 23, ch. VI)
	Question     Kind = "question"     // a question about a published record (Dân biết): may be anonymous
)

// kindNames are the kinds in display order, with their names.
var kindNames = []struct {
	Kind   Kind
	VI, EN string
}{
	{Feedback, "Phản ánh, kiến nghị", "Feedback or suggestion"},
	{Complaint, "Khiếu nại", "Complaint"},
	{Denunciation, "Tố cáo", "Denunciation"},
	{Question, "Hỏi về thông tin đã công khai", "Question about a published record"},
}

// Kinds lists every kind in display order.
func Kinds() []Kind {
	out := make([]Kind, len(kindNames))
	for i, k := range kindNames {
		out[i] = k.Kind
	}
	return out
}

// Name returns the kind's name in lang ("vi" or "en").
func (k Kind) Name(lang string) string {
	for _, n := range kindNames {
		if n.Kind == k {
			if lang == "en" {
				return n.EN
			}
			return n.VI
		}
	}
	return string(k)
}

// ParseKind checks a kind name.
func ParseKind(s string) (Kind, error) {
	if slices.Contains(Kinds(), Kind(s)) {
		return Kind(s), nil
	}
	return "", coso.Invalid("kind", "Loại đơn không hợp lệ: %q (feedback, complaint, denunciation, question).",
		"Unknown kind %q (feedback, complaint, denunciation, question).", s)
}

// MayBeAnonymous tells whether the law lets the kind come without a name.
// An anonymous denunciation is not processed as a denunciation (Law on
// Denunciations art. 25.2): the portal offers to send it as feedback, whose
// concrete evidence may still be checked.
func (k Kind) MayBeAnonymous() bool { return k == Feedback || k == Question }

// Sealed tells whether the sender's identity is a secret that even the
// officers handling the case see only through an approved reveal (Law on
// Denunciations 2018 ch. VI, protection of denouncers; Law 10/2022/QH15
// art. 9.2).
func (k Kind) Sealed() bool { return k == Denunciation }

// Channel is how a case came in.
type Channel string

const (
	Portal    Channel = "portal"    // sent by the resident on the portal or through the API
	Reception Channel = "reception" // entered by an officer at citizen reception
	Paper     Channel = "paper"     // a letter, entered by an officer with its scan attached
	Phone     Channel = "phone"     // taken by telephone
	Forwarded Channel = "forwarded" // forwarded by another body
)

var channelNames = []struct {
	Channel Channel
	VI, EN  string
}{
	{Portal, "Cổng thông tin", "Portal"},
	{Reception, "Tiếp công dân trực tiếp", "In person at citizen reception"},
	{Paper, "Đơn giấy (có bản quét)", "Paper letter (scan attached)"},
	{Phone, "Điện thoại", "Telephone"},
	{Forwarded, "Cơ quan khác chuyển đến", "Forwarded by another body"},
}

// Channels lists every channel in display order.
func Channels() []Channel {
	out := make([]Channel, len(channelNames))
	for i, c := range channelNames {
		out[i] = c.Channel
	}
	return out
}

// OfficerChannels are the channels an officer enters a case through.
func OfficerChannels() []Channel { return []Channel{Reception, Paper, Phone, Forwarded} }

// Name returns the channel's name in lang.
func (c Channel) Name(lang string) string {
	for _, n := range channelNames {
		if n.Channel == c {
			if lang == "en" {
				return n.EN
			}
			return n.VI
		}
	}
	return string(c)
}

// ParseChannel checks a channel name.
func ParseChannel(s string) (Channel, error) {
	if slices.Contains(Channels(), Channel(s)) {
		return Channel(s), nil
	}
	return "", coso.Invalid("channel", "Hình thức tiếp nhận không hợp lệ: %q.", "Unknown channel %q.", s)
}

// Stage is where a case stands: received → accepted, rejected or
// forwarded; accepted → resolved; any open case may be closed (withdrawn).
type Stage string

const (
	Received Stage = "received" // waiting for the answer on intake (accept, reject, forward)
	Accepted Stage = "accepted" // thụ lý: the resolution clock runs
	Rejected Stage = "rejected" // not accepted, with the reason
	Moved    Stage = "forwarded"
	Resolved Stage = "resolved" // answered, decided or concluded
	Closed   Stage = "closed"   // withdrawn or closed without a decision, with the reason
)

// Stages lists every stage in the order a case goes through them.
func Stages() []Stage { return []Stage{Received, Accepted, Rejected, Moved, Resolved, Closed} }

// Open tells whether the stage still runs a clock.
func (s Stage) Open() bool { return s == Received || s == Accepted }

// IntakeAnswer is the answer given to whoever filed within the intake
// clock (Law on Citizen Reception art. 28): accepted, accepted but needing
// more time, rejected with a reason, or forwarded.
type IntakeAnswer string

const (
	AnswerAccepted  IntakeAnswer = "accepted"
	AnswerNeedsTime IntakeAnswer = "needs_time"
	AnswerRejected  IntakeAnswer = "rejected"
	AnswerForwarded IntakeAnswer = "forwarded"
	AnswerResolved  IntakeAnswer = "resolved" // answered in full at once
)

// Identity is who sent a case. It is stored only sealed (encrypted with a
// key the database does not hold), never shown on a public page, never
// written to a log, an export or the audit trail.
type Identity struct {
	Name      string
	Phone     string // stored form (+84…), may be empty
	Email     string
	Address   string
	CitizenID string // 12 digits, may be empty
}

// Empty tells whether nothing identifies the sender.
func (id Identity) Empty() bool {
	return id.Name == "" && id.Phone == "" && id.Email == "" && id.Address == "" && id.CitizenID == ""
}

// Extension is one extension of a denunciation's resolution deadline,
// decided in writing with its reason (Law on Denunciations art. 30).
type Extension struct {
	On     time.Time
	Days   int
	Reason string
}

// Case is one petition, complaint, denunciation or question.
type Case struct {
	ID       int64
	Code     string // the tracking code the sender keeps
	Kind     Kind
	Instance int // complaints: 1 (first instance) or 2 (second instance); 0 for other kinds
	Channel  Channel

	UnitID     int64 // the unit handling the case
	UnitCode   string
	UnitName   string
	UnitRemote bool // the handling unit lies in a remote area: longer complaint clocks

	// AgainstUnitID is the unit whose official a denunciation accuses
	// (0 when it accuses no official). Such a denunciation is handled by
	// that unit's superior, and none of that unit's officers may see or
	// reveal the denouncer.
	AgainstUnitID   int64
	AgainstUnitCode string
	AgainstOfficial string // the post or name of the official accused, as the denouncer gave it

	Subject   string
	Body      string
	Anonymous bool
	Identity  Identity // filled only where the caller may see it (Shown)
	Shown     bool     // Identity holds the sender's identity
	Consent   bool     // the sender agrees to the case and answer being published without personal data

	FiledOn    time.Time // first receipt anywhere
	ReceivedOn time.Time // receipt by the handling unit (a transfer moves it)
	Stage      Stage
	Complex    bool // complex case: longer complaint clocks
	Intake     IntakeAnswer
	IntakeNote string
	IntakeOn   time.Time
	AcceptedOn time.Time
	Extensions []Extension

	ForwardedTo string // the body a case was forwarded to
	Reason      string // why it was rejected, forwarded or closed
	Answer      string // the official answer, decision or conclusion
	Summary     string // the anonymised summary published when the sender consented
	FinishedOn  time.Time
	DueOn       time.Time // the deadline of the current (or, once finished, the last) clock

	AssigneeID   int64
	AssigneeName string
	AppealOf     string // second instance: the tracking code of the first-instance case
	SessionID    int64  // the reception session the case was taken in at, if any
	Rated        bool

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Limits of what people type.
const (
	MaxSubject = 200
	MaxBody    = 20000
	MaxReason  = 4000
	MaxName    = 200
)

// Validate normalises a new case and checks it.
func (c *Case) Validate() error {
	c.Subject = strings.TrimSpace(viet.Text(c.Subject))
	c.Body = strings.TrimSpace(viet.Text(c.Body))
	c.AgainstOfficial = strings.TrimSpace(viet.Text(c.AgainstOfficial))
	c.normalizeIdentity()
	var errs coso.Errors
	add := func(err error) {
		if e, ok := err.(*coso.Error); ok {
			errs = append(errs, e)
		}
	}
	if _, err := ParseKind(string(c.Kind)); err != nil {
		add(err)
	}
	if _, err := ParseChannel(string(c.Channel)); err != nil {
		add(err)
	}
	add(c.checkInstance())
	add(c.checkText())
	add(c.checkIdentity())
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

func (c *Case) checkInstance() error {
	switch {
	case c.Kind == Complaint && c.Instance == 0:
		c.Instance = 1
	case c.Kind == Complaint && (c.Instance == 1 || c.Instance == 2):
	case c.Kind == Complaint:
		return coso.Invalid("instance", "Lần khiếu nại phải là 1 (lần đầu) hoặc 2 (lần hai).", "The instance must be 1 (first) or 2 (second).")
	default:
		c.Instance, c.AppealOf = 0, ""
	}
	if c.Kind != Denunciation {
		c.AgainstUnitID, c.AgainstUnitCode, c.AgainstOfficial = 0, "", ""
	}
	return nil
}

func (c *Case) checkText() error {
	switch n := utf8.RuneCountInString(c.Subject); {
	case n < 5:
		return coso.Invalid("subject", "Cần tóm tắt nội dung (ít nhất 5 ký tự).", "A short subject is required (at least 5 characters).")
	case n > MaxSubject:
		return coso.Invalid("subject", "Tóm tắt dài quá %d ký tự.", "The subject is longer than %d characters.", MaxSubject)
	}
	switch n := utf8.RuneCountInString(c.Body); {
	case n < 20:
		return coso.Invalid("body", "Cần trình bày nội dung (ít nhất 20 ký tự).", "The content is required (at least 20 characters).")
	case n > MaxBody:
		return coso.Invalid("body", "Nội dung dài quá %d ký tự.", "The content is longer than %d characters.", MaxBody)
	}
	if utf8.RuneCountInString(c.AgainstOfficial) > MaxName {
		return coso.Invalid("against_official", "Chức vụ hoặc tên người bị tố cáo dài quá %d ký tự.", "The accused official is longer than %d characters.", MaxName)
	}
	return nil
}

func (c *Case) normalizeIdentity() {
	id := &c.Identity
	id.Name = strings.TrimSpace(viet.NFC(id.Name))
	id.Address = strings.TrimSpace(viet.Text(id.Address))
	id.Email = strings.ToLower(strings.TrimSpace(id.Email))
	id.Phone = strings.TrimSpace(id.Phone)
	id.CitizenID = strings.TrimSpace(id.CitizenID)
}

// checkIdentity applies the law's rules on who must give a name: a
// complaint states the complainant's name and address (Law on Complaints
// art. 8.2), a denunciation the denouncer's name, address and a way to
// reach them (Law on Denunciations art. 23.1); feedback and questions may
// come without any.
func (c *Case) checkIdentity() error {
	id := &c.Identity
	if c.Anonymous {
		if !c.Kind.MayBeAnonymous() {
			if c.Kind == Denunciation {
				return coso.Invalid("anonymous", "Tố cáo phải ghi rõ họ tên, địa chỉ người tố cáo (Luật Tố cáo điều 23). Đơn nặc danh không được xử lý như tố cáo; bạn có thể gửi nội dung dưới dạng phản ánh.",
					"A denunciation must give the denouncer's name and address (Law on Denunciations art. 23). An anonymous one is not handled as a denunciation; you may send it as feedback.")
			}
			return coso.Invalid("anonymous", "Khiếu nại phải ghi rõ họ tên, địa chỉ người khiếu nại (Luật Khiếu nại điều 8).",
				"A complaint must give the complainant's name and address (Law on Complaints art. 8).")
		}
		*id = Identity{}
		return nil
	}
	if id.Name == "" || utf8.RuneCountInString(id.Name) > MaxName {
		return coso.Invalid("name", "Cần họ và tên (tối đa 200 ký tự).", "The name is required (at most 200 characters).")
	}
	if id.Phone != "" {
		p, err := viet.NormalizePhone(id.Phone)
		if err != nil {
			return coso.Invalid("phone", "Số điện thoại không hợp lệ.", "The phone number is not valid.")
		}
		id.Phone = p
	}
	if id.Email != "" && (!strings.Contains(id.Email, "@") || len(id.Email) > 200) {
		return coso.Invalid("email", "Địa chỉ thư điện tử không hợp lệ.", "The e-mail address is not valid.")
	}
	if id.CitizenID != "" {
		if _, err := viet.ParseCitizenID(id.CitizenID); err != nil {
			return coso.Invalid("citizen_id", "Số định danh cá nhân phải gồm 12 chữ số.", "The personal identification number must have 12 digits.")
		}
	}
	if utf8.RuneCountInString(id.Address) > 500 {
		return coso.Invalid("address", "Địa chỉ dài quá 500 ký tự.", "The address is longer than 500 characters.")
	}
	if (c.Kind == Complaint || c.Kind == Denunciation) && id.Address == "" {
		return coso.Invalid("address", "Cần địa chỉ của người gửi đơn (để cơ quan trả lời).", "The sender's address is required (for the answer).")
	}
	if c.Kind == Denunciation && id.Phone == "" && id.Email == "" {
		return coso.Invalid("phone", "Cần số điện thoại hoặc thư điện tử để liên hệ (Luật Tố cáo điều 23).", "A phone number or e-mail to reach the denouncer is required (Law on Denunciations art. 23).")
	}
	return nil
}

// CheckReason normalises a written reason and checks it.
func CheckReason(field, reason string) (string, error) {
	reason = strings.TrimSpace(viet.Text(reason))
	switch n := utf8.RuneCountInString(reason); {
	case n < 5:
		return "", coso.Invalid(field, "Cần nêu lý do bằng văn bản (ít nhất 5 ký tự).", "A written reason is required (at least 5 characters).")
	case n > MaxReason:
		return "", coso.Invalid(field, "Nội dung dài quá %d ký tự.", "The text is longer than %d characters.", MaxReason)
	}
	return reason, nil
}

// Finished tells whether the case is over (rejected, forwarded, resolved or closed).
func (c *Case) Finished() bool { return !c.Stage.Open() }

// Name returns the stage's name in lang.
func (s Stage) Name(lang string) string {
	names := map[Stage][2]string{
		Received: {"Đã tiếp nhận", "Received"},
		Accepted: {"Đã thụ lý, đang giải quyết", "Accepted, being handled"},
		Rejected: {"Không thụ lý", "Not accepted"},
		Moved:    {"Đã chuyển cơ quan có thẩm quyền", "Forwarded to the competent body"},
		Resolved: {"Đã giải quyết, trả lời", "Resolved and answered"},
		Closed:   {"Đã đóng (rút đơn hoặc đình chỉ)", "Closed (withdrawn or discontinued)"},
	}
	n, ok := names[s]
	if !ok {
		return string(s)
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// Event is one step in a case's history: who took it, when, with what
// note (a reason, the body a case went to).
type Event struct {
	At       time.Time
	On       time.Time
	Step     string // received, accepted, rejected, forwarded, transferred, assigned, extended, resolved, closed, reveal_requested, reveal_approved, reveal_refused
	UnitName string
	UserName string
	Detail   string
}
