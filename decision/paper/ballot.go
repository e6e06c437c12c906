package paper

import (
	"fmt"
	"strings"

	"coso/decision"
	"coso/render"
)

// Ballots are the household ballot sheets, one page per household: the
// matter's title and question, the options to tick, a field for another
// opinion, the return deadline, the sheet's unique serial and a QR code
// of urlOf(serial) (the ballot team scans it to record the returned
// sheet), and places for the household's signature and the team's stamp
// or signature. A household ballot is not secret: the sheet names the
// household.
func Ballots(is Issuer, m *decision.Matter, hs []Household, urlOf func(serial string) string) *render.Doc {
	var d *render.Doc
	for _, h := range hs {
		head := is.letterhead(urlOf(h.Serial))
		if d == nil {
			d = render.New(head)
		} else {
			d.Append(head)
		}
		d.Title("Phiếu lấy ý kiến hộ gia đình", "Về việc "+lowerFirst(m.Title))
		name := h.Representative
		if name == "" {
			name = strings.Repeat(".", 70)
		}
		d.Paragraph("Số phiếu: "+h.Serial, "B", "L")
		d.Paragraph("Hộ gia đình mã: "+h.Code, "", "L")
		d.Paragraph("Họ và tên người đại diện hộ: "+name, "", "L")
		d.Text(fmt.Sprintf("Nội dung lấy ý kiến: **%s.** %s\n\nÝ kiến của hộ (đánh dấu X vào **một** ô):", m.Title, m.Question))
		var labels []string
		for _, o := range m.Options() {
			labels = append(labels, o.VI)
		}
		d.Choices(labels...)
		d.Paragraph("Ý kiến khác (ghi rõ): "+strings.Repeat(".", 108), "", "L")
		d.Paragraph(strings.Repeat(".", 135), "", "L")
		d.Text("Hạn nộp phiếu: trước hết ngày " + day(m.Deadline) + ", nộp cho tổ phát phiếu, kiểm phiếu của thôn. " +
			"Phiếu không đánh dấu hoặc đánh dấu nhiều ô là phiếu không hợp lệ. Mỗi hộ chỉ có một phiếu; " +
			"hộ đã biểu quyết trực tuyến thì phiếu giấy không được tính.")
		d.Sign(nil, signHere("Đại diện hộ gia đình"), render.Signer{Title: "Tổ phát phiếu, kiểm phiếu", Note: "(Ký tên hoặc đóng dấu)"})
	}
	return d
}
