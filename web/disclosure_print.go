package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"coso"
	"coso/disclosure"
	"coso/place"
	"coso/render"
	"coso/viet"
)

// The documents of a disclosure for those who are not online: the notice
// posted at the commune office and the villages' cultural houses (an A4
// PDF in the layout of an administrative document, with a QR code and a
// short address of the online page), the loudspeaker script, and the
// quarterly list of what was published (art. 13.2–13.3).

// shortURL is the address printed under the QR code: short enough to
// type from paper, on the public address when one is configured (a
// notice printed from the office's network must not carry its address).
func (s *Server) shortURL(r *http.Request, id int64) string {
	return s.baseURL(r) + "/d/" + strconv.FormatInt(id, 10)
}

// shortLink sends the printed short address to the disclosure's page.
func (s *Server) shortLink(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/disclosures/"+strconv.FormatInt(id, 10), http.StatusMovedPermanently)
}

// issuerOf names who publishes for u, as an administrative document's
// letterhead does: the People's Committee of a commune or ward, the
// village under its commune, an agency under its parent.
func (s *Server) issuerOf(r *http.Request, u *place.Unit) (render.Letterhead, string, error) {
	h := render.Letterhead{Place: shortName(u.Name)}
	switch {
	case u.Kind.IsCommuneLevel():
		h.Issuer = "Ủy ban nhân dân\n" + lowerFirst(u.Name)
		return h, "Ủy ban nhân dân " + lowerFirst(u.Name), nil
	case u.ParentID != 0:
		p, err := s.store.Unit(r.Context(), u.ParentID)
		if err != nil {
			return h, "", err
		}
		h.Issuer, h.Parent = u.Name, p.Name
		if p.Kind.IsCommuneLevel() {
			h.Parent, h.Place = "Ủy ban nhân dân "+lowerFirst(p.Name), shortName(p.Name)
		}
		return h, u.Name, nil
	}
	h.Issuer = u.Name
	return h, u.Name, nil
}

// shortName drops the kind from a unit's name: "Xã Mường Lát" is written
// "Mường Lát" after the place in a date line.
func shortName(name string) string {
	for _, p := range []string{"Xã ", "Phường ", "Đặc khu ", "Thôn ", "Bản ", "Tổ dân phố ", "Tỉnh ", "Thành phố "} {
		if strings.HasPrefix(name, p) {
			return strings.TrimPrefix(name, p)
		}
	}
	return name
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// noticePDF is the notice to post: the letterhead, "THÔNG BÁO" with the
// title, the legal basis, the text, the posting window and, for
// categories 7–12, the broadcast; a withdrawn one says so with its reason.
func (s *Server) noticePDF(w http.ResponseWriter, r *http.Request) {
	d, err := s.visibleDisclosure(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.store.Unit(r.Context(), d.UnitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	head, speaker, err := s.issuerOf(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	head.Date, head.URL = d.PublishedOn, s.shortURL(r, d.ID)
	rule := d.Rule()
	doc := render.New(head)
	doc.Title("Thông báo", "Về việc công khai: "+d.Title)
	doc.Paragraph("Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ("+rule.Article+"), "+speaker+
		" công khai thông tin thuộc lĩnh vực: "+rule.VI+".", "I", "J")
	if d.Status == disclosure.Withdrawn {
		doc.Paragraph("THÔNG TIN NÀY ĐÃ BỊ THU HỒI "+strings.ToUpper(viet.WrittenDate(d.WithdrawnOn))+". Lý do: "+d.WithdrawnReason, "B", "L")
	}
	if d.Corrected() {
		doc.Paragraph(fmt.Sprintf("Bản đính chính lần %d. Lý do: %s", d.Version-1, d.Versions[len(d.Versions)-1].Reason), "B", "L")
	}
	doc.Text(d.Body)
	doc.Gap(2)
	switch {
	case d.PublishedOn.IsZero():
		doc.Paragraph("Bản nháp, chưa công khai.", "B", "L")
	case rule.Permanent():
		doc.Paragraph("Thông tin được niêm yết thường xuyên tại trụ sở và trên cổng thông tin điện tử, cập nhật khi có thay đổi.", "", "J")
	default:
		doc.Paragraph(fmt.Sprintf("Thời gian niêm yết: từ %s đến hết %s, tại trụ sở và nhà văn hóa các thôn, tổ dân phố; đồng thời đăng trên cổng thông tin điện tử.",
			viet.WrittenDate(d.PublishedOn), viet.WrittenDate(d.PostingUntil)), "", "J")
	}
	if rule.LoudspeakerDays > 0 {
		doc.Paragraph(fmt.Sprintf("Thông tin được phát trên hệ thống loa truyền thanh ít nhất %d ngày liên tục.", rule.LoudspeakerDays), "", "J")
	}
	doc.Paragraph("Xem bản điện tử, các phiên bản và tệp đính kèm tại: "+head.URL, "I", "L")
	doc.Sign([]string{"Các thôn, tổ dân phố;", "Lưu: VT."}, render.Signer{Title: signerTitle(u), Note: "(Ký, ghi rõ họ tên, đóng dấu)"})
	writePDF(w, r, doc, fmt.Sprintf("thong-bao-%d.pdf", d.ID), d.Public())
}

func signerTitle(u *place.Unit) string {
	if u.Kind.IsCommuneLevel() {
		return "TM. Ủy ban nhân dân\nChủ tịch"
	}
	if u.Kind.IsGrassroots() {
		return "Trưởng thôn, tổ trưởng"
	}
	return "Thủ trưởng đơn vị"
}

func writePDF(w http.ResponseWriter, r *http.Request, doc *render.Doc, name string, public bool) {
	b, err := doc.Bytes()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `inline; filename="`+name+`"`)
	if public {
		h.Set("Cache-Control", "public, max-age=300")
	} else {
		h.Set("Cache-Control", "private, no-store")
	}
	_, _ = w.Write(b)
}

// loudspeakerScript is the text the announcer reads, as plain text.
func (s *Server) loudspeakerScript(w http.ResponseWriter, r *http.Request) {
	d, err := s.visibleDisclosure(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := s.store.Unit(r.Context(), d.UnitID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, speaker, err := s.issuerOf(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="loa-%d.txt"`, d.ID))
	_, _ = w.Write([]byte(disclosure.Script(d, speaker)))
}

// quarterlyPDF is the list of everything a unit published in a quarter,
// how and when (art. 13.2), to post with the notices.
func (s *Server) quarterlyPDF(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	y, q := disclosure.QuarterOf(s.store.Now())
	if v, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil {
		y = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("quarter")); err == nil {
		q = v
	}
	rep, err := s.store.DisclosureReport(ctx, u.ID, y, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	head, _, err := s.issuerOf(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	head.URL = fmt.Sprintf("%s/units/%s/disclosures/compliance?year=%d&quarter=%d", baseURL(r), u.Code, y, q)
	head.Date = s.store.Now()
	doc := render.New(head)
	doc.Title("Danh mục thông tin đã công khai", fmt.Sprintf("Quý %d năm %d (từ %s đến %s)", q, y,
		rep.From.In(coso.Zone).Format("02/01/2006"), rep.To.In(coso.Zone).Format("02/01/2006")))
	t := render.Table{Header: []string{"STT", "Nội dung", "Lĩnh vực", "Hình thức", "Thời gian công khai"},
		Widths: []float64{1.4, 7, 1.6, 4, 3.8}, Align: "CLCLL"}
	for i, d := range rep.Published {
		var ch []string
		for _, u := range d.Uses {
			ch = append(ch, u.Channel.Name("vi"))
		}
		when := d.PublishedOn.In(coso.Zone).Format("02/01/2006")
		if !d.PostingUntil.IsZero() {
			when += " – " + d.PostingUntil.In(coso.Zone).Format("02/01/2006")
		} else {
			when += ", thường xuyên"
		}
		title := d.Title
		if d.Status == disclosure.Withdrawn {
			title += " (đã thu hồi)"
		}
		t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), title, d.Category, strings.Join(uniq(ch), "; "), when})
	}
	if len(t.Rows) == 0 {
		doc.Paragraph("Trong quý không có thông tin nào được công khai.", "I", "L")
	} else {
		doc.Table(t)
	}
	doc.Gap(3)
	doc.Paragraph(fmt.Sprintf("Đúng hạn: %d; chậm: %d; quá hạn chưa công khai: %d; chưa đủ ngày phát loa: %d.",
		rep.OnTime, rep.Late, rep.Overdue, rep.DutyUnmet), "", "L")
	doc.Sign([]string{"Lưu: VT."}, render.Signer{Title: signerTitle(u), Note: "(Ký, ghi rõ họ tên, đóng dấu)"})
	writePDF(w, r, doc, fmt.Sprintf("danh-muc-cong-khai-%s-q%d-%d.pdf", u.Code, q, y), true)
}

func uniq(xs []string) []string {
	var out []string
	for _, x := range xs {
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}
