package demo

import (
	"context"
	"fmt"
	"time"

	"coso/calendar"
	"coso/consultation"
	"coso/store"
)

// democracyRule is the draft democracy regulation of a ward, as a People's
// Committee would word it (made up).
const democracyRule = `Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc thực hiện dân chủ trong hoạt động của Ủy ban nhân dân phường và ở các tổ dân phố.
Điều 2. Những nội dung công khai
1. Kế hoạch phát triển kinh tế – xã hội hằng năm.
2. Dự toán, quyết toán ngân sách phường.
3. Các khoản huy động, đóng góp của nhân dân.
Điều 3. Hình thức công khai
Niêm yết tại trụ sở Ủy ban nhân dân, nhà văn hóa các tổ dân phố; đăng trên cổng thông tin điện tử; đọc trên hệ thống loa truyền thanh ba ngày liên tục.
Điều 4. Lấy ý kiến nhân dân
Ủy ban nhân dân lấy ý kiến nhân dân ít nhất 20 ngày; tổng hợp, tiếp thu, giải trình và công khai kết quả.
Điều 5. Tiếp công dân
Chủ tịch Ủy ban nhân dân tiếp công dân định kỳ vào sáng thứ Năm hằng tuần.
Điều 6. Hiệu lực
Quy chế có hiệu lực kể từ ngày ký.`

// landPlan is a draft plan of a residential area, in numbered parts.
const landPlan = `1. Vị trí khu đất
Khu đồng Mả Trạch, phía tây thôn Phượng Mao, giáp đường liên xã.
2. Quy mô
Diện tích 4,2 ha; 96 lô đất ở, mỗi lô 100–150 m².
3. Hạ tầng
Đường nội bộ rộng 7 m, rãnh thoát nước hai bên, điện chiếu sáng.
4. Đất dành cho công trình công cộng
Một nhà văn hóa, một sân thể thao và một khu vui chơi cho trẻ em.`

// loadConsultations puts drafts to the people of the demo communes: a
// ward's democracy regulation open now, a land-use plan opened 40 days
// ago and closed, and a draft still being prepared.
func loadConsultations(ctx context.Context, s *store.Store) error {
	clock := s.Clock()
	defer s.SetClock(clock)
	start := clock()
	today := calendar.DayOf(start)
	items := []struct {
		commune, title string
		subject        consultation.Subject
		text           string
		forms          []consultation.Form
		ago            int // days since it opened; -1: a draft
		days           int
		close          bool
	}{
		{"14758", "Dự thảo Quy chế thực hiện dân chủ ở phường Hàm Rồng", consultation.DemocracyRule, democracyRule,
			[]consultation.Form{consultation.Meeting, consultation.Box, consultation.Front}, 6, 25, false},
		{"15865", "Phương án quy hoạch khu dân cư mới thôn Phượng Mao", consultation.LandUsePlan, landPlan,
			[]consultation.Form{consultation.Meeting, consultation.Sheet, consultation.Hotline}, 40, 30, true},
		{"14797", "Dự thảo phương án sáp nhập Tổ dân phố Lam Sơn và Tổ dân phố Ba Đình", consultation.UnitChange,
			"Sáp nhập Tổ dân phố Lam Sơn và Tổ dân phố Ba Đình thành Tổ dân phố Lam Sơn\nTrụ sở đặt tại nhà văn hóa Tổ dân phố Lam Sơn\nBầu trưởng tổ dân phố mới sau khi sáp nhập",
			[]consultation.Form{consultation.Meeting, consultation.Sheet}, -1, 25, false},
	}
	for _, it := range items {
		u, err := s.UnitByCode(ctx, it.commune)
		if err != nil {
			return err
		}
		opens := today
		if it.ago > 0 {
			opens = today.AddDate(0, 0, -it.ago)
			s.SetClock(func() time.Time { return start.AddDate(0, 0, -it.ago) })
		}
		c := &consultation.Consultation{UnitID: u.ID, Subject: it.subject, Title: it.title, Forms: it.forms,
			Summary:  "Ủy ban nhân dân đề nghị nhân dân nghiên cứu dự thảo và cho ý kiến vào từng điều, từng mục.",
			Sections: consultation.Split(it.text), ClosesOn: consultation.EarliestClose(opens, it.days)}
		if it.ago < 0 {
			c.Sections = consultation.SplitLines(it.text)
		}
		if err := s.CreateConsultation(ctx, c); err != nil {
			return fmt.Errorf("demo consultation %q: %w", c.Title, err)
		}
		if it.ago >= 0 {
			if err := s.OpenConsultation(ctx, c.ID, time.Time{}); err != nil {
				return err
			}
		}
		s.SetClock(clock)
		if it.close {
			if err := s.CloseConsultation(ctx, c.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
