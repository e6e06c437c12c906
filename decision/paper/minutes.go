package paper

import (
	"fmt"
	"strings"
	"time"

	"coso/decision"
	"coso/render"
)

// MeetingMinutes is Form 02: the counting board's minutes of the vote at
// the community meeting, one page per village (a commune-wide matter is
// counted village by village). It reports all households, those present
// and absent, the meeting's procedural votes, the count of each option
// and what the meeting's count alone gives against the threshold. A
// village that met by clusters has one page per cluster meeting and a page
// that adds them up.
func MeetingMinutes(is Issuer, m *decision.Matter, vs []Village) *render.Doc {
	var d *render.Doc
	page := func() {
		if d == nil {
			d = render.New(is.letterhead(is.URL))
		} else {
			d.Append(is.letterhead(is.URL))
		}
	}
	for _, v := range vs {
		for _, c := range v.Clusters {
			page()
			clusterMinutes(d, m, v, c)
		}
		page()
		if len(v.Clusters) > 0 {
			clusterTotal(d, m, v)
			continue
		}
		d.Title("Biên bản kiểm phiếu", "Biểu quyết tại hội nghị cộng đồng dân cư "+lowerFirst(v.Name))
		d.Text(fmt.Sprintf(`Hôm nay, ngày %s, tại %s, hội nghị cộng đồng dân cư %s biểu quyết về việc: **%s**. %s

%s`, day(m.MeetingOn), orDots(m.Place), lowerFirst(v.Name), m.Title, m.Question, procedures(v.Procedures)))
		d.Text(fmt.Sprintf("Tổng số hộ gia đình: %s. Số hộ có mặt: %s. Số hộ vắng mặt: %s. Kết quả biểu quyết:",
			households(v.Households), households(v.Present), households(v.Households-v.Present)))
		d.Table(optionTable(m, v.Meeting, v.Households))
		r := decision.Decide(m, decision.Tally{Households: v.Households, Participants: v.Present, Counts: v.Meeting})
		d.Text(thresholdLine(m, v.Households) + " Kết quả tại hội nghị: **" + r.Text("vi") + "**." + otherForms(m))
		d.Sign(nil, meetingSigners(v.Procedures)...)
	}
	return d
}

// clusterMinutes is the page of one cluster meeting: its procedural votes
// and counts, which add up with the other clusters' into the village's.
func clusterMinutes(d *render.Doc, m *decision.Matter, v Village, c Cluster) {
	d.Title("Biên bản kiểm phiếu", "Hội nghị "+lowerFirst(c.Name)+", "+lowerFirst(v.Name))
	d.Text(fmt.Sprintf(`Hôm nay, ngày %s, tại %s, hội nghị %s (%s họp theo cụm dân cư, %s) biểu quyết về việc: **%s**. %s

%s`, day(c.HeldOn), orDots(c.Place), lowerFirst(c.Name), lowerFirst(v.Name), households(v.Households), m.Title, m.Question,
		procedures(c.Procedures)))
	d.Text(fmt.Sprintf("Số hộ có mặt tại cụm: %s. Kết quả biểu quyết tại cụm:", households(c.Present)))
	d.Table(optionTable(m, c.Meeting, v.Households))
	d.Text("Kết quả của cụm được cộng với kết quả các cụm khác của " + lowerFirst(v.Name) + " để xác định kết quả chung (biên bản tổng hợp).")
	d.Sign(nil, meetingSigners(c.Procedures)...)
}

// clusterTotal is the page that adds up a village's cluster meetings.
func clusterTotal(d *render.Doc, m *decision.Matter, v Village) {
	d.Title("Biên bản tổng hợp kết quả", "Biểu quyết tại các cụm dân cư "+lowerFirst(v.Name))
	d.Text(fmt.Sprintf("Về việc: **%s**. %s %s có %s, họp theo %d cụm dân cư:", m.Title, m.Question, v.Name, households(v.Households), len(v.Clusters)))
	t := render.Table{Header: []string{"Cụm", "Ngày họp", "Có mặt"}, Widths: []float64{2.6, 1.4, 1}, Align: "LCR"}
	for _, o := range m.Options() {
		t.Header, t.Widths, t.Align = append(t.Header, o.VI), append(t.Widths, 1), t.Align+"R"
	}
	total := []string{"Cộng", "", fmt.Sprint(v.Present)}
	for _, c := range v.Clusters {
		row := []string{c.Name, shortDay(c.HeldOn), fmt.Sprint(c.Present)}
		for _, o := range m.Options() {
			row = append(row, fmt.Sprint(at(c.Meeting, o.Index)))
		}
		t.Rows = append(t.Rows, row)
	}
	for _, o := range m.Options() {
		total = append(total, fmt.Sprint(at(v.Meeting, o.Index)))
	}
	t.Rows = append(t.Rows, total)
	d.Table(t)
	d.Text(fmt.Sprintf("Tổng số hộ gia đình: %s. Số hộ có mặt tại các cụm: %s. Số hộ vắng mặt: %s. Kết quả chung:",
		households(v.Households), households(v.Present), households(v.Households-v.Present)))
	d.Table(optionTable(m, v.Meeting, v.Households))
	r := decision.Decide(m, decision.Tally{Households: v.Households, Participants: v.Present, Counts: v.Meeting})
	d.Text(thresholdLine(m, v.Households) + " Kết quả tại các cụm: **" + r.Text("vi") + "**." + otherForms(m))
	d.Sign(nil, signHere("Trưởng thôn"), signHere("Trưởng ban\ncông tác\nMặt trận"))
}

// shortDay writes a date as 10/03/2026, for tables.
func shortDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

func at(xs []int, i int) int {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

// otherForms notes that the meeting's count is not the whole result when
// other forms are used too.
func otherForms(m *decision.Matter) string {
	if len(m.Forms) < 2 {
		return ""
	}
	return " Việc này còn lấy ý kiến bằng hình thức khác; kết quả chung được ghi trong văn bản quyết định của cộng đồng."
}

// BallotMinutes is Form 04: the ballot team's minutes of the count of
// household ballot sheets, one page per village: sheets issued, returned
// and counted, voided (the household voted online, the online ballot
// counts), not returned, and the count of each option.
func BallotMinutes(is Issuer, m *decision.Matter, vs []Village) *render.Doc {
	var d *render.Doc
	for _, v := range vs {
		if d == nil {
			d = render.New(is.letterhead(is.URL))
		} else {
			d.Append(is.letterhead(is.URL))
		}
		d.Title("Biên bản kiểm phiếu", "Lấy ý kiến hộ gia đình "+lowerFirst(v.Name))
		deadline := ""
		if !m.Deadline.IsZero() {
			deadline = " Hạn nộp phiếu: ngày " + day(m.Deadline) + "."
		}
		d.Text(fmt.Sprintf(`Hôm nay, ngày %s, tổ phát phiếu, kiểm phiếu %s kiểm phiếu lấy ý kiến hộ gia đình về việc: **%s**. %s%s

Tổ phát phiếu, kiểm phiếu gồm: ...................................................................................................................`,
			day(is.Date), lowerFirst(v.Name), m.Title, m.Question, deadline))
		notReturned := v.Issued - v.Returned - v.Void
		d.Table(render.Table{Header: []string{"Tổng số hộ", "Phiếu phát ra", "Phiếu thu về hợp lệ", "Phiếu hủy (hộ đã biểu quyết trực tuyến)", "Phiếu không thu về"},
			Align: "CCCCC", Rows: [][]string{{fmt.Sprint(v.Households), fmt.Sprint(v.Issued), fmt.Sprint(v.Returned), fmt.Sprint(v.Void), fmt.Sprint(notReturned)}}})
		d.Text(fmt.Sprintf("Số phiếu phát ra: %d. Số phiếu thu về hợp lệ: %d. Số phiếu hủy: %d. Số phiếu không thu về: %d.\n\nKết quả kiểm phiếu:",
			v.Issued, v.Returned, v.Void, notReturned))
		d.Table(optionTable(m, v.Paper, v.Households))
		r := decision.Decide(m, decision.Tally{Households: v.Households, Participants: v.Returned, Counts: v.Paper})
		d.Text(thresholdLine(m, v.Households) + "\n\nKết quả theo phiếu lấy ý kiến: **" + r.Text("vi") + "**." + otherForms(m))
		d.Sign(nil, signHere("Tổ trưởng\ntổ kiểm phiếu"), signHere("Thành viên"), signHere("Thành viên"))
	}
	return d
}

// procedures writes the meeting's procedural votes, each with how many of
// the households present approved it (more than half are needed), or
// lines to fill in by hand when none were recorded.
func procedures(ps []decision.Procedure) string {
	byKind := map[decision.Procedural]decision.Procedure{}
	for _, p := range ps {
		byKind[p.Kind] = p
	}
	var b strings.Builder
	b.WriteString("Biểu quyết thủ tục (mỗi việc cần quá một nửa số đại diện hộ có mặt tán thành):\n\n")
	for _, k := range decision.Procedurals() {
		p, ok := byKind[k]
		switch {
		case ok:
			b.WriteString("- " + p.Text("vi") + ".\n")
		case k == decision.ChooseMethod:
			b.WriteString("- Hình thức biểu quyết: giơ tay / bỏ phiếu kín (gạch bỏ hình thức không dùng); tán thành: ...... hộ\n")
		default:
			b.WriteString("- " + k.Name("vi") + ": ........................................; tán thành: ...... hộ\n")
		}
	}
	return b.String()
}

// meetingSigners are the head of the counting board, the secretary and
// the two witnesses, with their names when the meeting chose them.
func meetingSigners(ps []decision.Procedure) []render.Signer {
	out := []render.Signer{signHere("Tổ trưởng\ntổ kiểm phiếu"), signHere("Thư ký\nhội nghị"),
		signHere("Chứng kiến\n(đại diện hộ)"), signHere("Chứng kiến\n(đại diện hộ)")}
	for _, p := range ps {
		switch {
		case p.Kind == decision.ElectBoard && len(p.Names) > 0:
			out[0].Name = p.Names[0]
		case p.Kind == decision.ChooseSecretary && len(p.Names) > 0:
			out[1].Name = p.Names[0]
		case p.Kind == decision.ChooseWitnesses && len(p.Names) == 2:
			out[2].Name, out[3].Name = p.Names[0], p.Names[1]
		}
	}
	return out
}
