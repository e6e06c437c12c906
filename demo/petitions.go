package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"coso/calendar"
	"coso/pdftext"
	"coso/petition"
	"coso/store"
)

// demoCase is a made-up case and what happens to it, days counted back
// from the demo's today (working days for received, calendar days for
// the steps after it).
type demoCase struct {
	Case     petition.Case
	Received int // working days ago
	Scan     bool
	Steps    []demoStep
	Rating   int // the sender's rating once finished, 0 for none
	Comment  string
}

type demoStep struct {
	DaysAgo int
	Do      func(ctx context.Context, s *store.Store, id int64) error
}

func accepted(ago int, complex bool) demoStep {
	return demoStep{ago, func(ctx context.Context, s *store.Store, id int64) error {
		_, err := s.AcceptPetition(ctx, id, complex, false, "")
		return err
	}}
}

func resolved(ago int, answer, summary string) demoStep {
	return demoStep{ago, func(ctx context.Context, s *store.Store, id int64) error {
		_, err := s.ResolvePetition(ctx, id, answer, summary)
		return err
	}}
}

func extended(ago int, reason string) demoStep {
	return demoStep{ago, func(ctx context.Context, s *store.Store, id int64) error {
		_, err := s.ExtendPetition(ctx, id, reason)
		return err
	}}
}

// The names and addresses below are made up.
var demoCases = []demoCase{
	{Case: petition.Case{UnitCode: "14758", Kind: petition.Feedback, Channel: petition.Portal, Anonymous: true, Consent: true,
		Subject: "Đèn chiếu sáng trên đường Bà Triệu hỏng nhiều ngày",
		Body:    "Đoạn đường Bà Triệu từ ngã ba chợ Hàm Rồng đến trường tiểu học có 6 cột đèn không sáng đã hơn hai tuần, buổi tối học sinh đi học về rất nguy hiểm."},
		Received: 14, Steps: []demoStep{resolved(12, "Ngày nhận phản ánh, Ủy ban nhân dân phường đã đề nghị Công ty Điện lực Thanh Hóa kiểm tra; đến nay 6 bóng đèn đã được thay và hoạt động bình thường. Cảm ơn người dân đã phản ánh.",
			"Phản ánh về 6 đèn chiếu sáng hỏng trên đường Bà Triệu: đã phối hợp với điện lực thay bóng, đèn hoạt động lại bình thường.")},
		Rating: 5, Comment: "Phường xử lý nhanh, cảm ơn."},
	{Case: petition.Case{UnitCode: "14758", Kind: petition.Complaint, Channel: petition.Reception,
		Subject:  "Khiếu nại việc không cấp giấy xác nhận tình trạng nhà ở",
		Body:     "Tôi đã nộp đủ hồ sơ đề nghị xác nhận tình trạng nhà ở để vay vốn ưu đãi nhưng bộ phận một cửa trả lại hồ sơ mà không nêu lý do bằng văn bản.",
		Identity: petition.Identity{Name: "Lê Văn Hùng", Phone: "0912 204 118", Address: "Tổ dân phố Nam Ngạn, phường Hàm Rồng"}},
		Received: 8},
	{Case: petition.Case{UnitCode: "14758", Kind: petition.Complaint, Channel: petition.Portal, Consent: true,
		Subject:  "Khiếu nại mức bồi thường khi thu hồi đất làm đường",
		Body:     "Gia đình tôi bị thu hồi 120 m² đất vườn để mở rộng đường. Mức bồi thường thấp hơn giá đất cùng vị trí đã bồi thường cho các hộ lân cận năm trước.",
		Identity: petition.Identity{Name: "Nguyễn Thị Thu", Phone: "0983 442 917", Address: "Tổ dân phố Đông Sơn, phường Hàm Rồng"}},
		Received: 15, Steps: []demoStep{accepted(16, true)}},
	{Case: petition.Case{UnitCode: "14758", Kind: petition.Denunciation, Channel: petition.Paper,
		Subject:  "Tố cáo việc xây dựng trái phép trên đất nông nghiệp",
		Body:     "Một hộ ở tổ dân phố Hàm Rồng 1 đang xây nhà kiên cố trên đất trồng lúa, đã xây đến tầng hai, dù tổ dân phố đã nhắc nhiều lần.",
		Identity: petition.Identity{Name: "Phạm Thị Mai", Phone: "0977 310 562", Address: "Tổ dân phố Hàm Rồng 1, phường Hàm Rồng"}},
		Received: 30, Scan: true, Steps: []demoStep{accepted(38, false), extended(10, "Vụ việc phức tạp: cần đo đạc, đối chiếu bản đồ địa chính và lấy ý kiến Sở Nông nghiệp và Môi trường.")}},
	{Case: petition.Case{UnitCode: "14758", Kind: petition.Question, Channel: petition.Portal, Anonymous: true, Consent: true,
		Subject: "Hỏi về danh sách hộ được hỗ trợ tiền điện",
		Body:    "Danh sách hộ nghèo được hỗ trợ tiền điện năm 2026 có bao gồm hộ cận nghèo không, và mức hỗ trợ mỗi tháng là bao nhiêu?"},
		Received: 9, Steps: []demoStep{resolved(7, "Danh sách gồm 46 hộ nghèo và 28 hộ cận nghèo; mức hỗ trợ 46.000 đồng/hộ/tháng theo Quyết định số 28/2014/QĐ-TTg. Danh sách đầy đủ được niêm yết tại trụ sở phường.",
			"Danh sách hỗ trợ tiền điện gồm cả hộ cận nghèo; mức 46.000 đồng/hộ/tháng.")},
		Rating: 4},
	{Case: petition.Case{UnitCode: "14758", Kind: petition.Denunciation, Channel: petition.Portal, AgainstOfficial: "Cán bộ địa chính phường",
		Subject:  "Tố cáo cán bộ đòi tiền khi làm thủ tục đất đai",
		Body:     "Khi tôi làm thủ tục tách thửa, cán bộ địa chính phường đề nghị tôi đưa 5 triệu đồng để hồ sơ được giải quyết nhanh.",
		Identity: petition.Identity{Name: "Trịnh Văn Dũng", Phone: "0916 725 034", Address: "Tổ dân phố Phú Thọ, phường Hàm Rồng"}},
		Received: 3},
	{Case: petition.Case{UnitCode: "14845", Kind: petition.Complaint, Channel: petition.Paper,
		Subject:  "Khiếu nại việc không được hưởng hỗ trợ nhà ở",
		Body:     "Gia đình tôi thuộc hộ nghèo, nhà bị sập sau mưa lũ nhưng không có tên trong danh sách hỗ trợ làm nhà ở năm 2026.",
		Identity: petition.Identity{Name: "Hà Văn Pọm", Address: "Bản Pù Toong, xã Mường Lát"}},
		Received: 14, Scan: true},
	{Case: petition.Case{UnitCode: "14845", Kind: petition.Feedback, Channel: petition.Phone, Anonymous: true,
		Subject: "Sạt lở taluy đường vào bản Sài Khao",
		Body:    "Sau trận mưa lớn, taluy dương đường vào bản Sài Khao sạt lở chắn nửa mặt đường, xe máy đi lại rất nguy hiểm."},
		Received: 4},
}

// loadPetitions records the demo cases, each on its own day: the store's
// clock is moved to each day and put back. A store opened without the
// identity keys (another part's tests) gets none.
func loadPetitions(ctx context.Context, s *store.Store) error {
	if !s.CanSeal() {
		return nil
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	clock := s.Clock()
	defer s.SetClock(clock)
	today := calendar.DayOf(clock())
	on := func(day time.Time) {
		s.SetClock(func() time.Time { return day.Add(9 * time.Hour).UTC() })
	}
	if err := loadReception(ctx, s, today, on); err != nil {
		return err
	}
	for _, dc := range demoCases {
		c := dc.Case
		received := cal.AddWorkingDays(today, -dc.Received)
		on(received)
		if c.Channel == petition.Reception {
			rs := &petition.Session{UnitCode: c.UnitCode, On: received, Starts: "07:30", Ends: "11:00",
				Host: "Phó Chủ tịch UBND phường Đỗ Văn Bình", Place: "Phòng tiếp công dân, trụ sở UBND phường"}
			if err := s.CreateSession(ctx, rs); err != nil {
				return err
			}
			c.SessionID = rs.ID
		}
		var files []store.Upload
		if dc.Scan {
			files = append(files, store.Upload{Name: "don.pdf", Data: pdftext.Minimal("DON (ban quet)", c.Subject)})
		}
		if err := s.CreatePetition(ctx, &c, files); err != nil {
			return err
		}
		for _, st := range dc.Steps {
			day := today.AddDate(0, 0, -st.DaysAgo)
			if day.Before(received) {
				day = received
			}
			on(day)
			if err := st.Do(ctx, s, c.ID); err != nil {
				return err
			}
		}
		if dc.Rating > 0 {
			if err := s.RatePetition(ctx, c.Code, dc.Rating, dc.Comment); err != nil {
				return err
			}
		}
	}
	return loadRatings(ctx, s, today, on)
}

// deskProcedures are procedures of a commune's one-stop desk.
var deskProcedures = []string{"Đăng ký khai sinh", "Chứng thực bản sao từ bản chính", "Đăng ký kết hôn",
	"Xác nhận tình trạng hôn nhân", "Đăng ký thường trú", "Chứng thực chữ ký"}

var deskComments = []string{"", "", "Cán bộ hướng dẫn tận tình.", "", "Phải chờ lâu vì đông người.", "", "Nhanh, đúng hẹn.", ""}

// loadRatings spreads made-up satisfaction ratings of the one-stop desks of
// two communes over the last six months.
func loadRatings(ctx context.Context, s *store.Store, today time.Time, on func(time.Time)) error {
	// #nosec G404 -- the demo is the same on every run: a seeded generator, no secret
	rnd := rand.New(rand.NewPCG(Seed, 7))
	for _, unit := range []string{"14758", "15865"} {
		for i := range 30 {
			on(today.AddDate(0, 0, -rnd.IntN(180)))
			score := 3 + rnd.IntN(3)
			if rnd.IntN(6) == 0 {
				score = 1 + rnd.IntN(2)
			}
			if err := s.RateProcedure(ctx, unit, 0, deskProcedures[i%len(deskProcedures)], score, deskComments[rnd.IntN(len(deskComments))]); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadReception publishes made-up reception days from last month to two
// months ahead: the ward Hàm Rồng on its first and third Thursdays, the
// province on its second Tuesdays, and the remote commune Mường Lát only
// once this month, so its schedule shows what the law's check says.
func loadReception(ctx context.Context, s *store.Store, today time.Time, on func(time.Time)) error {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	first := calendar.Date(today.Year(), today.Month(), 1)
	add := func(unit, host, place string, day time.Time) error {
		for !cal.IsWorkingDay(day) {
			day = day.AddDate(0, 0, 1)
		}
		on(day) // a session is published before its day
		rs := &petition.Session{UnitCode: unit, On: day, Starts: "07:30", Ends: "11:00", Host: host, Place: place}
		return s.CreateSession(ctx, rs)
	}
	for m := -1; m <= 2; m++ {
		month := first.AddDate(0, m, 0)
		thursdays := nthWeekday(month, time.Thursday)
		for _, d := range []time.Time{thursdays[0], thursdays[2]} {
			if err := add("14758", "Chủ tịch UBND phường Lê Thị Hương", "Phòng tiếp công dân, trụ sở UBND phường Hàm Rồng", d); err != nil {
				return err
			}
		}
		if err := add(ProvinceCode, "Chủ tịch UBND tỉnh", "Trụ sở Tiếp công dân tỉnh, 35 Đại lộ Lê Lợi", nthWeekday(month, time.Tuesday)[1]); err != nil {
			return err
		}
	}
	if err := add("14845", "Chủ tịch UBND xã Mường Lát", "Hội trường UBND xã Mường Lát", nthWeekday(first, time.Wednesday)[1]); err != nil {
		return err
	}
	return loadOnlineReception(ctx, s, today, on)
}

// loadOnlineReception publishes an online session of the ward Hàm Rồng
// two weeks ahead (once online reception is lawful) with three residents'
// requests: one accepted with its link, one refused, one waiting.
func loadOnlineReception(ctx context.Context, s *store.Store, today time.Time, on func(time.Time)) error {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	day := cal.AddWorkingDays(today, 10)
	if day.Before(petition.OnlineFrom) {
		return nil
	}
	on(today)
	rs := &petition.Session{UnitCode: "14758", On: day, Starts: "14:00", Ends: "16:30", Online: true,
		Host: "Chủ tịch UBND phường Lê Thị Hương", Place: "Phòng họp trực tuyến của UBND phường Hàm Rồng (đường dẫn gửi riêng cho người đăng ký)"}
	if err := s.CreateSession(ctx, rs); err != nil {
		return err
	}
	requests := []petition.ReceptionRequest{
		{Name: "Nguyễn Văn Thành", Phone: "0912 468 135", Matter: "Đề nghị giải thích việc điều chỉnh ranh giới thửa đất khi làm đường nội phố."},
		{Name: "Trần Thị Mai", Email: "tranmai.hamrong@example.vn", Matter: "Kiến nghị về tiếng ồn của xưởng cơ khí hoạt động ban đêm ở tổ dân phố 5."},
		{Name: "Lê Đình Hải", Phone: "0987 531 246", Matter: "Hỏi về tiến độ giải quyết đơn khiếu nại đã gửi tháng trước."},
	}
	for i := range requests {
		q := &requests[i]
		if err := s.CreateReceptionRequest(ctx, "14758", rs.ID, q); err != nil {
			return err
		}
		switch i {
		case 0:
			_, err = s.DecideReceptionRequest(ctx, q.ID, true, "https://hop.thanhhoa.gov.vn/tcd-hamrong", "14:15", "")
		case 1:
			_, err = s.DecideReceptionRequest(ctx, q.ID, false, "", "", "Nội dung thuộc thẩm quyền của Đội Quản lý trật tự đô thị; đã chuyển để kiểm tra.")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// nthWeekday lists the days of month that fall on weekday.
func nthWeekday(month time.Time, weekday time.Weekday) []time.Time {
	var out []time.Time
	for d := month; d.Month() == month.Month(); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == weekday {
			out = append(out, d)
		}
	}
	return out
}
