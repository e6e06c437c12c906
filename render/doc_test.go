package render_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/render"
	"coso/render/pdftext"
)

// tones are words that hold every tone on ă â ê ô ơ ư, and đ, in small
// letters and in capitals.
const tones = "ăn rằng sắc chẳng lẵng mặt âm cần ấm ẩm lẫn vận bên về kế kể dễ hệ ông đồng số tổ mỗi hộ " +
	"cơ thờ lớn ở rỡ hợp người thừa thức sử giữ lực đất " +
	"ĂN RẰNG SẮC CHẲNG LẴNG MẶT ÂM CẦN ẤM ẨM LẪN VẬN BÊN VỀ KẾ KỂ DỄ HỆ ÔNG ĐỒNG SỐ TỔ MỖI HỘ " +
	"CƠ THỜ LỚN Ở RỠ HỢP NGƯỜI THỪA THỨC SỬ GIỮ LỰC ĐẤT"

// toneLetters are the letters tones must hold.
const toneLetters = "ăằắẳẵặâầấẩẫậêềếểễệôồốổỗộơờớởỡợưừứửữựđ"

func TestTonesCoverEveryLetter(t *testing.T) {
	for _, r := range toneLetters + strings.ToUpper(toneLetters) {
		if !strings.ContainsRune(tones, r) {
			t.Errorf("the test words lack %q", r)
		}
	}
}

const noticeBody = `Căn cứ **Luật Thực hiện dân chủ ở cơ sở** số 10/2022/QH15; Ủy ban nhân dân xã thông báo
lịch tiếp nhận ý kiến của Nhân dân về dự thảo phương án đền bù, giải phóng mặt bằng tuyến đường
Mường Lát – Pù Nhi.

- Thời gian: từ ngày 05/3/2026 đến hết ngày 25/3/2026.
- Địa điểm: nhà văn hóa các bản Pha Đanh, Mường Chanh và Quang Chiểu.

Những chữ sau phải in đúng: ` + tones + `.

Nội dung <script>alert(1)</script> được in nguyên văn, không thực thi.`

func notice() *render.Doc {
	d := render.New(render.Letterhead{
		Issuer: "Ủy ban nhân dân\nxã Mường Lát",
		Number: "12/TB-UBND",
		Place:  "Mường Lát",
		Date:   time.Date(2026, 3, 5, 0, 0, 0, 0, coso.Zone),
		URL:    "https://coso.example.vn/d/12",
	})
	d.Title("Thông báo", "Về việc lấy ý kiến Nhân dân về phương án đền bù")
	d.Text(noticeBody)
	d.Sign([]string{"Các bản trên địa bàn xã;", "Lưu: VT."},
		render.Signer{Title: "TM. Ủy ban nhân dân\nChủ tịch", Name: "Lò Văn Thắng", Signed: true})
	return d
}

func TestNoticeText(t *testing.T) {
	pdf, err := notice().Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 20)])
	}
	text := pdftext.Text(t, pdf)
	pdftext.Contains(t, text,
		"ỦY BAN NHÂN DÂN", "XÃ MƯỜNG LÁT", "Số: 12/TB-UBND",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Mường Lát, ngày 05 tháng 3 năm 2026",
		"THÔNG BÁO", "Về việc lấy ý kiến Nhân dân về phương án đền bù",
		"Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15",
		"giải phóng mặt bằng tuyến đường Mường Lát – Pù Nhi.",
		"• Thời gian: từ ngày 05/3/2026 đến hết ngày 25/3/2026.",
		"Những chữ sau phải in đúng: "+tones+".",
		"Nội dung <script>alert(1)</script> được in nguyên văn",
		"Nơi nhận:", "- Các bản trên địa bàn xã;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Lò Văn Thắng",
		"Bản điện tử: coso.example.vn/d/12", "Trang 1/1",
	)
	// Each word survives extraction whole, letter for letter.
	words := strings.Fields(text)
	for _, want := range strings.Fields(tones) {
		if !contains(words, want) {
			t.Errorf("%q is not a word of the extracted text", want)
		}
	}
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if strings.Trim(x, ".,;:") == w {
			return true
		}
	}
	return false
}

// The same content gives the same bytes: a PDF can be cached and its
// ETag is stable.
func TestSameContentSameBytes(t *testing.T) {
	a, err := notice().Bytes()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := notice().Bytes()
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same notice differ")
	}
}

// A table of 70 households runs over three pages, each starting with the
// header row, and loses no row.
func TestLongTableRepeatsHeader(t *testing.T) {
	d := render.New(render.Letterhead{Issuer: "UBND xã Mường Lát", Place: "Mường Lát", URL: "https://coso.example.vn/l/7"})
	d.Title("Danh sách hộ gia đình", "Thôn Pha Đanh")
	rows := make([][]string, 70)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(i + 1), fmt.Sprintf("Hộ số %d", i+1), "Bản Pha Đanh, xã Mường Lát", "Đã nhận"}
	}
	d.Table(render.Table{
		Header: []string{"STT", "Họ và tên chủ hộ", "Địa chỉ", "Ghi chú"},
		Widths: []float64{1, 4, 5, 2},
		Align:  "CLLC",
		Rows:   rows,
	})
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages := pdftext.Pages(t, pdf)
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3", len(pages))
	}
	for i, p := range pages {
		pdftext.Contains(t, p, "STT", "Họ và tên chủ hộ", "Địa chỉ", "Ghi chú", fmt.Sprintf("Trang %d/3", i+1), "coso.example.vn/l/7")
	}
	all := pdftext.Flat(strings.Join(pages, " "))
	for i := range rows {
		if n := strings.Count(all, fmt.Sprintf("Hộ số %d ", i+1)); n != 1 {
			t.Errorf("row %d appears %d times", i+1, n)
		}
	}
}

// Several documents in one PDF (a ballot per household) each count their
// own pages and carry their own address.
func TestAppendedDocuments(t *testing.T) {
	var d *render.Doc
	for i := 1; i <= 3; i++ {
		head := render.Letterhead{Issuer: "Thôn Pha Đanh", Place: "Mường Lát", URL: fmt.Sprintf("https://coso.example.vn/b/%d", i)}
		if d == nil {
			d = render.New(head)
		} else {
			d.Append(head)
		}
		d.Title("Phiếu biểu quyết", fmt.Sprintf("Phiếu số %03d", i))
		d.Choices("Đồng ý", "Không đồng ý", "Ý kiến khác: ............")
	}
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages := pdftext.Pages(t, pdf)
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3", len(pages))
	}
	for i, p := range pages {
		pdftext.Contains(t, p, fmt.Sprintf("Phiếu số %03d", i+1), fmt.Sprintf("coso.example.vn/b/%d", i+1), "Trang 1/1",
			"Mường Lát, ngày ..... tháng ..... năm", "Đồng ý", "Không đồng ý")
	}
}

// Four signers stand side by side with their names on one line.
func TestFourSigners(t *testing.T) {
	d := render.New(render.Letterhead{Parent: "UBND xã Mường Lát", Issuer: "Ban công tác Mặt trận bản Pha Đanh"})
	d.Title("Văn bản quyết định của cộng đồng", "")
	d.Sign(nil,
		render.Signer{Title: "Trưởng thôn", Name: "Lò Văn A"},
		render.Signer{Title: "Trưởng Ban công tác Mặt trận", Name: "Hà Thị B"},
		render.Signer{Title: "Đại diện hộ", Note: "(Ký, ghi rõ họ tên)", Name: "Vi Văn C"},
		render.Signer{Title: "Đại diện hộ", Name: "Lường Thị D"})
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := pdftext.Text(t, pdf)
	pdftext.Contains(t, text, "UBND XÃ MƯỜNG LÁT", "BAN CÔNG TÁC MẶT TRẬN BẢN", "PHA ĐANH", "VĂN BẢN QUYẾT ĐỊNH CỦA CỘNG ĐỒNG")
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "Lò Văn A") {
			pdftext.Contains(t, line, "Hà Thị B", "Vi Văn C", "Lường Thị D")
			return
		}
	}
	t.Errorf("no signer's name in:\n%s", text)
}

func TestBadTable(t *testing.T) {
	cases := []struct {
		table render.Table
		field string
	}{
		{render.Table{}, "header"},
		{render.Table{Header: []string{"a", "b"}, Widths: []float64{1}}, "widths"},
		{render.Table{Header: []string{"a"}, Widths: []float64{0}}, "widths"},
		{render.Table{Header: []string{"a"}, Rows: [][]string{{"1", "2"}}}, "rows"},
	}
	for _, c := range cases {
		d := render.New(render.Letterhead{})
		d.Table(c.table)
		_, err := d.Bytes()
		var e *coso.Error
		if !errors.As(err, &e) || e.Code != coso.EInvalid || e.Field != c.field || e.VI == "" || e.EN == "" {
			t.Errorf("table %+v: error %v, want invalid %s", c.table, err, c.field)
		}
	}
}

func BenchmarkNotice(b *testing.B) {
	for b.Loop() {
		if _, err := notice().Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}
