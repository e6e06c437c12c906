// Package paper prints the papers of a consultation (dân bàn) as A4 PDFs
// with package render: the notice to post, the household opinion sheets,
// and the answer report (tiếp thu, giải trình) published after the close. They read no database: the store's figures come in.
// The papers are in Vietnamese, as administrative documents are.
package paper

import (
	"fmt"
	"strings"
	"time"

	"coso/consultation"
	"coso/render"
	"coso/viet"
)

// Issuer is the commune that consults, the date under the motto and the
// address of the paper's online page (its QR code).
type Issuer struct {
	Commune string // "Phường Hàm Rồng"
	Date    time.Time
	URL     string
}

func (is Issuer) letterhead() render.Letterhead {
	return render.Letterhead{Issuer: "Ủy ban nhân dân\n" + lowerFirst(is.Commune), Place: placeName(is.Commune), Date: is.Date, URL: is.URL}
}

// voice is how a paper names who consults and whom: a commune's People's
// Committee asks the people (art. 25–29); an agency or a state enterprise
// asks its staff or workers, under its own name and head (art. 53–55, 71).
type voice struct {
	Head   func(Issuer) render.Letterhead
	Body   string // "Ủy ban nhân dân xã X" or "Trường Tiểu học Y"
	Short  string // "Ủy ban nhân dân" or the unit's name
	People string // "nhân dân" or "cán bộ, người lao động"
	Basis  string // the articles the paper cites
	Signer string
	CopyTo string
	Staff  bool
}

func voiceOf(c *consultation.Consultation) voice {
	if consultation.Staff(c.UnitKind) {
		return voice{Head: func(is Issuer) render.Letterhead {
			return render.Letterhead{Issuer: c.UnitName, Date: is.Date, URL: is.URL}
		}, Body: c.UnitName, Short: c.UnitName, People: "cán bộ, người lao động", Staff: true,
			Basis:  c.Subject.Article() + " (Luật Thực hiện dân chủ ở cơ sở)",
			Signer: "Thủ trưởng đơn vị", CopyTo: "Công đoàn cơ sở;"}
	}
	return voice{Head: Issuer.letterhead, Body: "Ủy ban nhân dân " + lowerFirst(c.UnitName), Short: "Ủy ban nhân dân", People: "nhân dân",
		Basis: "Điều 25 đến Điều 29 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15", Signer: "TM. Ủy ban nhân dân\nChủ tịch",
		CopyTo: "Ban Thường trực UBMTTQ;"}
}

func placeName(commune string) string {
	for _, p := range []string{"Phường ", "Xã ", "Đặc khu ", "Thị trấn "} {
		if strings.HasPrefix(commune, p) {
			return strings.TrimPrefix(commune, p)
		}
	}
	return commune
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func day(t time.Time) string {
	if t.IsZero() {
		return "...../...../.........."
	}
	return strings.TrimPrefix(viet.WrittenDate(t), "ngày ")
}

// Report is the answer report: the period, the opinions received by
// channel, then for each section with opinions its tally (hidden opinions
// as counted lines with their reason), each group of like opinions with
// its count and the authority's answer and reasons, and the outcome of the
// section, with the reasons where it goes against the majority.
func Report(is Issuer, r *consultation.Report) *render.Doc {
	c := r.C
	v := voiceOf(c)
	d := render.New(v.Head(is))
	d.Title("Báo cáo tổng hợp, tiếp thu, giải trình ý kiến "+v.People, "Về "+lowerFirst(c.Title))
	t := r.Totals()
	d.Text(fmt.Sprintf("Căn cứ %s, %s đã lấy ý kiến %s "+
		"về dự thảo nêu trên từ ngày %s đến hết ngày %s (%s). %s báo cáo kết quả tổng hợp, tiếp thu, giải trình như sau.",
		v.Basis, v.Body, v.People, day(c.OpensOn), day(c.ClosesOn), c.Subject.Name("vi"), v.Short))
	d.Paragraph("I. Kết quả lấy ý kiến", "B", "L")
	d.Text(fmt.Sprintf("Tổng số ý kiến nhận được: **%d** (đồng ý %d, không đồng ý %d, ý kiến khác %d; %d ý kiến bị ẩn vì vi phạm nội quy, vẫn được tính).",
		t.Total(), t.Agree, t.Disagree, t.Other, t.HiddenCount()))
	var rows [][]string
	for _, f := range consultation.Forms() {
		if n := r.Channels[f]; n > 0 {
			rows = append(rows, []string{f.NameFor(c.UnitKind, "vi"), fmt.Sprint(n)})
		}
	}
	if len(rows) > 0 {
		d.Table(render.Table{Header: []string{"Hình thức", "Số ý kiến"}, Widths: []float64{7, 2}, Align: "LR", Rows: rows})
	}
	d.Paragraph("II. Tiếp thu, giải trình theo từng nội dung", "B", "L")
	for _, s := range r.Sections {
		if s.HasOpinions() {
			section(d, s)
		}
	}
	if c.Conclusion != "" {
		d.Paragraph("III. Kết luận", "B", "L")
		d.Text(c.Conclusion)
	}
	d.Text("Báo cáo này và toàn văn từng ý kiến được công khai trên cổng thông tin điện tử: " + is.URL)
	d.Sign([]string{"Như trên;", v.CopyTo, "Lưu: VT."}, render.Signer{Title: v.Signer, Signed: true})
	return d
}

func section(d *render.Doc, s *consultation.ReportSection) {
	d.Paragraph(s.Title, "B", "L")
	line := fmt.Sprintf("%d ý kiến: đồng ý %d, không đồng ý %d, ý kiến khác %d.", s.Tally.Total(), s.Tally.Agree, s.Tally.Disagree, s.Tally.Other)
	for _, hr := range consultation.HideReasons() {
		if n := s.Tally.Hidden[hr]; n > 0 {
			line += fmt.Sprintf(" %d ý kiến bị ẩn (%s), vẫn được tính.", n, strings.ToLower(hr.Name("vi")))
		}
	}
	d.Text(line)
	if len(s.Groups) > 0 {
		var rows [][]string
		for i, g := range s.Groups {
			answer := g.Response.Name("vi")
			if g.Reason != "" {
				answer += ": " + g.Reason
			}
			rows = append(rows, []string{fmt.Sprint(i + 1), g.Stance.Name("vi") + ": " + consultation.GroupText(g, "vi"), fmt.Sprint(g.Count), answer})
		}
		d.Table(render.Table{Header: []string{"STT", "Ý kiến", "Số ý kiến", "Tiếp thu, giải trình"}, Widths: []float64{1.5, 7, 2.5, 7}, Align: "CLRL", Rows: rows})
	}
	out := "Kết quả: " + strings.ToLower(s.Outcome.Name("vi")) + "."
	if s.AgainstMajority() {
		out += " Kết quả này khác với ý kiến của đa số; lý do: " + s.Reason
	} else if s.Reason != "" {
		out += " " + s.Reason
	}
	d.Text(out)
}
