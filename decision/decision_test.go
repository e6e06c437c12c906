package decision

import (
	"testing"
	"time"

	"coso"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone) }

func TestAdopted(t *testing.T) {
	cases := []struct {
		subject    Subject
		yes, total int
		want       bool
	}{
		{OtherMatter, 50, 100, false},
		{OtherMatter, 51, 100, true},
		{PublicWorks, 66, 100, false},
		{PublicWorks, 67, 100, true},
		{CommunityFund, 66, 100, false},
		{CommunityFund, 67, 100, true},
		{Covenant, 50, 100, false},
		{VillageHead, 51, 100, true},
		{BoardMembers, 3, 5, true},
		{BoardMembers, 2, 5, false},
		// Edge cases: no households, one household, three households.
		{OtherMatter, 0, 0, false},
		{PublicWorks, 0, 0, false},
		{OtherMatter, 1, 1, true},
		{OtherMatter, 0, 1, false},
		{PublicWorks, 1, 1, true},
		{PublicWorks, 0, 1, false},
		{PublicWorks, 2, 3, true},
		{PublicWorks, 1, 3, false},
		{OtherMatter, 2, 3, true},
		{OtherMatter, 1, 2, false},
		{PublicWorks, 4, 6, true},
		{PublicWorks, 3, 6, false},
		// Impossible counts are not a vote.
		{OtherMatter, 101, 100, false},
		{OtherMatter, -1, 100, false},
	}
	for _, c := range cases {
		if got := Adopted(c.yes, c.total, c.subject.Threshold()); got != c.want {
			t.Errorf("subject %d: %d of %d adopted = %v, want %v", c.subject, c.yes, c.total, got, c.want)
		}
		need := c.subject.Threshold().Need(c.total)
		if c.total > 0 && (Adopted(need-1, c.total, c.subject.Threshold()) || !Adopted(need, c.total, c.subject.Threshold())) {
			t.Errorf("subject %d of %d: need %d is not the least adopting count", c.subject, c.total, need)
		}
	}
}

// TestNeedAgreesWithAdopted checks Need against Adopted for every size up
// to 1000, so the two never disagree.
func TestNeedAgreesWithAdopted(t *testing.T) {
	for _, th := range []Threshold{TwoThirds, MoreThanHalf, InitiativeShare} {
		for total := 1; total <= 1000; total++ {
			n := th.Need(total)
			if Adopted(n-1, total, th) || !Adopted(n, total, th) {
				t.Fatalf("%s of %d: need %d", th.EN, total, n)
			}
		}
	}
}

func TestDecisionText(t *testing.T) {
	yesNo := &Matter{Subject: OtherMatter}
	choices := &Matter{Subject: VillageHead, Choices: []string{"Hà Văn Thắng", "Lò Văn Nam"}}
	money := &Matter{Subject: PublicWorks}
	cases := []struct {
		m      *Matter
		t      Tally
		vi, en string
	}{
		{yesNo, Tally{100, 80, []int{62, 15, 3}}, "62 trên 100 hộ đồng ý, quá một nửa: thông qua", "62 of 100 households agreed, more than half: adopted"},
		{yesNo, Tally{100, 90, []int{50, 40, 0}}, "50 trên 100 hộ đồng ý, không quá một nửa: không thông qua", "50 of 100 households agreed, not more than half: not adopted"},
		{money, Tally{100, 90, []int{67, 20, 3}}, "67 trên 100 hộ đồng ý, đạt ít nhất hai phần ba: thông qua", "67 of 100 households agreed, at least two thirds: adopted"},
		{money, Tally{100, 90, []int{66, 20, 4}}, "66 trên 100 hộ đồng ý, chưa đạt hai phần ba: không thông qua", "66 of 100 households agreed, less than two thirds: not adopted"},
		// Disagree leading does not adopt a yes-or-no matter.
		{yesNo, Tally{10, 10, []int{2, 8, 0}}, "2 trên 10 hộ đồng ý, không quá một nửa: không thông qua", "2 of 10 households agreed, not more than half: not adopted"},
		{choices, Tally{100, 90, []int{30, 60}}, "Phương án “Lò Văn Nam”: 60 trên 100 hộ chọn, quá một nửa: thông qua", "Choice “Lò Văn Nam”: 60 of 100 households chose it, more than half: adopted"},
		{yesNo, Tally{0, 0, nil}, "0 trên 0 hộ đồng ý, không quá một nửa: không thông qua", "0 of 0 households agreed, not more than half: not adopted"},
	}
	for _, c := range cases {
		r := Decide(c.m, c.t)
		if got := r.Text("vi"); got != c.vi {
			t.Errorf("vi: %q, want %q", got, c.vi)
		}
		if got := r.Text("en"); got != c.en {
			t.Errorf("en: %q, want %q", got, c.en)
		}
	}
}

func TestTallyCheck(t *testing.T) {
	for _, c := range []struct {
		t  Tally
		ok bool
	}{
		{Tally{10, 8, []int{5, 2, 1}}, true},
		{Tally{10, 8, []int{5, 2, 2}}, false},
		{Tally{10, 11, []int{5}}, false},
		{Tally{10, 5, []int{-1}}, false},
	} {
		if err := c.t.Check(); (err == nil) != c.ok {
			t.Errorf("%+v: %v", c.t, err)
		}
	}
}

func TestCommuneWide(t *testing.T) {
	m := &Matter{Subject: PublicWorks, CommuneWide: true}
	village := func(yes int) VillageResult {
		return VillageResult{Result: Decide(m, Tally{30, 30, []int{yes, 30 - yes, 0}})}
	}
	cases := []struct {
		yes  []int
		want bool
		en   string
	}{
		{[]int{20, 20, 20}, true, "3 of 3 villages adopted it, at least two thirds: adopted"},
		{[]int{20, 20, 19}, true, "2 of 3 villages adopted it, at least two thirds: adopted"},
		{[]int{20, 19, 19}, false, "1 of 3 villages adopted it, less than two thirds: not adopted"},
		{[]int{20, 20, 20, 20, 19, 19}, true, "4 of 6 villages adopted it, at least two thirds: adopted"},
		{[]int{20, 20, 20, 19, 19, 19}, false, "3 of 6 villages adopted it, less than two thirds: not adopted"},
		{nil, false, "0 of 0 villages adopted it, less than two thirds: not adopted"},
	}
	for _, c := range cases {
		var vs []VillageResult
		for _, y := range c.yes {
			vs = append(vs, village(y))
		}
		r := DecideCommune(vs)
		if r.Adopted != c.want || r.Text("en") != c.en {
			t.Errorf("%v: %v %q", c.yes, r.Adopted, r.Text("en"))
		}
	}
	if got := DecideCommune([]VillageResult{village(20), village(20), village(19)}).Text("vi"); got != "2 trên 3 thôn thông qua, đạt ít nhất hai phần ba: thông qua" {
		t.Errorf("vi: %q", got)
	}
}

func TestForms(t *testing.T) {
	today := day(2025, 7, 15)
	optIn := &OptIn{DecidedOn: day(2025, 1, 10), Households: 100, Agreed: 51}
	expired := &OptIn{DecidedOn: day(2024, 1, 10), Households: 100, Agreed: 60, ValidUntil: day(2024, 12, 31)}
	revoked := &OptIn{DecidedOn: day(2024, 1, 10), Households: 100, Agreed: 60, RevokedOn: day(2025, 7, 1)}
	withOptIn := Situation{OptIn: optIn, Today: today, Households: 100}
	cases := []struct {
		name    string
		subject Subject
		form    Form
		sit     Situation
		ok      bool
	}{
		{"online for subject 6 with opt-in", OtherMatter, Online, withOptIn, true},
		{"online for subject 3 refused", Covenant, Online, withOptIn, false},
		{"online for subject 1 refused", PublicWorks, Online, withOptIn, false},
		{"online for subject 4 refused", VillageHead, Online, withOptIn, false},
		{"online without opt-in refused", OtherMatter, Online, Situation{Today: today, Households: 100}, false},
		{"online with expired opt-in refused", OtherMatter, Online, Situation{OptIn: expired, Today: today, Households: 100}, false},
		{"online with revoked opt-in refused", OtherMatter, Online, Situation{OptIn: revoked, Today: today, Households: 100}, false},
		{"online before the opt-in refused", OtherMatter, Online, Situation{OptIn: optIn, Today: day(2025, 1, 9), Households: 100}, false},
		{"meeting for subject 3", Covenant, Meeting, withOptIn, true},
		{"ballots for subject 3 before a meeting refused", Covenant, Ballot, withOptIn, false},
		{"ballots for subject 4 after a meeting of 40 of 100", VillageHead, Ballot, Situation{Households: 100, MeetingHeld: true, Attended: 40}, true},
		{"ballots for subject 5 after a meeting of 51 of 100 refused", BoardMembers, Ballot, Situation{Households: 100, MeetingHeld: true, Attended: 51}, false},
		{"ballots for subject 1", PublicWorks, Ballot, Situation{Households: 100}, true},
		{"meeting for subject 2", CommunityFund, Meeting, Situation{Households: 100}, true},
		{"ballots for subject 6", OtherMatter, Ballot, Situation{Households: 100}, true},
	}
	for _, c := range cases {
		err := CheckForm(c.subject, c.form, c.sit)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
		if err != nil {
			e := coso.AsError(err)
			if e.Code != coso.EInvalid || e.Field != "forms" || e.VI == "" || e.EN == "" {
				t.Errorf("%s: %+v", c.name, e)
			}
		}
	}
	av := Availability(Covenant, withOptIn)
	if len(av) != 3 || av[0].Why != nil || av[1].Why == nil || av[2].Why == nil {
		t.Errorf("availability for subject 3: %+v", av)
	}
}

func TestOptInValidate(t *testing.T) {
	for _, c := range []struct {
		o  OptIn
		ok bool
	}{
		{OptIn{DecidedOn: day(2025, 1, 1), Households: 100, Agreed: 51}, true},
		{OptIn{DecidedOn: day(2025, 1, 1), Households: 100, Agreed: 50}, false},
		{OptIn{DecidedOn: day(2025, 1, 1), Households: 100, Agreed: 101}, false},
		{OptIn{Households: 100, Agreed: 60}, false},
		{OptIn{DecidedOn: day(2025, 1, 1), Households: 0, Agreed: 0}, false},
		{OptIn{DecidedOn: day(2025, 1, 1), Households: 3, Agreed: 2, ValidUntil: day(2024, 1, 1)}, false},
	} {
		if err := c.o.Validate(); (err == nil) != c.ok {
			t.Errorf("%+v: %v", c.o, err)
		}
	}
}

func TestMatterValidate(t *testing.T) {
	today := day(2025, 7, 15)
	good := func() *Matter {
		return &Matter{Subject: OtherMatter, Title: " Làm đường ", Question: "Có đồng ý không?", Forms: []Form{Meeting},
			Proposal: Proposal{Path: ByVillageHead, Proposer: "Trưởng thôn"}}
	}
	cases := []struct {
		name  string
		edit  func(m *Matter)
		field string
	}{
		{"good", func(m *Matter) {}, ""},
		{"no title", func(m *Matter) { m.Title = " " }, "title"},
		{"no question", func(m *Matter) { m.Question = "" }, "question"},
		{"bad subject", func(m *Matter) { m.Subject = 7 }, "subject"},
		{"online for subject 3", func(m *Matter) { m.Subject = Covenant; m.Forms = []Form{Online} }, "forms"},
		{"online without opt-in", func(m *Matter) { m.Forms = []Form{Online} }, "forms"},
		{"no form", func(m *Matter) { m.Forms = nil }, "forms"},
		{"one choice", func(m *Matter) { m.Choices = []string{"A"} }, "choices"},
		{"duplicate choices", func(m *Matter) { m.Choices = []string{"Lò Văn A", "lo van a"} }, "choices"},
		{"commune-wide subject 6", func(m *Matter) { m.CommuneWide = true; m.Proposal.Path = ByCommuneChair }, "commune_wide"},
		{"commune-wide by village head", func(m *Matter) { m.Subject = PublicWorks; m.CommuneWide = true }, "path"},
		{"commune chair for a village", func(m *Matter) { m.Proposal.Path = ByCommuneChair }, "path"},
		{"initiative of 9 of 100", func(m *Matter) {
			m.Proposal = Proposal{Path: ByCitizens, Proposer: "Nhóm hộ", Supporters: 9, CollectedOn: today}
		}, "supporters"},
		{"initiative of 9 of 100 approved by the Front", func(m *Matter) {
			m.Proposal = Proposal{Path: ByCitizens, Proposer: "Nhóm hộ", Supporters: 9, CollectedOn: today, FrontApproved: true}
		}, ""},
		{"initiative of 10 of 100", func(m *Matter) {
			m.Proposal = Proposal{Path: ByCitizens, Proposer: "Nhóm hộ", Supporters: 10, CollectedOn: day(2025, 4, 15)}
		}, ""},
		{"initiative older than 3 months", func(m *Matter) {
			m.Proposal = Proposal{Path: ByCitizens, Proposer: "Nhóm hộ", Supporters: 10, CollectedOn: day(2025, 4, 14)}
		}, "collected_on"},
	}
	for _, c := range cases {
		m := good()
		c.edit(m)
		err := m.Validate(100, today, nil)
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		e := coso.AsError(err)
		if es, ok := err.(coso.Errors); ok {
			e = es[0]
		}
		if err == nil || e.Field != c.field || e.VI == "" || e.EN == "" {
			t.Errorf("%s: got %v, want an error on %s", c.name, err, c.field)
		}
	}
	if m := good(); m.Validate(100, today, nil) == nil && m.Title != "Làm đường" {
		t.Errorf("title not trimmed: %q", m.Title)
	}
}

func TestStatusMoves(t *testing.T) {
	ok := [][2]Status{{Draft, Open}, {Open, Closed}, {Closed, Counted}, {Counted, Recognised}, {Counted, Refused}}
	for _, m := range ok {
		if err := m[0].Move(m[1]); err != nil {
			t.Errorf("%s → %s: %v", m[0], m[1], err)
		}
	}
	bad := [][2]Status{{Draft, Closed}, {Open, Counted}, {Closed, Open}, {Recognised, Refused}, {Refused, Open}, {Counted, Open}}
	for _, m := range bad {
		if err := m[0].Move(m[1]); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("%s → %s allowed", m[0], m[1])
		}
	}
}
