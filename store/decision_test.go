package store_test

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"testing"

	"coso"
	"coso/decision"
	"coso/store"
	"coso/store/storetest"
)

// addHouseholds puts n households in a village directly (the register's
// own rules are tested elsewhere) and returns their ids.
func addHouseholds(t testing.TB, s *store.Store, village, commune, province int64, n int) []int64 {
	t.Helper()
	var ids []int64
	err := s.WriteForTest(context.Background(), func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			code := fmt.Sprintf("T%d-H%04d", village, i+1)
			id, err := tx.Insert(`INSERT INTO households (code, code_folded, village_id, commune_id, province_id, created_at, updated_at)
				VALUES ($1, $1, $2, $3, $4, $5, $5)`, code, village, commune, province, s.Now())
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// village is one village of the tests with its households.
type village struct {
	id, commune, province int64
	households            []int64
}

func decisionVillage(t testing.TB, s *store.Store, u map[string]int64, code string, n int) village {
	v := village{id: u[code], commune: u["14845"], province: u["38"]}
	v.households = addHouseholds(t, s, v.id, v.commune, v.province, n)
	return v
}

func newMatter(v village, subject decision.Subject, forms ...decision.Form) *decision.Matter {
	return &decision.Matter{UnitID: v.id, Subject: subject, Title: "Làm đường bê tông", Question: "Đồng ý góp tiền làm đường?",
		Forms: forms, Proposal: decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn"},
		Documents: []decision.Document{{Title: "Dự toán công trình"}}}
}

// invite records the invitation to a meeting on the test day (15 July
// 2025), sent with the documents 5 days before.
func invite(t *testing.T, s *store.Store, id int64) {
	t.Helper()
	inv := decision.Invitation{IssuedOn: day(2025, 7, 10), MeetingOn: day(2025, 7, 15), Hour: "19:30", Place: "Nhà văn hoá thôn",
		DocumentsOn: day(2025, 7, 10)}
	if err := s.RecordInvitation(context.Background(), id, inv); err != nil {
		t.Fatal(err)
	}
}

func mustCreateOpen(t *testing.T, s *store.Store, m *decision.Matter) {
	t.Helper()
	ctx := context.Background()
	if err := s.CreateMatter(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := s.OpenMatter(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
}

func optIn(t *testing.T, s *store.Store, v village) {
	t.Helper()
	o := &decision.OptIn{VillageID: v.id, DecidedOn: day(2025, 7, 1), Households: len(v.households), Agreed: len(v.households)/2 + 1}
	if err := s.RecordOptIn(context.Background(), o); err != nil {
		t.Fatal(err)
	}
}

// TestMatterThresholds counts a meeting of every household of a village of
// 100 against each subject's threshold.
func TestMatterThresholds(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 100)
		cases := []struct {
			subject decision.Subject
			yes     int
			adopted bool
			en      string
		}{
			{decision.OtherMatter, 50, false, "50 of 100 households agreed, not more than half: not adopted"},
			{decision.OtherMatter, 51, true, "51 of 100 households agreed, more than half: adopted"},
			{decision.PublicWorks, 66, false, "66 of 100 households agreed, less than two thirds: not adopted"},
			{decision.PublicWorks, 67, true, "67 of 100 households agreed, at least two thirds: adopted"},
		}
		for _, c := range cases {
			m := newMatter(v, c.subject, decision.Meeting)
			mustCreateOpen(t, s, m)
			invite(t, s, m.ID)
			if err := s.HoldMeeting(ctx, m.ID, day(2025, 7, 15), "Nhà văn hoá thôn"); err != nil {
				t.Fatal(err)
			}
			if err := s.RecordAttendance(ctx, m.ID, v.households, true); err != nil {
				t.Fatal(err)
			}
			takeProcedures(t, s, m.ID, v.id, 0, 100)
			if err := s.EnterCounts(ctx, m.ID, v.id, []int{c.yes, 100 - c.yes - 1, 1}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.Result(ctx, m.ID); coso.ErrorCode(err) != coso.EConflict {
				t.Errorf("result while open: %v", err)
			}
			closeAndCount(t, s, m.ID)
			got, o, err := s.Result(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			tot := o.Total()
			if got.Status != decision.Counted || o.Adopted() != c.adopted || o.Text("en") != c.en || tot.Households != 100 || tot.Participants != 100 || tot.Counts[0] != c.yes {
				t.Errorf("subject %d, %d yes: %s %v %q %+v", c.subject, c.yes, got.Status, o.Adopted(), o.Text("en"), tot)
			}
		}
		// Counts beyond the households present are refused.
		m := newMatter(v, decision.OtherMatter, decision.Meeting)
		mustCreateOpen(t, s, m)
		if err := s.RecordAttendance(ctx, m.ID, v.households[:10], true); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "counts before the counting board is elected", s.EnterCounts(ctx, m.ID, v.id, []int{8, 0, 0}), coso.EConflict, "procedures")
		takeProcedures(t, s, m.ID, v.id, 0, 10)
		wantErr(t, "counts over attendance", s.EnterCounts(ctx, m.ID, v.id, []int{8, 2, 1}), coso.EInvalid, "counts")
		wantErr(t, "counts of two options", s.EnterCounts(ctx, m.ID, v.id, []int{8, 2}), coso.EInvalid, "counts")
	})
}

// takeProcedures records the procedural votes of a meeting (the village's,
// or a cluster's), each approved by all present households.
func takeProcedures(t *testing.T, s *store.Store, matter, village, cluster int64, present int) {
	t.Helper()
	for _, p := range []decision.Procedure{
		{Kind: decision.ChooseSecretary, Names: []string{"Lò Thị Thư"}},
		{Kind: decision.ChooseMethod, Method: decision.ShowOfHands},
		{Kind: decision.ElectBoard, Names: []string{"Hà Văn Một", "Lò Thị Hai", "Vi Văn Ba"}},
		{Kind: decision.ChooseWitnesses, Names: []string{"Lường Văn Bốn", "Phạm Thị Năm"}},
	} {
		p.Approve = present
		if err := s.RecordProcedure(context.Background(), matter, village, cluster, p); err != nil {
			t.Fatalf("%s: %v", p.Kind, err)
		}
	}
}

func closeAndCount(t *testing.T, s *store.Store, id int64) {
	t.Helper()
	if err := s.CloseMatter(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if err := s.CountMatter(context.Background(), id); err != nil {
		t.Fatal(err)
	}
}

func TestMatterForms(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 10)
		optIn(t, s, v)
		wantErr(t, "online for subject 3", s.CreateMatter(ctx, newMatter(v, decision.Covenant, decision.Online)), coso.EInvalid, "forms")
		wantErr(t, "ballots for subject 4 first", s.CreateMatter(ctx, newMatter(v, decision.VillageHead, decision.Ballot)), coso.EInvalid, "forms")

		// A village without the online decision cannot open an online vote.
		w := decisionVillage(t, s, u, "14845.02", 10)
		wantErr(t, "online without opt-in", s.CreateMatter(ctx, newMatter(w, decision.OtherMatter, decision.Online)), coso.EInvalid, "forms")
		optIn(t, s, w)
		m := newMatter(w, decision.OtherMatter, decision.Online)
		if err := s.CreateMatter(ctx, m); err != nil {
			t.Fatal(err)
		}
		os, err := s.OptIns(ctx, w.id)
		if err != nil || len(os) != 1 {
			t.Fatal(os, err)
		}
		if err := s.RevokeOptIn(ctx, os[0].ID, day(2025, 7, 10)); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "open online after revocation", s.OpenMatter(ctx, m.ID), coso.EInvalid, "forms")
		if got, _ := s.Matter(ctx, m.ID); got.Status != decision.Draft {
			t.Errorf("status %s", got.Status)
		}
		wantErr(t, "opt-in by half", s.RecordOptIn(ctx, &decision.OptIn{VillageID: w.id, DecidedOn: day(2025, 7, 1), Households: 10, Agreed: 5}), coso.EInvalid, "agreed")
		wantErr(t, "opt-in counting fewer households", s.RecordOptIn(ctx, &decision.OptIn{VillageID: w.id, DecidedOn: day(2025, 7, 1), Households: 8, Agreed: 6}), coso.EInvalid, "households")

		// Subject 4: household ballots only after a meeting that lacked households.
		e := newMatter(v, decision.VillageHead, decision.Meeting)
		e.Choices = []string{"Hà Văn Thắng", "Lò Văn Nam"}
		mustCreateOpen(t, s, e)
		wantErr(t, "ballots before the meeting", s.AddBallots(ctx, e.ID), coso.EInvalid, "forms")
		invite(t, s, e.ID)
		if err := s.HoldMeeting(ctx, e.ID, day(2025, 7, 15), "Nhà văn hoá"); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAttendance(ctx, e.ID, v.households[:6], true); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "ballots after a meeting of 6 of 10", s.AddBallots(ctx, e.ID), coso.EInvalid, "forms")
		if err := s.RecordAttendance(ctx, e.ID, v.households[:2], false); err != nil {
			t.Fatal(err)
		}
		if err := s.AddBallots(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		sheets, err := s.Sheets(ctx, e.ID)
		if err != nil || len(sheets) != 10 {
			t.Fatalf("%d sheets, %v", len(sheets), err)
		}
		if got, _ := s.Matter(ctx, e.ID); !got.Uses(decision.Ballot) || len(got.Choices) != 2 {
			t.Errorf("matter after ballots: %+v", got)
		}
	})
}

func TestPaperBallotSerialOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 3)
		m := newMatter(v, decision.PublicWorks, decision.Ballot)
		mustCreateOpen(t, s, m)
		sheets, err := s.Sheets(ctx, m.ID)
		if err != nil || len(sheets) != 3 {
			t.Fatal(sheets, err)
		}
		seen := map[string]bool{}
		for _, b := range sheets {
			if seen[b.Serial] || !regexp.MustCompile(`^\d+-[A-Z2-7]{8}$`).MatchString(b.Serial) {
				t.Errorf("serial %q", b.Serial)
			}
			seen[b.Serial] = true
		}
		if err := s.RegisterBallot(ctx, m.ID, sheets[0].Serial, 0); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "serial twice", s.RegisterBallot(ctx, m.ID, sheets[0].Serial, 1), coso.EConflict, "serial")
		wantErr(t, "unknown serial", s.RegisterBallot(ctx, m.ID, "1-AAAAAAAA", 0), coso.EInvalid, "serial")
		wantErr(t, "bad option", s.RegisterBallot(ctx, m.ID, sheets[1].Serial, 3), coso.EInvalid, "option")
		if err := s.RegisterBallot(ctx, m.ID, " "+sheets[1].Serial+" ", 0); err != nil {
			t.Fatal(err)
		}
		closeAndCount(t, s, m.ID)
		_, o, err := s.Result(ctx, m.ID)
		if err != nil || !o.Adopted() || o.Text("vi") != "2 trên 3 hộ đồng ý, đạt ít nhất hai phần ba: thông qua" {
			t.Errorf("%v %q", err, o.Text("vi"))
		}
		wantErr(t, "register after count", s.RegisterBallot(ctx, m.ID, sheets[2].Serial, 0), coso.EConflict, "status")
	})
}

func TestOnlineBallot(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 5)
		other := decisionVillage(t, s, u, "14845.02", 1)
		optIn(t, s, v)
		m := newMatter(v, decision.OtherMatter, decision.Online)
		if err := s.CreateMatter(ctx, m); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CastOnline(ctx, m.ID, v.households[0], 0); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("cast on a draft: %v", err)
		}
		if err := s.OpenMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		r, err := s.CastOnline(ctx, m.ID, v.households[0], 0)
		if err != nil || !regexp.MustCompile(`^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$`).MatchString(r.Code) {
			t.Fatalf("%+v %v", r, err)
		}
		wantErr(t, "a second ballot", castAgain(s, m.ID, v.households[0]), coso.EConflict, "household")
		wantErr(t, "another village", castAgain(s, m.ID, other.households[0]), coso.EForbidden, "household")
		wantErr(t, "bad option", func() error { _, err := s.CastOnline(ctx, m.ID, v.households[1], 5); return err }(), coso.EInvalid, "option")
		for _, h := range v.households[1:3] {
			if _, err := s.CastOnline(ctx, m.ID, h, 0); err != nil {
				t.Fatal(err)
			}
		}
		if c, err := s.CheckReceipt(ctx, m.ID, r.Code); err != nil || !c.Found || c.Status != decision.Open {
			t.Errorf("receipt while open: %+v %v", c, err)
		}
		if c, _ := s.CheckReceipt(ctx, m.ID, "AAAA-AAAA-AAAA-AAAA"); c.Found {
			t.Error("unknown receipt found")
		}
		if _, _, err := s.Result(ctx, m.ID); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("counts shown while open: %v", err)
		}
		before := checkAnonymous(t, s, m.ID, r.Code)
		if s.Dialect() == store.Postgres && !sharesXmin(t, s, m.ID) {
			t.Error("before the close, ballots and participation rows should share their transaction (this test checks the close undoes it)")
		}
		closeAndCount(t, s, m.ID)
		after := checkAnonymous(t, s, m.ID, r.Code)
		for id := range after {
			if before[id] {
				t.Errorf("ballot %s kept its key through the close", id)
			}
		}
		if s.Dialect() == store.Postgres && sharesXmin(t, s, m.ID) {
			t.Error("after the close a ballot still shares its transaction id with a participation row")
		}
		// The receipt still finds the ballot after the close rewrote every ballot.
		if c, err := s.CheckReceipt(ctx, m.ID, r.Code); err != nil || !c.Found || c.Status != decision.Counted {
			t.Errorf("receipt after count: %+v %v", c, err)
		}
		_, o, err := s.Result(ctx, m.ID)
		if err != nil || !o.Adopted() || o.Text("en") != "3 of 5 households agreed, more than half: adopted" {
			t.Errorf("%v %q", err, o.Text("en"))
		}
		ps, err := s.Participants(ctx, m.ID)
		if err != nil || len(ps) != 3 || ps[0].Channel != decision.Online {
			t.Errorf("participants %+v %v", ps, err)
		}
		if _, err := s.CastOnline(ctx, m.ID, v.households[4], 0); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("cast after close: %v", err)
		}
	})
}

func castAgain(s *store.Store, matter, household int64) error {
	_, err := s.CastOnline(context.Background(), matter, household, 1)
	return err
}

// checkAnonymous reads the raw rows: the ballot table has no column that
// names a household, a person or a time, its key is a random UUID, and it
// holds the receipt's hash, not the receipt. It returns the keys.
func checkAnonymous(t *testing.T, s *store.Store, matterID int64, receipt string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	err := s.WriteForTest(context.Background(), func(tx *store.Tx) error {
		rows, err := tx.Query("SELECT * FROM online_ballots WHERE matter_id = $1", matterID)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		if fmt.Sprint(cols) != "[id matter_id village_id position receipt_hash]" {
			t.Errorf("ballot columns %v", cols)
		}
		n := 0
		for rows.Next() {
			var id, hash string
			var matter, village int64
			var pos int
			if err := rows.Scan(&id, &matter, &village, &pos, &hash); err != nil {
				return err
			}
			if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) || len(hash) != 64 || hash == receipt {
				t.Errorf("ballot row %s %s", id, hash)
			}
			ids[id] = true
			n++
		}
		if n != 3 {
			t.Errorf("%d ballots", n)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// sharesXmin tells whether some online ballot of the matter was written by
// the same PostgreSQL transaction as some participation row.
func sharesXmin(t *testing.T, s *store.Store, matterID int64) bool {
	t.Helper()
	var n int
	err := s.WriteForTest(context.Background(), func(tx *store.Tx) error {
		return tx.QueryRow(`SELECT COUNT(*) FROM online_ballots b JOIN online_participation p
			ON p.xmin::text = b.xmin::text WHERE b.matter_id = $1 AND p.matter_id = $1`, matterID).Scan(&n)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// TestOneHouseholdOneVoice: a household that voted online and also
// returned a paper ballot and came to the meeting counts once.
func TestOneHouseholdOneVoice(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 4)
		optIn(t, s, v)
		m := newMatter(v, decision.OtherMatter, decision.Online, decision.Ballot, decision.Meeting)
		mustCreateOpen(t, s, m)
		h := v.households[0]
		if _, err := s.CastOnline(ctx, m.ID, h, 0); err != nil {
			t.Fatal(err)
		}
		sheets, _ := s.Sheets(ctx, m.ID)
		if err := s.RegisterBallot(ctx, m.ID, sheets[0].Serial, 1); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAttendance(ctx, m.ID, []int64{h, v.households[1]}, true); err != nil {
			t.Fatal(err)
		}
		// A household counted on paper cannot vote online afterwards.
		if err := s.RegisterBallot(ctx, m.ID, sheets[2].Serial, 0); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "online after paper", castAgain(s, m.ID, sheets[2].HouseholdID), coso.EConflict, "household")
		cs, err := s.Conflicts(ctx, m.ID)
		if err != nil || len(cs) != 1 || cs[0].HouseholdID != h || !cs[0].Online || cs[0].Serial != sheets[0].Serial || !cs[0].Meeting || cs[0].Resolved() {
			t.Fatalf("conflicts %+v %v", cs, err)
		}
		if err := s.CloseMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "count with a conflict", s.CountMatter(ctx, m.ID), coso.EConflict, "conflicts")
		wantErr(t, "keep paper over online", s.ResolveConflict(ctx, m.ID, h, decision.Ballot, "Phiếu giấy gửi sau"), coso.EInvalid, "kept")
		wantErr(t, "no reason", s.ResolveConflict(ctx, m.ID, h, decision.Online, " "), coso.EInvalid, "reason")
		if err := s.ResolveConflict(ctx, m.ID, h, decision.Online, "Hộ đã biểu quyết trực tuyến trước"); err != nil {
			t.Fatal(err)
		}
		takeProcedures(t, s, m.ID, v.id, 0, 2)
		if err := s.EnterCounts(ctx, m.ID, v.id, []int{1, 0, 0}); err != nil {
			t.Fatal(err)
		}
		if err := s.CountMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		_, o, err := s.Result(ctx, m.ID)
		tot := o.Total()
		// Online agree (h), paper agree (sheet 2), meeting agree (household 1): 3 of 4, once each.
		if err != nil || tot.Participants != 3 || fmt.Sprint(tot.Counts) != "[3 0 0]" || !o.Adopted() {
			t.Errorf("%+v %v", tot, err)
		}
		cs, _ = s.Conflicts(ctx, m.ID)
		if len(cs) != 1 || cs[0].Kept != decision.Online || cs[0].Reason == "" || cs[0].ResolvedAt.IsZero() {
			t.Errorf("resolved conflict %+v", cs)
		}
	})
}

// TestConcurrentOnlineBallots: 50 simultaneous ballots from one household
// leave exactly one; ballots from 100 households are all counted.
func TestConcurrentOnlineBallots(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 100)
		optIn(t, s, v)
		m := newMatter(v, decision.OtherMatter, decision.Online)
		mustCreateOpen(t, s, m)
		var wg sync.WaitGroup
		errs := make([]error, 50)
		for i := range errs {
			wg.Go(func() { _, errs[i] = s.CastOnline(ctx, m.ID, v.households[0], i%2) })
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch coso.ErrorCode(err) {
			case "":
				ok++
			case coso.EConflict:
			default:
				t.Errorf("unexpected %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d of 50 ballots from one household accepted", ok)
		}
		receipts := make([]*store.Receipt, 100)
		for i, h := range v.households[1:] {
			wg.Go(func() {
				r, err := s.CastOnline(ctx, m.ID, h, 0)
				if err != nil {
					t.Error(err)
				}
				receipts[i] = r
			})
		}
		wg.Wait()
		closeAndCount(t, s, m.ID)
		_, o, err := s.Result(ctx, m.ID)
		if err != nil || o.Total().Participants != 100 || o.Total().Counts[0]+o.Total().Counts[1] != 100 {
			t.Fatalf("%+v %v", o.Total(), err)
		}
		for _, r := range receipts[:99] {
			if c, err := s.CheckReceipt(ctx, m.ID, r.Code); err != nil || !c.Found {
				t.Fatalf("receipt %s: %+v %v", r.Code, c, err)
			}
		}
	})
}

func TestCommuneWideMatter(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		a := decisionVillage(t, s, u, "14845.01", 3)
		b := decisionVillage(t, s, u, "14845.02", 3)
		m := &decision.Matter{UnitID: u["14845"], CommuneWide: true, Subject: decision.PublicWorks, Title: "Làm cầu", Question: "Góp tiền làm cầu?",
			Forms: []decision.Form{decision.Meeting}, Proposal: decision.Proposal{Path: decision.ByCommuneChair, Proposer: "Chủ tịch UBND xã"}}
		mustCreateOpen(t, s, m)
		for i, v := range []village{a, b} {
			if err := s.RecordAttendance(ctx, m.ID, v.households, true); err != nil {
				t.Fatal(err)
			}
			takeProcedures(t, s, m.ID, v.id, 0, 3)
			if err := s.EnterCounts(ctx, m.ID, v.id, []int{2 + i, 1 - i, 0}); err != nil {
				t.Fatal(err)
			}
		}
		closeAndCount(t, s, m.ID)
		_, o, err := s.Result(ctx, m.ID)
		if err != nil || len(o.Villages) != 2 || !o.Adopted() || o.Text("en") != "2 of 2 villages adopted it, at least two thirds: adopted" {
			t.Errorf("%v %q", err, o.Text("en"))
		}
		if err := s.RefuseMatter(ctx, m.ID, day(2025, 7, 15), ""); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("refusal without reasons: %v", err)
		}
		if err := s.SendMatter(ctx, m.ID, day(2025, 7, 15)); err != nil {
			t.Fatal(err)
		}
		if err := s.RecogniseMatter(ctx, m.ID, day(2025, 7, 15), "Quyết định số 12/QĐ-UBND"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Matter(ctx, m.ID)
		if got.Status != decision.Recognised || got.DecidedOn != day(2025, 7, 15) {
			t.Errorf("%s %v", got.Status, got.DecidedOn)
		}
		wantErr(t, "refuse after recognition", s.RefuseMatter(ctx, m.ID, day(2025, 7, 15), "Sai thủ tục"), coso.EConflict, "status")
		list, err := s.Matters(ctx, store.MatterFilter{UnitID: u["14845"]})
		if err != nil || len(list) != 1 {
			t.Errorf("matters %d %v", len(list), err)
		}
	})
}

// TestMatterVoter finds the household a person represents in a matter's
// villages, and tells whether it has voted in any form.
func TestMatterVoter(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		h := thangFamily(u["14845.01"])
		if err := s.CreateHousehold(ctx, h); err != nil {
			t.Fatal(err)
		}
		rep, wife := h.Members[0].Person.ID, h.Members[1].Person.ID
		v := decisionVillage(t, s, u, "14845.01", 2)
		v.households = append(v.households, h.ID)
		other := decisionVillage(t, s, u, "14845.02", 1)
		optIn(t, s, v)
		m := newMatter(v, decision.OtherMatter, decision.Online, decision.Ballot)
		elsewhere := newMatter(other, decision.OtherMatter, decision.Ballot)
		mustCreateOpen(t, s, m)
		mustCreateOpen(t, s, elsewhere)

		got, err := s.MatterVoter(ctx, m.ID, rep)
		if err != nil || got.HouseholdID != h.ID || got.HouseholdCode != h.Code || got.VillageID != v.id || got.Voted {
			t.Fatalf("representative before voting: %+v %v", got, err)
		}
		wantErr(t, "a member who does not represent", func() error { _, err := s.MatterVoter(ctx, m.ID, wife); return err }(), coso.ENotFound, "household")
		wantErr(t, "a matter of another village", func() error { _, err := s.MatterVoter(ctx, elsewhere.ID, rep); return err }(), coso.ENotFound, "household")
		if _, err := s.CastOnline(ctx, m.ID, got.HouseholdID, 0); err != nil {
			t.Fatal(err)
		}
		if got, err := s.MatterVoter(ctx, m.ID, rep); err != nil || !got.Voted {
			t.Errorf("after voting online: %+v %v", got, err)
		}
		// A paper sheet returned counts as having voted too.
		sheets, _ := s.Sheets(ctx, m.ID)
		for _, sh := range sheets {
			if sh.HouseholdID == v.households[0] {
				if err := s.RegisterBallot(ctx, m.ID, sh.Serial, 1); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := s.WriteForTest(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec("UPDATE households SET representative_id = $1 WHERE id = $2", wife, v.households[0])
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if got, err := s.MatterVoter(ctx, m.ID, wife); err != nil || got.HouseholdID != v.households[0] || !got.Voted {
			t.Errorf("after a paper ballot: %+v %v", got, err)
		}
	})
}

// TestMatterFigures reports what each form gave in a village: the
// meeting's presence and counts, the sheets issued, returned and voided,
// and the households that voted online.
func TestMatterFigures(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := peopleStore(t, s)
		v := decisionVillage(t, s, u, "14845.01", 5)
		optIn(t, s, v)
		m := newMatter(v, decision.OtherMatter, decision.Meeting, decision.Ballot, decision.Online)
		mustCreateOpen(t, s, m)
		h := v.households
		if _, err := s.CastOnline(ctx, m.ID, h[0], 0); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAttendance(ctx, m.ID, h[1:3], true); err != nil {
			t.Fatal(err)
		}
		takeProcedures(t, s, m.ID, v.id, 0, 2)
		if err := s.EnterCounts(ctx, m.ID, v.id, []int{1, 1, 0}); err != nil {
			t.Fatal(err)
		}
		sheets, _ := s.Sheets(ctx, m.ID)
		serial := map[int64]string{}
		for _, b := range sheets {
			serial[b.HouseholdID] = b.Serial
		}
		for _, x := range []int64{h[0], h[3]} {
			if err := s.RegisterBallot(ctx, m.ID, serial[x], 0); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ResolveConflict(ctx, m.ID, h[0], decision.Online, "Hộ đã biểu quyết trực tuyến trước"); err != nil {
			t.Fatal(err)
		}
		fs, err := s.MatterFigures(ctx, m.ID, 3)
		if err != nil || len(fs) != 1 {
			t.Fatalf("%+v %v", fs, err)
		}
		f := fs[0]
		got := fmt.Sprintf("%d %d %v %d %d %d %v %d", f.ID, f.Households, f.Meeting, f.Present, f.Issued, f.Returned, f.Paper, f.Void)
		if want := fmt.Sprintf("%d 5 [1 1 0] 2 5 1 [1 0 0] 1", v.id); got != want || f.Online != 1 {
			t.Errorf("figures %s online %d, want %s online 1", got, f.Online, want)
		}
	})
}
