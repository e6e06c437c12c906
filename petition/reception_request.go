package petition

import (
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/calendar"
	"coso/viet"
)

// OnlineRequestRule is the law on a resident's request to be received
// online: from when, and how many working days ahead of the session.
type OnlineRequestRule struct {
	From       time.Time
	NoticeDays int // working days between the request and the session, at least
	Article    string
	VI, EN     string
}

// onlineRequestRules is the table (one row today) of online reception on
// request (LAW.md, "Complaints, denunciations, petitions, reception").
var onlineRequestRules = []OnlineRequestRule{
	{From: OnlineFrom, NoticeDays: OnlineNoticeDays,
		Article: "Luật Tiếp công dân 2013, sửa đổi bởi Luật 136/2025/QH15 (tiếp công dân trực tuyến, từ 01/7/2026)",
		VI:      "Công dân đăng ký tiếp trực tuyến theo lịch đã công bố, trước buổi tiếp ít nhất 5 ngày làm việc",
		EN:      "A resident asks for an online session of the published schedule at least 5 working days before it"},
}

// OnlineRequestRules lists the table.
func OnlineRequestRules() []OnlineRequestRule {
	return append([]OnlineRequestRule(nil), onlineRequestRules...)
}

// OnlineRequestRuleFor returns the rule in force on day.
func OnlineRequestRuleFor(day time.Time) (OnlineRequestRule, bool) {
	day = calendar.DayOf(day)
	for i := len(onlineRequestRules) - 1; i >= 0; i-- {
		if r := onlineRequestRules[i]; !day.Before(r.From) {
			return r, true
		}
	}
	return OnlineRequestRule{}, false
}

// RequestStatus is where a request for online reception stands.
type RequestStatus string

const (
	Requested RequestStatus = "requested"
	Granted   RequestStatus = "accepted" // with the link and time
	Refused   RequestStatus = "refused"  // with the reason
)

// Name returns the status's name in lang.
func (s RequestStatus) Name(lang string) string {
	names := map[RequestStatus][2]string{
		Requested: {"Chờ xử lý", "Waiting"},
		Granted:   {"Đã nhận tiếp", "Accepted"},
		Refused:   {"Từ chối", "Refused"},
	}
	n := names[s]
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// ReceptionRequest is a resident's request to be received at an online
// session of a unit's published schedule.
type ReceptionRequest struct {
	ID        int64
	Code      string // given to the resident, named in the messages
	SessionID int64
	Session   Session
	UnitID    int64
	Name      string
	Phone     string // stored form (+84…)
	Email     string
	Matter    string // the matter, in brief
	Status    RequestStatus
	Link      string // how to join, once accepted
	At        string // HH:MM, the time given, once accepted
	Reason    string // why refused
	CreatedAt time.Time
	DecidedAt time.Time
}

// MaxMatter bounds the matter in brief.
const MaxMatter = 2000

// Validate normalises a new request and checks it against its session
// and today: an online session, not cancelled, at least the rule's working
// days ahead, and a way to reach the resident.
func (q *ReceptionRequest) Validate(s Session, today time.Time, cal *calendar.Calendar) error {
	q.Name = strings.TrimSpace(viet.Text(q.Name))
	q.Matter = strings.TrimSpace(viet.Text(q.Matter))
	q.Email = strings.ToLower(strings.TrimSpace(q.Email))
	today = calendar.DayOf(today)
	rule, ok := OnlineRequestRuleFor(s.On)
	switch {
	case !s.Online || s.Cancelled != "":
		return coso.Invalid("session", "Chỉ đăng ký được buổi tiếp trực tuyến đã công bố, chưa hủy.", "Only a published online session, not cancelled, can be requested.")
	case !ok:
		return coso.Invalid("session", "Tiếp công dân trực tuyến áp dụng từ ngày 01/7/2026.", "Online reception is lawful from 1 July 2026.")
	case s.On.Before(cal.AddWorkingDays(today, rule.NoticeDays)):
		return coso.Invalid("session", "Phải đăng ký trước buổi tiếp ít nhất %d ngày làm việc (buổi sớm nhất: ngày %s).",
			"Requests must come at least %d working days before the session (the earliest: %s).",
			rule.NoticeDays, cal.AddWorkingDays(today, rule.NoticeDays).Format("02/01/2006"))
	case utf8.RuneCountInString(q.Name) < 2 || utf8.RuneCountInString(q.Name) > 200:
		return coso.Invalid("name", "Cần họ và tên.", "The name is required.")
	case q.Phone == "" && q.Email == "":
		return coso.Invalid("phone", "Cần số điện thoại hoặc e-mail để nhận đường dẫn buổi tiếp.", "A phone number or an e-mail is required to receive the session's link.")
	case q.Email != "" && (!strings.Contains(q.Email, "@") || len(q.Email) > 200):
		return coso.Invalid("email", "Địa chỉ e-mail không hợp lệ.", "The e-mail address is not valid.")
	case utf8.RuneCountInString(q.Matter) < 10 || utf8.RuneCountInString(q.Matter) > MaxMatter:
		return coso.Invalid("matter", "Nêu tóm tắt nội dung cần trình bày (10 đến %d ký tự).", "Give the matter in brief (10 to %d characters).", MaxMatter)
	}
	if q.Phone != "" {
		p, err := viet.NormalizePhone(q.Phone)
		if err != nil {
			return coso.Invalid("phone", "Số điện thoại không hợp lệ.", "The phone number is not valid.")
		}
		q.Phone = p
	}
	q.SessionID, q.Session, q.Status = s.ID, s, Requested
	return nil
}

// Grant accepts the request with the link to join and the time.
func (q *ReceptionRequest) Grant(link, at string) error {
	link, at = strings.TrimSpace(link), strings.TrimSpace(at)
	switch {
	case q.Status != Requested:
		return coso.Errorf(coso.EConflict, "", "Yêu cầu đã được xử lý.", "The request was already answered.")
	case !strings.HasPrefix(link, "https://") || len(link) > 500 || strings.ContainsAny(link, " \r\n"):
		return coso.Invalid("link", "Cần đường dẫn tham gia (https://…).", "The link to join is required (https://…).")
	case !validClock(at) || at < q.Session.Starts || at >= q.Session.Ends:
		return coso.Invalid("at", "Giờ tiếp theo dạng 08:30, trong giờ của buổi tiếp.", "The time as 08:30, within the session's hours.")
	}
	q.Status, q.Link, q.At = Granted, link, at
	return nil
}

// Refuse refuses the request with the reason.
func (q *ReceptionRequest) Refuse(reason string) error {
	if q.Status != Requested {
		return coso.Errorf(coso.EConflict, "", "Yêu cầu đã được xử lý.", "The request was already answered.")
	}
	r, err := CheckReason("reason", reason)
	if err != nil {
		return err
	}
	q.Status, q.Reason = Refused, r
	return nil
}
