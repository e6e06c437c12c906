package petition

import (
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/calendar"
	"coso/viet"
)

// Session is one published day (or half day) when a unit's leader
// receives citizens, in person or online.
type Session struct {
	ID        int64
	UnitID    int64
	UnitCode  string
	UnitName  string
	On        time.Time
	Starts    string // HH:MM
	Ends      string
	Host      string // the leader who receives: post and name
	Place     string // the room, or the link's description for an online session
	Online    bool
	Cancelled string // the reason, when cancelled
	Cases     int    // cases taken in at the session
	CreatedAt time.Time
}

// Online reception (Law on Citizen Reception as amended by Law
// 136/2025/QH15): possible from 1 July 2026, announced to participants at
// least 5 working days before.
const OnlineNoticeDays = 5

// OnlineFrom is the first day online reception is lawful.
var OnlineFrom = calendar.Date(2026, time.July, 1)

func validClock(s string) bool {
	t, err := time.Parse("15:04", s)
	return err == nil && t.Format("15:04") == s
}

// Validate normalises a new session and checks it against today.
func (s *Session) Validate(today time.Time, cal *calendar.Calendar) error {
	s.Host = strings.TrimSpace(viet.Text(s.Host))
	s.Place = strings.TrimSpace(viet.Text(s.Place))
	s.On = calendar.DayOf(s.On)
	today = calendar.DayOf(today)
	switch {
	case s.On.IsZero():
		return coso.Invalid("on", "Cần ngày tiếp công dân.", "The date is required.")
	case s.On.Before(today):
		return coso.Invalid("on", "Không lên lịch cho ngày đã qua.", "A session cannot be scheduled in the past.")
	case s.On.After(today.AddDate(1, 0, 0)):
		return coso.Invalid("on", "Lịch chỉ lập trước tối đa một năm.", "Sessions are scheduled at most a year ahead.")
	case !cal.IsWorkingDay(s.On):
		return coso.Invalid("on", "Ngày tiếp công dân phải là ngày làm việc.", "A session must be on a working day.")
	case !validClock(s.Starts) || !validClock(s.Ends) || s.Ends <= s.Starts:
		return coso.Invalid("starts", "Giờ bắt đầu và kết thúc theo dạng 07:30, kết thúc sau bắt đầu.", "Start and end times as 07:30, the end after the start.")
	case utf8.RuneCountInString(s.Host) < 3 || utf8.RuneCountInString(s.Host) > 200:
		return coso.Invalid("host", "Cần chức vụ, họ tên người tiếp công dân.", "The post and name of who receives are required.")
	case utf8.RuneCountInString(s.Place) < 3 || utf8.RuneCountInString(s.Place) > 300:
		return coso.Invalid("place", "Cần địa điểm (hoặc cách tham gia trực tuyến).", "The place (or how to join online) is required.")
	case s.Online && s.On.Before(OnlineFrom):
		return coso.Invalid("online", "Tiếp công dân trực tuyến áp dụng từ ngày 01/7/2026.", "Online reception is lawful from 1 July 2026.")
	case s.Online && s.On.Before(cal.AddWorkingDays(today, OnlineNoticeDays)):
		return coso.Invalid("on", "Buổi tiếp trực tuyến phải thông báo trước ít nhất %d ngày làm việc (sớm nhất ngày %s).",
			"An online session must be announced at least %d working days before (the %s at the earliest).",
			OnlineNoticeDays, cal.AddWorkingDays(today, OnlineNoticeDays).Format("02/01/2006"))
	}
	return nil
}

// Level is the level of government whose leader's reception the law times.
type Level string

const (
	CommuneLevel  Level = "commune"
	ProvinceLevel Level = "province"
)

// ReceptionRule is the least reception a unit's chair must hold.
type ReceptionRule struct {
	Level    Level
	From     time.Time // zero: since the law came in force
	Until    time.Time // zero: still in force
	PerWeek  int       // sessions on at least this many days in every week
	PerMonth int       // or on at least this many days in every month
	Article  string
	VI, EN   string
}

// receptionRules is the table of the least reception (LAW.md,
// "Complaints, denunciations, petitions, reception").
var receptionRules = []ReceptionRule{
	{Level: CommuneLevel, Until: calendar.Date(2026, time.June, 30), PerWeek: 1,
		Article: "Luật Tiếp công dân 2013 (trách nhiệm tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân cấp xã)",
		VI:      "Chủ tịch Ủy ban nhân dân cấp xã tiếp công dân ít nhất 1 ngày mỗi tuần",
		EN:      "The commune chair receives citizens at least 1 day every week"},
	{Level: CommuneLevel, From: calendar.Date(2026, time.July, 1), PerMonth: 2,
		Article: "Luật Tiếp công dân 2013, sửa đổi bởi Luật 136/2025/QH15 (từ 01/7/2026)",
		VI:      "Chủ tịch Ủy ban nhân dân cấp xã tiếp công dân ít nhất 2 ngày mỗi tháng",
		EN:      "The commune chair receives citizens at least 2 days every month"},
	{Level: ProvinceLevel, PerMonth: 1,
		Article: "Luật Tiếp công dân 2013 (trách nhiệm tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân cấp tỉnh)",
		VI:      "Chủ tịch Ủy ban nhân dân cấp tỉnh tiếp công dân ít nhất 1 ngày mỗi tháng",
		EN:      "The province chair receives citizens at least 1 day every month"},
}

// ReceptionRules lists the table.
func ReceptionRules() []ReceptionRule { return append([]ReceptionRule(nil), receptionRules...) }

// ReceptionRuleFor returns the rule in force for level on day.
func ReceptionRuleFor(level Level, day time.Time) (ReceptionRule, bool) {
	day = calendar.DayOf(day)
	for _, r := range receptionRules {
		if r.Level == level && (r.From.IsZero() || !day.Before(r.From)) && (r.Until.IsZero() || !day.After(r.Until)) {
			return r, true
		}
	}
	return ReceptionRule{}, false
}

// MonthCheck is how a month's schedule stands against the rule.
type MonthCheck struct {
	Month      time.Time // its first day
	Rule       ReceptionRule
	Days       int         // distinct days with a session not cancelled
	Required   int         // days the rule asks for in the month
	ShortWeeks []time.Time // weekly rule: the Mondays of weeks without a session
	OK         bool
}

// CheckMonth checks the sessions of one month (those of other months are
// ignored) against the rule in force on its first day.
func CheckMonth(level Level, month time.Time, sessions []Session, cal *calendar.Calendar) (MonthCheck, bool) {
	y, m, _ := calendar.DayOf(month).Date()
	first := calendar.Date(y, m, 1)
	last := first.AddDate(0, 1, -1)
	rule, ok := ReceptionRuleFor(level, first)
	if !ok {
		return MonthCheck{}, false
	}
	mc := MonthCheck{Month: first, Rule: rule}
	days := map[time.Time]bool{}
	for _, s := range sessions {
		on := calendar.DayOf(s.On)
		if s.Cancelled == "" && !on.Before(first) && !on.After(last) {
			days[on] = true
		}
	}
	mc.Days = len(days)
	if rule.PerMonth > 0 {
		mc.Required = rule.PerMonth
		mc.OK = mc.Days >= mc.Required
		return mc, true
	}
	// Weekly: every week with a working day in the month needs a session
	// on one of its days in the month.
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Monday && d != first {
			continue
		}
		monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		working, held := false, false
		for i := range 7 {
			x := monday.AddDate(0, 0, i)
			if x.Before(first) || x.After(last) {
				continue
			}
			working = working || cal.IsWorkingDay(x)
			held = held || days[x]
		}
		if working {
			mc.Required++
			if !held {
				mc.ShortWeeks = append(mc.ShortWeeks, monday)
			}
		}
	}
	mc.OK = len(mc.ShortWeeks) == 0
	return mc, true
}
