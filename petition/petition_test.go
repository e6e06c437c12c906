package petition_test

import (
	"strings"
	"testing"

	"coso"
	"coso/petition"
)

func valid(k petition.Kind) petition.Case {
	return petition.Case{Kind: k, Channel: petition.Portal, Subject: "Đường thôn hỏng sau mưa lũ",
		Body:     "Đoạn đường từ nhà văn hoá đến trường học bị sạt lở, xe máy không qua được.",
		Identity: petition.Identity{Name: "Nguyễn Văn Ba", Address: "Thôn Đông, xã An Hoà", Phone: "0912 345 678"}}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(c *petition.Case)
		field string // "" when valid
	}{
		{"feedback with a name", func(c *petition.Case) {}, ""},
		{"anonymous feedback", func(c *petition.Case) { c.Anonymous = true }, ""},
		{"anonymous question", func(c *petition.Case) { c.Kind, c.Anonymous = petition.Question, true }, ""},
		{"anonymous complaint", func(c *petition.Case) { c.Kind, c.Anonymous = petition.Complaint, true }, "anonymous"},
		{"anonymous denunciation", func(c *petition.Case) { c.Kind, c.Anonymous = petition.Denunciation, true }, "anonymous"},
		{"complaint without an address", func(c *petition.Case) { c.Kind, c.Identity.Address = petition.Complaint, "" }, "address"},
		{"denunciation without a way to reach", func(c *petition.Case) { c.Kind, c.Identity.Phone = petition.Denunciation, "" }, "phone"},
		{"denunciation by e-mail", func(c *petition.Case) {
			c.Kind, c.Identity.Phone, c.Identity.Email = petition.Denunciation, "", "ba@example.vn"
		}, ""},
		{"no name", func(c *petition.Case) { c.Identity.Name = "" }, "name"},
		{"bad phone", func(c *petition.Case) { c.Identity.Phone = "12" }, "phone"},
		{"bad citizen id", func(c *petition.Case) { c.Identity.CitizenID = "123" }, "citizen_id"},
		{"short subject", func(c *petition.Case) { c.Subject = "Ừ" }, "subject"},
		{"short body", func(c *petition.Case) { c.Body = "Ngắn quá" }, "body"},
		{"unknown kind", func(c *petition.Case) { c.Kind = "rumour" }, "kind"},
		{"unknown channel", func(c *petition.Case) { c.Channel = "pigeon" }, "channel"},
		{"third instance", func(c *petition.Case) { c.Kind, c.Instance = petition.Complaint, 3 }, "instance"},
	}
	for _, tc := range tests {
		c := valid(petition.Feedback)
		tc.edit(&c)
		err := c.Validate()
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field != "" && (err == nil || coso.AsError(err).Field != tc.field):
			t.Errorf("%s: %v, want an error on %s", tc.name, err, tc.field)
		}
	}
	c := valid(petition.Complaint)
	if err := c.Validate(); err != nil || c.Instance != 1 || c.Identity.Phone != "+84912345678" {
		t.Errorf("complaint: %v, instance %d, phone %q", err, c.Instance, c.Identity.Phone)
	}
	a := valid(petition.Feedback)
	a.Anonymous = true
	if err := a.Validate(); err != nil || !a.Identity.Empty() {
		t.Errorf("anonymous feedback keeps an identity: %+v %v", a.Identity, err)
	}
}

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		c := petition.NewCode()
		if len(c) != 14 || c[4] != '-' || c[9] != '-' {
			t.Fatalf("code %q", c)
		}
		if seen[c] {
			t.Fatalf("code %q twice", c)
		}
		seen[c] = true
		back, err := petition.ParseCode(strings.ToLower(strings.ReplaceAll(c, "-", " ")))
		if err != nil || back != c {
			t.Fatalf("parse %q: %q %v", c, back, err)
		}
	}
	if got, err := petition.ParseCode("7kqm2xh4pt9b"); err != nil || got != "7KQM-2XH4-PT9B" {
		t.Errorf("lower case: %q %v", got, err)
	}
	if got, _ := petition.ParseCode("OIL0-0000-0000"); got != "0110-0000-0000" {
		t.Errorf("O, I and L read as digits: %q", got)
	}
	for _, bad := range []string{"", "7KQM-2XH4", "7KQM-2XH4-PT9B-1", "7KQM-2XH4-PT9U", "<script>"} {
		if _, err := petition.ParseCode(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSniff(t *testing.T) {
	if typ, err := petition.Sniff([]byte("%PDF-1.4\n%âãÏÓ\n")); err != nil || typ != "application/pdf" {
		t.Errorf("pdf: %q %v", typ, err)
	}
	if _, err := petition.Sniff([]byte("<html><script>alert(1)</script>")); err == nil {
		t.Error("html accepted")
	}
	if _, err := petition.Sniff(make([]byte, petition.MaxFileSize+1)); err == nil {
		t.Error("oversized file accepted")
	}
	if err := petition.CheckFiles([]int{1, 2, 3, 4, 5, 6}); err == nil {
		t.Error("six files accepted")
	}
	if got := petition.CleanName(`..\..\etc/đơn "khiếu nại".exe`, "application/pdf"); got != "đơn khiếu nại.pdf" {
		t.Errorf("clean name %q", got)
	}
}

// A case moves through its stages only in the law's order.
func TestStages(t *testing.T) {
	c := valid(petition.Complaint)
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	c.Receive(day(2026, 3, 6), cal2026)
	if err := c.Resolve(day(2026, 3, 9), "Giải quyết ngay không cần thụ lý.", ""); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("complaint resolved before acceptance: %v", err)
	}
	if err := c.Accept(day(2026, 3, 5), false, false, "", cal2026); coso.ErrorCode(err) != coso.EInvalid {
		t.Errorf("accepted before receipt: %v", err)
	}
	if err := c.Accept(day(2026, 3, 9), false, true, "", cal2026); coso.ErrorCode(err) != coso.EInvalid {
		t.Errorf("a complaint “needs more time”: %v", err)
	}
	if err := c.Accept(day(2026, 3, 9), false, false, "", cal2026); err != nil {
		t.Fatal(err)
	}
	if err := c.Reject(day(2026, 3, 10), "Không thuộc thẩm quyền."); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("rejected after acceptance: %v", err)
	}
	if err := c.Resolve(day(2026, 3, 20), "Quyết định giải quyết số 3/QĐ-UBND ngày 20/3/2026.", "Đã sửa đường."); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(day(2026, 3, 21), "Rút đơn."); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("closed after resolution: %v", err)
	}
	if c.Published() {
		t.Error("published without consent")
	}
	c.Consent = true
	if !c.Published() {
		t.Error("not published with consent and a summary")
	}
	f := valid(petition.Feedback)
	f.Receive(day(2026, 3, 6), cal2026)
	if err := f.Resolve(day(2026, 3, 9), "Xã đã cử người khắc phục đoạn đường.", ""); err != nil || f.Intake != petition.AnswerResolved {
		t.Errorf("feedback answered at once: %v %s", err, f.Intake)
	}
	tr := valid(petition.Denunciation)
	tr.UnitID, tr.AgainstUnitID = 1, 2
	tr.Receive(day(2026, 3, 6), cal2026)
	if err := tr.Transfer(day(2026, 3, 9), 2, "B", "Xã B", false, "Chuyển đúng nơi.", cal2026); coso.ErrorCode(err) != coso.EInvalid {
		t.Errorf("denunciation transferred to the accused unit: %v", err)
	}
	if err := tr.Transfer(day(2026, 3, 9), 3, "C", "Xã C", false, "Đơn vị có thẩm quyền.", cal2026); err != nil {
		t.Fatal(err)
	}
	if iso(tr.ReceivedOn) != "2026-03-09" || iso(tr.FiledOn) != "2026-03-06" || iso(tr.DueOn) != "2026-03-18" {
		t.Errorf("transfer restarts the clock: received %s filed %s due %s", iso(tr.ReceivedOn), iso(tr.FiledOn), iso(tr.DueOn))
	}
}

func TestRatingValidate(t *testing.T) {
	for _, tc := range []struct {
		r     petition.Rating
		field string
	}{
		{petition.Rating{About: petition.AboutPetition, Score: 5}, ""},
		{petition.Rating{About: petition.AboutPetition, Score: 0}, "score"},
		{petition.Rating{About: petition.AboutPetition, Score: 6}, "score"},
		{petition.Rating{About: petition.AboutProcedure, Score: 3}, "procedure"},
		{petition.Rating{About: petition.AboutProcedure, Score: 3, Procedure: "Đăng ký khai sinh"}, ""},
		{petition.Rating{About: "gossip", Score: 3}, "about"},
		{petition.Rating{About: petition.AboutPetition, Score: 3, Comment: strings.Repeat("x", 1001)}, "comment"},
	} {
		err := tc.r.Validate()
		if (tc.field == "") != (err == nil) || err != nil && coso.AsError(err).Field != tc.field {
			t.Errorf("%+v: %v, want %q", tc.r, err, tc.field)
		}
	}
	s := petition.Score{}.Add(5).Add(2)
	if s.Count != 2 || s.Average() != 3.5 || (petition.Score{}).Average() != 0 {
		t.Errorf("score %+v", s)
	}
}
