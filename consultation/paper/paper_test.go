package paper_test

import (
	"strings"
	"testing"
	"time"

	"coso"
	"coso/consultation"
	"coso/consultation/paper"
	"coso/render/pdftext"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone) }

// TestReportPDF reads back the report's text: the campaign's group of 500
// with its explanation, the hidden opinions as a counted line, and the
// reasons of an outcome against the majority.
func TestReportPDF(t *testing.T) {
	c := &consultation.Consultation{ID: 3, UnitName: "Xã Mường Lát", Title: "Quy hoạch khu dân cư Bản Lát", Subject: consultation.LandUsePlan,
		OpensOn: date(2026, 3, 2), ClosesOn: date(2026, 3, 22), Status: consultation.Answered, Conclusion: "Ủy ban nhân dân tiếp thu ý kiến về làm đường trước.",
		Sections: consultation.Split("Điều 1. Vị trí\nA\nĐiều 2. Diện tích\nB")}
	campaign := &consultation.Group{Section: 2, Stance: consultation.Disagree, Text: "Phản đối lấy đất ruộng làm khu dân cư", Count: 500,
		Response: consultation.Explained, Reason: "Khu dân cư nằm trong quy hoạch chung đã được phê duyệt."}
	r := &consultation.Report{C: c, Channels: map[consultation.Form]int{consultation.Portal: 503, consultation.Sheet: 2}, Sections: []*consultation.ReportSection{
		{N: 0, Title: "Toàn bộ dự thảo"},
		{N: 1, Title: "Điều 1. Vị trí", Tally: consultation.Tally{Agree: 3, Hidden: map[consultation.HideReason]int{consultation.Spam: 2}}, Outcome: consultation.Kept,
			Groups: []*consultation.Group{{Section: 1, Stance: consultation.Agree, Count: 3, Response: consultation.Accepted}}},
		{N: 2, Title: "Điều 2. Diện tích", Tally: consultation.Tally{Disagree: 500, Agree: 2}, Outcome: consultation.Kept,
			Reason: "Quy hoạch chung của tỉnh đã xác định khu dân cư.", Groups: []*consultation.Group{campaign}},
	}}
	pdf, err := paper.Report(paper.Issuer{Commune: "Xã Mường Lát", Date: date(2026, 3, 25), URL: "https://coso.example.vn/consultations/3/report"}, r).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdftext.Text(t, pdf)), " ")
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN", "BÁO CÁO TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN NHÂN DÂN",
		"từ ngày 02 tháng 3 năm 2026 đến hết ngày 22 tháng 3 năm 2026",
		"Tổng số ý kiến nhận được: 507",
		"Phiếu lấy ý kiến hộ gia đình 2",
		"2 ý kiến bị ẩn (quảng cáo, không liên quan (spam)), vẫn được tính",
		"Không đồng ý: Phản đối lấy đất 500", "502 ý kiến: đồng ý 2, không đồng ý 500",
		"Giải trình (không tiếp thu): Khu", "nằm trong quy hoạch chung đã được phê duyệt",
		"Kết quả này khác với ý kiến của đa số; lý do: Quy hoạch chung của tỉnh",
		"Đồng ý: (Đồng ý, không nêu ý kiến 3 Tiếp thu",
		"III. Kết luận", "làm đường trước",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q\n%s", want, text)
		}
	}
}
