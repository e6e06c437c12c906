package demo

import (
	"context"
	"fmt"
	"time"

	"coso/calendar"
	"coso/decision"
	"coso/store"
)

// loadDecisions puts community decisions of the ward Hàm Rồng, where the
// demo accounts work, through every stage, dated in the past so that the
// deadlines show: one recognised and public, one whose answer is overdue
// at the ward's People's Committee, board members waiting for the ward's
// Front, one the village must still send, one refused, an online vote open
// now, and a draft covenant. Each step runs through the store at the day
// it happened (the store's clock is moved back for it and restored).
func loadDecisions(ctx context.Context, s *store.Store) error {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	orig := s.Clock()
	defer s.SetClock(orig)
	today := calendar.DayOf(orig())
	wd := func(n int) time.Time { return cal.AddWorkingDays(today, n) }
	on := func(d time.Time) { s.SetClock(func() time.Time { return d.Add(9 * time.Hour).UTC() }) }
	d := &decisionDemo{s: s, on: on}
	for _, step := range []func(context.Context, *decisionDemo, func(int) time.Time) error{
		recognisedRoad, overdueGate, boardMembers, fundToSend, refusedMarket, openOnline, draftCovenant, clusterHall,
	} {
		if err := step(ctx, d, wd); err != nil {
			return err
		}
	}
	return nil
}

// decisionDemo runs the steps of the demo's matters.
type decisionDemo struct {
	s     *store.Store
	on    func(time.Time)    // sets the store's clock to a day
	names map[int64][]string // representatives' names by village, for the procedural votes
}

// households returns the ids of a village's households.
func (d *decisionDemo) households(ctx context.Context, village string) (int64, []int64, error) {
	u, err := d.s.UnitByCode(ctx, village)
	if err != nil {
		return 0, nil, err
	}
	hs, err := d.s.Households(ctx, store.HouseholdFilter{VillageID: u.ID})
	ids := make([]int64, len(hs))
	var names []string
	for i, h := range hs {
		ids[i] = h.ID
		if h.RepresentativeName != "" {
			names = append(names, h.RepresentativeName)
		}
	}
	if d.names == nil {
		d.names = map[int64][]string{}
	}
	d.names[u.ID] = names
	return u.ID, ids, err
}

// procedures takes a meeting's procedural votes (of a village, or of one
// of its clusters): representatives of its households as secretary,
// counting board and witnesses, approved by nearly all of the present.
func (d *decisionDemo) procedures(ctx context.Context, m *decision.Matter, village, cluster int64, present, seed int) error {
	names := d.names[village]
	pick := func(i int) string { return names[(seed*7+i*3)%len(names)] }
	for i, p := range []decision.Procedure{
		{Kind: decision.ChooseSecretary, Names: []string{pick(0)}},
		{Kind: decision.ChooseMethod, Method: decision.ShowOfHands},
		{Kind: decision.ElectBoard, Names: []string{pick(1), pick(2), pick(3)}},
		{Kind: decision.ChooseWitnesses, Names: []string{pick(4), pick(5)}},
	} {
		p.Approve = present - (seed+i)%3
		if err := d.s.RecordProcedure(ctx, m.ID, village, cluster, p); err != nil {
			return fmt.Errorf("demo procedure %s of %q: %w", p.Kind, m.Title, err)
		}
	}
	return nil
}

// matter creates and opens a matter of a village on day.
func (d *decisionDemo) matter(ctx context.Context, village string, day time.Time, m *decision.Matter) ([]int64, error) {
	id, hs, err := d.households(ctx, village)
	if err != nil {
		return nil, err
	}
	d.on(day)
	m.UnitID = id
	if m.Proposal.Path == "" {
		m.Proposal = decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn phối hợp Ban công tác Mặt trận"}
	}
	if err := d.s.CreateMatter(ctx, m); err != nil {
		return nil, fmt.Errorf("demo matter %q: %w", m.Title, err)
	}
	return hs, d.s.OpenMatter(ctx, m.ID)
}

// meeting holds the matter's meeting on day with the first present
// households, agree of them agreeing (the rest split), then closes and
// counts the vote.
func (d *decisionDemo) meeting(ctx context.Context, m *decision.Matter, hs []int64, day time.Time, present, agree int) error {
	d.on(day)
	if err := d.invite(ctx, m, day); err != nil {
		return err
	}
	if err := d.s.HoldMeeting(ctx, m.ID, day, "Nhà văn hoá tổ dân phố"); err != nil {
		return fmt.Errorf("demo meeting %q: %w", m.Title, err)
	}
	if err := d.s.RecordAttendance(ctx, m.ID, hs[:present], true); err != nil {
		return err
	}
	if err := d.procedures(ctx, m, m.UnitID, 0, present, int(m.ID)); err != nil {
		return err
	}
	counts := make([]int, len(m.Options()))
	counts[0] = agree
	counts[1] = present - agree
	if len(counts) > 2 && present-agree > 1 {
		counts[1], counts[2] = present-agree-1, 1
	}
	if err := d.s.EnterCounts(ctx, m.ID, m.UnitID, counts); err != nil {
		return fmt.Errorf("demo counts %q: %w", m.Title, err)
	}
	if err := d.s.CloseMatter(ctx, m.ID); err != nil {
		return err
	}
	return d.s.CountMatter(ctx, m.ID)
}

// invite records the invitation to a meeting on day, handed to the
// households (with the documents) 4 days before, in the evening.
func (d *decisionDemo) invite(ctx context.Context, m *decision.Matter, day time.Time) error {
	sent := day.AddDate(0, 0, -4)
	inv := decision.Invitation{IssuedOn: sent, MeetingOn: day, Hour: "19:30", Place: "Nhà văn hoá tổ dân phố", DocumentsOn: sent}
	if err := d.s.RecordInvitation(ctx, m.ID, inv); err != nil {
		return fmt.Errorf("demo invitation %q: %w", m.Title, err)
	}
	return nil
}

// send records the written decision sent to the ward on day.
func (d *decisionDemo) send(ctx context.Context, m *decision.Matter, day time.Time) error {
	d.on(day)
	return d.s.SendMatter(ctx, m.ID, day)
}

func recognisedRoad(ctx context.Context, d *decisionDemo, wd func(int) time.Time) error {
	m := &decision.Matter{Subject: decision.PublicWorks, Title: "Đóng góp làm đường bê tông ngõ 5",
		Question: "Mỗi hộ đóng góp 500.000 đồng để bê tông hoá 320 m đường ngõ 5 (tổng dự toán 186 triệu đồng, ngân sách phường hỗ trợ 40%)?",
		Forms:    []decision.Form{decision.Meeting},
		Documents: []decision.Document{{Title: "Dự toán bê tông hoá đường ngõ 5", Ref: "du-toan-ngo-5.pdf"},
			{Title: "Danh sách hộ được miễn, giảm đóng góp"}}}
	hs, err := d.matter(ctx, "14758.01", wd(-16), m)
	if err != nil {
		return err
	}
	present := len(hs) * 9 / 10
	if err := d.meeting(ctx, m, hs, wd(-12), present, present-2); err != nil {
		return err
	}
	if err := d.send(ctx, m, wd(-11)); err != nil {
		return err
	}
	d.on(wd(-8))
	return d.s.RecogniseMatter(ctx, m.ID, wd(-8), "Quyết định số 214/QĐ-UBND của Ủy ban nhân dân phường")
}

func overdueGate(ctx context.Context, d *decisionDemo, wd func(int) time.Time) error {
	m := &decision.Matter{Subject: decision.OtherMatter, Title: "Giờ mở, đóng cổng nhà văn hoá tổ dân phố",
		Question: "Nhà văn hoá mở cửa từ 5 giờ 30 đến 22 giờ hằng ngày?", Forms: []decision.Form{decision.Meeting}}
	hs, err := d.matter(ctx, "14758.01", wd(-10), m)
	if err != nil {
		return err
	}
	n := len(hs) * 3 / 4
	if err := d.meeting(ctx, m, hs, wd(-7), n, n-5); err != nil {
		return err
	}
	return d.send(ctx, m, wd(-6)) // the ward's answer was due yesterday
}

func boardMembers(ctx context.Context, d *decisionDemo, wd func(int) time.Time) error {
	m := &decision.Matter{Subject: decision.BoardMembers, Title: "Bầu bổ sung thành viên Ban Thanh tra nhân dân phường",
		Question: "Giới thiệu thành viên Ban Thanh tra nhân dân đại diện tổ dân phố Nam Ngạn", Forms: []decision.Form{decision.Meeting},
		Choices: []string{"Bà Nguyễn Thị Thu", "Ông Lê Văn Bình"}}
	hs, err := d.matter(ctx, "14758.02", wd(-6), m)
	if err != nil {
		return err
	}
	n := len(hs) * 4 / 5
	if err := d.meeting(ctx, m, hs, wd(-3), n, n*3/4); err != nil {
		return err
	}
	return d.send(ctx, m, wd(-2)) // the ward's Front answers
}

func fundToSend(ctx context.Context, d *decisionDemo, wd func(int) time.Time) error {
	m := &decision.Matter{Subject: decision.CommunityFund, Title: "Mức đóng góp Quỹ khuyến học tổ dân phố năm 2027",
		Question: "Mỗi hộ đóng góp 100.000 đồng một năm cho Quỹ khuyến học?", Forms: []decision.Form{decision.Meeting},
		Documents: []decision.Document{{Title: "Báo cáo thu, chi Quỹ khuyến học năm 2026"}}}
	hs, err := d.matter(ctx, "14758.01", wd(-5), m)
	if err != nil {
		return err
	}
	n := len(hs) * 9 / 10
	return d.meeting(ctx, m, hs, wd(-2), n, n-3) // counted; the village must still send it
}

func refusedMarket(ctx context.Context, d *decisionDemo, wd func(int) time.Time) error {
	m := &decision.Matter{Subject: decision.OtherMatter, Title: "Họp chợ tạm ở sân nhà văn hoá",
		Question: "Cho họp chợ tạm buổi sáng ở sân nhà văn hoá tổ dân phố?", Forms: []decision.Form{decision.Meeting}}
	hs, err := d.matter(ctx, "14758.03", wd(-14), m)
	if err != nil {
		return err
	}
	n := len(hs) * 2 / 3
	if err := d.meeting(ctx, m, hs, wd(-11), n, n-2); err != nil {
		return err
	}
	if err := d.send(ctx, m, wd(-10)); err != nil {
		return err
	}
	d.on(wd(-7))
	return d.s.RefuseMatter(ctx, m.ID, wd(-7), "Sân nhà văn hoá là đất công trình văn hoá; họp chợ trái quy hoạch sử dụng đất của phường.")
}

func openOnline(ctx context.Context, d *decisionDemo, wd func(int) time.Time) error {
	id, hs, err := d.households(ctx, "14758.01")
	if err != nil {
		return err
	}
	d.on(wd(-40))
	if err := d.s.RecordOptIn(ctx, &decision.OptIn{VillageID: id, DecidedOn: wd(-40), Households: len(hs), Agreed: len(hs) * 2 / 3}); err != nil {
		return fmt.Errorf("demo online decision: %w", err)
	}
	m := &decision.Matter{Subject: decision.OtherMatter, Title: "Chọn ngày tổng vệ sinh hằng tháng",
		Question: "Tổ dân phố tổng vệ sinh đường ngõ vào ngày nào hằng tháng?", Forms: []decision.Form{decision.Online},
		Choices: []string{"Chủ nhật đầu tháng", "Chủ nhật cuối tháng"}, Deadline: wd(8)}
	if _, err := d.matter(ctx, "14758.01", wd(-2), m); err != nil {
		return err
	}
	for i, h := range hs[:len(hs)/4] {
		if _, err := d.s.CastOnline(ctx, m.ID, h, i%3/2); err != nil {
			return err
		}
	}
	return nil
}

func draftCovenant(ctx context.Context, d *decisionDemo, wd func(int) time.Time) error {
	id, _, err := d.households(ctx, "14758.01")
	if err != nil {
		return err
	}
	d.on(wd(0))
	m := &decision.Matter{UnitID: id, Subject: decision.Covenant, Title: "Quy ước tổ dân phố Hàm Rồng 1 (sửa đổi, bổ sung)",
		Question: "Thông qua Quy ước tổ dân phố Hàm Rồng 1 sửa đổi, bổ sung năm 2027?", Forms: []decision.Form{decision.Meeting},
		Documents: []decision.Document{{Title: "Dự thảo Quy ước sửa đổi, bổ sung"}, {Title: "Báo cáo tổng hợp ý kiến của các hộ"}},
		Proposal:  decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn phối hợp Ban công tác Mặt trận"}}
	if err := d.s.CreateMatter(ctx, m); err != nil {
		return err
	}
	// Invited today, with the draft and the summary of opinions, for a
	// meeting in 5 days.
	inv := decision.Invitation{IssuedOn: wd(0), MeetingOn: wd(0).AddDate(0, 0, 5), Hour: "19:30", Place: "Nhà văn hoá tổ dân phố Hàm Rồng 1",
		DocumentsOn: wd(0)}
	return d.s.RecordInvitation(ctx, m.ID, inv)
}

// clusterHall is decided by the large residential group Hàm Rồng 2 in two
// cluster meetings whose results add up, and recognised by the ward.
func clusterHall(ctx context.Context, d *decisionDemo, wd func(int) time.Time) error {
	m := &decision.Matter{Subject: decision.PublicWorks, Title: "Đóng góp xây dựng nhà văn hoá tổ dân phố Hàm Rồng 2",
		Question: "Mỗi hộ đóng góp 1.200.000 đồng (chia 3 đợt) xây dựng nhà văn hoá mới trên nền nhà cũ?", Forms: []decision.Form{decision.Meeting},
		Documents: []decision.Document{{Title: "Thiết kế và dự toán nhà văn hoá", Ref: "nha-van-hoa-hr2.pdf"}}}
	hs, err := d.matter(ctx, "14758.04", wd(-20), m)
	if err != nil {
		return err
	}
	d.on(wd(-15))
	if err := d.invite(ctx, m, wd(-15)); err != nil {
		return err
	}
	clusters := []struct {
		name, place  string
		day          int
		from, to     int
		agree, other int
	}{
		{"Cụm 1: khu phố Trên", "Nhà văn hoá tổ dân phố", -15, 0, 122, 110, 8},
		{"Cụm 2: khu phố Dưới", "Sân trường mầm non Hàm Rồng", -14, 122, 222, 92, 6},
	}
	for i, c := range clusters {
		d.on(wd(c.day))
		cl := &decision.Cluster{Name: c.name, HeldOn: wd(c.day), Place: c.place}
		if err := d.s.AddCluster(ctx, m.ID, m.UnitID, cl); err != nil {
			return fmt.Errorf("demo cluster %q: %w", c.name, err)
		}
		if err := d.s.RecordClusterAttendance(ctx, m.ID, cl.ID, hs[c.from:c.to], true); err != nil {
			return err
		}
		if err := d.procedures(ctx, m, m.UnitID, cl.ID, c.to-c.from, i+3); err != nil {
			return err
		}
		present := c.to - c.from
		if err := d.s.EnterClusterCounts(ctx, m.ID, cl.ID, []int{c.agree, c.other, present - c.agree - c.other}); err != nil {
			return fmt.Errorf("demo cluster counts %q: %w", c.name, err)
		}
	}
	if err := d.s.CloseMatter(ctx, m.ID); err != nil {
		return err
	}
	if err := d.s.CountMatter(ctx, m.ID); err != nil {
		return err
	}
	if err := d.send(ctx, m, wd(-13)); err != nil {
		return err
	}
	d.on(wd(-10))
	return d.s.RecogniseMatter(ctx, m.ID, wd(-10), "Quyết định số 198/QĐ-UBND của Ủy ban nhân dân phường")
}
