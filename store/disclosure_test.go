package store_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/calendar"
	"coso/disclosure"
	"coso/notify"
	"coso/store"
	"coso/store/storetest"
	"coso/viet"
)

// Commune 14845 has villages .01 and .02 and an agency; commune 14846 one
// village.
const disclosureCSV = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
14845,Xã Mường Lát,commune,38
14845.01,Bản Lát,village,14845
14845.02,Bản Pù Toong,village,14845
14845.A1,Trường Tiểu học Mường Lát,agency,14845
14846,Xã Tam Chung,commune,38
14846.01,Bản Tân Tiến,village,14846
`

func ymd(y int, m time.Month, d int) time.Time { return calendar.Date(y, m, d) }

// at sets the store clock to 9 o'clock on a local date.
func at(s *store.Store, t time.Time) {
	s.SetClock(func() time.Time { return t.Add(9 * time.Hour).UTC() })
}

func setupDisclosures(t *testing.T, s *store.Store) {
	t.Helper()
	if _, err := importCSV(t, s, disclosureCSV); err != nil {
		t.Fatal(err)
	}
	at(s, ymd(2026, 3, 10))
}

func draft(t *testing.T, s *store.Store, unit, cat, title, body string, decided time.Time) *disclosure.Disclosure {
	t.Helper()
	d := &disclosure.Disclosure{UnitCode: unit, Category: cat, Title: title, Body: body, DecidedOn: decided}
	if err := s.CreateDisclosure(context.Background(), d); err != nil {
		t.Fatalf("create %q: %v", title, err)
	}
	return d
}

func published(t *testing.T, s *store.Store, unit, cat, title, body string, decided, on time.Time) *disclosure.Disclosure {
	t.Helper()
	d := draft(t, s, unit, cat, title, body, decided)
	p, err := s.PublishDisclosure(context.Background(), d.ID, on)
	if err != nil {
		t.Fatalf("publish %q: %v", title, err)
	}
	return p
}

func TestHolidayCalendar(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// The migration's seed is what package calendar computes.
		for y := 2025; y <= 2030; y++ {
			got, err := s.Holidays(ctx, y)
			if err != nil {
				t.Fatal(err)
			}
			want := calendar.Defaults(y)
			if len(got) != len(want) {
				t.Fatalf("%d: %d days seeded, calendar.Defaults has %d", y, len(got), len(want))
			}
			for i := range want {
				if !got[i].Date.Equal(want[i].Date) || got[i].Kind != want[i].Kind || got[i].NameVI != want[i].NameVI || got[i].NameEN != want[i].NameEN {
					t.Errorf("%d: seeded %+v, want %+v", y, got[i], want[i])
				}
			}
		}
		cal, err := s.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if cal.IsWorkingDay(ymd(2026, 2, 17)) {
			t.Error("Tết 2026 is a working day")
		}
		// The province declares Friday 13 March 2026 off, swapped with
		// Saturday 21 March.
		if err := s.SetHoliday(ctx, calendar.Day{Date: ymd(2026, 3, 13), NameVI: "Nghỉ hoán đổi", Kind: calendar.Holiday}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetHoliday(ctx, calendar.Day{Date: ymd(2026, 3, 21), NameVI: "Làm bù", NameEN: "Working Saturday", Kind: calendar.Workday}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetHoliday(ctx, calendar.Day{Date: ymd(2026, 3, 20), NameVI: "Làm bù", Kind: calendar.Workday}); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("a working Friday listed as swapped: %v", err)
		}
		cal, _ = s.Calendar(ctx)
		if got := cal.AddWorkingDays(ymd(2026, 3, 12), 5); !got.Equal(ymd(2026, 3, 20)) {
			t.Errorf("Thursday 12 + 5 with Friday 13 off: %s", got.Format("2006-01-02"))
		}
		if got := cal.AddWorkingDays(ymd(2026, 3, 16), 5); !got.Equal(ymd(2026, 3, 21)) {
			t.Errorf("Monday 16 + 5 with Saturday 21 worked: %s", got.Format("2006-01-02"))
		}
		// Setting the same date again replaces it; removing it restores
		// an ordinary day.
		if err := s.SetHoliday(ctx, calendar.Day{Date: ymd(2026, 3, 13), NameVI: "Nghỉ đột xuất", Kind: calendar.Holiday}); err != nil {
			t.Fatal(err)
		}
		days, _ := s.Holidays(ctx, 2026)
		if n := countDate(days, ymd(2026, 3, 13)); n != 1 {
			t.Errorf("13 March listed %d times", n)
		}
		if err := s.RemoveHoliday(ctx, ymd(2026, 3, 13)); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveHoliday(ctx, ymd(2026, 3, 13)); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("removing twice: %v", err)
		}
		cal, _ = s.Calendar(ctx)
		if !cal.IsWorkingDay(ymd(2026, 3, 13)) {
			t.Error("13 March is still off")
		}
		lines := strings.Join(auditLines(t, s), "\n")
		for _, want := range []string{"calendar.set holiday:2026-03-13", "calendar.set holiday:2026-03-21 workday", "calendar.remove holiday:2026-03-13"} {
			if !strings.Contains(lines, want) {
				t.Errorf("audit lacks %q", want)
			}
		}
	})
}

func countDate(days []calendar.Day, d time.Time) int {
	n := 0
	for _, x := range days {
		if x.Date.Equal(d) {
			n++
		}
	}
	return n
}

func TestDisclosureLifecycle(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupDisclosures(t, s)
		// Decided on Friday 6 March 2026: due Friday 13 March.
		d := draft(t, s, "14845", "7", "Danh sách hộ nghèo được hỗ trợ", "Danh sách **12 hộ**.", ymd(2026, 3, 6))
		if d.Status != disclosure.Draft || !d.PublishDue.Equal(ymd(2026, 3, 13)) {
			t.Fatalf("draft: %s due %s", d.Status, d.PublishDue.Format("2006-01-02"))
		}
		// A draft is not public: neither listed nor found.
		if page := list(t, s, store.DisclosureFilter{Query: "ho ngheo"}); len(page.Hits) != 0 {
			t.Fatal("a draft is searchable")
		}
		d.Title = "Danh sách hộ nghèo được hỗ trợ tiền điện"
		d.Audience, d.AudienceUnits = disclosure.SomeVillages, []int64{unitID(t, s, "14845.01")}
		if err := s.UpdateDraft(ctx, d); err != nil {
			t.Fatal(err)
		}
		bad := *d
		bad.AudienceUnits = []int64{unitID(t, s, "14846.01")}
		if err := s.UpdateDraft(ctx, &bad); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("a village of another commune in the audience: %v", err)
		}
		if _, err := s.PublishDisclosure(ctx, d.ID, ymd(2026, 3, 11)); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("publishing tomorrow: %v", err)
		}
		p, err := s.PublishDisclosure(ctx, d.ID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != disclosure.Published || p.Version != 1 || !p.PublishedOn.Equal(ymd(2026, 3, 10)) || !p.PostingUntil.Equal(ymd(2026, 4, 8)) {
			t.Fatalf("published: %+v", p)
		}
		if len(p.Versions) != 1 || !p.Used(disclosure.Portal) || len(p.AudienceUnits) != 1 {
			t.Errorf("versions %d, uses %+v, audience %v", len(p.Versions), p.Uses, p.AudienceUnits)
		}
		if _, err := s.PublishDisclosure(ctx, d.ID, time.Time{}); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("publishing twice: %v", err)
		}
		if err := s.UpdateDraft(ctx, d); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("editing published information: %v", err)
		}
		cal, _ := s.Calendar(ctx)
		if tm := p.Timing(cal, s.Now()); tm.State != disclosure.OnTime {
			t.Errorf("timing %+v", tm)
		}
		// Correction: a new version, the old one kept.
		if _, err := s.CorrectDisclosure(ctx, d.ID, p.Title, "Danh sách **13 hộ**.", ""); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("correction without a reason: %v", err)
		}
		c, err := s.CorrectDisclosure(ctx, d.ID, p.Title, "Danh sách **13 hộ** (bổ sung hộ bà Lò Thị Xuân).", "Bổ sung 1 hộ bị sót")
		if err != nil {
			t.Fatal(err)
		}
		if c.Version != 2 || c.State() != "corrected" || len(c.Versions) != 2 || c.Versions[0].Body != "Danh sách **12 hộ**." || c.Versions[1].Reason != "Bổ sung 1 hộ bị sót" {
			t.Fatalf("corrected: %+v", c.Versions)
		}
		if page := list(t, s, store.DisclosureFilter{Query: "lo thi xuan"}); len(page.Hits) != 1 {
			t.Error("the corrected text is not searchable")
		}
		// Loudspeaker days and a posting photo.
		photo, err := s.AddDisclosureFile(ctx, d.ID, disclosure.Evidence, "bang-tin.png", pngBytes, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []disclosure.Use{
			{Channel: disclosure.Posting, From: ymd(2026, 3, 10), FileID: photo.ID, Note: "Bảng tin UBND xã"},
			{Channel: disclosure.Loudspeaker, From: ymd(2026, 3, 8), To: ymd(2026, 3, 10)},
		} {
			if err := s.RecordUse(ctx, d.ID, &u); err != nil {
				t.Fatal(err)
			}
		}
		for _, u := range []disclosure.Use{
			{Channel: disclosure.Loudspeaker, From: ymd(2026, 3, 11)},           // the future
			{Channel: disclosure.Loudspeaker, From: ymd(2026, 3, 1)},            // before the decision
			{Channel: "radio", From: ymd(2026, 3, 10)},                          // no such channel
			{Channel: disclosure.Posting, From: ymd(2026, 3, 10), FileID: 9999}, // someone else's file
		} {
			if err := s.RecordUse(ctx, d.ID, &u); coso.ErrorCode(err) != coso.EInvalid {
				t.Errorf("use %+v: %v", u, err)
			}
		}
		if err := s.ExtendPosting(ctx, d.ID, ymd(2026, 5, 8), "Người dân đề nghị niêm yết thêm"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Disclosure(ctx, d.ID)
		if got.LoudspeakerDays() != 3 || len(got.Missing()) != 2 || !got.PostingUntil.Equal(ymd(2026, 5, 8)) || len(got.Extensions) != 1 {
			t.Errorf("loudspeaker %d, missing %v, until %s, extensions %d", got.LoudspeakerDays(), got.Missing(), got.PostingUntil.Format("2006-01-02"), len(got.Extensions))
		}
		// Withdrawn: still listed and found, with its reason; no more changes.
		w, err := s.WithdrawDisclosure(ctx, d.ID, "Quyết định bị thay thế bởi Quyết định số 45/QĐ-UBND")
		if err != nil {
			t.Fatal(err)
		}
		if w.Status != disclosure.Withdrawn || !w.Public() || w.WithdrawnReason == "" || !w.WithdrawnOn.Equal(ymd(2026, 3, 10)) {
			t.Fatalf("withdrawn: %+v", w)
		}
		if page := list(t, s, store.DisclosureFilter{UnitID: unitID(t, s, "14845"), Query: "tien dien"}); len(page.Hits) != 1 || page.Hits[0].Status != disclosure.Withdrawn {
			t.Errorf("withdrawn is not found: %+v", page.Hits)
		}
		for name, err := range map[string]error{
			"correct":  second(s.CorrectDisclosure(ctx, d.ID, "Tiêu đề mới", "", "lý do")),
			"withdraw": second(s.WithdrawDisclosure(ctx, d.ID, "again")),
			"extend":   s.ExtendPosting(ctx, d.ID, ymd(2026, 6, 1), "again"),
		} {
			if code := coso.ErrorCode(err); code != coso.EConflict {
				t.Errorf("%s after withdrawal: %v", name, err)
			}
		}
		// A draft discarded is withdrawn without ever being public.
		x := draft(t, s, "14845", "1", "Bản nháp nhầm", "", ymd(2026, 3, 9))
		if x, err = s.WithdrawDisclosure(ctx, x.ID, "Tạo nhầm"); err != nil || x.Public() {
			t.Fatalf("discarded draft: %v %+v", err, x)
		}
		lines := strings.Join(auditLines(t, s), "\n")
		for _, want := range []string{"disclosure.create disclosure:", "disclosure.publish", "disclosure.correct", "version 2",
			"disclosure.use", "disclosure.extend", "disclosure.withdraw", "draft discarded", "disclosure.file"} {
			if !strings.Contains(lines, want) {
				t.Errorf("audit lacks %q", want)
			}
		}
		if strings.Contains(lines, "Xuân") || strings.Contains(lines, "hộ nghèo") {
			t.Error("the audit trail holds a disclosure's text")
		}
	})
}

func second[T any](_ T, err error) error { return err }

func list(t *testing.T, s *store.Store, f store.DisclosureFilter) *store.DisclosurePage {
	t.Helper()
	p, err := s.Disclosures(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")

func TestLateByOneWorkingDay(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupDisclosures(t, s)
		at(s, ymd(2026, 5, 20))
		// Decided Thursday 23 April 2026. Working days after it: Fri 24;
		// Sat 25, Sun 26 (the Hùng Kings' day) and Mon 27 (its day off in
		// compensation) are not; Tue 28, Wed 29; 30/4 and 1/5 are holidays;
		// Sat 2, Sun 3; Mon 4, Tue 5 (the 5th: the deadline), Wed 6 (the 6th).
		late := published(t, s, "14845", "7", "Danh sách hỗ trợ nhà ở", "", ymd(2026, 4, 23), ymd(2026, 5, 6))
		onTime := published(t, s, "14845", "7", "Danh sách hỗ trợ học phí", "", ymd(2026, 4, 23), ymd(2026, 5, 5))
		cal, _ := s.Calendar(ctx)
		if tm := late.Timing(cal, s.Now()); tm.State != disclosure.Late || tm.LateBy != 1 || !tm.Due.Equal(ymd(2026, 5, 5)) {
			t.Errorf("late: %+v", tm)
		}
		if tm := onTime.Timing(cal, s.Now()); tm.State != disclosure.OnTime {
			t.Errorf("on time: %+v", tm)
		}
		rep, err := s.DisclosureReport(ctx, unitID(t, s, "14845"), 2026, 2)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Late != 1 || rep.OnTime != 1 || len(rep.Published) != 2 || rep.DutyUnmet != 2 {
			t.Errorf("report: on time %d, late %d, published %d, loudspeaker unmet %d", rep.OnTime, rep.Late, len(rep.Published), rep.DutyUnmet)
		}
	})
}

func TestDisclosureSearch(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupDisclosures(t, s)
		a := published(t, s, "14845", "7", "Danh sách hộ nghèo năm 2026", "Các hộ được hỗ trợ tiền điện.", ymd(2026, 3, 2), ymd(2026, 3, 3))
		b := published(t, s, "14845.01", "12", "Mức thu phí vệ sinh", "Áp dụng cho hộ nghèo và hộ cận nghèo.", ymd(2026, 2, 2), ymd(2026, 2, 3))
		c := published(t, s, "14846", "7", "Danh sách hộ nghèo xã Tam Chung", "", ymd(2026, 1, 5), ymd(2026, 1, 6))
		e := published(t, s, "14845.A1", "A2", "Kế hoạch công tác năm học", "", ymd(2026, 1, 5), ymd(2026, 1, 6))
		draft(t, s, "14845", "7", "Hộ nghèo bản nháp", "", ymd(2026, 3, 9))
		pdf, err := s.AddDisclosureFile(ctx, b.ID, disclosure.Attachment, "bieu-phi.pdf", []byte("%PDF-1.4\n%fake"), "Biểu phí thu gom rác thải sinh hoạt")
		if err != nil {
			t.Fatal(err)
		}
		ids := func(p *store.DisclosurePage) []int64 {
			var out []int64
			for _, h := range p.Hits {
				out = append(out, h.ID)
			}
			return out
		}
		commune := unitID(t, s, "14845")
		for _, c := range []struct {
			name string
			f    store.DisclosureFilter
			want []int64
		}{
			{"newest first in the province", store.DisclosureFilter{UnitID: unitID(t, s, "38")}, []int64{a.ID, b.ID, e.ID, c.ID}},
			{"the commune and its villages and agency", store.DisclosureFilter{UnitID: commune}, []int64{a.ID, b.ID, e.ID}},
			{"a village", store.DisclosureFilter{UnitID: unitID(t, s, "14845.01")}, []int64{b.ID}},
			{"by category", store.DisclosureFilter{Category: "7"}, []int64{a.ID, c.ID}},
			{"by period", store.DisclosureFilter{From: ymd(2026, 2, 1), To: ymd(2026, 2, 28)}, []int64{b.ID}},
			// The title weighs more than the body: a (title) before b (body).
			{"without diacritics, ranked", store.DisclosureFilter{UnitID: commune, Query: "ho ngheo"}, []int64{a.ID, b.ID}},
			{"with diacritics and the other tone placement", store.DisclosureFilter{Query: "HỘ NGHÈO Tam Chung"}, []int64{c.ID}},
			{"the last word as a prefix", store.DisclosureFilter{Query: "tien đi"}, []int64{a.ID}},
			{"attachment text", store.DisclosureFilter{Query: "rac thai"}, []int64{b.ID}},
			{"search and filters combine", store.DisclosureFilter{Query: "ho ngheo", Category: "12"}, []int64{b.ID}},
			{"no match", store.DisclosureFilter{Query: "xyzzy"}, nil},
			{"punctuation only", store.DisclosureFilter{Query: `"*():'`, Category: "12"}, []int64{b.ID}},
		} {
			if got := ids(list(t, s, c.f)); !equalIDs(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
		// Matches are marked on the original words.
		h := list(t, s, store.DisclosureFilter{Query: "ho ngheo", Category: "7", UnitID: commune}).Hits[0]
		if got := marked(h.Marks); got != "hộ|nghèo" {
			t.Errorf("title marks %q", got)
		}
		h = list(t, s, store.DisclosureFilter{Query: "can ngheo"}).Hits[0]
		if got := marked(h.Snippet); got != "nghèo|cận|nghèo" {
			t.Errorf("snippet marks %q", got)
		}
		// Pages.
		p1 := list(t, s, store.DisclosureFilter{Limit: 2})
		p2 := list(t, s, store.DisclosureFilter{Limit: 2, Cursor: p1.NextCursor})
		if !equalIDs(ids(p1), []int64{a.ID, b.ID}) || !equalIDs(ids(p2), []int64{e.ID, c.ID}) || p2.NextCursor != "" {
			t.Errorf("pages %v %v (%q)", ids(p1), ids(p2), p2.NextCursor)
		}
		if _, err := s.Disclosures(ctx, store.DisclosureFilter{Cursor: "nonsense"}); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("bad cursor: %v", err)
		}
		// Drafts are the office's list.
		if got := list(t, s, store.DisclosureFilter{UnitID: commune, Drafts: true}); len(got.Hits) != 1 || got.Hits[0].Status != disclosure.Draft {
			t.Errorf("drafts: %+v", got.Hits)
		}
		// The attachment's bytes are kept outside any served folder.
		f, r, err := s.DisclosureFile(ctx, b.ID, pdf.ID)
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		if f.Type != "application/pdf" || f.Name != "bieu-phi.pdf" {
			t.Errorf("file %+v", f)
		}
		if _, err := os.Stat(filepath.Join(s.DataDir(), "files", "disclosures", f.SHA256[:2], f.SHA256)); err != nil {
			t.Error(err)
		}
		if _, _, err := s.DisclosureFile(ctx, a.ID, pdf.ID); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("a file through another disclosure: %v", err)
		}
		if _, err := s.AddDisclosureFile(ctx, a.ID, disclosure.Attachment, "x.pdf", []byte("<script>"), ""); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("html as pdf: %v", err)
		}
		if _, err := s.AddDisclosureFile(ctx, a.ID, disclosure.Evidence, "x.docx", zipDocx(), ""); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("a document as evidence: %v", err)
		}
	})
}

func marked(segs []viet.Segment) string {
	var out []string
	for _, s := range segs {
		if s.Match {
			out = append(out, s.Text)
		}
	}
	return strings.Join(out, "|")
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDueItemsAndReminders(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupDisclosures(t, s)
		officer := &account.User{Username: "canbo", DisplayName: "Cán bộ", Email: "canbo@muonglat.example", PasswordHash: fakeHash}
		head := &account.User{Username: "truongban", DisplayName: "Trưởng bản", Phone: "+84912345678", PasswordHash: fakeHash}
		other := &account.User{Username: "tamchung", DisplayName: "Cán bộ Tam Chung", Email: "a@tamchung.example", PasswordHash: fakeHash}
		for _, u := range []*account.User{officer, head, other} {
			if err := s.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		for _, g := range []struct {
			u    *account.User
			role account.Role
			unit string
		}{{officer, account.CommuneOfficer, "14845"}, {head, account.VillageHead, "14845.01"}, {other, account.CommuneOfficer, "14846"}} {
			if _, err := s.Grant(ctx, g.u.ID, g.role, g.unit); err != nil {
				t.Fatal(err)
			}
		}
		overdue := draft(t, s, "14845.01", "7", "Danh sách cấp gạo", "", ymd(2026, 3, 2)) // due 9 March
		soon := draft(t, s, "14845", "1", "Kế hoạch năm", "", ymd(2026, 3, 4))            // due 11 March
		later := draft(t, s, "14845", "2", "Dự toán", "", ymd(2026, 3, 9))                // due 16 March
		req := &disclosure.Request{UnitCode: "14845", Name: "Lò Văn Pọm", Contact: "0912000111", Question: "Đề nghị cung cấp dự toán ngân sách xã năm 2026."}
		if err := s.CreateInfoRequest(ctx, req); err != nil {
			t.Fatal(err)
		}
		items, err := s.DueItems(ctx, []int64{unitID(t, s, "14845")})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 4 || items[0].ID != overdue.ID || items[0].Timing.State != disclosure.Overdue || items[1].ID != soon.ID ||
			items[2].ID != later.ID || items[3].Kind != "request" {
			t.Fatalf("due items: %+v", items)
		}
		n, err := s.RemindDue(ctx, "https://coso.example")
		if err != nil {
			t.Fatal(err)
		}
		// The officer gets overdue and soon (not later, not the request due
		// 24 March); the village head gets the village's overdue item by
		// SMS; Tam Chung's officer gets nothing.
		if n != 2 {
			t.Fatalf("%d reminders, want 2", n)
		}
		msgs, _ := s.Outbox(ctx, store.OutboxFilter{})
		var mail, sms *notify.Message
		for _, m := range msgs {
			switch m.Channel {
			case notify.ChannelEmail:
				mail = m
			case notify.ChannelSMS:
				sms = m
			}
		}
		if mail == nil || mail.To != "canbo@muonglat.example" || !strings.Contains(mail.Body, "Danh sách cấp gạo") || !strings.Contains(mail.Body, "Kế hoạch năm") ||
			strings.Contains(mail.Body, "Dự toán") || sms == nil || sms.To != "+84912345678" {
			t.Fatalf("messages: %+v %+v", mail, sms)
		}
		if n, _ := s.RemindDue(ctx, "https://coso.example"); n != 0 {
			t.Errorf("a second run on the same day sent %d", n)
		}
		at(s, ymd(2026, 3, 11))
		if n, _ := s.RemindDue(ctx, "https://coso.example"); n != 2 {
			t.Errorf("the next day: %d reminders, want 2 (still overdue)", n)
		}
	})
}

func TestInfoRequests(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupDisclosures(t, s)
		pub := &disclosure.Request{UnitCode: "14845", Name: "Lò Văn Pọm", Contact: "0912000111", Question: "Đề nghị cung cấp dự toán ngân sách xã năm 2026.", Public: true}
		priv := &disclosure.Request{UnitCode: "14845", Name: "Hà Thị Mai", Contact: "mai@example.vn", Question: "Xin danh sách các hộ được cấp đất ở bản Lát."}
		for _, r := range []*disclosure.Request{pub, priv} {
			if err := s.CreateInfoRequest(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		if !pub.DueOn.Equal(ymd(2026, 3, 24)) || pub.Status != disclosure.Open {
			t.Fatalf("received 10 March, due %s", pub.DueOn.Format("2006-01-02"))
		}
		if err := s.CreateInfoRequest(ctx, &disclosure.Request{UnitCode: "38", Name: "A", Contact: "b", Question: "câu hỏi đủ dài rồi"}); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("a request to the province: %v", err)
		}
		open, _ := s.InfoRequests(ctx, store.InfoRequestFilter{UnitID: unitID(t, s, "14845"), Open: true})
		public, _ := s.InfoRequests(ctx, store.InfoRequestFilter{UnitID: unitID(t, s, "38"), PublicOnly: true})
		if len(open) != 2 || len(public) != 1 || public[0].ID != pub.ID {
			t.Fatalf("open %d, public %d", len(open), len(public))
		}
		r, err := s.ExtendInfoRequest(ctx, pub.ID, "Cần tổng hợp số liệu từ các bản")
		if err != nil || !r.Extended || !r.DueOn.Equal(ymd(2026, 4, 7)) {
			t.Fatalf("extended: %v %+v", err, r)
		}
		if _, err := s.ExtendInfoRequest(ctx, pub.ID, "again"); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("second extension: %v", err)
		}
		d := published(t, s, "14845", "2", "Dự toán ngân sách xã năm 2026", "", ymd(2026, 3, 9), ymd(2026, 3, 10))
		r, err = s.AnswerInfoRequest(ctx, pub.ID, disclosure.Answered, "Dự toán đã được công khai.", d.ID)
		if err != nil || r.Status != disclosure.Answered || r.DisclosureID != d.ID || !r.AnsweredOn.Equal(ymd(2026, 3, 10)) {
			t.Fatalf("answered: %v %+v", err, r)
		}
		if _, err := s.AnswerInfoRequest(ctx, priv.ID, disclosure.Answered, "Xem thông tin số 9999", 9999); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("an answer pointing at no disclosure: %v", err)
		}
		lines := strings.Join(auditLines(t, s), "\n")
		if !strings.Contains(lines, "information_request.create") || !strings.Contains(lines, "information_request.answer") ||
			strings.Contains(lines, "Pọm") || strings.Contains(lines, "0912000111") || strings.Contains(lines, "mai@example.vn") {
			t.Errorf("audit: %s", lines)
		}
	})
}

// zipDocx is a minimal Word package.
func zipDocx() []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	f, _ := w.Create("word/document.xml")
	_, _ = f.Write([]byte("<w:document/>"))
	_ = w.Close()
	return b.Bytes()
}

func TestImportDisclosures(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupDisclosures(t, s)
		commune := unitID(t, s, "14845")
		var ds []*disclosure.Disclosure
		for i := range 3 {
			ds = append(ds, &disclosure.Disclosure{UnitID: commune, Category: "7", Title: fmt.Sprintf("Danh sách hỗ trợ số %d", i+1),
				Body: "Hộ nghèo được hỗ trợ.", DecidedOn: ymd(2026, 2, 2), PublishedOn: ymd(2026, 2, 3+i)})
		}
		if err := s.ImportDisclosures(ctx, ds); err != nil {
			t.Fatal(err)
		}
		p := list(t, s, store.DisclosureFilter{UnitID: commune, Query: "ho ngheo"})
		if len(p.Hits) != 3 || p.Hits[0].Version != 1 || !p.Hits[0].PostingUntil.Equal(ymd(2026, 3, 6)) {
			t.Fatalf("imported: %d hits %+v", len(p.Hits), p.Hits)
		}
		bad := []*disclosure.Disclosure{
			{UnitID: commune, Category: "1", Title: "Kế hoạch đúng", DecidedOn: ymd(2026, 2, 2), PublishedOn: ymd(2026, 2, 3)},
			{UnitID: commune, Category: "1", Title: "Công khai trước khi quyết định", DecidedOn: ymd(2026, 2, 2), PublishedOn: ymd(2026, 2, 1)},
		}
		err := s.ImportDisclosures(ctx, bad)
		var ce *coso.Error
		if !errors.As(err, &ce) || ce.Line != 2 || ce.Field != "published_on" {
			t.Fatalf("bad import: %v", err)
		}
		if p := list(t, s, store.DisclosureFilter{UnitID: commune}); len(p.Hits) != 3 {
			t.Errorf("a failed batch left %d disclosures", len(p.Hits)-3)
		}
	})
}

// A search ranks the newest matches only; an older one is found by a
// narrower search.
func TestSearchWindow(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupDisclosures(t, s)
		defer store.SetRankWindow(2)()
		old := published(t, s, "14845", "7", "Hỗ trợ hộ nghèo bản Lát", "", ymd(2026, 1, 5), ymd(2026, 1, 6))
		published(t, s, "14845", "7", "Hỗ trợ hộ nghèo", "", ymd(2026, 2, 5), ymd(2026, 2, 6))
		published(t, s, "14845", "7", "Hỗ trợ hộ nghèo", "", ymd(2026, 3, 5), ymd(2026, 3, 6))
		if p := list(t, s, store.DisclosureFilter{Query: "ho ngheo"}); len(p.Hits) != 2 || p.Hits[0].ID == old.ID || p.Hits[1].ID == old.ID {
			t.Errorf("window of 2: %d hits", len(p.Hits))
		}
		if p := list(t, s, store.DisclosureFilter{Query: "ho ngheo ban lat"}); len(p.Hits) != 1 || p.Hits[0].ID != old.ID {
			t.Errorf("a narrower search: %d hits", len(p.Hits))
		}
	})
}
