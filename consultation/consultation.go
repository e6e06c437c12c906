package consultation

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/calendar"
	"coso/viet"
)

// Status is where a consultation is in its life.
type Status string

const (
	Draft    Status = "draft"    // being prepared; not public
	Open     Status = "open"     // published; opinions are taken until ClosesOn
	Closed   Status = "closed"   // no more online comments; the authority answers
	Answered Status = "answered" // every opinion group answered; the report is public
)

// next is the one table of lawful moves.
var next = map[Status][]Status{
	Draft:  {Open},
	Open:   {Closed},
	Closed: {Answered},
}

// Move checks that a consultation in status s may go to status to.
func (s Status) Move(to Status) error {
	if slices.Contains(next[s], to) {
		return nil
	}
	return coso.Errorf(coso.EConflict, "status", "Không thể chuyển đợt lấy ý kiến từ “%[1]s” sang “%[2]s”.",
		"A consultation cannot go from %[3]s to %[4]s.", s.Name("vi"), to.Name("vi"), s, to)
}

// Statuses lists every status in order.
func Statuses() []Status { return []Status{Draft, Open, Closed, Answered} }

// Name returns the status's name in lang.
func (s Status) Name(lang string) string {
	names := map[Status][2]string{
		Draft: {"Dự thảo", "Draft"}, Open: {"Đang lấy ý kiến", "Open"},
		Closed: {"Đã hết hạn lấy ý kiến", "Closed"}, Answered: {"Đã tiếp thu, giải trình", "Answered"},
	}
	n, ok := names[s]
	if !ok {
		return ""
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// Public tells whether anyone may read it: everything but a draft.
func (s Status) Public() bool { return s == Open || s == Closed || s == Answered }

// Audience is whom a consultation asks.
type Audience string

const (
	WholeUnit     Audience = "unit"          // everyone in the commune
	SomeVillages  Audience = "villages"      // the residents of the villages listed
	AffectedOnes  Audience = "affected"      // the citizens a draft decision names (art. 27)
	Organisations Audience = "organisations" // the Front and the mass organisations
	StaffAll      Audience = "staff"         // an agency's staff (art. 53)
	WorkersAll    Audience = "workers"       // a state enterprise's workers (art. 71)
)

// Audiences lists every audience in display order.
func Audiences() []Audience {
	return []Audience{WholeUnit, SomeVillages, AffectedOnes, Organisations, StaffAll, WorkersAll}
}

// AudiencesFor lists the audiences a unit of kind may ask: an agency its
// staff, an enterprise its workers, a commune its people.
func AudiencesFor(kind string) []Audience {
	switch {
	case slices.Contains(agencyKinds, kind):
		return []Audience{StaffAll}
	case slices.Contains(enterpriseKinds, kind):
		return []Audience{WorkersAll}
	}
	return []Audience{WholeUnit, SomeVillages, AffectedOnes, Organisations}
}

// Name returns the audience's name in lang.
func (a Audience) Name(lang string) string {
	names := map[Audience][2]string{
		WholeUnit:     {"Toàn thể nhân dân trong xã, phường", "Everyone in the commune"},
		SomeVillages:  {"Nhân dân các thôn, tổ dân phố được chọn", "The residents of the chosen villages"},
		AffectedOnes:  {"Những công dân chịu tác động trực tiếp (Điều 27)", "The citizens directly affected (art. 27)"},
		Organisations: {"Mặt trận Tổ quốc và các tổ chức chính trị – xã hội", "The Fatherland Front and the mass organisations"},
		StaffAll:      {"Cán bộ, công chức, viên chức, người lao động của cơ quan, đơn vị", "The agency's staff"},
		WorkersAll:    {"Người lao động của doanh nghiệp", "The enterprise's workers"},
	}
	if lang == "en" {
		return names[a][1]
	}
	return names[a][0]
}

// ParseAudience checks an audience name; empty means the whole unit.
func ParseAudience(s string) (Audience, error) {
	if s == "" {
		return WholeUnit, nil
	}
	if slices.Contains(Audiences(), Audience(s)) {
		return Audience(s), nil
	}
	return "", coso.Invalid("audience", "Đối tượng lấy ý kiến không hợp lệ: %q.", "Unknown audience %q.", s)
}

// Document is a supporting paper (a map, an estimate, a report).
type Document struct {
	Title string
	Ref   string // a file name or address
}

// Extension is a lengthening of the period, with its reason.
type Extension struct {
	OldClose  time.Time
	NewClose  time.Time
	Reason    string
	By        string // the official's username
	CreatedAt time.Time
}

// Consultation is one draft put to the people.
type Consultation struct {
	ID       int64
	UnitID   int64 // the consulting commune
	UnitCode string
	UnitName string
	UnitKind string
	Subject  Subject
	Title    string
	Summary  string // the purpose and what is asked, shown above the draft
	Sections []Section
	Forms    []Form
	Docs     []Document

	Audience      Audience
	AudienceUnits []int64 // the villages, when Audience is SomeVillages
	AudienceNote  string  // who exactly: the citizens named, the organisations asked
	// Households: the codes of the households a draft about named
	// citizens concerns (art. 25.8, 27), when Audience is AffectedOnes;
	// their representatives are texted when it opens. Officers only.
	Households []string

	OpensOn  time.Time // local date of publication (planned while a draft)
	ClosesOn time.Time // last local date opinions are taken
	Status   Status

	OpenedAt     time.Time
	ClosedAt     time.Time
	AnsweredAt   time.Time
	DisclosureID int64 // the category-11 disclosure of the answer report
	// DraftDisclosureID: the disclosure that published the draft when it
	// opened (same category).
	DraftDisclosureID int64
	Conclusion        string // the authority's general conclusion, printed with the report
	Extensions        []Extension
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Limits on what people type.
const (
	MaxTitle    = 300
	MaxSummary  = 5000
	MaxSections = 300
	MaxReason   = 2000
	MaxNote     = 1000
	// MaxHouseholds: named households of one draft; a decision about more
	// people than this concerns the community (art. 25.5), not named ones.
	MaxHouseholds = 500
)

// Normalize puts every string of c in its stored form.
func (c *Consultation) Normalize() {
	c.Title = viet.NFC(c.Title)
	c.Summary = viet.Text(c.Summary)
	c.AudienceNote = viet.NFC(c.AudienceNote)
	for i := range c.Sections {
		c.Sections[i].Normalize()
		c.Sections[i].N = i + 1
	}
	for i := range c.Docs {
		c.Docs[i].Title, c.Docs[i].Ref = viet.NFC(c.Docs[i].Title), strings.TrimSpace(c.Docs[i].Ref)
	}
	if Staff(c.UnitKind) {
		// Staff and workers are heard at their meetings and on opinion
		// sheets (art. 54, 71), which the unit's officials enter; the
		// public portal takes no comments on them.
		c.Forms = slices.DeleteFunc(c.Forms, func(f Form) bool { return f == Portal })
	} else if !slices.Contains(c.Forms, Portal) {
		// Everything put to the people goes on the portal (art. 13.1 and
		// the provincial resolution): coso is that portal.
		c.Forms = append([]Form{Portal}, c.Forms...)
	}
}

// Validate checks a draft of a unit of kind unitKind on the local date
// today.
func (c *Consultation) Validate(unitKind string, today time.Time) error {
	c.UnitKind = unitKind
	c.Normalize()
	var errs coso.Errors
	add := func(e *coso.Error) {
		if e != nil {
			errs = append(errs, e)
		}
	}
	minDays, article, ok := PeriodFor(unitKind)
	if !ok {
		add(coso.Invalid("unit", "Chỉ xã, phường, đặc khu, cơ quan và doanh nghiệp nhà nước tổ chức lấy ý kiến theo phần này.",
			"Only communes, wards, special zones, agencies and state enterprises consult here."))
	}
	switch {
	case !c.Subject.Valid():
		add(errSubject())
	case ok && !c.Subject.Allows(unitKind):
		add(coso.Invalid("subject", "Đơn vị này không lấy ý kiến về nội dung “%[1]s” (%[3]s).",
			"This unit does not consult on “%[2]s” (%[3]s).", c.Subject.Name("vi"), c.Subject.Name("en"), c.Subject.Article()))
	}
	add(textError("title", c.Title, 3, MaxTitle, "Tiêu đề", "The title"))
	add(textError("summary", c.Summary, 0, MaxSummary, "Nội dung tóm tắt", "The summary"))
	add(c.validateSections())
	add(c.validateForms())
	add(c.validateAudience())
	for _, d := range c.Docs {
		if d.Title == "" || utf8.RuneCountInString(d.Title) > MaxTitle {
			add(coso.Invalid("documents", "Mỗi tài liệu cần tên (tối đa 300 ký tự).", "Every document needs a title (at most 300 characters)."))
			break
		}
	}
	if ok {
		add(CheckPeriod(c.OpensOn, c.ClosesOn, today, minDays, article))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

func textError(field, s string, min, max int, vi, en string) *coso.Error {
	n := utf8.RuneCountInString(s)
	switch {
	case n < min && n == 0:
		return coso.Invalid(field, "%[1]s không được để trống.", "%[2]s is required.", vi, en)
	case n < min:
		return coso.Invalid(field, "%[1]s cần ít nhất %[3]d ký tự.", "%[2]s needs at least %[3]d characters.", vi, en, min)
	case n > max:
		return coso.Invalid(field, "%[1]s dài quá %[3]d ký tự.", "%[2]s is longer than %[3]d characters.", vi, en, max)
	}
	return nil
}

func (c *Consultation) validateSections() *coso.Error {
	switch {
	case len(c.Sections) == 0:
		return coso.Invalid("sections", "Dự thảo cần ít nhất một phần (điều, khoản hoặc một dòng).", "The draft needs at least one section (an article, a clause or a line).")
	case len(c.Sections) > MaxSections:
		return coso.Invalid("sections", "Dự thảo có quá %d phần.", "The draft has more than %d sections.", MaxSections)
	}
	for _, s := range c.Sections {
		if err := s.Validate(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Consultation) validateForms() *coso.Error {
	if len(c.Forms) == 0 {
		return coso.Invalid("forms", "Chọn ít nhất một hình thức lấy ý kiến (hội nghị, phiếu lấy ý kiến…).",
			"Choose at least one form of consultation (a meeting, opinion sheets…).")
	}
	seen := map[Form]bool{}
	for _, f := range c.Forms {
		if _, err := ParseForm(string(f)); err != nil {
			return coso.AsError(err)
		}
		if seen[f] {
			return coso.Invalid("forms", "Hình thức bị lặp.", "A form is repeated.")
		}
		seen[f] = true
	}
	return nil
}

func (c *Consultation) validateAudience() *coso.Error {
	a, err := ParseAudience(string(c.Audience))
	if err != nil {
		return coso.AsError(err)
	}
	c.Audience = a
	switch {
	case !slices.Contains(AudiencesFor(c.UnitKind), a):
		return coso.Invalid("audience", "Đơn vị này không lấy ý kiến “%[1]s”.", "This unit does not ask %[2]s.", a.Name("vi"), a.Name("en"))
	case c.Subject.Affected() && a != AffectedOnes:
		return coso.Invalid("audience", "Dự thảo về công dân cụ thể phải lấy ý kiến chính những người đó (Điều 27).",
			"A draft about named citizens must consult those citizens (art. 27).")
	case a == AffectedOnes && c.AudienceNote == "":
		return coso.Invalid("audience_note", "Ghi rõ những công dân chịu tác động.", "Name the citizens affected.")
	case a == SomeVillages && len(c.AudienceUnits) == 0:
		return coso.Invalid("villages", "Chọn ít nhất một thôn, tổ dân phố.", "Choose at least one village.")
	case utf8.RuneCountInString(c.AudienceNote) > MaxNote:
		return coso.Invalid("audience_note", "Ghi chú về đối tượng dài quá %d ký tự.", "The audience note is longer than %d characters.", MaxNote)
	}
	if a != SomeVillages {
		c.AudienceUnits = nil
	}
	return c.validateHouseholds()
}

// validateHouseholds puts the household codes in order without repeats
// and checks they go with the affected audience.
func (c *Consultation) validateHouseholds() *coso.Error {
	var codes []string
	for _, h := range c.Households {
		if h = strings.TrimSpace(h); h != "" && !slices.Contains(codes, h) {
			codes = append(codes, h)
		}
	}
	c.Households = codes
	switch {
	case len(codes) > 0 && c.Audience != AffectedOnes:
		return coso.Invalid("households", "Chỉ ghi các hộ khi lấy ý kiến những công dân chịu tác động (Điều 27).",
			"Households are named only when the citizens affected are asked (art. 27).")
	case len(codes) > MaxHouseholds:
		return coso.Invalid("households", "Quá %d hộ.", "More than %d households.", MaxHouseholds)
	}
	return nil
}

// AffectedMessage is the text message to the representative of a
// household a draft names, when it opens (art. 27: they must be told and
// heard).
func (c *Consultation) AffectedMessage(pageURL string) string {
	return fmt.Sprintf("%s lấy ý kiến về dự thảo “%s” liên quan trực tiếp đến hộ gia đình bạn, đến hết ngày %s. Xem và góp ý: %s",
		c.UnitName, shortText(c.Title, 60), calendar.DayOf(c.ClosesOn).Format("02/01/2006"), pageURL)
}

func shortText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// EarliestClose is the first closing date the law allows for a
// consultation published on opens: minDays calendar days counted from
// the day after publication (Civil Code 2015 art. 147), so opinions are
// taken on every one of those days.
func EarliestClose(opens time.Time, minDays int) time.Time {
	return calendar.DayOf(opens).AddDate(0, 0, minDays)
}

// CheckPeriod checks a period from opens to closes (local dates; a zero
// opens means today) against the minimum for the unit.
func CheckPeriod(opens, closes, today time.Time, minDays int, article string) *coso.Error {
	if opens.IsZero() {
		opens = today
	}
	opens, closes = calendar.DayOf(opens), calendar.DayOf(closes)
	switch {
	case closes.IsZero():
		return coso.Invalid("closes_on", "Cần ngày kết thúc lấy ý kiến.", "The closing date is required.")
	case opens.Before(calendar.DayOf(today)):
		return coso.Invalid("opens_on", "Ngày bắt đầu không thể ở quá khứ.", "The opening date cannot be in the past.")
	case closes.Before(EarliestClose(opens, minDays)):
		e := EarliestClose(opens, minDays)
		return coso.Invalid("closes_on", "Thời gian lấy ý kiến ít nhất %[1]d ngày kể từ ngày công bố (%[2]s): kết thúc sớm nhất ngày %[3]s.",
			"Opinions must be taken for at least %[1]d days after publication (%[2]s): the earliest closing date is %[4]s.",
			minDays, article, e.Format("02/01/2006"), e.Format("2006-01-02"))
	}
	return nil
}

// RecordedLate is how many days after a consultation was published on
// paper (the notice posted at the office and the villages) it may still be
// recorded here with that publication date: its period counts from the
// posting, not from the day it is typed in. Not a number of the law: a
// bound on how far back an officer may date a publication.
const RecordedLate = 60

// CheckOpening checks the date a consultation is published on: today, or
// an earlier posting on paper, at most RecordedLate days back.
func CheckOpening(on, today time.Time) error {
	on, today = calendar.DayOf(on), calendar.DayOf(today)
	switch {
	case on.After(today):
		return coso.Invalid("opens_on", "Ngày công bố không thể ở tương lai.", "The publication date cannot be in the future.")
	case on.Before(today.AddDate(0, 0, -RecordedLate)):
		return coso.Invalid("opens_on", "Chỉ ghi nhận đợt lấy ý kiến đã niêm yết trong vòng %d ngày qua.",
			"A consultation posted on paper can be recorded up to %d days later.", RecordedLate)
	}
	return nil
}

// MinDays is the least number of days the consultation stays open.
func (c *Consultation) MinDays() int {
	n, _, _ := PeriodFor(c.UnitKind)
	return n
}

// Accepting tells whether citizens may comment on the local date today:
// the consultation is open and its closing date has not passed.
func (c *Consultation) Accepting(today time.Time) bool {
	return c.Status == Open && !Staff(c.UnitKind) && !calendar.DayOf(today).After(calendar.DayOf(c.ClosesOn))
}

// ErrNotAccepting is why an opinion is refused: before the opening or
// after the close, with the closing date.
func (c *Consultation) ErrNotAccepting() error {
	if c.Status == Draft {
		return coso.Errorf(coso.EConflict, "status", "Đợt lấy ý kiến này chưa bắt đầu.", "This consultation has not opened yet.")
	}
	if Staff(c.UnitKind) {
		return coso.Errorf(coso.EConflict, "status", "Đợt lấy ý kiến này hỏi cán bộ, người lao động của đơn vị tại hội nghị và bằng phiếu, không nhận góp ý trên cổng.",
			"This consultation asks the unit's staff or workers at meetings and on opinion sheets; it takes no comments on the portal.")
	}
	d := calendar.DayOf(c.ClosesOn)
	return coso.Errorf(coso.EConflict, "status",
		"Đã hết thời gian lấy ý kiến (kết thúc ngày %[1]s). Ý kiến gửi sau không được tiếp nhận.",
		"The consultation closed on %[2]s. Opinions sent after the close are not taken.", d.Format("02/01/2006"), d.Format("2 January 2006"))
}

// CheckClose tells whether the consultation may be closed on today: only
// once the period has run its course.
func (c *Consultation) CheckClose(today time.Time) error {
	if err := c.Status.Move(Closed); err != nil {
		return err
	}
	if !calendar.DayOf(today).After(calendar.DayOf(c.ClosesOn)) {
		d := calendar.DayOf(c.ClosesOn)
		return coso.Errorf(coso.EConflict, "closes_on", "Chưa hết thời gian lấy ý kiến: nhân dân được góp ý đến hết ngày %[1]s.",
			"The period is not over: people may comment until the end of %[2]s.", d.Format("02/01/2006"), d.Format("2006-01-02"))
	}
	return nil
}

// CheckExtension checks a lengthening of the period to until, with a
// reason; it returns the reason in its stored form.
func (c *Consultation) CheckExtension(until time.Time, reason string) (string, error) {
	reason = strings.TrimSpace(viet.Text(reason))
	switch {
	case c.Status != Open:
		return "", coso.Errorf(coso.EConflict, "status", "Chỉ gia hạn khi đang lấy ý kiến.", "Only an open consultation can be extended.")
	case until.IsZero():
		return "", coso.Invalid("closes_on", "Cần ngày kết thúc mới.", "The new closing date is required.")
	case !calendar.DayOf(until).After(calendar.DayOf(c.ClosesOn)):
		return "", coso.Invalid("closes_on", "Ngày kết thúc mới phải sau ngày %[1]s.", "The new closing date must be after %[2]s.",
			c.ClosesOn.Format("02/01/2006"), c.ClosesOn.Format("2006-01-02"))
	case reason == "":
		return "", coso.Invalid("reason", "Cần lý do gia hạn.", "The reason for the extension is required.")
	case utf8.RuneCountInString(reason) > MaxReason:
		return "", coso.Invalid("reason", "Lý do dài quá %d ký tự.", "The reason is longer than %d characters.", MaxReason)
	}
	return reason, nil
}

// Uses tells whether f is one of the consultation's forms.
func (c *Consultation) Uses(f Form) bool { return slices.Contains(c.Forms, f) }

// Section returns section n (1-based), or false.
func (c *Consultation) Section(n int) (Section, bool) {
	if n < 1 || n > len(c.Sections) {
		return Section{}, false
	}
	return c.Sections[n-1], true
}

// DaysLeft is how many days of comment remain on today, counting today.
func (c *Consultation) DaysLeft(today time.Time) int {
	if !c.Accepting(today) {
		return 0
	}
	return calendar.DaysBetween(calendar.DayOf(today), calendar.DayOf(c.ClosesOn)) + 1
}
