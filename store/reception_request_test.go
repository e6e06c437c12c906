package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/calendar"
	"coso/notify"
	"coso/petition"
	"coso/store"
	"coso/store/storetest"
)

// A resident asks for an online session at least 5 working days ahead
// (counted over the weekend and National Day); an officer accepts one and
// refuses another; each answer is queued once to the resident, the
// address sealed, the matter never in the message.
func TestReceptionRequests(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		for _, d := range []int{1, 2} {
			if err := s.SetHoliday(ctx, calendar.Day{Date: ymd(2026, 9, d), Kind: calendar.Holiday, NameVI: "Quốc khánh"}); err != nil {
				t.Fatal(err)
			}
		}
		at(s, ymd(2026, 8, 20))
		mk := func(day int) *petition.Session {
			rs := &petition.Session{UnitCode: "14846", On: ymd(2026, 9, day), Starts: "08:00", Ends: "11:00",
				Host: "Chủ tịch UBND xã Tam Chung", Place: "Phòng họp trực tuyến của UBND xã", Online: true}
			if err := s.CreateSession(ctx, rs); err != nil {
				t.Fatal(err)
			}
			return rs
		}
		early, late := mk(7), mk(8)
		inPerson := &petition.Session{UnitCode: "14846", On: ymd(2026, 9, 9), Starts: "08:00", Ends: "11:00",
			Host: "Chủ tịch UBND xã Tam Chung", Place: "Phòng tiếp công dân"}
		if err := s.CreateSession(ctx, inPerson); err != nil {
			t.Fatal(err)
		}
		at(s, ymd(2026, 8, 28)) // a Friday: Monday 31, then 3, 4, 7, 8 September
		req := func() *petition.ReceptionRequest {
			return &petition.ReceptionRequest{Name: "Lê Thị Đăng Ký", Email: "dangky@example.vn",
				Matter: "Hỏi về việc cấp giấy chứng nhận quyền sử dụng đất thửa số 12."}
		}
		if err := s.CreateReceptionRequest(ctx, "14846", early.ID, req()); coso.AsError(err).Field != "session" {
			t.Errorf("4 working days ahead: %v", err)
		}
		if err := s.CreateReceptionRequest(ctx, "14846", inPerson.ID, req()); coso.AsError(err).Field != "session" {
			t.Errorf("an in-person session: %v", err)
		}
		if err := s.CreateReceptionRequest(ctx, "14845", late.ID, req()); coso.AsError(err).Field != "session" {
			t.Errorf("another unit's session: %v", err)
		}
		a := req()
		if err := s.CreateReceptionRequest(ctx, "14846", late.ID, a); err != nil {
			t.Fatal(err)
		}
		b := req()
		b.Email, b.Phone = "", "0913 222 333"
		if err := s.CreateReceptionRequest(ctx, "14846", late.ID, b); err != nil {
			t.Fatal(err)
		}
		list, err := s.ReceptionRequests(ctx, unitID(t, s, "14846"))
		if err != nil || len(list) != 2 || list[0].Name != "Lê Thị Đăng Ký" || list[1].Phone != "+84913222333" {
			t.Fatalf("list %v %v", list, err)
		}
		if n := len(outboxAll(t, s)); n != 0 {
			t.Errorf("%d messages before any answer", n)
		}
		if _, err := s.DecideReceptionRequest(ctx, a.ID, true, "https://meet.thanhhoa.gov.vn/tamchung-0809", "08:30", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideReceptionRequest(ctx, a.ID, false, "", "", "Trùng lịch."); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("answered twice: %v", err)
		}
		if _, err := s.DecideReceptionRequest(ctx, b.ID, false, "", "", "Nội dung đã được giải quyết tại đơn trước."); err != nil {
			t.Fatal(err)
		}
		ms := outboxAll(t, s)
		if len(ms) != 2 {
			t.Fatalf("%d messages", len(ms))
		}
		for _, m := range ms {
			if m.To != notify.Hidden || strings.Contains(m.Body, "thửa số 12") || strings.Contains(m.Body, "thua so 12") {
				t.Errorf("message %+v", m)
			}
		}
		if ms[1].Channel != notify.ChannelEmail || !strings.Contains(ms[1].Body, "https://meet.thanhhoa.gov.vn/tamchung-0809") || !strings.Contains(ms[1].Body, "08:30") {
			t.Errorf("acceptance %+v", ms[1])
		}
		if ms[0].Channel != notify.ChannelSMS || !strings.Contains(ms[0].Body, b.Code) {
			t.Errorf("refusal %+v", ms[0])
		}
		claimed, err := s.ClaimMessages(ctx, time.Now().Add(24*time.Hour*365), 10, time.Minute)
		if err != nil || len(claimed) != 2 || claimed[0].To != "dangky@example.vn" || claimed[1].To != "+84913222333" {
			t.Errorf("claimed %v %v", claimed, err)
		}
	})
}
