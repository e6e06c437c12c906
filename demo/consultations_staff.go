package demo

import (
	"context"
	"fmt"
	"time"

	"coso/calendar"
	"coso/consultation"
	"coso/store"
)

// loadStaffConsultations puts up the school asking its staff (art. 53)
// and the irrigation company asking its workers (art. 71). Accounts runs
// it once their units exist; a second run finds them and adds nothing.
func loadStaffConsultations(ctx context.Context, s *store.Store) error {
	today := calendar.DayOf(s.Now())
	school, err := s.UnitByCode(ctx, AgencyCode)
	if err != nil {
		return err
	}
	if done, err := s.Consultations(ctx, store.ConsultationFilter{UnitID: school.ID, Limit: 1}); err != nil || len(done) > 0 {
		return err
	}
	rules := &consultation.Consultation{UnitID: school.ID, Subject: consultation.AgencyRules, Audience: consultation.StaffAll,
		Title:   "Dự thảo Quy chế chi tiêu nội bộ năm 2026 của Trường Tiểu học Hàm Rồng",
		Summary: "Nhà trường lấy ý kiến cán bộ, giáo viên, nhân viên về dự thảo quy chế chi tiêu nội bộ trước hội nghị viên chức.",
		Sections: consultation.Split("Điều 1. Công tác phí\nCán bộ, giáo viên đi công tác được hỗ trợ 200.000 đồng/ngày.\n" +
			"Điều 2. Văn phòng phẩm\nMỗi tổ chuyên môn được cấp theo định mức 1.500.000 đồng/năm học.\n" +
			"Điều 3. Chi thu nhập tăng thêm\nKinh phí tiết kiệm được chi theo hệ số hoàn thành nhiệm vụ."),
		Forms: []consultation.Form{consultation.Meeting, consultation.Sheet, consultation.Box}, OpensOn: today, ClosesOn: today.AddDate(0, 0, 10)}
	opens := today.AddDate(0, 0, -3)
	if err := createAndOpen(ctx, s, rules, opens, opens.AddDate(0, 0, 10)); err != nil {
		return err
	}
	for _, o := range []consultation.Opinion{
		{Section: 2, Stance: consultation.Disagree, Channel: consultation.Meeting, ReceivedOn: opens.AddDate(0, 0, 1),
			Text: "Tổ khối 4–5 đề nghị tăng định mức văn phòng phẩm lên 2.000.000 đồng vì có thêm lớp.", SourceNote: "Biên bản họp tổ chuyên môn khối 4–5"},
		{Section: 3, Stance: consultation.Agree, Channel: consultation.Sheet, ReceivedOn: opens.AddDate(0, 0, 2),
			Text: "Đồng ý chia theo hệ số hoàn thành nhiệm vụ.", SourceNote: "Phiếu lấy ý kiến số 07"},
	} {
		if err := s.EnterOpinion(ctx, rules.ID, &o, nil); err != nil {
			return fmt.Errorf("demo staff opinion: %w", err)
		}
	}

	company, err := s.UnitByCode(ctx, EnterpriseCode)
	if err != nil {
		return err
	}
	labour := &consultation.Consultation{UnitID: company.ID, Subject: consultation.EnterpriseSafety, Audience: consultation.WorkersAll,
		Title:   "Biện pháp bảo đảm an toàn lao động khi vận hành cống, trạm bơm mùa mưa lũ 2026",
		Summary: "Công ty lấy ý kiến người lao động các cụm trạm bơm trước khi ban hành.",
		Sections: consultation.Split("1. Trang bị phao cứu sinh, áo phao cho mọi ca trực tại cống, trạm bơm.\n" +
			"2. Không vận hành một mình khi mực nước trên báo động II.\n3. Kiểm tra thiết bị điện trước mỗi ca."),
		Forms: []consultation.Form{consultation.Meeting, consultation.Box}, OpensOn: today, ClosesOn: today.AddDate(0, 0, 15)}
	return createAndOpen(ctx, s, labour, today, labour.ClosesOn)
}

// loadNamedHouseholds opens the ward's draft decision to take land for a
// lane (art. 25.8), naming the four households along it, whose
// representatives are texted when it opens (art. 27).
func loadNamedHouseholds(ctx context.Context, s *store.Store, today time.Time) error {
	village, err := s.UnitByCode(ctx, "14758.01")
	if err != nil {
		return err
	}
	hs, err := s.Households(ctx, store.HouseholdFilter{VillageID: village.ID, Limit: 4})
	if err != nil {
		return err
	}
	c := &consultation.Consultation{UnitID: village.ParentID, Subject: consultation.NamedCitizens, Audience: consultation.AffectedOnes,
		AudienceNote: "Các hộ có đất trong chỉ giới mở rộng ngõ 12, " + village.Name,
		Title:        "Dự thảo quyết định thu hồi một phần đất để mở rộng ngõ 12, " + village.Name,
		Summary:      "Ủy ban nhân dân phường lấy ý kiến các hộ có đất bị thu hồi một phần về phạm vi và phương án hỗ trợ.",
		Sections: consultation.Split("Điều 1. Phạm vi thu hồi\nMỗi hộ hai bên ngõ lùi 1,5 m tính từ mép ngõ hiện trạng.\n" +
			"Điều 2. Hỗ trợ\nHỗ trợ theo đơn giá bồi thường của tỉnh năm 2026 và chi phí xây lại tường rào."),
		Forms: []consultation.Form{consultation.Meeting}, OpensOn: today, ClosesOn: consultation.EarliestClose(today, 20)}
	for _, h := range hs {
		c.Households = append(c.Households, h.Code)
	}
	if err := createAndOpen(ctx, s, c, today, c.ClosesOn); err != nil {
		return err
	}
	// The texts to the households were sent when it opened: the demo's
	// outbox shows them as sent, and a real gateway never gets them.
	msgs, err := s.ClaimMessages(ctx, s.Now(), 100, time.Minute)
	if err != nil {
		return err
	}
	for _, m := range msgs {
		if err := s.MarkSent(ctx, m.ID, m.Claim, s.Now()); err != nil {
			return err
		}
	}
	return nil
}

func createAndOpen(ctx context.Context, s *store.Store, c *consultation.Consultation, opens, closes time.Time) error {
	if err := s.CreateConsultation(ctx, c); err != nil {
		return fmt.Errorf("demo consultation %q: %w", c.Title, err)
	}
	return s.OpenConsultationOn(ctx, c.ID, opens, closes, "")
}
