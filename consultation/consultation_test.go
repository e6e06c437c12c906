package consultation

import (
	"slices"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/calendar"
)

func day(y int, m time.Month, d int) time.Time { return calendar.Date(y, m, d) }

func TestSubjectsTable(t *testing.T) {
	subs := SubjectsFor("commune")
	if len(subs) != 9 {
		t.Fatalf("%d subjects, want the 9 items of art. 25", len(subs))
	}
	for i, s := range subs {
		if int(s) != i+1 {
			t.Errorf("subject %d at position %d", s, i)
		}
		if s.Name("vi") == "" || s.Name("en") == "" || !strings.Contains(s.Article(), "điều 25") {
			t.Errorf("subject %d: %q %q %q", s, s.Name("vi"), s.Name("en"), s.Article())
		}
	}
	if !NamedCitizens.Affected() || LandUsePlan.Affected() {
		t.Error("only item 8 concerns named citizens (art. 27)")
	}
	for _, n := range []int{0, 10, -1} {
		if _, err := ParseSubject(n); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("ParseSubject(%d) = %v", n, err)
		}
	}
	if n, art, ok := PeriodFor("commune"); !ok || n != 20 || !strings.Contains(art, "điều 28") {
		t.Errorf("commune period = %d %q %t", n, art, ok)
	}
	for _, k := range []string{"agency", "enterprise"} {
		if n, art, ok := PeriodFor(k); !ok || n != 0 || !strings.Contains(art, "điều") {
			t.Errorf("%s period = %d %q %t: LAW.md gives no minimum", k, n, art, ok)
		}
	}
	if _, _, ok := PeriodFor("village"); ok {
		t.Error("villages do not consult")
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		labels []string
		first  string
	}{
		{"articles", "QUY CHẾ DÂN CHỦ\nĐiều 1. Phạm vi\nQuy chế này áp dụng...\n1. Khoản một\nĐiều 2: Đối tượng\nNgười dân trong xã.\nđiều 3 Hiệu lực\n",
			[]string{"", "Điều 1", "Điều 2", "điều 3"}, "QUY CHẾ DÂN CHỦ"},
		{"numbered", "1. Mở rộng đường\nTừ thôn Đông đến thôn Tây.\n2) Làm cống\nIII. Kinh phí\n",
			[]string{"1.", "2)", "III."}, "Từ thôn Đông đến thôn Tây."},
		{"lines", "Giữ nguyên giờ đóng cổng\n\n  Lắp thêm đèn  \nSơn lại nhà văn hoá",
			[]string{"", "", ""}, "Giữ nguyên giờ đóng cổng"},
		{"one article is not a structure", "Điều 1. Chỉ một điều\nNội dung", []string{"", ""}, "Điều 1. Chỉ một điều"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.text)
			if len(got) != len(tt.labels) {
				t.Fatalf("%d sections: %+v", len(got), got)
			}
			for i, s := range got {
				if s.N != i+1 || s.Label != tt.labels[i] {
					t.Errorf("section %d = %+v", i, s)
				}
			}
			if got[0].Text != tt.first {
				t.Errorf("first text = %q", got[0].Text)
			}
		})
	}
	s := Split("Điều 1. Phạm vi\nA\nĐiều 2. Đối tượng\n1. Hộ gia đình\n2. Cá nhân")
	if s[1].Heading != "Đối tượng" || s[1].Text != "1. Hộ gia đình\n2. Cá nhân" || s[1].Anchor() != "s2" || s[1].Title() != "Điều 2. Đối tượng" {
		t.Errorf("clauses stay inside their article: %+v", s[1])
	}
}

func valid() *Consultation {
	return &Consultation{Subject: LandUsePlan, Title: "Quy hoạch khu dân cư thôn Đông", UnitKind: "commune",
		Sections: Split("Điều 1. Vị trí\nA\nĐiều 2. Diện tích\nB\nĐiều 3. Tiến độ\nC"),
		OpensOn:  day(2026, 3, 2), ClosesOn: day(2026, 3, 22)}
}

func TestValidate(t *testing.T) {
	today := day(2026, 3, 2)
	c := valid()
	if err := c.Validate("commune", today); err != nil {
		t.Fatalf("valid: %v", err)
	}
	if !c.Uses(Portal) || c.Audience != WholeUnit {
		t.Errorf("portal and the whole unit by default: %v %v", c.Forms, c.Audience)
	}
	tests := []struct {
		name  string
		kind  string
		edit  func(*Consultation)
		field string
	}{
		{"19 days", "commune", func(c *Consultation) { c.ClosesOn = day(2026, 3, 21) }, "closes_on"},
		{"opening in the past", "commune", func(c *Consultation) { c.OpensOn = day(2026, 3, 1) }, "opens_on"},
		{"no close", "commune", func(c *Consultation) { c.ClosesOn = time.Time{} }, "closes_on"},
		{"agency on a commune's subject", "agency", func(*Consultation) {}, "subject"},
		{"agency asking the people", "agency", func(c *Consultation) { c.Subject, c.Forms = AgencyRules, []Form{Meeting} }, "audience"},
		{"commune on an enterprise's subject", "commune", func(c *Consultation) { c.Subject = EnterprisePay }, "subject"},
		{"enterprise asking staff", "enterprise", func(c *Consultation) { c.Subject, c.Audience, c.Forms = EnterprisePay, StaffAll, []Form{Sheet} }, "audience"},
		{"village", "village", func(*Consultation) {}, "unit"},
		{"no sections", "commune", func(c *Consultation) { c.Sections = nil }, "sections"},
		{"short title", "commune", func(c *Consultation) { c.Title = "ab" }, "title"},
		{"subject 0", "commune", func(c *Consultation) { c.Subject = 0 }, "subject"},
		{"bad form", "commune", func(c *Consultation) { c.Forms = []Form{"radio"} }, "forms"},
		{"named citizens need them asked", "commune", func(c *Consultation) { c.Subject = NamedCitizens }, "audience"},
		{"affected need a note", "commune", func(c *Consultation) { c.Subject, c.Audience = NamedCitizens, AffectedOnes }, "audience_note"},
		{"villages need villages", "commune", func(c *Consultation) { c.Audience = SomeVillages }, "villages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.edit(c)
			err := c.Validate(tt.kind, today)
			e := coso.AsError(err)
			if es, ok := err.(coso.Errors); ok {
				e = es[0]
			}
			if err == nil || e.Field != tt.field || e.Code != coso.EInvalid {
				t.Errorf("err = %v, want field %s", err, tt.field)
			}
		})
	}
	c = valid()
	c.ClosesOn = day(2026, 3, 21)
	e := coso.AsError(c.Validate("commune", today))
	if !strings.Contains(e.VI, "22/03/2026") || !strings.Contains(e.EN, "2026-03-22") || !strings.Contains(e.VI, "20 ngày") {
		t.Errorf("the refusal names the earliest close: %q / %q", e.VI, e.EN)
	}
}

// Agencies and enterprises consult their staff and workers on their own
// subjects (art. 53, 71) for the period they set: LAW.md gives none.
func TestStaffConsultation(t *testing.T) {
	today := day(2026, 3, 2)
	for _, tt := range []struct {
		kind     string
		subject  Subject
		audience Audience
		subjects int
	}{{"agency", AgencyDemocracy, StaffAll, 5}, {"enterprise", EnterpriseSafety, WorkersAll, 4}} {
		c := &Consultation{Subject: tt.subject, Audience: tt.audience, Title: "Dự thảo quy chế",
			Sections: Split("Điều 1. A\nĐiều 2. B"), Forms: []Form{Portal, Meeting}, ClosesOn: today}
		if err := c.Validate(tt.kind, today); err != nil {
			t.Fatalf("%s: %v", tt.kind, err)
		}
		if c.Uses(Portal) || !c.Uses(Meeting) || !Staff(tt.kind) || !strings.Contains(tt.subject.Article(), "điều") {
			t.Errorf("%s: forms %v", tt.kind, c.Forms)
		}
		c.Status = Open
		if c.Accepting(today) || !strings.Contains(coso.AsError(c.ErrNotAccepting()).EN, "no comments on the portal") {
			t.Errorf("%s: citizens may not comment", tt.kind)
		}
		if got := SubjectsFor(tt.kind); len(got) != tt.subjects || !slices.Contains(got, tt.subject) {
			t.Errorf("%s subjects: %v", tt.kind, got)
		}
	}
	if !strings.Contains(Meeting.NameFor("agency", "vi"), "cán bộ") || Meeting.NameFor("commune", "vi") != Meeting.Name("vi") {
		t.Error("a staff meeting is named as such; a commune's is a community meeting")
	}
	if Staff("commune") || len(SubjectsFor("village")) != 0 {
		t.Error("communes consult the people; villages do not consult")
	}
}

func TestLifecycle(t *testing.T) {
	c := valid()
	c.Status = Draft
	if c.Accepting(day(2026, 3, 5)) {
		t.Error("a draft takes no opinions")
	}
	if err := c.Status.Move(Closed); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("draft → closed: %v", err)
	}
	c.Status = Open
	if !c.Accepting(day(2026, 3, 22)) || c.Accepting(day(2026, 3, 23)) {
		t.Error("opinions are taken through the closing date and not after")
	}
	if n := c.DaysLeft(day(2026, 3, 21)); n != 2 {
		t.Errorf("days left = %d", n)
	}
	e := coso.AsError(c.ErrNotAccepting())
	if e.Code != coso.EConflict || !strings.Contains(e.VI, "22/03/2026") || !strings.Contains(e.EN, "closed on 22 March 2026") {
		t.Errorf("refusal after the close: %+v", e)
	}
	if err := c.CheckClose(day(2026, 3, 22)); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("closing on the last day: %v", err)
	}
	if err := c.CheckClose(day(2026, 3, 23)); err != nil {
		t.Errorf("closing after the period: %v", err)
	}
	if _, err := c.CheckExtension(day(2026, 3, 30), "  "); coso.AsError(err).Field != "reason" {
		t.Errorf("extension without reason: %v", err)
	}
	if _, err := c.CheckExtension(day(2026, 3, 22), "Thêm thời gian"); coso.AsError(err).Field != "closes_on" {
		t.Errorf("extension to the same day: %v", err)
	}
	if r, err := c.CheckExtension(day(2026, 3, 30), " Nhiều hộ đi làm xa chưa kịp góp ý "); err != nil || r != "Nhiều hộ đi làm xa chưa kịp góp ý" {
		t.Errorf("extension: %q %v", r, err)
	}
	c.Status = Closed
	if _, err := c.CheckExtension(day(2026, 3, 30), "x"); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("extending a closed consultation: %v", err)
	}
	if err := c.Status.Move(Answered); err != nil {
		t.Error(err)
	}
}
