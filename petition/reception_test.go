package petition_test

import (
	"testing"
	"time"

	"coso"
	"coso/petition"
)

func sessions(days ...time.Time) []petition.Session {
	var out []petition.Session
	for _, d := range days {
		out = append(out, petition.Session{On: d})
	}
	return out
}

// The least reception: weekly for a commune's chair until June 2026, two
// days a month from July 2026, one day a month for the province's chair.
func TestCheckMonth(t *testing.T) {
	june := sessions(day(2026, 6, 4), day(2026, 6, 11), day(2026, 6, 18), day(2026, 6, 25))
	mc, ok := petition.CheckMonth(petition.CommuneLevel, day(2026, 6, 10), june, cal2026)
	if !ok || mc.OK || mc.Required != 5 || len(mc.ShortWeeks) != 1 || iso(mc.ShortWeeks[0]) != "2026-06-29" {
		t.Errorf("June with no session in its last week: %+v", mc)
	}
	mc, _ = petition.CheckMonth(petition.CommuneLevel, day(2026, 6, 1), append(june, sessions(day(2026, 6, 30))...), cal2026)
	if !mc.OK || mc.Days != 5 {
		t.Errorf("June complete: %+v", mc)
	}
	july := sessions(day(2026, 7, 2), day(2026, 7, 2), day(2026, 6, 30))
	mc, _ = petition.CheckMonth(petition.CommuneLevel, day(2026, 7, 1), july, cal2026)
	if mc.OK || mc.Days != 1 || mc.Required != 2 || mc.Rule.PerMonth != 2 {
		t.Errorf("July with one day: %+v", mc)
	}
	july = append(july, petition.Session{On: day(2026, 7, 16)}, petition.Session{On: day(2026, 7, 23), Cancelled: "Chủ tịch đi công tác"})
	if mc, _ = petition.CheckMonth(petition.CommuneLevel, day(2026, 7, 1), july, cal2026); !mc.OK || mc.Days != 2 {
		t.Errorf("July with two days: %+v", mc)
	}
	if mc, _ = petition.CheckMonth(petition.ProvinceLevel, day(2026, 8, 1), sessions(day(2026, 8, 20)), cal2026); !mc.OK || mc.Required != 1 {
		t.Errorf("province: %+v", mc)
	}
	if mc, _ = petition.CheckMonth(petition.ProvinceLevel, day(2026, 9, 1), nil, cal2026); mc.OK {
		t.Errorf("province without a session: %+v", mc)
	}
	for _, r := range petition.ReceptionRules() {
		if r.Article == "" || r.VI == "" || r.EN == "" || r.PerWeek+r.PerMonth == 0 {
			t.Errorf("incomplete rule %+v", r)
		}
	}
}

func TestSessionValidate(t *testing.T) {
	today := day(2026, 6, 24) // a Wednesday
	ok := petition.Session{On: day(2026, 6, 25), Starts: "07:30", Ends: "11:00", Host: "Chủ tịch UBND xã Lê Văn A", Place: "Phòng tiếp công dân"}
	if err := ok.Validate(today, cal2026); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		edit  func(s *petition.Session)
		field string
	}{
		"in the past":                            {func(s *petition.Session) { s.On = day(2026, 6, 23) }, "on"},
		"on a Saturday":                          {func(s *petition.Session) { s.On = day(2026, 6, 27) }, "on"},
		"ends before it starts":                  {func(s *petition.Session) { s.Ends = "07:00" }, "starts"},
		"a bad time":                             {func(s *petition.Session) { s.Starts = "7h30" }, "starts"},
		"no host":                                {func(s *petition.Session) { s.Host = "" }, "host"},
		"online before July 2026":                {func(s *petition.Session) { s.Online, s.On = true, day(2026, 6, 30) }, "online"},
		"online on 1 July, 5 working days ahead": {func(s *petition.Session) { s.Online, s.On = true, day(2026, 7, 1) }, ""},
		"online with 5 days' notice":             {func(s *petition.Session) { s.Online, s.On = true, day(2026, 7, 2) }, ""},
		"more than a year ahead":                 {func(s *petition.Session) { s.On = day(2027, 6, 28) }, "on"},
		"online, well announced July":            {func(s *petition.Session) { s.Online, s.On = true, day(2026, 7, 15) }, ""},
	} {
		s := ok
		tc.edit(&s)
		err := s.Validate(today, cal2026)
		if (tc.field == "") != (err == nil) || err != nil && coso.AsError(err).Field != tc.field {
			t.Errorf("%s: %v, want %q", name, err, tc.field)
		}
	}
}

// An online session needs 5 working days' notice: announced on Monday 6
// July 2026, Friday 10 July is too soon and Monday 13 July is the first
// day possible.
func TestOnlineNotice(t *testing.T) {
	s := petition.Session{On: day(2026, 7, 10), Starts: "14:00", Ends: "16:00", Host: "Chủ tịch UBND xã", Place: "Hội nghị truyền hình", Online: true}
	if err := s.Validate(day(2026, 7, 6), cal2026); coso.AsError(err).Field != "on" {
		t.Errorf("four days' notice: %v", err)
	}
	s.On = day(2026, 7, 13)
	if err := s.Validate(day(2026, 7, 6), cal2026); err != nil {
		t.Errorf("five days' notice: %v", err)
	}
}
