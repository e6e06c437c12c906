package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"coso/calendar"
	"coso/disclosure"
	"coso/pdftext"
	"coso/render"
	"coso/store"
)

// sample is a made-up piece of information a commune publishes.
type sample struct {
	Category string
	Title    string
	Body     string
}

// samples cover every commune category of art. 11, in the words a
// commune People's Committee would use. %s is the commune's name.
var samples = []sample{
	{"1", "Kế hoạch phát triển kinh tế – xã hội năm 2026 của %s", "Ủy ban nhân dân công khai Kế hoạch phát triển kinh tế – xã hội năm 2026 đã được Hội đồng nhân dân thông qua.\n\n- Tổng giá trị sản xuất tăng 7,5%\n- Thu nhập bình quân đầu người đạt 62 triệu đồng\n- Tỷ lệ hộ nghèo giảm 1,2 điểm phần trăm"},
	{"2", "Dự toán thu, chi ngân sách năm 2026 của %s", "Công khai dự toán thu ngân sách trên địa bàn và dự toán chi ngân sách năm 2026 theo Nghị quyết của Hội đồng nhân dân. Chi tiết tại biểu đính kèm."},
	{"2", "Tình hình thực hiện dự toán ngân sách quý III năm 2026", "Thu ngân sách 9 tháng đạt 78% dự toán; chi thường xuyên đạt 71% dự toán. Chi tiết theo biểu mẫu số 93/CK-NSNN."},
	{"3", "Quy hoạch chi tiết khu dân cư mới thôn Đông, %s", "Công khai đồ án quy hoạch chi tiết tỷ lệ 1/500 khu dân cư mới, diện tích 4,2 ha. Người dân có ý kiến gửi về Ủy ban nhân dân trong thời gian niêm yết."},
	{"3", "Phương án bồi thường, hỗ trợ giải phóng mặt bằng đường liên xã", "Công khai phương án bồi thường, hỗ trợ cho 37 hộ có đất bị thu hồi để làm đường liên xã. Đơn giá theo Quyết định của Ủy ban nhân dân tỉnh."},
	{"4", "Quy chế thực hiện dân chủ ở %s", "Quy chế thực hiện dân chủ trong hoạt động của Ủy ban nhân dân, ban hành kèm theo Quyết định của Chủ tịch Ủy ban nhân dân. Niêm yết thường xuyên tại trụ sở."},
	{"5", "Kết quả vận động đóng góp xây dựng nhà văn hóa thôn", "Tổng số tiền nhân dân đóng góp: 412.500.000 đồng; đã chi: 398.000.000 đồng. Danh sách hộ đóng góp niêm yết tại nhà văn hóa các thôn."},
	{"6", "Báo cáo tình hình quản lý, sử dụng tài sản công năm 2025", "Công khai danh mục tài sản công do Ủy ban nhân dân quản lý: trụ sở, nhà văn hóa, xe ô tô chuyên dùng, trang thiết bị."},
	{"7", "Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ tiền điện năm 2026", "Danh sách 46 hộ nghèo và 28 hộ cận nghèo được hỗ trợ tiền điện theo Quyết định số 28/2014/QĐ-TTg. Mức hỗ trợ 46.000 đồng/hộ/tháng."},
	{"7", "Kết quả bình xét hộ được hỗ trợ làm nhà ở năm 2026", "Hội nghị bình xét ngày 12 đã thống nhất danh sách 9 hộ được hỗ trợ làm nhà ở, mỗi hộ 60 triệu đồng."},
	{"8", "Danh sách hộ được hỗ trợ khắc phục thiệt hại do bão số 3", "Công khai danh sách 112 hộ bị thiệt hại về nhà ở, cây trồng và mức hỗ trợ của từng hộ; tổng kinh phí 1.240 triệu đồng."},
	{"8", "Kết quả tiếp nhận và phân bổ tiền ủng hộ đồng bào bị lũ lụt", "Tổng tiền ủng hộ tiếp nhận: 186.350.000 đồng. Đã phân bổ cho 41 hộ theo danh sách đính kèm."},
	{"9", "Danh sách công dân gọi nhập ngũ năm 2027", "Danh sách 24 công dân đủ điều kiện gọi nhập ngũ và 3 công dân thực hiện nghĩa vụ tham gia Công an nhân dân."},
	{"10", "Kết luận kiểm tra việc quản lý quỹ đền ơn đáp nghĩa", "Kết luận của Ban Thanh tra nhân dân: việc thu, chi quỹ đúng quy định; đề nghị công khai sổ quỹ hằng quý."},
	{"10", "Kết quả lấy phiếu tín nhiệm cán bộ chủ chốt", "Kết quả lấy phiếu tín nhiệm đối với 6 chức danh do Hội đồng nhân dân bầu."},
	{"11", "Dự thảo phương án sáp nhập thôn Đông và thôn Đoài – lấy ý kiến nhân dân", "Công khai dự thảo phương án sáp nhập hai thôn. Nhân dân góp ý qua tổ trưởng, hộp thư góp ý hoặc cổng thông tin trong 30 ngày."},
	{"11", "Báo cáo tổng hợp ý kiến nhân dân về quy hoạch sử dụng đất", "Tổng hợp 143 ý kiến của nhân dân và giải trình, tiếp thu của Ủy ban nhân dân."},
	{"12", "Mức thu phí, lệ phí do %s thu năm 2026", "Lệ phí chứng thực bản sao: 2.000 đồng/trang; lệ phí đăng ký hộ tịch theo Nghị quyết của Hội đồng nhân dân tỉnh."},
	{"13", "Danh mục thủ tục hành chính giải quyết tại %s", "Danh mục 112 thủ tục hành chính thuộc thẩm quyền giải quyết của cấp xã, kèm thời hạn và phí, lệ phí."},
	{"14", "Lịch tiếp công dân của Chủ tịch Ủy ban nhân dân năm 2026", "Chủ tịch Ủy ban nhân dân tiếp công dân vào thứ Năm hằng tuần tại trụ sở."},
}

// loadDisclosures publishes about a year of made-up information in each
// demo commune: on time mostly, a few late, drafts due and overdue, one
// withdrawn per commune, a corrected one, a budget with a PDF attached,
// the channels used, and two requests for information.
func loadDisclosures(ctx context.Context, s *store.Store) error {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	today := calendar.DayOf(s.Now())
	// #nosec G404 -- the demo is the same on every run: a seeded generator, no secret
	rnd := rand.New(rand.NewPCG(Seed, 4))
	for ci, c := range communes {
		u, err := s.UnitByCode(ctx, c.Code)
		if err != nil {
			return err
		}
		n := 12
		for i := range n {
			sm := samples[(ci*7+i*3)%len(samples)]
			d := &disclosure.Disclosure{UnitID: u.ID, Category: sm.Category, Title: name(sm.Title, u.Name), Body: name(sm.Body, u.Name),
				DecidedOn: today.AddDate(0, 0, -(355 - i*30 + rnd.IntN(10)))}
			if i >= n-2 { // the last two: decided lately, still drafts
				d.DecidedOn = cal.AddWorkingDays(today, -2-6*(n-1-i))
			}
			if err := s.CreateDisclosure(ctx, d); err != nil {
				return fmt.Errorf("demo disclosure %q: %w", d.Title, err)
			}
			if i >= n-2 {
				continue
			}
			lag := 1 + rnd.IntN(4)
			if i%5 == 3 {
				lag = 6 + rnd.IntN(3) // published late
			}
			if _, err := s.PublishDisclosure(ctx, d.ID, cal.AddWorkingDays(d.DecidedOn, lag)); err != nil {
				return err
			}
			if err := demoUses(ctx, s, cal, d.ID, i); err != nil {
				return err
			}
			switch {
			case i == 4:
				if _, err := s.WithdrawDisclosure(ctx, d.ID, "Quyết định đã được thay thế bằng quyết định mới; xem thông tin công khai sau."); err != nil {
					return err
				}
			case i == 2 && ci == 0:
				if _, err := s.CorrectDisclosure(ctx, d.ID, d.Title, d.Body+"\n\nĐính chính: bổ sung số liệu của thôn Nam.", "Bổ sung số liệu còn thiếu"); err != nil {
					return err
				}
			}
			if sm.Category == "2" && ci == 1 {
				pdf, err := budgetPDF(u.Name, d.DecidedOn)
				if err != nil {
					return err
				}
				text, _ := pdftext.Extract(pdf)
				if _, err := s.AddDisclosureFile(ctx, d.ID, disclosure.Attachment, "du-toan-ngan-sach-2026.pdf", pdf, text); err != nil {
					return err
				}
			}
		}
	}
	return demoRequests(ctx, s)
}

// name puts the commune's name where a sample has %s.
func name(s, unit string) string { return strings.ReplaceAll(s, "%s", unit) }

// demoUses records the channels used: posted at the office and the
// village houses, and broadcast where the law requires it (except now and
// then, so the checklist has something to show).
func demoUses(ctx context.Context, s *store.Store, cal *calendar.Calendar, id int64, i int) error {
	d, err := s.Disclosure(ctx, id)
	if err != nil {
		return err
	}
	today := calendar.DayOf(s.Now())
	uses := []disclosure.Use{{Channel: disclosure.Posting, From: d.PublishedOn, Note: "Bảng tin trụ sở Ủy ban nhân dân"}}
	if i%3 != 1 {
		uses = append(uses, disclosure.Use{Channel: disclosure.VillageHouse, From: d.PublishedOn, Note: "Nhà văn hóa các thôn, tổ dân phố"})
	}
	if r := d.Rule(); r.LoudspeakerDays > 0 && i%4 != 2 {
		to := d.PublishedOn.AddDate(0, 0, r.LoudspeakerDays-1)
		if !to.After(today) {
			uses = append(uses, disclosure.Use{Channel: disclosure.Loudspeaker, From: d.PublishedOn, To: to, Note: "Phát buổi sáng và buổi chiều"},
				disclosure.Use{Channel: disclosure.VillageHead, From: d.PublishedOn, Note: "Trưởng thôn thông báo tại họp thôn"})
		}
	}
	for _, u := range uses {
		if err := s.RecordUse(ctx, id, &u); err != nil {
			return err
		}
	}
	return nil
}

// demoRequests are two requests for information to Hàm Rồng: one
// answered, one waiting.
func demoRequests(ctx context.Context, s *store.Store) error {
	answered := &disclosure.Request{UnitCode: "14758", Name: "Nguyễn Văn Bình", Contact: "0912000001", Public: true,
		Question: "Đề nghị cung cấp danh sách các hộ được hỗ trợ khắc phục thiệt hại do bão và mức hỗ trợ của từng hộ."}
	waiting := &disclosure.Request{UnitCode: "14758", Name: "Trần Thị Lan", Contact: "lan.tran@example.vn", Public: true,
		Question: "Xin cung cấp thông tin về tiến độ và kinh phí xây dựng nhà văn hóa tổ dân phố Nam Ngạn."}
	for _, r := range []*disclosure.Request{answered, waiting} {
		if err := s.CreateInfoRequest(ctx, r); err != nil {
			return err
		}
	}
	_, err := s.AnswerInfoRequest(ctx, answered.ID, disclosure.Answered,
		"Danh sách và mức hỗ trợ đã được công khai tại trụ sở và trên cổng thông tin; xin xem mục Hỗ trợ thiên tai.", 0)
	return err
}

// budgetPDF is the attachment of a budget disclosure: a table printed as
// the commune prints it, to show that the text of PDFs is searched.
func budgetPDF(commune string, on time.Time) ([]byte, error) {
	r := []rune(commune)
	d := render.New(render.Letterhead{Issuer: "Ủy ban nhân dân\n" + strings.ToLower(string(r[:1])) + string(r[1:]), Date: on})
	d.Title("Biểu dự toán thu, chi ngân sách", "Năm 2026")
	d.Table(render.Table{Header: []string{"STT", "Nội dung", "Dự toán (triệu đồng)"}, Widths: []float64{1, 6, 3}, Align: "CLR",
		Rows: [][]string{{"1", "Thu ngân sách trên địa bàn", "12.450"}, {"2", "Chi thường xuyên", "9.870"},
			{"3", "Chi đầu tư phát triển", "2.580"}, {"4", "Dự phòng ngân sách", "250"}}})
	d.Sign(nil, render.Signer{Title: "TM. Ủy ban nhân dân\nChủ tịch", Signed: true})
	return d.Bytes()
}
