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

// Stance is what an opinion says of the draft or the section.
type Stance string

const (
	Agree    Stance = "agree"
	Disagree Stance = "disagree"
	OtherOp  Stance = "other" // another opinion: a proposal, a question
)

// Stances lists every stance in display order.
func Stances() []Stance { return []Stance{Agree, Disagree, OtherOp} }

// ParseStance checks a stance.
func ParseStance(s string) (Stance, error) {
	if slices.Contains(Stances(), Stance(s)) {
		return Stance(s), nil
	}
	return "", coso.Invalid("stance", "Chọn đồng ý, không đồng ý hoặc ý kiến khác.", "Choose agree, disagree or other.")
}

// Name returns the stance's name in lang.
func (s Stance) Name(lang string) string {
	names := map[Stance][2]string{Agree: {"Đồng ý", "Agree"}, Disagree: {"Không đồng ý", "Disagree"}, OtherOp: {"Ý kiến khác", "Other opinion"}}
	if lang == "en" {
		return names[s][1]
	}
	return names[s][0]
}

// HideReason is why an officer hid an opinion: only these, from a fixed
// list, so moderation cannot silence an opinion for what it says.
type HideReason string

const (
	Abuse        HideReason = "abuse"         // insults, threats, obscenity
	PersonalData HideReason = "personal_data" // another person's phone, ID number, address…
	Spam         HideReason = "spam"          // advertising, text unrelated to the draft
)

// HideReasons lists the reasons in display order.
func HideReasons() []HideReason { return []HideReason{Abuse, PersonalData, Spam} }

// ParseHideReason checks a reason.
func ParseHideReason(s string) (HideReason, error) {
	if slices.Contains(HideReasons(), HideReason(s)) {
		return HideReason(s), nil
	}
	return "", coso.Invalid("reason", "Chỉ ẩn ý kiến vì một trong các lý do: xúc phạm, lộ thông tin cá nhân, quảng cáo (spam).",
		"An opinion may be hidden only for abuse, personal data or spam.")
}

// Name returns the reason's name in lang.
func (r HideReason) Name(lang string) string {
	names := map[HideReason][2]string{Abuse: {"Xúc phạm, lăng mạ", "Abuse"},
		PersonalData: {"Lộ thông tin cá nhân", "Personal data"}, Spam: {"Quảng cáo, không liên quan (spam)", "Spam"}}
	if lang == "en" {
		return names[r][1]
	}
	return names[r][0]
}

// Age bands of the participation figures.
var ageBands = []struct {
	Code   string
	From   int // years, inclusive
	VI, EN string
}{
	{"u18", 0, "Dưới 18 tuổi", "Under 18"},
	{"18-29", 18, "18–29 tuổi", "18–29"},
	{"30-44", 30, "30–44 tuổi", "30–44"},
	{"45-59", 45, "45–59 tuổi", "45–59"},
	{"60+", 60, "Từ 60 tuổi", "60 and over"},
}

// AgeBands lists the band codes in order.
func AgeBands() []string {
	out := make([]string, len(ageBands))
	for i, b := range ageBands {
		out[i] = b.Code
	}
	return out
}

// AgeBand returns the band of a person born on born, on the date on; ""
// when the birth date is unknown.
func AgeBand(born, on time.Time) string {
	if born.IsZero() {
		return ""
	}
	age := on.Year() - born.Year()
	if on.YearDay() < born.YearDay() {
		age--
	}
	band := ""
	for _, b := range ageBands {
		if age >= b.From {
			band = b.Code
		}
	}
	return band
}

// AgeBandName names a band in lang ("" is unknown).
func AgeBandName(code, lang string) string {
	for _, b := range ageBands {
		if b.Code == code {
			if lang == "en" {
				return b.EN
			}
			return b.VI
		}
	}
	if lang == "en" {
		return "Unknown"
	}
	return "Không rõ"
}

// CheckAgeBand checks a band typed by an officer ("" for unknown).
func CheckAgeBand(code string) error {
	if code == "" || slices.Contains(AgeBands(), code) {
		return nil
	}
	return coso.Invalid("age_band", "Nhóm tuổi không hợp lệ.", "Unknown age band.")
}

// Opinion is one opinion on a section (or the draft as a whole): a
// citizen's comment on the portal, an organisation's formal opinion, or
// one received offline and entered by an officer.
type Opinion struct {
	ID             int64
	ConsultationID int64
	Section        int // 0: the draft as a whole
	Stance         Stance
	Text           string
	Channel        Form
	Author         string // "citizen:12" or "person:34" for comments on the portal; "" when entered by an officer
	CitizenID      int64
	PersonID       int64
	AuthorName     string // the person's name, when the account is confirmed as someone
	ShowName       bool   // the author chose to be named in public
	Organisation   string // the organisation of a formal opinion
	VillageID      int64
	VillageName    string
	Sex            string // "male", "female" or ""
	AgeBand        string
	ReceivedOn     time.Time
	SourceNote     string // where an offline opinion comes from: "Biên bản họp Tổ dân phố số 3 ngày 5/3"
	FileID         int64  // the letter or the scan
	FileName       string
	Version        int
	GroupID        int64
	Hidden         HideReason
	HiddenBy       string
	HiddenAt       time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Limits on opinions.
const (
	MaxOpinion      = 5000
	MaxOrganisation = 300
)

// Normalize puts the opinion's strings in their stored form.
func (o *Opinion) Normalize() {
	o.Text = strings.TrimSpace(viet.Text(o.Text))
	o.Organisation = viet.NFC(o.Organisation)
	o.SourceNote = viet.NFC(o.SourceNote)
}

// Validate checks an opinion on consultation c.
func (o *Opinion) Validate(c *Consultation) error {
	o.Normalize()
	if _, err := ParseStance(string(o.Stance)); err != nil {
		return err
	}
	if o.Section != WholeDraft {
		if _, ok := c.Section(o.Section); !ok {
			return coso.Invalid("section", "Dự thảo không có phần số %d.", "The draft has no section %d.", o.Section)
		}
	}
	switch n := utf8.RuneCountInString(o.Text); {
	case n == 0 && o.Stance == OtherOp:
		return coso.Invalid("text", "Hãy viết ý kiến của bạn.", "Write your opinion.")
	case n > MaxOpinion:
		return coso.Invalid("text", "Ý kiến dài quá %d ký tự.", "The opinion is longer than %d characters.", MaxOpinion)
	}
	return nil
}

// ValidateOffline checks what an officer enters for an opinion received
// offline: its channel, the organisation of a formal opinion (which comes
// with its letter), and the date it came in, within the period.
func (o *Opinion) ValidateOffline(c *Consultation, today time.Time, hasFile bool) error {
	if err := o.Validate(c); err != nil {
		return err
	}
	if _, err := ParseForm(string(o.Channel)); err != nil || !o.Channel.Offline() {
		return coso.Invalid("channel", "Chọn nguồn của ý kiến: hội nghị, phiếu lấy ý kiến, hòm thư, đường dây nóng, tổ chức…",
			"Choose where the opinion came from: a meeting, an opinion sheet, the box, the hotline, an organisation…")
	}
	if Staff(c.UnitKind) && !o.Channel.Staff() {
		return coso.Invalid("channel", "Ý kiến của cán bộ, người lao động nhận qua hội nghị, phiếu, hòm thư, đường dây nóng hoặc công đoàn.",
			"Staff and workers' opinions come from a meeting, a sheet, the box, the hotline or the union.")
	}
	if err := CheckAgeBand(o.AgeBand); err != nil {
		return err
	}
	if o.Sex != "" && o.Sex != "male" && o.Sex != "female" {
		return coso.Invalid("sex", "Giới tính không hợp lệ.", "Unknown sex.")
	}
	switch {
	case o.Channel == Front && o.Organisation == "":
		return coso.Invalid("organisation", "Ý kiến chính thức cần tên tổ chức.", "A formal opinion needs the organisation's name.")
	case o.Channel == Front && !hasFile:
		return coso.Invalid("file", "Ý kiến chính thức của tổ chức cần kèm văn bản (bản quét).", "An organisation's formal opinion comes with its letter (a scan).")
	case utf8.RuneCountInString(o.Organisation) > MaxOrganisation || utf8.RuneCountInString(o.SourceNote) > MaxNote:
		return coso.Invalid("source_note", "Tên tổ chức hoặc ghi chú nguồn quá dài.", "The organisation or the source note is too long.")
	}
	return checkReceived(c, o.ReceivedOn, today)
}

func checkReceived(c *Consultation, on, today time.Time) error {
	on = calendar.DayOf(on)
	switch {
	case on.IsZero():
		return coso.Invalid("received_on", "Cần ngày nhận ý kiến.", "The date the opinion came in is required.")
	case on.After(calendar.DayOf(today)):
		return coso.Invalid("received_on", "Ngày nhận không thể ở tương lai.", "The date received cannot be in the future.")
	case on.Before(calendar.DayOf(c.OpensOn)) || on.After(calendar.DayOf(c.ClosesOn)):
		return coso.Invalid("received_on", "Ý kiến phải nhận trong thời gian lấy ý kiến (%[1]s – %[2]s).",
			"The opinion must have come in during the period (%[1]s – %[2]s).", c.OpensOn.Format("02/01/2006"), c.ClosesOn.Format("02/01/2006"))
	}
	return nil
}

// CheckOfflineEntry tells whether officers may still enter opinions
// received offline: while open, and after the close (sheets and boxes are
// gathered on the last day) until the report is published.
func (c *Consultation) CheckOfflineEntry() error {
	if c.Status == Open || c.Status == Closed {
		return nil
	}
	return coso.Errorf(coso.EConflict, "status", "Không nhập thêm ý kiến khi đợt lấy ý kiến đang là “%[1]s”.",
		"Opinions cannot be entered while the consultation is %[2]s.", c.Status.Name("vi"), c.Status.Name("en"))
}

// CheckHide tells whether an opinion may still be hidden: not once the
// report is published.
func (c *Consultation) CheckHide() error {
	if c.Status == Open || c.Status == Closed {
		return nil
	}
	return coso.Errorf(coso.EConflict, "status", "Không ẩn ý kiến khi đợt lấy ý kiến đang là “%[1]s”.",
		"Opinions cannot be hidden while the consultation is %[2]s.", c.Status.Name("vi"), c.Status.Name("en"))
}

// PublicName is how the opinion is signed in public: the organisation,
// the person's name if they chose it, else "a resident of" their village.
func (o *Opinion) PublicName(lang string) string {
	switch {
	case o.Organisation != "":
		return o.Organisation
	case o.ShowName && o.AuthorName != "":
		return o.AuthorName
	case o.VillageName != "" && lang == "en":
		return "A resident of " + o.VillageName
	case o.VillageName != "":
		return "Một người dân " + o.VillageName
	case o.Channel.Offline() && lang == "en":
		return "An opinion received through: " + strings.ToLower(o.Channel.Name("en"))
	case o.Channel.Offline():
		return "Ý kiến nhận qua: " + strings.ToLower(o.Channel.Name("vi"))
	case lang == "en":
		return "A resident (account not confirmed)"
	}
	return "Một người dân (tài khoản chưa xác nhận)"
}

// IsHidden tells whether the opinion was hidden.
func (o *Opinion) IsHidden() bool { return o.Hidden != "" }

// Edited tells whether the author changed the opinion after sending it.
func (o *Opinion) Edited() bool { return o.Version > 1 }

// OpinionVersion is one text of an opinion, kept when it is edited.
type OpinionVersion struct {
	N         int
	Stance    Stance
	Text      string
	CreatedAt time.Time
}

// AuthorKey names a citizen account or a verified person as the author of
// comments on the portal: one comment per section each.
func AuthorKey(citizenID, personID int64) string {
	if citizenID != 0 {
		return fmt.Sprintf("citizen:%d", citizenID)
	}
	return fmt.Sprintf("person:%d", personID)
}

// ErrAlreadyCommented is the refusal of a second comment on one section.
func ErrAlreadyCommented() error {
	return coso.Errorf(coso.EConflict, "section", "Bạn đã góp ý phần này; hãy sửa ý kiến đã gửi.",
		"You have already commented on this section; edit your comment instead.")
}
