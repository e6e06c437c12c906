package decision

import (
	"slices"
	"strings"
	"time"

	"coso"
	"coso/viet"
)

// Status is where a matter is in its life.
type Status string

const (
	Draft      Status = "draft"      // being prepared; nothing counted
	Open       Status = "open"       // votes are taken
	Closed     Status = "closed"     // no more votes; the counting board works
	Counted    Status = "counted"    // the result is fixed
	Recognised Status = "recognised" // the commune recognised the decision
	Refused    Status = "refused"    // the commune refused it in writing
)

// next is the one table of lawful moves.
var next = map[Status][]Status{
	Draft:   {Open},
	Open:    {Closed},
	Closed:  {Counted},
	Counted: {Recognised, Refused},
}

// Move checks that a matter in status s may go to status to.
func (s Status) Move(to Status) error {
	if slices.Contains(next[s], to) {
		return nil
	}
	return coso.Errorf(coso.EConflict, "status", "Không thể chuyển việc từ trạng thái %s sang %s.",
		"A matter cannot go from %s to %s.", s, to)
}

// Name returns the status's name in lang.
func (s Status) Name(lang string) string {
	names := map[Status][2]string{
		Draft: {"Dự thảo", "Draft"}, Open: {"Đang biểu quyết", "Open"}, Closed: {"Đã kết thúc biểu quyết", "Closed"},
		Counted: {"Đã kiểm phiếu", "Counted"}, Recognised: {"Đã được công nhận", "Recognised"}, Refused: {"Không được công nhận", "Refused"},
	}
	if lang == "en" {
		return names[s][1]
	}
	return names[s][0]
}

// Document is a paper that goes with a matter (a draft covenant, an
// estimate of costs): a title and where it is kept.
type Document struct {
	Title string
	Ref   string // a file name or address
}

// Matter is one question put to the households of a village, or of every
// village of a commune.
type Matter struct {
	ID          int64
	UnitID      int64 // the village, or the commune when CommuneWide
	UnitCode    string
	CommuneID   int64 // the commune that answers the decision
	CommuneWide bool
	Subject     Subject
	Title       string
	Question    string
	Choices     []string // empty: agree / disagree / other opinion
	Forms       []Form
	Documents   []Document
	Proposal    Proposal
	Deadline    time.Time // local date votes close (ballots returned, online voting)
	Status      Status
	Households  int        // all households when the vote opened: the denominator
	Invitation  Invitation // the invitation to the meeting, once it went out
	MeetingOn   time.Time  // local date of the community meeting, if held
	Place       string     // where it was held
	OpenedAt    time.Time
	ClosedAt    time.Time
	CountedAt   time.Time
	SentOn      time.Time // local date the written decision went to the commune
	DecidedOn   time.Time // local date the commune recognised or refused
	Reason      string    // the commune's written reasons for a refusal, or its note
	AnnouncedAt time.Time // when the recognised decision was announced to households
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Normalize puts every string of m in its stored form.
func (m *Matter) Normalize() {
	m.Title = strings.TrimSpace(viet.NFC(m.Title))
	m.Question = strings.TrimSpace(viet.NFC(m.Question))
	for i := range m.Choices {
		m.Choices[i] = strings.TrimSpace(viet.NFC(m.Choices[i]))
	}
	for i := range m.Documents {
		m.Documents[i].Title = strings.TrimSpace(viet.NFC(m.Documents[i].Title))
		m.Documents[i].Ref = strings.TrimSpace(viet.NFC(m.Documents[i].Ref))
	}
}

// Validate checks a matter before it is saved, for a village of households
// households, on the local date today with the village's online decision
// optIn (nil when none).
func (m *Matter) Validate(households int, today time.Time, optIn *OptIn) error {
	m.Normalize()
	var errs coso.Errors
	add := func(err error) {
		if err != nil {
			errs = append(errs, coso.AsError(err))
		}
	}
	if !m.Subject.Valid() {
		add(coso.Invalid("subject", "Loại việc phải là một số từ 1 đến 6 (Điều 15).", "The subject must be a number from 1 to 6 (art. 15)."))
		return errs.Err()
	}
	if m.CommuneWide && !m.Subject.CommuneWide() {
		add(coso.Invalid("commune_wide", "Chỉ việc đóng góp (mục 1, 2) mới đưa ra toàn xã.", "Only contributions (items 1 and 2) go to a whole commune."))
	}
	add(requireText("title", m.Title, 300, "Tiêu đề", "Title"))
	add(requireText("question", m.Question, 2000, "Nội dung biểu quyết", "Question"))
	add(m.validateChoices())
	add(m.validateForms(Situation{CommuneWide: m.CommuneWide, OptIn: optIn, Today: today, Households: households}))
	for _, d := range m.Documents {
		if d.Title == "" {
			add(coso.Invalid("documents", "Mỗi tài liệu cần tiêu đề.", "Every document needs a title."))
			break
		}
	}
	add(m.Proposal.Validate(m.CommuneWide, households, today))
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

func requireText(field, s string, max int, vi, en string) error {
	if s == "" {
		return coso.Invalid(field, "%[1]s không được để trống.", "%[2]s is required.", vi, en)
	}
	if len([]rune(s)) > max {
		return coso.Invalid(field, "%[1]s dài quá %[3]d ký tự.", "%[2]s is longer than %[3]d characters.", vi, en, max)
	}
	return nil
}

func (m *Matter) validateChoices() error {
	if len(m.Choices) == 0 {
		return nil
	}
	if len(m.Choices) < 2 || len(m.Choices) > 20 {
		return coso.Invalid("choices", "Cần từ 2 đến 20 phương án.", "Give from 2 to 20 choices.")
	}
	seen := map[string]bool{}
	for _, c := range m.Choices {
		if c == "" || len([]rune(c)) > 200 {
			return coso.Invalid("choices", "Mỗi phương án cần nội dung (tối đa 200 ký tự).", "Every choice needs a text (at most 200 characters).")
		}
		if seen[viet.Fold(c)] {
			return coso.Invalid("choices", "Phương án bị trùng: %s", "Duplicate choice: %s", c)
		}
		seen[viet.Fold(c)] = true
	}
	return nil
}

func (m *Matter) validateForms(sit Situation) error {
	if len(m.Forms) == 0 {
		return coso.Invalid("forms", "Chọn ít nhất một hình thức.", "Choose at least one form.")
	}
	seen := map[Form]bool{}
	for _, f := range m.Forms {
		if _, err := ParseForm(string(f)); err != nil {
			return err
		}
		if seen[f] {
			return coso.Invalid("forms", "Hình thức bị lặp.", "A form is repeated.")
		}
		seen[f] = true
		if err := CheckForm(m.Subject, f, sit); err != nil {
			return err
		}
	}
	return nil
}

// Uses tells whether f is one of the matter's forms.
func (m *Matter) Uses(f Form) bool { return slices.Contains(m.Forms, f) }

// Option is one answer a household may give.
type Option struct {
	Index  int
	VI, EN string
}

// Label returns the option's text in lang.
func (o Option) Label(lang string) string {
	if lang == "en" {
		return o.EN
	}
	return o.VI
}

// DefaultOptions are the answers of a yes-or-no matter; only the first
// (agree) counts towards adoption.
var DefaultOptions = []Option{{0, "Đồng ý", "Agree"}, {1, "Không đồng ý", "Disagree"}, {2, "Ý kiến khác", "Other opinion"}}

// Options lists the answers households may give, in order.
func (m *Matter) Options() []Option {
	if len(m.Choices) == 0 {
		return DefaultOptions
	}
	out := make([]Option, len(m.Choices))
	for i, c := range m.Choices {
		out[i] = Option{i, c, c}
	}
	return out
}

// CheckOption checks an answer's index.
func (m *Matter) CheckOption(i int) error {
	if i < 0 || i >= len(m.Options()) {
		return coso.Invalid("option", "Phương án không hợp lệ.", "Unknown option.")
	}
	return nil
}
