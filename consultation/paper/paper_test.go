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

func TestSheetsAndNotice(t *testing.T) {
	c := &consultation.Consultation{ID: 4, UnitName: "Phường Hàm Rồng", Title: "Dự thảo Quy chế dân chủ", Subject: consultation.DemocracyRule,
		OpensOn: date(2026, 3, 2), ClosesOn: date(2026, 3, 22), Audience: consultation.SomeVillages,
		Forms:    []consultation.Form{consultation.Portal, consultation.Sheet, consultation.Box},
		Sections: consultation.Split("Điều 1. Phạm vi\nA\nĐiều 2. Công khai\nB\nĐiều 3. Hiệu lực\nC")}
	is := paper.Issuer{Commune: "Phường Hàm Rồng", Date: date(2026, 3, 2), URL: "https://coso.example.vn/consultations/4"}
	pdf, err := paper.Sheets(is, c, []paper.Household{{Code: "14758.01-H001", Representative: "Nguyễn Văn Một"}, {Code: "14758.01-H002"}}, is.URL).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages := pdftext.Pages(t, pdf)
	all := strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
	for _, want := range []string{"PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH", "Hộ gia đình mã: 14758.01-H001", "Nguyễn Văn Một", "Hộ gia đình mã: 14758.01-H002",
		"2. Điều 2. Công khai", "Không đồng ý", "trước hết ngày 22 tháng 3 năm 2026", "coso.example.vn/consultations/4"} {
		if !strings.Contains(all, want) {
			t.Errorf("the sheets lack %q\n%s", want, all)
		}
	}
	if strings.Count(all, "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH") != 2 {
		t.Errorf("one sheet per household: %d pages", len(pages))
	}
	pdf, err = paper.Notice(is, c, []string{"Tổ dân phố Hàm Rồng 1", "Tổ dân phố Nam Ngạn"}).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdftext.Text(t, pdf)), " ")
	for _, want := range []string{"THÔNG BÁO", "Từ ngày 02 tháng 3 năm 2026 đến hết ngày 22 tháng 3 năm 2026",
		"Tổ dân phố Hàm Rồng 1, Tổ dân phố Nam Ngạn", "Hòm thư góp ý", "https://coso.example.vn/consultations/4", "Điều 3. Hiệu lực"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice lacks %q\n%s", want, text)
		}
	}
}

// An agency's notice speaks in its own name to its staff, citing art. 53.
func TestStaffNotice(t *testing.T) {
	c := &consultation.Consultation{UnitName: "Trường Tiểu học Hàm Rồng", UnitKind: "agency", Subject: consultation.AgencyRules,
		Audience: consultation.StaffAll, Title: "Dự thảo quy chế chi tiêu nội bộ năm 2026", Sections: consultation.Split("Điều 1. Công tác phí\nĐiều 2. Văn phòng phẩm"),
		Forms: []consultation.Form{consultation.Meeting}, OpensOn: date(2026, 3, 2), ClosesOn: date(2026, 3, 12)}
	pdf, err := paper.Notice(paper.Issuer{Commune: c.UnitName, Date: date(2026, 3, 2), URL: "https://coso.example.vn/consultations/9"}, c, nil).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdftext.Text(t, pdf)), " ")
	for _, want := range []string{"TRƯỜNG TIỂU HỌC HÀM RỒNG", "lấy ý kiến cán bộ, người lao động", "điều 53", "THỦ TRƯỞNG ĐƠN VỊ", "Công đoàn cơ sở"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Ủy ban nhân dân") || strings.Contains(text, "ỦY BAN NHÂN DÂN") {
		t.Errorf("an agency is no People's Committee:\n%s", text)
	}
}
