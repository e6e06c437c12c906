package paper

import (
	"fmt"
	"strings"
	"time"

	"coso/decision"
	"coso/render"
)

// Household is one household a paper is addressed to.
type Household struct {
	Code           string
	Representative string // may be empty: a line is left to write the name
	Serial         string // its ballot sheet's serial, for ballot sheets
}

// Invitation is Form 01: the invitation to the community meeting, one page
// per household (addressed to it), or, with no households, one copy to
// post at the village's meeting hall and notice boards. It must reach the
// households at least 2 days before the meeting, with the documents for
// subjects 1–3 (art. 17; LAW.md "Dân quyết").
func Invitation(is Issuer, m *decision.Matter, hs []Household) *render.Doc {
	if len(hs) == 0 {
		d := render.New(is.letterhead(is.URL))
		invitationBody(d, is, m, "Các hộ gia đình "+is.where()+" (bản niêm yết)")
		return d
	}
	var d *render.Doc
	for _, h := range hs {
		if d == nil {
			d = render.New(is.letterhead(is.URL))
		} else {
			d.Append(is.letterhead(is.URL))
		}
		to := "Ông/Bà " + h.Representative + ", đại diện hộ gia đình mã " + h.Code
		if h.Representative == "" {
			to = "Ông/Bà ........................................, đại diện hộ gia đình mã " + h.Code
		}
		invitationBody(d, is, m, to)
	}
	return d
}

func invitationBody(d *render.Doc, is Issuer, m *decision.Matter, to string) {
	d.Title("Giấy mời", "Dự hội nghị cộng đồng dân cư "+is.where())
	d.Paragraph("Kính gửi: "+to+".", "B", "C")
	d.Text(fmt.Sprintf(`Thực hiện Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP của Chính phủ, %s trân trọng kính mời đại diện hộ gia đình dự hội nghị cộng đồng dân cư để bàn và quyết định:

- Nội dung: **%s**. %s
- Loại việc: %s (Điều 15 Luật Thực hiện dân chủ ở cơ sở).
- Thời gian: %s ngày %s.
- Địa điểm: %s.
- %s
%s
Đề nghị Ông/Bà đến dự đúng giờ. Mỗi hộ gia đình cử một người đại diện; hộ không dự được có thể ủy quyền cho một thành viên khác của hộ.`,
		issuerName(is), m.Title, m.Question, m.Subject.Name("vi"), hour(m.Invitation.Hour), day(meetingDay(m)), orDots(meetingPlace(m)),
		thresholdShort(m), documents(m)))
	d.Sign(nil, render.Signer{Title: headTitle(is), Note: "(Ký, ghi rõ họ tên)"})
}

// issuerName is who invites: "Trưởng thôn Đông", or the commune's
// People's Committee for a commune-wide matter.
func issuerName(is Issuer) string {
	if is.Village != "" {
		return "Trưởng " + lowerFirst(is.Village)
	}
	return "Ủy ban nhân dân " + lowerFirst(is.Commune)
}

func headTitle(is Issuer) string {
	if is.Village != "" {
		return "Trưởng thôn"
	}
	return "TM. Ủy ban nhân dân\nChủ tịch"
}

func thresholdShort(m *decision.Matter) string {
	return "Điều kiện thông qua: " + m.Subject.Threshold().VI + " tổng số hộ gia đình của thôn đồng ý (không chỉ các hộ có mặt)."
}

// meetingDay is the day the meeting is called for, or was held.
func meetingDay(m *decision.Matter) time.Time {
	if !m.Invitation.MeetingOn.IsZero() {
		return m.Invitation.MeetingOn
	}
	return m.MeetingOn
}

func meetingPlace(m *decision.Matter) string {
	if m.Invitation.Place != "" {
		return m.Invitation.Place
	}
	return m.Place
}

// hour writes "19:30" as "19 giờ 30", or leaves dots to fill in.
func hour(h string) string {
	hh, mm, ok := strings.Cut(h, ":")
	switch {
	case !ok:
		return "....... giờ ......."
	case mm == "00":
		return hh + " giờ"
	}
	return hh + " giờ " + mm
}

// documents lists the papers that go with the invitation, as Markdown.
func documents(m *decision.Matter) string {
	if len(m.Documents) == 0 {
		return ""
	}
	var b strings.Builder
	if on := m.Invitation.DocumentsOn; !on.IsZero() {
		b.WriteString("- Tài liệu gửi kèm (đã gửi đến từng hộ ngày " + day(on) + "):\n")
	} else {
		b.WriteString("- Tài liệu gửi kèm:\n")
	}
	for _, doc := range m.Documents {
		b.WriteString("  - " + doc.Title + "\n")
	}
	return b.String()
}

func orDots(s string) string {
	if strings.TrimSpace(s) == "" {
		return "........................................"
	}
	return s
}

// RosterHousehold is one household on a printed roster, with the address
// its QR code opens (the matter's page, ready to mark it present).
type RosterHousehold struct {
	Household
	URL       string
	Elsewhere string // the cluster meeting it attended instead, if any
}

// RosterMeeting is one meeting of a matter to print a roster for: a
// village's own, or one of its cluster meetings.
type RosterMeeting struct {
	Name       string // "Thôn Đông", or "Thôn Đông, cụm 1: xóm Trên"
	Households []RosterHousehold
}

// Roster prints the roster of each meeting (a village's, or one of its
// cluster meetings): a line per household with its code, representative
// and a QR code, and a box to tick. The team ticks the box, or scans the
// code with a phone signed in to the back office, which opens the
// matter's page with the household ready to mark present.
func Roster(is Issuer, m *decision.Matter, meetings []RosterMeeting) *render.Doc {
	var d *render.Doc
	for _, mt := range meetings {
		if d == nil {
			d = render.New(is.letterhead(is.URL))
		} else {
			d.Append(is.letterhead(is.URL))
		}
		d.Title("Danh sách hộ gia đình dự họp", mt.Name)
		d.Text(fmt.Sprintf("Hội nghị về việc: **%s**. Ngày họp: %s. Địa điểm: %s. Tổng số hộ trong danh sách: %s. "+
			"Đánh dấu X vào ô của hộ có mặt, hoặc quét mã QR của hộ bằng điện thoại đã đăng nhập trang cán bộ.",
			m.Title, day(meetingDay(m)), orDots(meetingPlace(m)), households(len(mt.Households))))
		lines := make([]render.RosterLine, len(mt.Households))
		for i, h := range mt.Households {
			rep := h.Representative
			if rep == "" {
				rep = "...................................."
			}
			text := []string{fmt.Sprintf("%d. Hộ %s", i+1, h.Code), "Đại diện: " + rep}
			if h.Elsewhere != "" {
				text = append(text, "Đã dự "+lowerFirst(h.Elsewhere))
			}
			lines[i] = render.RosterLine{QR: h.URL, Text: text}
		}
		d.Roster(lines)
		d.Sign(nil, signHere("Người điểm danh"), signHere("Thư ký\nhội nghị"))
	}
	return d
}
