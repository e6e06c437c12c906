package paper_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/decision"
	"coso/decision/paper"
	"coso/render"
	"coso/render/pdftext"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone) }

var issuer = paper.Issuer{Commune: "Xã An Hoà", Village: "Thôn Đông", Date: date(2026, 3, 20), URL: "https://coso.example.vn/matters/7"}

// roads is a matter of subject 1 (two thirds) decided at a meeting and by
// household ballots in a village of 100 households.
func roads() *decision.Matter {
	return &decision.Matter{ID: 7, Subject: decision.PublicWorks, Title: "Đóng góp làm đường bê tông",
		Question: "Mỗi hộ góp 500.000 đồng làm đường trục thôn?", Forms: []decision.Form{decision.Meeting, decision.Ballot},
		Documents: []decision.Document{{Title: "Dự toán công trình"}}, Deadline: date(2026, 3, 18),
		MeetingOn: date(2026, 3, 10), Place: "Nhà văn hoá thôn Đông", Status: decision.Counted, CountedAt: date(2026, 3, 20)}
}

func text(t *testing.T, d *render.Doc) []string {
	t.Helper()
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return pdftext.Pages(t, pdf)
}

func TestInvitation(t *testing.T) {
	m := roads()
	pages := text(t, paper.Invitation(issuer, m, []paper.Household{{Code: "10001.01-H01", Representative: "Lê Văn An"}, {Code: "10001.01-H02"}}))
	if len(pages) != 2 {
		t.Fatalf("%d pages for 2 households", len(pages))
	}
	for _, p := range pages {
		pdftext.Contains(t, p, "ỦY BAN NHÂN DÂN XÃ AN HOÀ", "THÔN ĐÔNG", "An Hoà, ngày 20 tháng 3 năm 2026", "GIẤY MỜI",
			"Dự hội nghị cộng đồng dân cư thôn Đông", "Trưởng thôn Đông trân trọng kính mời",
			"Đóng góp làm đường bê tông", "Mỗi hộ góp 500.000 đồng", "ngày 10 tháng 3 năm 2026", "Nhà văn hoá thôn Đông",
			"đạt ít nhất hai phần ba tổng số hộ gia đình", "Dự toán công trình", "TRƯỞNG THÔN", "coso.example.vn/matters/7")
	}
	pdftext.Contains(t, pages[0], "Kính gửi: Ông/Bà Lê Văn An, đại diện hộ gia đình mã 10001.01-H01.")
	pdftext.Contains(t, pages[1], "đại diện hộ gia đình mã 10001.01-H02")
	posting := text(t, paper.Invitation(issuer, m, nil))
	if len(posting) != 1 {
		t.Fatalf("%d pages of the posting copy", len(posting))
	}
	pdftext.Contains(t, posting[0], "Kính gửi: Các hộ gia đình thôn Đông (bản niêm yết).", "Thời gian: ....... giờ ....... ngày 10 tháng 3 năm 2026.")
	// Once recorded, the invitation gives the hour, the day and the place
	// it called the meeting for, and when the documents went out.
	m.Invitation = decision.Invitation{IssuedOn: date(2026, 3, 5), MeetingOn: date(2026, 3, 8), Hour: "19:30", Place: "Sân nhà văn hoá",
		DocumentsOn: date(2026, 3, 5)}
	pdftext.Contains(t, text(t, paper.Invitation(issuer, m, nil))[0], "Thời gian: 19 giờ 30 ngày 08 tháng 3 năm 2026.", "Địa điểm: Sân nhà văn hoá.",
		"Tài liệu gửi kèm (đã gửi đến từng hộ ngày 05 tháng 3 năm 2026):")
}

// village is 100 households: 80 present at the meeting, 60 agreeing
// there; 20 sheets issued to the absent ones, 15 returned (9 agree), 2
// voided for households that voted online.
func village() paper.Village {
	return paper.Village{Name: "Thôn Đông", Households: 100, Present: 80, Meeting: []int{60, 15, 5},
		Issued: 20, Returned: 15, Void: 2, Paper: []int{9, 5, 1}}
}

func TestMeetingMinutes(t *testing.T) {
	pages := text(t, paper.MeetingMinutes(issuer, roads(), []paper.Village{village()}))
	pdftext.Contains(t, strings.Join(pages, "\n"), "BIÊN BẢN KIỂM PHIẾU", "Biểu quyết tại hội nghị cộng đồng dân cư thôn Đông",
		"Hôm nay, ngày 10 tháng 3 năm 2026, tại Nhà văn hoá thôn Đông",
		"Tổng số hộ gia đình: 100 (một trăm) hộ. Số hộ có mặt: 80 (tám mươi) hộ. Số hộ vắng mặt: 20 (hai mươi) hộ.",
		"Đồng ý 60 60,0%", "Không đồng ý 15 15,0%", "Ý kiến khác 5 5,0%",
		"Điều kiện thông qua: đạt ít nhất hai phần ba tổng số hộ gia đình (Điều 21 Luật Thực hiện dân chủ ở cơ sở), tức ít nhất 67 trên 100 hộ.",
		"Kết quả tại hội nghị: 60 trên 100 hộ đồng ý, chưa đạt hai phần ba: không thông qua.",
		"TỔ TRƯỞNG", "TỔ KIỂM PHIẾU", "THƯ KÝ", "HỘI NGHỊ", "CHỨNG KIẾN", "(ĐẠI DIỆN HỘ)",
		"Tổ kiểm phiếu: ..........", "Hình thức biểu quyết: giơ tay / bỏ phiếu kín")

	// The procedural votes, once recorded, with their approvals and the
	// names under the signatures.
	v := village()
	v.Procedures = []decision.Procedure{
		{Kind: decision.ChooseSecretary, Names: []string{"Lò Thị Thư"}, Present: 80, Approve: 78},
		{Kind: decision.ChooseMethod, Method: decision.ShowOfHands, Present: 80, Approve: 80},
		{Kind: decision.ElectBoard, Names: []string{"Hà Văn Một", "Lò Thị Hai", "Vi Văn Ba"}, Present: 80, Approve: 70},
		{Kind: decision.ChooseWitnesses, Names: []string{"Lường Văn Bốn", "Phạm Thị Năm"}, Present: 80, Approve: 66},
	}
	all := strings.Join(text(t, paper.MeetingMinutes(issuer, roads(), []paper.Village{v})), "\n")
	pdftext.Contains(t, all, "mỗi việc cần quá một nửa số đại diện hộ có mặt tán thành",
		"Thư ký hội nghị: Lò Thị Thư (78 trên 80 hộ có mặt tán thành).",
		"Hình thức biểu quyết: giơ tay (80 trên 80 hộ có mặt tán thành).",
		"Tổ kiểm phiếu: Hà Văn Một, Lò Thị Hai, Vi Văn Ba (70 trên 80 hộ có mặt tán thành).",
		"Đại diện hộ gia đình chứng kiến kiểm phiếu: Lường Văn Bốn, Phạm Thị Năm (66 trên 80 hộ có mặt tán thành).",
		"Hà Văn Một", "Phạm Thị Năm")
	if strings.Contains(all, "gạch bỏ") {
		t.Error("the recorded method is still left to strike out")
	}
}

// A village of 230 households that met in two clusters: a page per
// cluster meeting, and a page that adds them up.
func TestClusterMinutes(t *testing.T) {
	m := roads()
	m.Forms = []decision.Form{decision.Meeting}
	proc := func(present int) []decision.Procedure {
		return []decision.Procedure{{Kind: decision.ElectBoard, Names: []string{"Hà Văn Một", "Lò Thị Hai", "Vi Văn Ba"}, Present: present, Approve: present - 1}}
	}
	v := paper.Village{Name: "Thôn Đông", Households: 230, Present: 200, Meeting: []int{160, 30, 10}, Clusters: []paper.Cluster{
		{Name: "Cụm 1: xóm Trên", HeldOn: date(2026, 3, 9), Place: "Nhà văn hoá xóm Trên", Present: 110, Meeting: []int{90, 15, 5}, Procedures: proc(110)},
		{Name: "Cụm 2: xóm Dưới", HeldOn: date(2026, 3, 10), Place: "Sân đình", Present: 90, Meeting: []int{70, 15, 5}, Procedures: proc(90)},
	}}
	pages := text(t, paper.MeetingMinutes(issuer, m, []paper.Village{v}))
	all := strings.Join(pages, "\n")
	pdftext.Contains(t, all, "Hội nghị cụm 1: xóm Trên, thôn Đông", "Hôm nay, ngày 09 tháng 3 năm 2026, tại Nhà văn hoá xóm Trên",
		"thôn Đông họp theo cụm dân cư, 230 (hai trăm ba mươi) hộ", "Số hộ có mặt tại cụm: 110 (một trăm mười) hộ.",
		"Tổ kiểm phiếu: Hà Văn Một, Lò Thị Hai, Vi Văn Ba (109 trên 110 hộ có mặt tán thành).", "Tổ kiểm phiếu: Hà Văn Một, Lò Thị Hai, Vi Văn Ba (89 trên 90 hộ có mặt tán thành).",
		"Hội nghị cụm 2: xóm Dưới, thôn Đông", "BIÊN BẢN TỔNG HỢP KẾT QUẢ", "Biểu quyết tại các cụm dân cư thôn Đông",
		"họp theo 2 cụm dân cư", "Cụm 1: xóm Trên 09/03/2026 110 90 15 5", "Cụm 2: xóm Dưới 10/03/2026 90 70 15 5", "Cộng 200 160 30 10",
		"Số hộ có mặt tại các cụm: 200 (hai trăm) hộ. Số hộ vắng mặt: 30 (ba mươi) hộ.",
		"Kết quả tại các cụm: 160 trên 230 hộ đồng ý, đạt ít nhất hai phần ba: thông qua.")
	o := &decision.Outcome{Villages: []decision.VillageResult{{Name: v.Name,
		Result: decision.Decide(m, decision.Tally{Households: 230, Participants: 200, Counts: v.Meeting})}}}
	pdftext.Contains(t, strings.Join(text(t, paper.Decision(issuer, m, []paper.Village{v}, o)), "\n"),
		"Từ ngày 09 tháng 3 năm 2026 đến ngày 10 tháng 3 năm 2026, tại 2 hội nghị cụm dân cư, cộng đồng dân cư thôn Đông bàn và quyết định")
}

func TestBallotMinutes(t *testing.T) {
	pages := text(t, paper.BallotMinutes(issuer, roads(), []paper.Village{village()}))
	pdftext.Contains(t, strings.Join(pages, "\n"), "BIÊN BẢN KIỂM PHIẾU", "Lấy ý kiến hộ gia đình thôn Đông", "Hạn nộp phiếu: ngày 18 tháng 3 năm 2026.",
		"Số phiếu phát ra: 20. Số phiếu thu về hợp lệ: 15. Số phiếu hủy: 2. Số phiếu không thu về: 3.",
		"Đồng ý 9 9,0%", "Không đồng ý 5 5,0%", "Ý kiến khác 1 1,0%", "tức ít nhất 67 trên 100 hộ",
		"Kết quả theo phiếu lấy ý kiến: 9 trên 100 hộ đồng ý, chưa đạt hai phần ba: không thông qua.",
		"TỔ TRƯỞNG", "TỔ KIỂM PHIẾU", "THÀNH VIÊN")
}

func TestDecision(t *testing.T) {
	m := roads()
	v := village()
	// Over both forms: 69 of 100 agreed; 95 households took part.
	o := &decision.Outcome{Villages: []decision.VillageResult{{Name: v.Name,
		Result: decision.Decide(m, decision.Tally{Households: 100, Participants: 95, Counts: []int{69, 20, 6}})}}}
	pages := text(t, paper.Decision(issuer, m, []paper.Village{v}, o))
	all := strings.Join(pages, "\n")
	pdftext.Contains(t, all, "QUYẾT ĐỊNH CỦA CỘNG ĐỒNG DÂN CƯ", "Về việc đóng góp làm đường bê tông",
		"Ngày 10 tháng 3 năm 2026, tại Nhà văn hoá thôn Đông, cộng đồng dân cư thôn Đông bàn và quyết định việc",
		"Hình thức: hội nghị cộng đồng dân cư, phiếu lấy ý kiến hộ gia đình.",
		"Tổng số hộ gia đình: 100 (một trăm) hộ.",
		"Số hộ có mặt tại hội nghị: 80 (tám mươi) hộ; số hộ vắng mặt: 20 (hai mươi) hộ.",
		"Số hộ tham gia biểu quyết: 95 (chín mươi lăm) hộ.",
		"Đồng ý 69 69,0%", "Không đồng ý 20 20,0%", "Ý kiến khác 6 6,0%", "tức ít nhất 67 trên 100 hộ",
		"Kết quả: 69 trên 100 hộ đồng ý, đạt ít nhất hai phần ba: thông qua.",
		"TRƯỞNG THÔN", "TRƯỞNG BAN", "MẶT TRẬN", "ĐẠI DIỆN", "HỘ GIA ĐÌNH",
		"Nơi nhận:", "Ủy ban nhân dân Xã An Hoà (để công nhận);")
	// Four signers: the village head, the Front board's head and two
	// household representatives.
	if n := strings.Count(pdftext.Flat(all), "ĐẠI DIỆN"); n != 2 {
		t.Errorf("%d household representatives sign, want 2", n)
	}
	m.Status, m.SentOn, m.DecidedOn = decision.Recognised, date(2026, 3, 20), date(2026, 3, 25)
	pdftext.Contains(t, strings.Join(text(t, paper.Decision(issuer, m, []paper.Village{v}, o)), "\n"),
		"Văn bản đã được gửi Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam xã An Hoà ngày 20 tháng 3 năm 2026.",
		"Ủy ban nhân dân xã An Hoà đã công nhận quyết định này ngày 25 tháng 3 năm 2026; quyết định có hiệu lực từ ngày 25 tháng 3 năm 2026.")
	// Board members: the Front recognises, and is the one the paper goes to for that.
	m.Subject, m.Choices = decision.BoardMembers, []string{"Hà Văn Thắng", "Lò Văn Nam"}
	pdftext.Contains(t, strings.Join(text(t, paper.Decision(issuer, m, []paper.Village{v}, o)), "\n"),
		"Ủy ban Mặt trận Tổ quốc Việt Nam xã An Hoà đã công nhận quyết định này ngày 25 tháng 3 năm 2026",
		"Ban Thường trực Ủy ban MTTQ Việt Nam Xã An Hoà (để công nhận);")
}

func TestBallots(t *testing.T) {
	m := roads()
	hs := []paper.Household{{Code: "10001.01-H01", Representative: "Lê Văn An", Serial: "7-K7QZ2M4A"}, {Code: "10001.01-H02", Serial: "7-PX3D9B6C"}}
	pages := text(t, paper.Ballots(issuer, m, hs, func(serial string) string { return "https://coso.example.vn/admin/matters/7?serial=" + serial }))
	if len(pages) != 2 {
		t.Fatalf("%d pages for 2 households", len(pages))
	}
	for i, p := range pages {
		pdftext.Contains(t, p, "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH", "Về việc đóng góp làm đường bê tông", "Số phiếu: "+hs[i].Serial,
			"Hộ gia đình mã: "+hs[i].Code, "Mỗi hộ góp 500.000 đồng", "Đồng ý", "Không đồng ý", "Ý kiến khác",
			"Ý kiến khác (ghi rõ):", "Hạn nộp phiếu: trước hết ngày 18 tháng 3 năm 2026",
			"ĐẠI DIỆN HỘ GIA ĐÌNH", "TỔ PHÁT PHIẾU, KIỂM PHIẾU", "(Ký tên hoặc đóng dấu)",
			"coso.example.vn/admin/matters/7?serial="+hs[i].Serial, "Trang 1/1")
	}
	pdftext.Contains(t, pages[0], "Họ và tên người đại diện hộ: Lê Văn An")
	if regexp.MustCompile(`Lê Văn An`).MatchString(pages[1]) {
		t.Error("the second household's sheet names the first one's representative")
	}
}

// The roster: a line per household with its code, representative and QR
// code, for each meeting.
func TestRoster(t *testing.T) {
	m := roads()
	hs := []paper.RosterHousehold{
		{Household: paper.Household{Code: "10001.01-H01", Representative: "Lê Văn An"}, URL: "https://coso.example.vn/admin/matters/7?household=1"},
		{Household: paper.Household{Code: "10001.01-H02"}, URL: "https://coso.example.vn/admin/matters/7?household=2", Elsewhere: "Cụm 1: xóm Trên"},
	}
	pages := text(t, paper.Roster(issuer, m, []paper.RosterMeeting{{Name: "Thôn Đông", Households: hs}, {Name: "Thôn Đông, cụm 2", Households: hs[:1]}}))
	if len(pages) != 2 {
		t.Fatalf("%d pages for two meetings", len(pages))
	}
	pdftext.Contains(t, pages[0], "DANH SÁCH HỘ GIA ĐÌNH DỰ HỌP", "Thôn Đông", "Ngày họp: 10 tháng 3 năm 2026. Địa điểm: Nhà văn hoá thôn Đông.",
		"Tổng số hộ trong danh sách: 2 (hai) hộ.", "1. Hộ 10001.01-H01", "Đại diện: Lê Văn An", "2. Hộ 10001.01-H02", "Đã dự cụm 1: xóm Trên")
	pdftext.Contains(t, pages[1], "Thôn Đông, cụm 2", "Tổng số hộ trong danh sách: 1 (một) hộ.")
}
