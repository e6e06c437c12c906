package decision

import (
	"time"

	"coso"
)

// Situation is what the allowed forms depend on besides the subject.
type Situation struct {
	CommuneWide bool
	OptIn       *OptIn    // the village's online-voting decision, nil if none
	Today       time.Time // local date the form is chosen or the vote opens
	Households  int       // all households of the village
	MeetingHeld bool      // a meeting on this matter has been recorded
	Attended    int       // households present at that meeting
}

// CheckForm tells whether subject s may be decided by form f, and if not,
// why, in both languages. Subjects 3–5 only at a meeting, with household
// ballots only when the meeting lacked the households to reach the
// threshold (art. 17.2); online only for subject 6, for a village that
// decided by more than half of all households to vote online (Decree 59
// art. 5).
func CheckForm(s Subject, f Form, sit Situation) error {
	r, ok := rules[s]
	if !ok {
		return coso.Invalid("subject", "Loại việc không hợp lệ.", "Unknown subject.")
	}
	switch {
	case f == Online && s != OtherMatter:
		return coso.Invalid("forms", "Chỉ các công việc tự quản khác (mục 6) mới được biểu quyết trực tuyến (Nghị định 59, Điều 5).",
			"Only other self-governing matters (item 6) may be voted online (Decree 59 art. 5).")
	case f == Online && sit.CommuneWide:
		return coso.Invalid("forms", "Biểu quyết trực tuyến chỉ dùng trong một thôn.", "Online voting is for one village only.")
	case f == Online && !sit.OptIn.ValidOn(sit.Today):
		return coso.Invalid("forms", "Thôn chưa có quyết định còn hiệu lực của quá một nửa tổng số hộ về việc biểu quyết trực tuyến (Nghị định 59, Điều 5).",
			"The village has no valid decision, by more than half of all households, to vote online (Decree 59 art. 5).")
	case f == Ballot && r.BallotAfterMeeting && !sit.MeetingHeld:
		return coso.Invalid("forms", "Việc này phải đưa ra hội nghị; chỉ phát phiếu hộ gia đình khi hội nghị không đủ số hộ (Điều 17).",
			"This matter must go to a meeting; household ballots only when the meeting lacked households (art. 17).")
	case f == Ballot && r.BallotAfterMeeting && sit.Attended >= r.Threshold.Need(sit.Households):
		return coso.Invalid("forms", "Hội nghị đã có đủ số hộ để quyết định (%d trên %d hộ); không phát phiếu hộ gia đình.",
			"The meeting had enough households to decide (%d of %d); no household ballots.", sit.Attended, sit.Households)
	}
	for _, g := range r.Forms {
		if g == f {
			return nil
		}
	}
	if f == Ballot && r.BallotAfterMeeting {
		return nil
	}
	return coso.Invalid("forms", "Hình thức %[1]s không áp dụng cho việc này.", "%[2]s is not allowed for this subject.", f.Name("vi"), f.Name("en"))
}

// Available is one form and, when it cannot be used, why.
type Available struct {
	Form Form
	Why  *coso.Error // nil when the form may be used
}

// Availability lists every form for subject s and why each unusable one is
// not available, for pages that explain the choice.
func Availability(s Subject, sit Situation) []Available {
	var out []Available
	for _, f := range Forms() {
		a := Available{Form: f}
		if err := CheckForm(s, f, sit); err != nil {
			a.Why = coso.AsError(err)
		}
		out = append(out, a)
	}
	return out
}

// OptIn is a village's decision to use online voting: more than half of
// ALL households agreed (Decree 59 art. 5). It holds until ValidUntil (if
// set) or until revoked.
type OptIn struct {
	ID         int64
	VillageID  int64
	DecidedOn  time.Time // local date of the decision
	Households int       // all households of the village then
	Agreed     int       // households that agreed
	ValidUntil time.Time // zero: until revoked
	RevokedOn  time.Time // zero while in force
	CreatedAt  time.Time
}

// Validate checks that the decision was lawfully made.
func (o *OptIn) Validate() error {
	switch {
	case o.DecidedOn.IsZero():
		return coso.Invalid("decided_on", "Cần ngày ra quyết định.", "The date of the decision is required.")
	case o.Households <= 0:
		return coso.Invalid("households", "Tổng số hộ phải lớn hơn 0.", "The number of households must be above 0.")
	case o.Agreed < 0 || o.Agreed > o.Households:
		return coso.Invalid("agreed", "Số hộ đồng ý phải từ 0 đến %d.", "Households agreeing must be from 0 to %d.", o.Households)
	case !Adopted(o.Agreed, o.Households, MoreThanHalf):
		return coso.Invalid("agreed", "Cần quá một nửa tổng số hộ đồng ý (%d trên %d hộ là chưa đủ).",
			"More than half of all households must agree (%d of %d is not enough).", o.Agreed, o.Households)
	case !o.ValidUntil.IsZero() && o.ValidUntil.Before(o.DecidedOn):
		return coso.Invalid("valid_until", "Ngày hết hiệu lực phải sau ngày quyết định.", "The end date must come after the decision.")
	}
	return nil
}

// ValidOn tells whether the decision is in force on the local date day.
func (o *OptIn) ValidOn(day time.Time) bool {
	if o == nil || o.DecidedOn.IsZero() || day.Before(o.DecidedOn) {
		return false
	}
	if !o.ValidUntil.IsZero() && day.After(o.ValidUntil) {
		return false
	}
	return o.RevokedOn.IsZero() || day.Before(o.RevokedOn)
}
