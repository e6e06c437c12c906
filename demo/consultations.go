package demo

import (
	"context"
	"fmt"
	"time"

	"coso/calendar"
	"coso/consultation"
	"coso/render"
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
Khu đồng Mả Trạch, phía tây Tổ dân phố Nam Ngạn, giáp đường ven sông Mã.
2. Quy mô
Diện tích 4,2 ha; 96 lô đất ở, mỗi lô 100–150 m².
3. Hạ tầng
Đường nội bộ rộng 7 m, rãnh thoát nước hai bên, điện chiếu sáng.
4. Đất dành cho công trình công cộng
Một nhà văn hóa, một sân thể thao và một khu vui chơi cho trẻ em.`

// opinion is a made-up opinion of the demo: by the n-th representative of
// the commune's households (n ≥ 0), or entered by an officer (n < 0).
type opinion struct {
	n       int
	section int
	stance  consultation.Stance
	text    string
	named   bool
	channel consultation.Form // offline channel, for n < 0
	org     string
	hide    consultation.HideReason
}

// regulationOpinions are the residents' opinions on the ward's democracy
// regulation.
var regulationOpinions = []opinion{
	{n: 0, section: 2, stance: consultation.Disagree, text: "Đề nghị bổ sung vào Điều 2: công khai danh sách hộ nghèo, cận nghèo được hỗ trợ.", named: true},
	{n: 1, section: 3, stance: consultation.Agree, text: "Đồng ý. Nên đăng thêm lên nhóm Zalo của từng tổ dân phố để bà con ở xa cũng biết."},
	{n: 2, section: 4, stance: consultation.OtherOp, text: "20 ngày là ngắn với người đi làm ăn xa; đề nghị 30 ngày với quy hoạch, dự án."},
	{n: 3, section: 5, stance: consultation.Disagree, text: "Tiếp công dân chỉ sáng thứ Năm thì người đi làm không đến được; đề nghị thêm sáng thứ Bảy."},
	{n: 4, section: 5, stance: consultation.Disagree, text: "Tiếp công dân nên có thêm buổi sáng thứ Bảy cho người đi làm.", named: true},
	{n: 5, section: 0, stance: consultation.Agree, text: "Dự thảo rõ ràng, dễ hiểu."},
	{n: 6, section: 1, stance: consultation.OtherOp, text: "Bán đất nền giá rẻ khu đô thị mới, liên hệ ngay để có giá tốt!!!", hide: consultation.Spam},
	{n: -1, section: 4, stance: consultation.OtherOp, text: "Ban Thường trực đề nghị ghi rõ trách nhiệm công khai kết quả tiếp thu, giải trình trong 5 ngày làm việc.",
		channel: consultation.Front, org: "Ban Thường trực Ủy ban MTTQ Việt Nam phường Hàm Rồng"},
	{n: -1, section: 5, stance: consultation.Disagree, text: "Hội nghị tổ dân phố thống nhất đề nghị tiếp công dân thêm sáng thứ Bảy.", channel: consultation.Meeting},
}

// planOpinions are the opinions on the closed land-use plan: a campaign
// of near-identical comments on section 4, typed in slightly different
// ways, and a few others.
var planOpinions = func() []opinion {
	var out []opinion
	variants := []string{
		"Đề nghị dành đất làm nhà văn hóa và sân thể thao rộng hơn cho thôn.",
		"Đề nghị dành đất làm nhà văn hoá và sân thể thao rộng hơn cho thôn",
		"de nghi danh dat lam nha van hoa va san the thao rong hon cho thon",
		"ĐỀ NGHỊ DÀNH ĐẤT LÀM NHÀ VĂN HÓA VÀ SÂN THỂ THAO RỘNG HƠN CHO THÔN!",
	}
	for i := range 36 {
		out = append(out, opinion{n: i, section: 4, stance: consultation.Disagree, text: variants[i%len(variants)]})
	}
	out = append(out,
		opinion{n: 36, section: 2, stance: consultation.Disagree, text: "Lô 100 m² là quá nhỏ cho hộ nông nghiệp; đề nghị tối thiểu 150 m².", named: true},
		opinion{n: 37, section: 3, stance: consultation.Agree, text: "Đồng ý làm đường 7 m."},
		opinion{n: 38, section: 1, stance: consultation.Agree},
		opinion{n: -1, section: 2, stance: consultation.Disagree, text: "Phiếu lấy ý kiến: hộ đề nghị lô tối thiểu 150 m².", channel: consultation.Sheet},
		opinion{n: -1, section: 3, stance: consultation.OtherOp, text: "Gọi đường dây nóng: hỏi khi nào bắt đầu làm đường.", channel: consultation.Hotline},
	)
	return out
}()

// loadConsultations puts drafts to the people of the demo communes: a
// ward's democracy regulation published 6 days ago with residents'
// comments; its land-use plan, posted on paper 35 days ago, whose opinion
// sheets (a campaign of like ones among them) were entered and which is
// closed, waiting for its answers; a commune's street names, answered and
// published; and a draft still being prepared. Past consultations are
// recorded with their posting date, as an officer records a consultation
// posted on paper first: nothing moves the clock, so the audit trail says
// when each thing was recorded.
func loadConsultations(ctx context.Context, s *store.Store) error {
	today := calendar.DayOf(s.Now())
	items := []struct {
		commune, title string
		subject        consultation.Subject
		text           string
		forms          []consultation.Form
		ago            int // days since it was published; -1: a draft
		days           int
		close, answer  bool
		opinions       []opinion
	}{
		{"14758", "Dự thảo Quy chế thực hiện dân chủ ở phường Hàm Rồng", consultation.DemocracyRule, democracyRule,
			[]consultation.Form{consultation.Meeting, consultation.Box, consultation.Front}, 6, 25, false, false, regulationOpinions},
		{"14758", "Phương án quy hoạch khu dân cư mới Nam Ngạn", consultation.LandUsePlan, landPlan,
			[]consultation.Form{consultation.Meeting, consultation.Sheet, consultation.Hotline}, 35, 30, true, false, planOpinions},
		{"15865", "Phương án đặt tên đường trên địa bàn xã", consultation.OtherSubject,
			"1. Đường trục xã: đường Lê Lợi\nTừ ủy ban xã đến chợ.\n2. Đường liên thôn: đường Bà Triệu\nTừ thôn Nghĩa Trang đến thôn Kim Sơn.",
			[]consultation.Form{consultation.Meeting, consultation.Sheet}, 45, 25, true, true, namingOpinions},
		{"14797", "Dự thảo phương án sáp nhập Tổ dân phố Lam Sơn và Tổ dân phố Ba Đình", consultation.UnitChange,
			"Sáp nhập Tổ dân phố Lam Sơn và Tổ dân phố Ba Đình thành Tổ dân phố Lam Sơn\nTrụ sở đặt tại nhà văn hóa Tổ dân phố Lam Sơn\nBầu trưởng tổ dân phố mới sau khi sáp nhập",
			[]consultation.Form{consultation.Meeting, consultation.Sheet}, -1, 25, false, false, nil},
	}
	for _, it := range items {
		u, err := s.UnitByCode(ctx, it.commune)
		if err != nil {
			return err
		}
		opens := today.AddDate(0, 0, -max(it.ago, 0))
		c := &consultation.Consultation{UnitID: u.ID, Subject: it.subject, Title: it.title, Forms: it.forms,
			Summary:  "Ủy ban nhân dân đề nghị nhân dân nghiên cứu dự thảo và cho ý kiến vào từng điều, từng mục.",
			Sections: consultation.Split(it.text), OpensOn: today, ClosesOn: consultation.EarliestClose(today, it.days)}
		if it.ago < 0 {
			c.Sections = consultation.SplitLines(it.text)
		}
		if err := s.CreateConsultation(ctx, c); err != nil {
			return fmt.Errorf("demo consultation %q: %w", c.Title, err)
		}
		if it.ago < 0 {
			continue
		}
		c.OpensOn, c.ClosesOn = opens, consultation.EarliestClose(opens, it.days)
		if err := s.OpenConsultationOn(ctx, c.ID, opens, c.ClosesOn, ""); err != nil {
			return err
		}
		if err := demoOpinions(ctx, s, c, it.opinions, today.After(c.ClosesOn)); err != nil {
			return fmt.Errorf("demo opinions of %q: %w", c.Title, err)
		}
		if it.close {
			if err := s.CloseConsultation(ctx, c.ID); err != nil {
				return err
			}
		}
		if it.answer {
			if err := demoAnswer(ctx, s, c.ID); err != nil {
				return fmt.Errorf("demo answer of %q: %w", c.Title, err)
			}
		}
	}
	return loadNamedHouseholds(ctx, s, today)
}

// namingOpinions are the opinions on street names, answered and published.
var namingOpinions = []opinion{
	{n: 0, section: 1, stance: consultation.Agree, text: "Đồng ý tên Lê Lợi cho đường trục xã.", named: true},
	{n: 1, section: 1, stance: consultation.Agree},
	{n: 2, section: 2, stance: consultation.OtherOp, text: "Đề nghị đặt tên đường liên thôn là đường Nghĩa Trang theo tên làng cổ."},
	{n: 3, section: 2, stance: consultation.OtherOp, text: "de nghi dat ten duong lien thon la duong Nghia Trang theo ten lang co"},
	{n: 4, section: 2, stance: consultation.Disagree, text: "Không đồng ý tên Bà Triệu vì xã bên đã có đường Bà Triệu."},
	{n: -1, section: 2, stance: consultation.Disagree, text: "Hội nghị thôn Kim Sơn đề nghị chọn tên khác.", channel: consultation.Meeting},
}

// demoAnswer answers every group of a closed consultation, records the
// outcome of each section and publishes the report.
func demoAnswer(ctx context.Context, s *store.Store, id int64) error {
	if err := answerGroups(ctx, s, id, "Tên đường được chọn theo danh mục tên danh nhân đã được Hội đồng nhân dân tỉnh thông qua; trùng tên với xã khác không trái quy định vì khác địa bàn."); err != nil {
		return err
	}
	if err := s.SetOutcome(ctx, id, 1, consultation.Kept, ""); err != nil {
		return err
	}
	if err := s.SetOutcome(ctx, id, 2, consultation.Amended, "Đổi tên đường liên thôn thành đường Nghĩa Trang theo đa số ý kiến."); err != nil {
		return err
	}
	return s.PublishReport(ctx, id, "Ủy ban nhân dân xã tiếp thu ý kiến nhân dân, trình Hội đồng nhân dân xã đặt tên đường Lê Lợi và đường Nghĩa Trang.",
		fmt.Sprintf("/consultations/%d/report", id))
}

// demoOpinions records the opinions: while the consultation is open,
// the residents' comments on the portal (representatives of the commune's
// households, as people the identity provider verified); once its period
// is over, the same residents' opinion sheets, entered by an officer with
// the date they came in. Opinions of officers' channels (n < 0) are
// entered with their letter when an organisation sent one.
func demoOpinions(ctx context.Context, s *store.Store, c *consultation.Consultation, ops []opinion, past bool) error {
	hs, err := s.Households(ctx, store.HouseholdFilter{CommuneID: c.UnitID, Limit: 100})
	if err != nil {
		return err
	}
	received := func(i int) time.Time { // spread over the period
		return c.OpensOn.AddDate(0, 0, 1+i%max(1, calendar.DaysBetween(c.OpensOn, c.ClosesOn)))
	}
	for i, op := range ops {
		o := &consultation.Opinion{Section: op.section, Stance: op.stance, Text: op.text, ShowName: op.named}
		switch {
		case op.n >= len(hs):
			continue
		case op.n >= 0 && !past:
			err = s.PostComment(ctx, c.ID, store.Commenter{PersonID: hs[op.n].RepresentativeID}, o)
		case op.n >= 0:
			o.Channel, o.VillageID, o.ReceivedOn = consultation.Sheet, hs[op.n].VillageID, received(i)
			o.Sex, o.AgeBand = []string{"female", "male"}[i%2], consultation.AgeBands()[1+i%4]
			o.SourceNote = fmt.Sprintf("Phiếu lấy ý kiến hộ %s", hs[op.n].Code)
			err = s.EnterOpinion(ctx, c.ID, o, nil)
		default:
			o.Channel, o.Organisation, o.ReceivedOn = op.channel, op.org, received(i)
			if !past {
				o.ReceivedOn = calendar.DayOf(s.Now())
			}
			var file *store.Upload
			if op.channel == consultation.Front {
				letter, err := letterPDF(op.org, op.text, o.ReceivedOn)
				if err != nil {
					return err
				}
				file = &store.Upload{Name: "van-ban-gop-y.pdf", Data: letter}
			}
			err = s.EnterOpinion(ctx, c.ID, o, file)
		}
		if err != nil {
			return err
		}
		if op.hide != "" {
			if err := s.HideOpinion(ctx, o.ID, op.hide); err != nil {
				return err
			}
		}
	}
	return nil
}

// answerGroups answers every group of opinions of a closed consultation:
// accepted, or explained with the reason when the group disagrees.
func answerGroups(ctx context.Context, s *store.Store, id int64, disagreeReason string) error {
	gs, err := s.OpinionGroups(ctx, id)
	if err != nil {
		return err
	}
	for _, g := range gs {
		r, reason := consultation.Accepted, ""
		if g.Stance == consultation.Disagree {
			r, reason = consultation.Explained, disagreeReason
		}
		if err := s.AnswerGroup(ctx, id, g.ID, r, reason); err != nil {
			return err
		}
	}
	return nil
}

// letterPDF is an organisation's letter of opinion, printed by render.
func letterPDF(org, text string, on time.Time) ([]byte, error) {
	d := render.New(render.Letterhead{Issuer: org, Date: on})
	d.Title("Văn bản góp ý", "Về dự thảo đưa ra lấy ý kiến nhân dân")
	d.Text(text)
	d.Sign(nil, render.Signer{Title: "TM. Ban Thường trực", Signed: true})
	return d.Bytes()
}
