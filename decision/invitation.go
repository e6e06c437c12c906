package decision

import (
	"regexp"
	"strings"
	"time"

	"coso"
	"coso/viet"
)

// Invitation is the invitation to the community meeting (Form 01) as it
// went out: the day it was issued, the meeting's day, hour and place, and
// for subjects 1–3 the day the matter's documents reached every household.
// Both must come at least NoticeAhead before the meeting (LAW.md "Dân
// quyết": "Meeting notice at least 2 days before; documents for subjects
// 1–3 reach every household at least 2 days before").
type Invitation struct {
	IssuedOn    time.Time
	MeetingOn   time.Time // the day the meeting is called for
	Hour        string    // "19:30"; empty leaves it to be written by hand
	Place       string
	DocumentsOn time.Time // the day the documents reached every household
}

// Issued tells whether an invitation was recorded.
func (inv Invitation) Issued() bool { return !inv.IssuedOn.IsZero() }

var hourRE = regexp.MustCompile(`^([01]?[0-9]|2[0-3])[:hg]([0-5][0-9])$`)

// Validate normalises inv and checks it for matter m on the local date
// today: issued and (for subjects 1–3) documents sent no later than today,
// and the meeting at least NoticeAhead after both.
func (inv *Invitation) Validate(m *Matter, today time.Time) error {
	inv.Place = strings.TrimSpace(viet.NFC(inv.Place))
	inv.Hour = strings.TrimSpace(inv.Hour)
	if inv.Hour != "" {
		h := hourRE.FindStringSubmatch(inv.Hour)
		if h == nil {
			return coso.Invalid("hour", "Giờ họp viết dạng 19:30.", "Write the hour as 19:30.")
		}
		inv.Hour = strings.Repeat("0", 2-len(h[1])) + h[1] + ":" + h[2]
	}
	switch {
	case inv.IssuedOn.IsZero():
		return coso.Invalid("issued_on", "Cần ngày phát giấy mời.", "The date the invitation went out is required.")
	case dateOf(inv.IssuedOn).After(dateOf(today)):
		return coso.Invalid("issued_on", "Ghi ngày giấy mời đã được phát (không ở tương lai).", "Record the day the invitation went out (not a future day).")
	case inv.MeetingOn.IsZero():
		return coso.Invalid("meeting_on", "Cần ngày họp.", "The meeting date is required.")
	case inv.Place == "" || len([]rune(inv.Place)) > 300:
		return coso.Invalid("place", "Cần địa điểm họp (tối đa 300 ký tự).", "The place of the meeting is required (at most 300 characters).")
	}
	if err := noticeAhead("meeting_on", inv.IssuedOn, inv.MeetingOn, "phát giấy mời", "the invitation"); err != nil {
		return err
	}
	return inv.validateDocuments(m, today)
}

func (inv *Invitation) validateDocuments(m *Matter, today time.Time) error {
	if !m.Subject.DocumentsAhead() {
		if !inv.DocumentsOn.IsZero() && dateOf(inv.DocumentsOn).After(dateOf(today)) {
			return coso.Invalid("documents_on", "Ghi ngày tài liệu đã được gửi (không ở tương lai).", "Record the day the documents went out (not a future day).")
		}
		return nil
	}
	switch {
	case len(m.Documents) == 0:
		return coso.Invalid("documents", "Việc loại này (mục 1–3) phải gửi tài liệu đến từng hộ: ghi các tài liệu kèm theo của việc trước.",
			"Matters of this kind (items 1–3) send documents to every household: list the matter's documents first.")
	case inv.DocumentsOn.IsZero():
		return coso.Invalid("documents_on", "Việc loại này (mục 1–3): cần ngày tài liệu đã được gửi đến từng hộ.",
			"Matters of this kind (items 1–3): the day the documents reached every household is required.")
	case dateOf(inv.DocumentsOn).After(dateOf(today)):
		return coso.Invalid("documents_on", "Ghi ngày tài liệu đã được gửi (không ở tương lai).", "Record the day the documents went out (not a future day).")
	}
	return noticeAhead("documents_on", inv.DocumentsOn, inv.MeetingOn, "gửi tài liệu đến các hộ", "the documents reached households")
}

// noticeAhead refuses a meeting on less than NoticeAhead after from, in a
// message naming field.
func noticeAhead(field string, from, meeting time.Time, vi, en string) error {
	due := NoticeAhead.Due(from, nil)
	if !dateOf(meeting).Before(due) {
		return nil
	}
	return coso.Invalid(field, "Ngày họp (%[3]s) phải sau ngày %[1]s (%[4]s) ít nhất %[6]d ngày: họp từ ngày %[5]s.",
		"The meeting (%[3]s) must come at least %[6]d days after %[2]s (%[4]s): on %[5]s or later.",
		vi, en, dateOf(meeting).Format("02/01/2006"), dateOf(from).Format("02/01/2006"), due.Format("02/01/2006"), NoticeAhead.Days)
}

// CheckHeld checks the day a meeting (or one of its cluster meetings) was
// held against the invitation: it must have been invited, at least
// NoticeAhead before, and for subjects 1–3 the documents too.
func (m *Matter) CheckHeld(on, today time.Time) error {
	switch {
	case on.IsZero() || dateOf(on).After(dateOf(today)):
		return coso.Invalid("meeting_on", "Ngày họp phải là một ngày đã qua hoặc hôm nay.", "The meeting date must be today or earlier.")
	case !m.Invitation.Issued():
		return coso.Errorf(coso.EConflict, "issued_on", "Chưa ghi nhận giấy mời họp: ghi ngày phát giấy mời (ít nhất %[1]d ngày trước ngày họp) trước.",
			"No invitation recorded: record the day it went out (at least %[1]d days before the meeting) first.", NoticeAhead.Days)
	}
	if err := noticeAhead("meeting_on", m.Invitation.IssuedOn, on, "phát giấy mời", "the invitation"); err != nil {
		return err
	}
	if m.Subject.DocumentsAhead() && !m.Invitation.DocumentsOn.IsZero() {
		return noticeAhead("meeting_on", m.Invitation.DocumentsOn, on, "gửi tài liệu đến các hộ", "the documents reached households")
	}
	return nil
}
