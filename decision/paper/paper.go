// Package paper prints the papers of a community decision (dân quyết) as
// A4 PDFs with package render: the meeting invitation (Form 01 of Decree
// 59/2023/NĐ-CP), the count minutes of the meeting (Form 02), the
// community's decision with its four signers (Form 03), the count minutes
// of household ballots (Form 04), and the household ballot sheets.
//
// The functions take the figures as the store reports them (Village) and
// draw them; they read no database. The papers are in Vietnamese, as
// administrative documents are.
package paper

import (
	"fmt"
	"strings"
	"time"

	"coso/decision"
	"coso/render"
	"coso/viet"
)

// Issuer says who issues a paper: the commune and village (empty for a
// commune-wide matter), the date written under the motto (zero: left to
// be written by hand) and the address of the matter's public page.
type Issuer struct {
	Commune string // "Xã An Hoà"
	Village string // "Thôn Đông"; empty when the commune issues it
	Date    time.Time
	URL     string
}

// Village is what each form of voting gave in one village (see
// store.VillageFigures), and the result over every form once counted.
type Village struct {
	Name       string
	Households int   // all households when the vote opened
	Present    int   // at the meeting
	Meeting    []int // the counting board's counts, per option
	Issued     int   // ballot sheets issued
	Returned   int   // sheets returned and counted
	Void       int   // sheets voided (the household voted online)
	Paper      []int // counted sheets, per option
	Online     int   // households that voted online
	Result     *decision.Result
	// Procedures are the procedural votes of the village's meeting.
	Procedures []decision.Procedure
	// Clusters are the village's cluster meetings, when it met by
	// clusters (200 households or more); Present and Meeting are then
	// their sums.
	Clusters []Cluster
}

// Cluster is one cluster meeting of a village.
type Cluster struct {
	Name       string
	HeldOn     time.Time
	Place      string
	Present    int   // households present and counted there
	Meeting    []int // its counts, per option
	Procedures []decision.Procedure
}

// letterhead is the top of a paper issued by the village (or commune).
func (is Issuer) letterhead(url string) render.Letterhead {
	h := render.Letterhead{Parent: "Ủy ban nhân dân " + is.Commune, Issuer: is.Village, Place: placeName(is.Commune),
		Date: is.Date, URL: url}
	if is.Village == "" {
		h.Parent, h.Issuer = "", "Ủy ban nhân dân "+is.Commune
	}
	return h
}

// where is "thôn Đông" or "xã An Hoà", as it reads inside a sentence.
func (is Issuer) where() string {
	if is.Village != "" {
		return lowerFirst(is.Village)
	}
	return lowerFirst(is.Commune)
}

// placeName is the name of the place in the date line: "An Hoà" for "Xã
// An Hoà" (Decree 30: the place name without the kind of unit).
func placeName(commune string) string {
	for _, p := range []string{"Thị trấn ", "Phường ", "Xã ", "Đặc khu "} {
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

// households writes a number of households with the number in words, as
// minutes do: "100 (một trăm) hộ".
func households(n int) string {
	return fmt.Sprintf("%d (%s) hộ", n, viet.SpellNumber(int64(n)))
}

// share is n of total as a percentage with a decimal comma: "62,0%".
func share(n, total int) string {
	if total <= 0 {
		return "—"
	}
	p := float64(n) * 100 / float64(total)
	return strings.Replace(fmt.Sprintf("%.1f%%", p), ".", ",", 1)
}

// day writes a date as 05/3/2026 (Decree 30: no leading zero on months
// from March), or dots to fill in.
func day(t time.Time) string {
	if t.IsZero() {
		return "...../...../.........."
	}
	return strings.TrimPrefix(viet.WrittenDate(t), "ngày ")
}

// optionTable is the count of each option with its share of all
// households.
func optionTable(m *decision.Matter, counts []int, all int) render.Table {
	t := render.Table{Header: []string{"Phương án", "Số hộ", "Tỷ lệ trên tổng số hộ"}, Widths: []float64{3, 1, 1.5}, Align: "LRR"}
	for _, o := range m.Options() {
		n := 0
		if o.Index < len(counts) {
			n = counts[o.Index]
		}
		t.Rows = append(t.Rows, []string{o.VI, fmt.Sprint(n), share(n, all)})
	}
	return t
}

// thresholdLine says what adoption needs: "Điều kiện thông qua: quá một
// nửa tổng số hộ gia đình, tức ít nhất 51 trên 100 hộ."
func thresholdLine(m *decision.Matter, all int) string {
	th := m.Subject.Threshold()
	return fmt.Sprintf("Điều kiện thông qua: %s tổng số hộ gia đình (Điều 21 Luật Thực hiện dân chủ ở cơ sở), tức ít nhất %d trên %d hộ.",
		th.VI, th.Need(all), all)
}

// signHere is a signature block with room to sign and write one's name.
func signHere(title string) render.Signer {
	return render.Signer{Title: title, Note: "(Ký, ghi rõ họ tên)"}
}
