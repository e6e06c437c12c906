package paper

import (
	"fmt"
	"strings"

	"coso/consultation"
	"coso/render"
)

// Household is one household that gets an opinion sheet.
type Household struct {
	Code           string
	Representative string // "" leaves a line to write the name
}

// Sheets are the household opinion sheets (art. 26): one per household,
// with the consultation's questions section by section, boxes to tick,
// lines to write on, the date to return it by, and a QR code of the
// consultation's page (urlOf) to answer online instead.
func Sheets(is Issuer, c *consultation.Consultation, hs []Household, url string) *render.Doc {
	var d *render.Doc
	for _, h := range hs {
		head := is.letterhead()
		head.URL = url
		if d == nil {
			d = render.New(head)
		} else {
			d.Append(head)
		}
		d.Title("Phiếu lấy ý kiến hộ gia đình", "Về "+lowerFirst(c.Title))
		name := h.Representative
		if name == "" {
			name = strings.Repeat(".", 70)
		}
		d.Paragraph("Hộ gia đình mã: "+h.Code, "", "L")
		d.Paragraph("Họ và tên người cho ý kiến: "+name, "", "L")
		d.Text(fmt.Sprintf("Ủy ban nhân dân %s đề nghị hộ gia đình cho ý kiến vào từng nội dung của dự thảo (đánh dấu X vào một ô ở mỗi nội dung, "+
			"ghi thêm ý kiến nếu có). Toàn văn dự thảo được niêm yết tại nhà văn hóa và đăng trên cổng thông tin điện tử.", lowerFirst(c.UnitName)))
		for _, s := range c.Sections {
			d.Paragraph(fmt.Sprintf("%d. %s", s.N, s.Title()), "B", "L")
			d.Choices(consultation.Agree.Name("vi"), consultation.Disagree.Name("vi"), consultation.OtherOp.Name("vi"))
			d.Paragraph("Ý kiến: "+strings.Repeat(".", 120), "", "L")
		}
		d.Paragraph("Ý kiến chung về toàn bộ dự thảo: "+strings.Repeat(".", 95), "", "L")
		d.Paragraph(strings.Repeat(".", 135), "", "L")
		d.Text(fmt.Sprintf("Hạn nộp phiếu: trước hết ngày %s, nộp cho trưởng thôn, tổ trưởng tổ dân phố hoặc bỏ vào hòm thư góp ý. "+
			"Có thể cho ý kiến trực tuyến thay cho phiếu giấy: quét mã QR ở cuối trang hoặc vào %s.", day(c.ClosesOn), url))
		d.Sign(nil, render.Signer{Title: "Người cho ý kiến", Note: "(Ký, ghi rõ họ tên)"})
	}
	if d == nil {
		d = render.New(is.letterhead())
		d.Title("Phiếu lấy ý kiến hộ gia đình", "Về "+lowerFirst(c.Title))
		d.Text("Không có hộ gia đình nào trong danh sách.")
	}
	return d
}

// Notice is the notice of the consultation to post at the commune office
// and the villages' cultural houses: what is asked and why, the period,
// how to give an opinion (each form used), who is asked, the sections of
// the draft, and the QR code of its page.
func Notice(is Issuer, c *consultation.Consultation, villages []string) *render.Doc {
	v := voiceOf(c)
	d := render.New(v.Head(is))
	d.Title("Thông báo", "Về việc lấy ý kiến "+v.People+" đối với "+lowerFirst(c.Title))
	d.Text(fmt.Sprintf("Thực hiện %s, %s thông báo "+
		"lấy ý kiến %s về **%s** (%s).", v.Basis, v.Body, v.People, c.Title, c.Subject.Name("vi")))
	if c.Summary != "" {
		d.Text(c.Summary)
	}
	d.Paragraph("1. Thời gian lấy ý kiến", "B", "L")
	d.Text(fmt.Sprintf("Từ ngày %s đến hết ngày %s.", day(c.OpensOn), day(c.ClosesOn)))
	d.Paragraph("2. Đối tượng lấy ý kiến", "B", "L")
	who := c.Audience.Name("vi")
	if len(villages) > 0 {
		who += ": " + strings.Join(villages, ", ")
	}
	if c.AudienceNote != "" {
		who += " (" + c.AudienceNote + ")"
	}
	d.Text(who + ".")
	d.Paragraph("3. Hình thức cho ý kiến", "B", "L")
	var forms []string
	for _, f := range c.Forms {
		line := "- " + f.NameFor(c.UnitKind, "vi")
		if f == consultation.Portal {
			line += ": " + is.URL + " (quét mã QR ở cuối trang), góp ý vào từng điều, từng mục"
		}
		forms = append(forms, line)
	}
	d.Text(strings.Join(forms, "\n"))
	d.Paragraph("4. Nội dung dự thảo", "B", "L")
	var parts []string
	for _, s := range c.Sections {
		parts = append(parts, fmt.Sprintf("- %s", s.Title()))
	}
	d.Text(strings.Join(parts, "\n"))
	d.Text(fmt.Sprintf("%s sẽ tổng hợp, tiếp thu, giải trình ý kiến của %s và công khai kết quả. Đề nghị %s tích cực tham gia ý kiến.", v.Short, v.People, v.People))
	postTo := "Các thôn, tổ dân phố (để niêm yết);"
	if v.Staff {
		postTo = "Các phòng, tổ, bộ phận (để niêm yết);"
	}
	d.Sign([]string{postTo, v.CopyTo, "Lưu: VT."}, render.Signer{Title: v.Signer, Signed: true})
	return d
}
