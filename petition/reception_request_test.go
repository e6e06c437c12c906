package petition_test

import (
	"testing"
	"time"

	"coso"
	"coso/calendar"
	"coso/petition"
)

// The 5 working days run over weekends and holidays: asked on Friday 28
// August 2026, with 2 September (National Day) and 1 September off, the
// earliest session is Tuesday 8 September.
func TestReceptionRequestNotice(t *testing.T) {
	cal := calendar.New([]calendar.Day{{Date: calendar.Date(2026, time.September, 1), Kind: calendar.Holiday},
		{Date: calendar.Date(2026, time.September, 2), Kind: calendar.Holiday}})
	today := calendar.Date(2026, time.August, 28)
	for _, tc := range []struct {
		on   time.Time
		want string // error field, "" for none
	}{
		{calendar.Date(2026, time.September, 7), "session"},
		{calendar.Date(2026, time.September, 8), ""},
		{calendar.Date(2026, time.June, 30), "session"}, // before online reception is lawful
	} {
		q := &petition.ReceptionRequest{Name: "Lê Văn Dân", Phone: "0912 345 678", Matter: "Hỏi về việc cấp giấy chứng nhận quyền sử dụng đất."}
		err := q.Validate(petition.Session{ID: 1, On: tc.on, Online: true, Starts: "08:00", Ends: "11:00"}, today, cal)
		if got := field(err); got != tc.want || (tc.want == "" && err != nil) {
			t.Errorf("%s: %v", tc.on.Format("2006-01-02"), err)
		}
	}
	q := &petition.ReceptionRequest{Name: "Lê Văn Dân", Matter: "Hỏi về việc cấp giấy chứng nhận."}
	if err := q.Validate(petition.Session{On: calendar.Date(2026, time.October, 1), Online: true}, today, cal); field(err) != "phone" {
		t.Errorf("no contact: %v", err)
	}
	if err := q.Validate(petition.Session{On: calendar.Date(2026, time.October, 1)}, today, cal); field(err) != "session" {
		t.Errorf("in-person session: %v", err)
	}
}

func TestReceptionRequestAnswer(t *testing.T) {
	q := &petition.ReceptionRequest{Status: petition.Requested, Session: petition.Session{Starts: "08:00", Ends: "11:00"}}
	if err := q.Grant("https://meet.example.vn/tcd", "12:00"); field(err) != "at" {
		t.Errorf("time outside the session: %v", err)
	}
	if err := q.Grant("http://x", "08:30"); field(err) != "link" {
		t.Errorf("plain http link: %v", err)
	}
	if err := q.Grant("https://meet.example.vn/tcd", "08:30"); err != nil || q.Status != petition.Granted {
		t.Fatal(err)
	}
	if err := q.Refuse("Đã nhận tiếp."); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("refused after acceptance: %v", err)
	}
}

func field(err error) string {
	if err == nil {
		return ""
	}
	return coso.AsError(err).Field
}
