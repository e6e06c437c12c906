package store_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/notify"
	"coso/petition"
	"coso/seal"
	"coso/store"
	"coso/store/storetest"
)

// Commune 14845 is remote and has an agency; commune 14846 is not.
const petitionCSV = disclosureCSV

// keys is a keyring for the tests, as the app loads one from the keys
// directory.
func keys(t testing.TB) *seal.Keyring {
	t.Helper()
	line, err := seal.NewLine("test1")
	if err != nil {
		t.Fatal(err)
	}
	k, err := seal.Parse(line)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func setupPetitions(t *testing.T, s *store.Store) {
	t.Helper()
	if _, err := importCSV(t, s, petitionCSV); err != nil {
		t.Fatal(err)
	}
	s.SetSealer(keys(t))
	at(s, ymd(2026, 3, 6)) // a Friday
	ctx := context.Background()
	u, err := s.UnitByCode(ctx, "14845")
	if err != nil {
		t.Fatal(err)
	}
	u.Remote = true
	if err := s.UpdateUnit(ctx, u, time.Time{}, "vùng sâu"); err != nil {
		t.Fatal(err)
	}
}

// A tiny PDF for attachments (pngBytes is in disclosure_test.go).
var pdfBytes = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

func complaint(unit string) *petition.Case {
	return &petition.Case{UnitCode: unit, Kind: petition.Complaint, Channel: petition.Portal,
		Subject: "Khiếu nại quyết định thu hồi đất", Body: "Tôi không đồng ý với mức bồi thường trong quyết định thu hồi đất số 15/QĐ-UBND.",
		Identity: petition.Identity{Name: "Hà Văn Khiếu", Phone: "0912 555 111", Address: "Bản Lát, xã Mường Lát"}}
}

func TestCreatePetition(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		c := complaint("14845")
		if err := s.CreatePetition(ctx, c, []store.Upload{{Name: "quyet-dinh.pdf", Data: pdfBytes}, {Name: "anh.png", Data: pngBytes}}); err != nil {
			t.Fatal(err)
		}
		if c.ID == 0 || len(c.Code) != 14 || c.Stage != petition.Received {
			t.Fatalf("created %+v", c)
		}
		got, err := s.PetitionByCode(ctx, c.Code)
		if err != nil {
			t.Fatal(err)
		}
		// Remote commune, received Friday 6 March: accept within 10
		// working days.
		if got.Instance != 1 || !got.UnitRemote || formatISO(got.DueOn) != "2026-03-20" || got.Shown || got.Identity.Name != "" {
			t.Errorf("read back %+v", got)
		}
		id, err := s.PetitionIdentity(ctx, c.ID)
		if err != nil || id.Name != "Hà Văn Khiếu" || id.Phone != "+84912555111" {
			t.Errorf("identity %+v %v", id, err)
		}
		files, err := s.PetitionFiles(ctx, c.ID)
		if err != nil || len(files) != 2 || files[0].Name != "tep-1.pdf" || files[1].Type != "image/png" {
			t.Fatalf("files %+v %v", files, err)
		}
		_, data, err := s.PetitionFile(ctx, c.ID, files[0].ID)
		if err != nil || !bytes.Equal(data, pdfBytes) {
			t.Errorf("file bytes: %v", err)
		}
		events, err := s.PetitionEvents(ctx, c.ID)
		if err != nil || len(events) != 1 || events[0].Step != "received" {
			t.Errorf("events %+v %v", events, err)
		}
		trail, err := s.AuditLog(ctx, store.AuditFilter{Action: "petition."})
		if err != nil || len(trail) != 1 || strings.Contains(trail[0].Summary, "Khiếu") || !strings.Contains(trail[0].Summary, "kind=complaint") {
			t.Errorf("audit %+v %v", trail, err)
		}
	})
}

func formatISO(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(coso.Zone).Format("2006-01-02")
}

func TestCreatePetitionRefuses(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		cases := []struct {
			name  string
			edit  func(c *petition.Case)
			files []store.Upload
			field string
		}{
			{"a village", func(c *petition.Case) { c.UnitCode = "14845.01" }, nil, "unit"},
			{"no unit", func(c *petition.Case) { c.UnitCode = "99999" }, nil, "unit"},
			{"an anonymous complaint", func(c *petition.Case) { c.Anonymous = true }, nil, "anonymous"},
			{"a script", nil, []store.Upload{{Name: "a.pdf", Data: []byte("<html><script>x</script>")}}, "files"},
			{"a file too large", nil, []store.Upload{{Name: "a.pdf", Data: append(pdfBytes, make([]byte, petition.MaxFileSize)...)}}, "files"},
			{"six files", nil, []store.Upload{{"1", pdfBytes}, {"2", pdfBytes}, {"3", pdfBytes}, {"4", pdfBytes}, {"5", pdfBytes}, {"6", pdfBytes}}, "files"},
			{"an appeal of nothing", func(c *petition.Case) { c.Instance, c.AppealOf = 2, "7KQM-2XH4-PT9B" }, nil, "appeal_of"},
		}
		for _, tc := range cases {
			c := complaint("14845")
			if tc.edit != nil {
				tc.edit(c)
			}
			err := s.CreatePetition(ctx, c, tc.files)
			if coso.ErrorCode(err) != coso.EInvalid || coso.AsError(err).Field != tc.field {
				t.Errorf("%s: %v, want invalid %s", tc.name, err, tc.field)
			}
		}
		n, err := s.Petitions(ctx, store.PetitionFilter{})
		if err != nil || len(n) != 0 {
			t.Errorf("refused cases were stored: %d %v", len(n), err)
		}
		bare := storetest.SQLite(t)
		if _, err := importCSV(t, bare, petitionCSV); err != nil {
			t.Fatal(err)
		}
		if err := bare.CreatePetition(ctx, complaint("14845"), nil); err == nil {
			t.Error("a store without identity keys recorded an identity")
		}
	})
}

// A tracking code handed out names a case that is on disk: the store
// closed and opened again (a restart, a crash after the answer) finds it.
func TestPetitionDurable(t *testing.T) {
	open := map[string]func() store.Config{"sqlite": func() store.Config { return store.Config{DataDir: t.TempDir()} }}
	if os.Getenv("COSO_TEST_POSTGRES") != "" {
		open["postgres"] = func() store.Config { return store.Config{DataDir: t.TempDir(), DSN: storetest.PostgresDSN(t)} }
	}
	for name, cfg := range open {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			c := cfg()
			k := keys(t)
			s, err := store.Open(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := importCSV(t, s, petitionCSV); err != nil {
				t.Fatal(err)
			}
			s.SetSealer(k)
			p := complaint("14846")
			if err := s.CreatePetition(ctx, p, []store.Upload{{Name: "a.pdf", Data: pdfBytes}}); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s2, err := store.Open(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			defer s2.Close()
			s2.SetSealer(k)
			got, err := s2.PetitionByCode(ctx, p.Code)
			if err != nil || got.Subject != p.Subject {
				t.Fatalf("after reopening: %+v %v", got, err)
			}
			if id, err := s2.PetitionIdentity(ctx, got.ID); err != nil || id.Name != "Hà Văn Khiếu" {
				t.Errorf("identity after reopening: %v", err)
			}
		})
	}
}

// A denunciation accusing an official of the commune is handled by the
// province, recorded against the commune.
func TestDenunciationAgainstOfficialGoesUp(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		d := denunciation("14846")
		if err := s.CreatePetition(ctx, d, nil); err != nil {
			t.Fatal(err)
		}
		if d.UnitCode != "38" || d.AgainstUnitCode != "14846" || formatISO(d.DueOn) != "2026-03-17" {
			t.Errorf("routed to %s against %s, due %s", d.UnitCode, d.AgainstUnitCode, formatISO(d.DueOn))
		}
		if _, err := s.PetitionIdentity(ctx, d.ID); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("a denouncer's identity opened without a reveal: %v", err)
		}
		own, err := s.Petitions(ctx, store.PetitionFilter{Under: unitID(t, s, "14846")})
		if err != nil || len(own) != 0 {
			t.Errorf("the accused commune's list holds the denunciation: %d %v", len(own), err)
		}
		agency := denunciation("14845.A1")
		if err := s.CreatePetition(ctx, agency, nil); err != nil || agency.UnitCode != "14845" {
			t.Errorf("against an agency official: handled by %s, %v", agency.UnitCode, err)
		}
	})
}

func denunciation(unit string) *petition.Case {
	return &petition.Case{UnitCode: unit, Kind: petition.Denunciation, Channel: petition.Portal,
		Subject: "Tố cáo cán bộ địa chính nhận tiền", AgainstOfficial: "Cán bộ địa chính xã",
		Body:     "Cán bộ địa chính xã nhận tiền của người dân khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
		Identity: petition.Identity{Name: "Lò Thị Tố Giác", Phone: "0987 654 321", Address: "Bản Tân Tiến"}}
}

func TestPetitionSteps(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		officer := official(t, s, "canbo.tamchung", account.CommuneOfficer, "14846", "canbo@tamchung.vn")
		other := official(t, s, "canbo.muonglat", account.CommuneOfficer, "14845", "canbo@muonglat.vn")
		c := complaint("14846")
		if err := s.CreatePetition(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AssignPetition(ctx, c.ID, other.ID); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("assigned to an officer of another commune: %v", err)
		}
		got, err := s.AssignPetition(ctx, c.ID, officer.ID)
		if err != nil || got.AssigneeID != officer.ID || got.AssigneeName != officer.DisplayName {
			t.Fatalf("assign: %+v %v", got, err)
		}
		if _, err := s.ResolvePetition(ctx, c.ID, "Giải quyết ngay.", ""); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("resolved before acceptance: %v", err)
		}
		at(s, ymd(2026, 3, 10))
		got, err = s.AcceptPetition(ctx, c.ID, true, false, "Vụ việc phức tạp, liên quan nhiều hộ.")
		if err != nil || got.Stage != petition.Accepted || formatISO(got.DueOn) != "2026-04-24" {
			t.Fatalf("accept: %+v %v", got, err)
		}
		if _, err := s.ExtendPetition(ctx, c.ID, "Cần thêm thời gian."); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("a complaint extended: %v", err)
		}
		at(s, ymd(2026, 4, 20))
		got, err = s.ResolvePetition(ctx, c.ID, "Quyết định số 21/QĐ-UBND giữ nguyên mức bồi thường.", "Giữ nguyên mức bồi thường theo bảng giá đất.")
		if err != nil || got.Stage != petition.Resolved || formatISO(got.FinishedOn) != "2026-04-20" {
			t.Fatalf("resolve: %+v %v", got, err)
		}
		events, _ := s.PetitionEvents(ctx, c.ID)
		var steps []string
		for _, e := range events {
			steps = append(steps, e.Step)
		}
		if strings.Join(steps, " ") != "received assigned accepted resolved" {
			t.Errorf("history %v", steps)
		}

		d := denunciation("14846")
		d.AgainstOfficial = ""
		d.Channel = petition.Paper
		if err := s.CreatePetition(ctx, d, []store.Upload{{Name: "don.pdf", Data: pdfBytes}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TransferPetition(ctx, d.ID, "14845.01", "Thuộc thôn"); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("transferred to a village: %v", err)
		}
		at(s, ymd(2026, 4, 21))
		got, err = s.TransferPetition(ctx, d.ID, "14845", "Hành vi xảy ra tại xã Mường Lát.")
		if err != nil || got.UnitCode != "14845" || formatISO(got.ReceivedOn) != "2026-04-21" || formatISO(got.FiledOn) != "2026-04-20" || got.AssigneeID != 0 {
			t.Fatalf("transfer: %+v %v", got, err)
		}
		at(s, ymd(2026, 4, 22))
		if _, err := s.AcceptPetition(ctx, d.ID, false, false, ""); err != nil {
			t.Fatal(err)
		}
		// Accepted Wednesday 22 April: 30 days end on Friday 22 May.
		for i, want := range []string{"2026-06-22", "2026-07-21"} {
			got, err = s.ExtendPetition(ctx, d.ID, "Vụ việc phức tạp, cần xác minh thêm.")
			if err != nil || formatISO(got.DueOn) != want || len(got.Extensions) != i+1 {
				t.Fatalf("extension %d: %s %v", i+1, formatISO(got.DueOn), err)
			}
		}
		if _, err := s.ExtendPetition(ctx, d.ID, "Lần thứ ba."); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("third extension: %v", err)
		}
		got, err = s.ClosePetition(ctx, d.ID, "Người tố cáo rút đơn.")
		if err != nil || got.Stage != petition.Closed {
			t.Fatalf("close: %v", err)
		}
		if _, err := s.RejectPetition(ctx, d.ID, "Không thụ lý."); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("rejected after closing: %v", err)
		}
		f := &petition.Case{UnitCode: "14846", Kind: petition.Feedback, Channel: petition.Phone, Anonymous: true,
			Subject: "Đèn đường hỏng", Body: "Đèn đường trước nhà văn hoá thôn bị hỏng đã hai tuần."}
		if err := s.CreatePetition(ctx, f, nil); err != nil {
			t.Fatal(err)
		}
		if got, err := s.ForwardPetition(ctx, f.ID, "Công ty Điện lực Thanh Hóa", "Đèn do công ty điện lực quản lý."); err != nil || got.Stage != petition.Moved {
			t.Errorf("forward: %v", err)
		}
		if id, err := s.PetitionIdentity(ctx, f.ID); err != nil || !id.Empty() {
			t.Errorf("anonymous identity: %+v %v", id, err)
		}
	})
}

func official(t *testing.T, s *store.Store, username string, role account.Role, unit, email string) *account.User {
	t.Helper()
	u := &account.User{Username: username, DisplayName: "Cán bộ " + username, Email: email}
	if _, err := s.CreateOfficial(context.Background(), u, role, unit); err != nil {
		t.Fatal(err)
	}
	return u
}

// A case left unanswered turns overdue on the date alone, shows in the
// superior unit's queue, counts in the figures, and is reminded to its
// officers (before the deadline) and to the superior's (after).
func TestPetitionOverdueEscalates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		officer := official(t, s, "canbo.tamchung", account.CommuneOfficer, "14846", "canbo@tamchung.vn")
		province := official(t, s, "tiepdan.tinh", account.ProvinceOfficer, "38", "tiepdan@thanhhoa.vn")
		c := complaint("14846") // received Friday 6 March, accept by Friday 20 March
		if err := s.CreatePetition(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		prov, commune := unitID(t, s, "38"), unitID(t, s, "14846")
		overdue := func() int {
			cs, err := s.Petitions(ctx, store.PetitionFilter{Under: prov, Below: true, Overdue: true})
			if err != nil {
				t.Fatal(err)
			}
			return len(cs)
		}
		if overdue() != 0 {
			t.Error("overdue on the day of receipt")
		}
		at(s, ymd(2026, 3, 18)) // two working days before
		if n, err := s.RemindPetitions(ctx, "https://coso.example"); err != nil || n != 1 {
			t.Fatalf("due-soon reminders: %d %v", n, err)
		}
		if n, _ := s.RemindPetitions(ctx, "https://coso.example"); n != 0 {
			t.Errorf("reminded twice in a day: %d", n)
		}
		at(s, ymd(2026, 3, 23))
		if overdue() != 1 {
			t.Error("not in the province's queue after the deadline")
		}
		cs, _ := s.Petitions(ctx, store.PetitionFilter{Under: commune, Overdue: true})
		if len(cs) != 1 {
			t.Error("not overdue in the commune's own list")
		}
		if n, err := s.RemindPetitions(ctx, "https://coso.example"); err != nil || n != 2 {
			t.Fatalf("overdue reminders to the commune and the province: %d %v", n, err)
		}
		msgs, err := s.Outbox(ctx, store.OutboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		to := map[string]int{}
		for _, m := range msgs {
			to[m.To]++
			if m.Channel != notify.ChannelEmail || strings.Contains(m.Body, "Khiếu nại quyết định") || strings.Contains(m.Body, "Hà Văn") {
				t.Errorf("reminder %s: %q", m.To, m.Body)
			}
			if !strings.Contains(m.Body, "https://coso.example/admin/petitions/") {
				t.Errorf("reminder without its link: %q", m.Body)
			}
		}
		if to[officer.Email] != 2 || to[province.Email] != 1 {
			t.Errorf("reminders went to %v", to)
		}
		total, by, err := s.PetitionFigures(ctx, prov, ymd(2026, 1, 1), ymd(2026, 12, 31))
		if err != nil || total.Received != 1 || total.Overdue != 1 || by[commune].Overdue != 1 {
			t.Errorf("figures %+v %+v %v", total, by, err)
		}
		at(s, ymd(2026, 3, 24))
		if _, err := s.RejectPetition(ctx, c.ID, "Quá thời hiệu khiếu nại."); err != nil {
			t.Fatal(err)
		}
		if overdue() != 0 {
			t.Error("still overdue once answered")
		}
		total, _, _ = s.PetitionFigures(ctx, prov, ymd(2026, 1, 1), ymd(2026, 12, 31))
		if total.Finished != 1 || total.OnTime != 0 || total.Overdue != 0 || total.AverageDays != 18 {
			t.Errorf("figures after a late answer %+v", total)
		}
	})
}
