package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"coso/calendar"
	"coso/consultation"
	"coso/decision"
	"coso/petition"
	"coso/place"
	"coso/store"
)

// Activity counts the year of activity Generate adds besides disclosures.
type Activity struct {
	Consultations, Opinions, Matters, Ballots, Petitions int
}

// consultationTopics are what communes consult their people on; %s is the
// commune's name. Each line of a text is a section opinions refer to.
var consultationTopics = []struct{ title, text string }{
	{"Dự thảo Quy chế thực hiện dân chủ ở %s",
		"Chương I. Quy định chung\nPhạm vi, đối tượng áp dụng.\nChương II. Những nội dung công khai\nThời gian, hình thức công khai.\nChương III. Nhân dân bàn và quyết định\nHội nghị thôn, phát phiếu lấy ý kiến hộ gia đình."},
	{"Kế hoạch sử dụng đất năm 2027 của %s",
		"1. Đất xây dựng trường mầm non\nMở rộng 2.400 m² về phía đông.\n2. Đất cụm công nghiệp\nChuyển 6 ha đất lúa một vụ.\n3. Đất ở nông thôn\nĐấu giá 35 lô tại khu dân cư mới."},
	{"Phương án đặt tên đường trên địa bàn %s",
		"1. Đường trục chính: đường Lê Lợi\nTừ trụ sở ủy ban đến chợ.\n2. Đường liên thôn: đường Bà Triệu\nTừ thôn 1 đến thôn 5."},
	{"Dự thảo đề án xây dựng nông thôn mới nâng cao ở %s",
		"1. Giao thông\nBê tông hoá 100% đường ngõ xóm.\n2. Môi trường\nThu gom rác thải hai lần một tuần.\n3. Văn hoá\nMỗi thôn một nhà văn hoá đạt chuẩn."},
}

var opinionTexts = []struct {
	stance consultation.Stance
	text   string
}{
	{consultation.Agree, "Nhất trí với dự thảo."},
	{consultation.Agree, "Đồng ý, đề nghị triển khai sớm."},
	{consultation.Disagree, "Không đồng ý vì ảnh hưởng đến đất sản xuất của các hộ."},
	{consultation.OtherOp, "Đề nghị công khai dự toán kinh phí trước khi thực hiện."},
	{consultation.OtherOp, "de nghi cong khai du toan kinh phi truoc khi thuc hien"},
	{consultation.OtherOp, "Đề nghị lấy thêm ý kiến của người cao tuổi trong thôn."},
}

// matterTopics are what villages decide at their meetings.
var matterTopics = []struct{ title, question string }{
	{"Đóng góp làm đường bê tông ngõ xóm", "Mỗi hộ đóng góp 400.000 đồng để bê tông hoá đường ngõ xóm, ngân sách xã hỗ trợ 50%?"},
	{"Sửa chữa nhà văn hoá thôn", "Sửa mái và nền nhà văn hoá thôn với mức đóng góp 200.000 đồng mỗi hộ?"},
	{"Lắp đèn chiếu sáng đường làng", "Lắp 30 bóng đèn năng lượng mặt trời trên trục đường chính của thôn?"},
	{"Quy ước giữ gìn vệ sinh môi trường", "Thông qua quy ước thu gom rác hai lần mỗi tuần, mỗi hộ nộp 15.000 đồng một tháng?"},
}

// petitionTopics are what residents raise, anonymously, agreeing to
// publication of the answer.
var petitionTopics = []struct {
	kind           petition.Kind
	subject, body  string
	answer, public string
}{
	{petition.Feedback, "Đèn đường hỏng nhiều ngày", "Đoạn đường trục thôn có 4 cột đèn không sáng đã hơn hai tuần, buổi tối đi lại nguy hiểm.",
		"Ủy ban đã đề nghị điện lực thay bóng; đèn đã sáng lại.", "Phản ánh về đèn đường hỏng: đã thay bóng."},
	{petition.Feedback, "Rác thải đổ bừa bãi ven kênh", "Ven kênh tưới đầu làng có người đổ rác thải sinh hoạt, bốc mùi.",
		"Đã tổ chức dọn vệ sinh và đặt biển cấm đổ rác; giao thôn giám sát.", "Phản ánh về rác ven kênh: đã dọn, đặt biển cấm."},
	{petition.Feedback, "Đề nghị sửa cầu tràn", "Cầu tràn qua suối bị sạt một bên, mùa mưa học sinh đi học rất nguy hiểm.",
		"Ủy ban đưa sửa cầu tràn vào kế hoạch đầu tư công năm tới; trước mắt đã đặt biển cảnh báo.", "Kiến nghị sửa cầu tràn: đã đặt biển cảnh báo, đưa vào kế hoạch."},
	{petition.Feedback, "Tiếng ồn từ xưởng mộc ban đêm", "Xưởng mộc cạnh khu dân cư chạy máy sau 22 giờ, ảnh hưởng giấc ngủ của người dân.",
		"Đã kiểm tra, nhắc nhở chủ xưởng chỉ hoạt động đến 21 giờ.", "Phản ánh tiếng ồn xưởng mộc: đã nhắc nhở chủ xưởng."},
}

// genActivity adds a year of the other parts to each commune, modest
// enough to keep the full province within its time: a consultation with
// opinions entered from sheets (closed, and answered in every other
// commune); a matter decided at a meeting of the first village, sent and
// recognised; in every fourth commune an online vote of the second village
// with ballots from half its households; and petitions received, accepted
// and, most, answered, some rated. Each step runs at the day it happened.
// Petitions are made only when the store has keys to seal identities.
func genActivity(ctx context.Context, s *store.Store, sc Scale, communes []place.Row) (Activity, error) {
	var a Activity
	cal, err := s.Calendar(ctx)
	if err != nil {
		return a, err
	}
	orig := s.Clock()
	defer s.SetClock(orig)
	today := calendar.DayOf(orig())
	on := func(d time.Time) { s.SetClock(func() time.Time { return d.Add(9 * time.Hour).UTC() }) }
	d := &decisionDemo{s: s, on: on}
	r := rand.New(rand.NewPCG(sc.Seed, 1<<42)) // #nosec G404 -- seeded on purpose: the same province every run, no secret
	for i, c := range communes {
		u, err := s.UnitByCode(ctx, c.Unit.Code)
		if err != nil {
			return a, err
		}
		ago := 40 + r.IntN(300) // days
		if err := genConsultation(ctx, s, u, today.AddDate(0, 0, -ago), i, on, &a); err != nil {
			return a, fmt.Errorf("consultation of %s: %w", u.Code, err)
		}
		wd := func(n int) time.Time { return cal.AddWorkingDays(today, n) }
		back := -(20 + r.IntN(200)) // working days
		if err := genMatter(ctx, d, c.Unit.Code+".01", i, wd, back); err != nil {
			return a, fmt.Errorf("matter of %s: %w", u.Code, err)
		}
		a.Matters++
		if i%4 == 0 && sc.VillagesPerCommune > 1 {
			n, err := genOnlineVote(ctx, d, c.Unit.Code+".02", i, wd)
			if err != nil {
				return a, fmt.Errorf("online vote of %s: %w", u.Code, err)
			}
			a.Matters++
			a.Ballots += n
		}
		if s.CanSeal() {
			n, err := genPetitions(ctx, s, u, cal, today, r, on)
			if err != nil {
				return a, fmt.Errorf("petitions of %s: %w", u.Code, err)
			}
			a.Petitions += n
		}
	}
	return a, nil
}

// genConsultation opens a consultation of the commune on day, enters
// opinions from sheets of its households' representatives over the
// period, closes it and, in every other commune, answers it.
func genConsultation(ctx context.Context, s *store.Store, u *place.Unit, day time.Time, i int, on func(time.Time), a *Activity) error {
	t := consultationTopics[i%len(consultationTopics)]
	closes := consultation.EarliestClose(day, 25)
	on(day)
	c := &consultation.Consultation{UnitID: u.ID, Subject: consultation.OtherSubject, Title: fmt.Sprintf(t.title, u.Name),
		Forms:    []consultation.Form{consultation.Meeting, consultation.Sheet},
		Summary:  "Ủy ban nhân dân đề nghị nhân dân nghiên cứu dự thảo và cho ý kiến vào từng mục.",
		Sections: consultation.Split(t.text), OpensOn: day, ClosesOn: closes}
	if err := s.CreateConsultation(ctx, c); err != nil {
		return err
	}
	if err := s.OpenConsultationOn(ctx, c.ID, day, closes, ""); err != nil {
		return err
	}
	a.Consultations++
	hs, err := s.Households(ctx, store.HouseholdFilter{CommuneID: u.ID, Limit: 12})
	if err != nil {
		return err
	}
	on(closes) // the sheets are entered as the period ends
	for k, h := range hs {
		op := opinionTexts[(i+k)%len(opinionTexts)]
		o := &consultation.Opinion{Section: 1 + k%len(c.Sections), Stance: op.stance, Text: op.text,
			Channel: consultation.Sheet, VillageID: h.VillageID, ReceivedOn: day.AddDate(0, 0, 1+k%20),
			Sex: []string{"female", "male"}[k%2], AgeBand: consultation.AgeBands()[1+k%4],
			SourceNote: "Phiếu lấy ý kiến hộ " + h.Code}
		if err := s.EnterOpinion(ctx, c.ID, o, nil); err != nil {
			return err
		}
		a.Opinions++
	}
	on(closes.AddDate(0, 0, 1))
	if err := s.CloseConsultation(ctx, c.ID); err != nil {
		return err
	}
	if i%2 == 1 {
		return nil // closed, the answer still to come
	}
	if err := answerGroups(ctx, s, c.ID, "Phương án đã cân nhắc đất sản xuất; các hộ bị ảnh hưởng được bố trí đất đổi theo quy định."); err != nil {
		return err
	}
	for k := range c.Sections {
		if err := s.SetOutcome(ctx, c.ID, k+1, consultation.Kept, "Giữ nguyên vì phù hợp quy định của pháp luật; các ý kiến khác đã được giải trình."); err != nil {
			return err
		}
	}
	return s.PublishReport(ctx, c.ID, "Ủy ban nhân dân tiếp thu ý kiến nhân dân và hoàn thiện dự thảo trình cấp có thẩm quyền.",
		fmt.Sprintf("/consultations/%d/report", c.ID))
}

// genMatter takes a matter of the village through its meeting to the
// commune's recognition, starting back working days ago.
func genMatter(ctx context.Context, d *decisionDemo, village string, i int, wd func(int) time.Time, back int) error {
	t := matterTopics[i%len(matterTopics)]
	m := &decision.Matter{Subject: decision.PublicWorks, Title: t.title, Question: t.question, Forms: []decision.Form{decision.Meeting},
		Documents: []decision.Document{{Title: "Dự toán kinh phí và phương án đóng góp"}}}
	hs, err := d.matter(ctx, village, wd(back), m)
	if err != nil {
		return err
	}
	// Most pass (over two thirds of all households agree); one in seven
	// does not.
	present := len(hs) * (85 + i%14) / 100
	agree := present * (85 + i%13) / 100
	if i%7 == 3 {
		agree = present * 55 / 100
	}
	if err := d.meeting(ctx, m, hs, wd(back+4), present, agree); err != nil {
		return err
	}
	if err := d.send(ctx, m, wd(back+5)); err != nil {
		return err
	}
	d.on(wd(back + 8))
	return d.s.RecogniseMatter(ctx, m.ID, wd(back+8), fmt.Sprintf("Quyết định số %d/QĐ-UBND", 100+i))
}

// genOnlineVote records the village's agreement to vote online and an
// online vote, open now, with ballots from half its households.
func genOnlineVote(ctx context.Context, d *decisionDemo, village string, i int, wd func(int) time.Time) (int, error) {
	id, hs, err := d.households(ctx, village)
	if err != nil {
		return 0, err
	}
	d.on(wd(-40))
	if err := d.s.RecordOptIn(ctx, &decision.OptIn{VillageID: id, DecidedOn: wd(-40), Households: len(hs), Agreed: len(hs) * 2 / 3}); err != nil {
		return 0, err
	}
	m := &decision.Matter{Subject: decision.OtherMatter, Title: "Chọn ngày tổng vệ sinh hằng tháng",
		Question: "Thôn tổng vệ sinh đường làng vào ngày nào hằng tháng?", Forms: []decision.Form{decision.Online},
		Choices: []string{"Chủ nhật đầu tháng", "Chủ nhật cuối tháng"}, Deadline: wd(8)}
	if _, err := d.matter(ctx, village, wd(-2), m); err != nil {
		return 0, err
	}
	for k, h := range hs[:len(hs)/2] {
		if _, err := d.s.CastOnline(ctx, m.ID, h, (i+k)%3/2); err != nil {
			return k, err
		}
	}
	return len(hs) / 2, nil
}

// genPetitions receives a few anonymous petitions over the year, accepts
// them and answers all but the most recent; some senders rate the answer.
func genPetitions(ctx context.Context, s *store.Store, u *place.Unit, cal *calendar.Calendar, today time.Time, r *rand.Rand, on func(time.Time)) (int, error) {
	n := 3 + r.IntN(4)
	for k := range n {
		t := petitionTopics[r.IntN(len(petitionTopics))]
		received := cal.AddWorkingDays(today, -(2 + r.IntN(240)))
		on(received)
		c := &petition.Case{UnitCode: u.Code, Kind: t.kind, Channel: petition.Portal, Anonymous: true, Consent: true,
			Subject: t.subject, Body: t.body}
		if err := s.CreatePetition(ctx, c, nil); err != nil {
			return k, err
		}
		on(cal.AddWorkingDays(received, 2))
		if _, err := s.AcceptPetition(ctx, c.ID, false, false, ""); err != nil {
			return k, err
		}
		if k == n-1 {
			continue // still being handled
		}
		on(cal.AddWorkingDays(received, 5+r.IntN(10)))
		if _, err := s.ResolvePetition(ctx, c.ID, t.answer, t.public); err != nil {
			return k, err
		}
		if k%2 == 0 {
			if err := s.RatePetition(ctx, c.Code, 3+r.IntN(3), ""); err != nil {
				return k, err
			}
		}
	}
	return n, nil
}
