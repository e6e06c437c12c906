package disclosure

import (
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/viet"
)

// Status is where a disclosure is in its life. A correction keeps it
// published with a new version; nothing is ever deleted.
type Status string

const (
	Draft     Status = "draft"
	Published Status = "published"
	Withdrawn Status = "withdrawn"
)

// Audience is whom a disclosure is for.
type Audience string

const (
	WholeUnit    Audience = "unit"     // everyone in the commune (or unit)
	SomeVillages Audience = "villages" // the villages listed in AudienceUnits
	Staff        Audience = "staff"    // an agency's staff, an enterprise's workers
)

// ParseAudience checks an audience name; empty means the whole unit.
func ParseAudience(s string) (Audience, error) {
	switch Audience(s) {
	case "":
		return WholeUnit, nil
	case WholeUnit, SomeVillages, Staff:
		return Audience(s), nil
	}
	return "", coso.Invalid("audience", "Đối tượng không hợp lệ: %q (unit, villages, staff).", "Unknown audience %q (unit, villages, staff).", s)
}

// Limits on what people type.
const (
	MaxTitle  = 300
	MaxBody   = 100_000
	MaxReason = 2000
)

// Disclosure is one piece of information published (or to be published)
// by a unit. Title and Body are those of the current version.
type Disclosure struct {
	ID       int64
	UnitID   int64
	UnitCode string
	UnitName string
	UnitKind string
	Category string
	Title    string
	Body     string // Markdown; pages render it without raw HTML
	Status   Status
	Version  int // 0 while a draft; 1 once published; +1 per correction

	Audience      Audience
	AudienceUnits []int64 // the villages, when Audience is SomeVillages

	DecidedOn    time.Time // the date of the decision or document
	PublishDue   time.Time // the last day to publish it, from the rules
	PublishedOn  time.Time // the date it was made public
	PostingUntil time.Time // last day of the posting window; zero when permanent or unpublished
	PublishedAt  time.Time // when it was recorded here

	WithdrawnOn     time.Time
	WithdrawnReason string

	CreatedAt time.Time
	UpdatedAt time.Time

	Versions   []Version
	Files      []File
	Uses       []Use
	Extensions []Extension
}

// Version is one published text of a disclosure.
type Version struct {
	N         int
	Title     string
	Body      string
	Reason    string // why it was corrected; empty for the first version
	CreatedAt time.Time
}

// Use is the record that a channel was used, with its evidence: the dates
// (a posting from–to, each loudspeaker day), a note and perhaps a photo.
type Use struct {
	ID        int64
	Channel   Channel
	From      time.Time
	To        time.Time // same as From for a single day
	Note      string
	FileID    int64 // a photo of the posted notice, 0 for none
	CreatedAt time.Time
}

// Extension is a lengthening of the posting window, with its reason.
type Extension struct {
	OldUntil  time.Time
	NewUntil  time.Time
	Reason    string
	CreatedAt time.Time
}

// Rule returns the disclosure's category rule.
func (d *Disclosure) Rule() Rule {
	r, _ := RuleFor(d.Category)
	return r
}

// Corrected tells whether the published text has been corrected.
func (d *Disclosure) Corrected() bool { return d.Version > 1 }

// Public tells whether anyone may see it: what was published stays
// public, withdrawn or not; drafts (and drafts discarded unpublished) are
// the office's own.
func (d *Disclosure) Public() bool { return !d.PublishedOn.IsZero() }

// State is the status as people read it: draft, published, corrected or
// withdrawn.
func (d *Disclosure) State() string {
	if d.Status == Published && d.Corrected() {
		return "corrected"
	}
	return string(d.Status)
}

// Normalize puts the strings of d into their stored form. The body keeps
// its lines (Markdown needs them) and only loses trailing spaces.
func (d *Disclosure) Normalize() {
	d.Title = viet.NFC(d.Title)
	d.Category = strings.TrimSpace(d.Category)
	d.Body = viet.Text(d.Body)
}

// Validate checks a draft for a unit of kind unitKind on date today.
func (d *Disclosure) Validate(unitKind string, today time.Time) error {
	d.Normalize()
	var errs coso.Errors
	scope, ok := ScopeOf(unitKind)
	if !ok {
		errs = append(errs, coso.Invalid("unit", "Đơn vị này không công khai thông tin theo Luật Thực hiện dân chủ ở cơ sở (chỉ xã, phường, thôn, cơ quan, doanh nghiệp nhà nước).",
			"This unit does not publish under the grassroots democracy law (only communes, wards, villages, agencies and state enterprises do)."))
	}
	if r, known := RuleFor(d.Category); !known {
		errs = append(errs, coso.Invalid("category", "Lĩnh vực công khai không hợp lệ: %q.", "Unknown category %q.", d.Category))
	} else if ok && r.Scope != scope {
		errs = append(errs, coso.Invalid("category", "Lĩnh vực %s không áp dụng cho loại đơn vị này.", "Category %s does not apply to this kind of unit.", d.Category))
	}
	errs = append(errs, checkText(d.Title, d.Body)...)
	switch {
	case d.DecidedOn.IsZero():
		errs = append(errs, coso.Invalid("decided_on", "Cần ngày ban hành quyết định, văn bản.", "The date of the decision is required."))
	case day(d.DecidedOn).After(day(today)):
		errs = append(errs, coso.Invalid("decided_on", "Ngày ban hành không thể ở tương lai.", "The date of the decision cannot be in the future."))
	case d.DecidedOn.Year() < 2000:
		errs = append(errs, coso.Invalid("decided_on", "Ngày ban hành không hợp lệ.", "The date of the decision is not valid."))
	}
	if d.Audience == "" {
		d.Audience = WholeUnit
		if scope == AgencyScope || scope == EnterpriseScope {
			d.Audience = Staff
		}
	}
	if _, err := ParseAudience(string(d.Audience)); err != nil {
		errs = append(errs, err.(*coso.Error))
	} else if d.Audience == SomeVillages && len(d.AudienceUnits) == 0 {
		errs = append(errs, coso.Invalid("villages", "Chọn ít nhất một thôn, tổ dân phố.", "Choose at least one village."))
	} else if d.Audience != SomeVillages {
		d.AudienceUnits = nil
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

func checkText(title, body string) []*coso.Error {
	var errs []*coso.Error
	switch n := utf8.RuneCountInString(title); {
	case n < 3:
		errs = append(errs, coso.Invalid("title", "Tiêu đề cần ít nhất 3 ký tự.", "The title needs at least 3 characters."))
	case n > MaxTitle:
		errs = append(errs, coso.Invalid("title", "Tiêu đề dài quá %d ký tự.", "The title is longer than %d characters.", MaxTitle))
	}
	if utf8.RuneCountInString(body) > MaxBody {
		errs = append(errs, coso.Invalid("body", "Nội dung dài quá %d ký tự.", "The body is longer than %d characters.", MaxBody))
	}
	return errs
}

// CheckCorrection checks the new text and the reason of a correction.
func CheckCorrection(title, body, reason string) (string, string, string, error) {
	title, body, reason = viet.NFC(title), viet.Text(body), strings.TrimSpace(viet.Text(reason))
	errs := coso.Errors(checkText(title, body))
	if reason == "" {
		errs = append(errs, coso.Invalid("reason", "Cần nêu lý do đính chính.", "The reason for the correction is required."))
	}
	if len(errs) == 1 {
		return "", "", "", errs[0]
	}
	return title, body, reason, errs.Err()
}

// CheckReason checks the reason of a withdrawal or an extension.
func CheckReason(reason string) (string, error) {
	reason = strings.TrimSpace(viet.Text(reason))
	if reason == "" {
		return "", coso.Invalid("reason", "Cần nêu lý do.", "The reason is required.")
	}
	if utf8.RuneCountInString(reason) > MaxReason {
		return "", coso.Invalid("reason", "Lý do dài quá %d ký tự.", "The reason is longer than %d characters.", MaxReason)
	}
	return reason, nil
}

// Calendar counts working days (package calendar implements it).
type Calendar interface {
	AddWorkingDays(from time.Time, n int) time.Time
	WorkingDaysBetween(a, b time.Time) int
}

// day returns the local date of t.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, dd := t.In(coso.Zone).Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, coso.Zone)
}

// Due returns the last day to publish what was decided on decided.
func (r Rule) Due(decided time.Time, cal Calendar) time.Time {
	if r.Deadline.Working {
		return cal.AddWorkingDays(decided, r.Deadline.Days)
	}
	return day(decided).AddDate(0, 0, r.Deadline.Days)
}

// PostingEnd returns the last day of a posting that starts on from: at
// least PostingDays consecutive days, from counting as the first. It is
// zero for a permanent posting.
func (r Rule) PostingEnd(from time.Time) time.Time {
	if r.Permanent() {
		return time.Time{}
	}
	return day(from).AddDate(0, 0, r.PostingDays-1)
}

// CheckPublication checks the publication date chosen for d: not before
// the decision and not after today. A notice posted on paper before it is
// recorded here may be given its real date; the record keeps both.
func (d *Disclosure) CheckPublication(on, today time.Time) error {
	on, today = day(on), day(today)
	if on.Before(day(d.DecidedOn)) {
		return coso.Invalid("published_on", "Ngày công khai không thể trước ngày ban hành.", "The publication date cannot be before the decision.")
	}
	if on.After(today) {
		return coso.Invalid("published_on", "Ngày công khai không thể ở tương lai.", "The publication date cannot be in the future.")
	}
	return nil
}
