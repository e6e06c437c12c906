package store_test

import (
	"context"
	"testing"

	"coso"
	"coso/petition"
	"coso/store"
	"coso/store/storetest"
)

// A commune publishes its reception days; a case taken in at a session is
// logged against it; a cancelled session no longer counts.
func TestReceptionSessions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s) // today: Friday 6 March 2026
		ctx := context.Background()
		mk := func(day int, online bool) (*petition.Session, error) {
			rs := &petition.Session{UnitCode: "14846", On: ymd(2026, 3, day), Starts: "07:30", Ends: "11:00",
				Host: "Chủ tịch UBND xã Tam Chung", Place: "Phòng tiếp công dân, trụ sở UBND xã", Online: online}
			return rs, s.CreateSession(ctx, rs)
		}
		if _, err := mk(12, true); coso.AsError(err).Field != "online" {
			t.Errorf("online before July 2026: %v", err)
		}
		first, err := mk(6, false)
		if err != nil {
			t.Fatal(err)
		}
		second, err := mk(19, false)
		if err != nil {
			t.Fatal(err)
		}
		c := complaint("14846")
		c.Channel, c.SessionID = petition.Reception, second.ID
		if err := s.CreatePetition(ctx, c, nil); coso.AsError(err).Field != "session" {
			t.Errorf("a case logged at a session still to come: %v", err)
		}
		c.SessionID = first.ID
		if err := s.CreatePetition(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		got, _ := s.PetitionByCode(ctx, c.Code)
		if got.SessionID != first.ID || got.Channel != petition.Reception {
			t.Errorf("case %+v", got)
		}
		other := complaint("14845")
		other.Channel, other.SessionID = petition.Reception, first.ID
		if err := s.CreatePetition(ctx, other, nil); coso.AsError(err).Field != "session" {
			t.Errorf("a case of another commune logged at the session: %v", err)
		}
		if err := s.CancelSession(ctx, second.ID, "Chủ tịch họp tại tỉnh."); err != nil {
			t.Fatal(err)
		}
		if err := s.CancelSession(ctx, second.ID, "Lần nữa."); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("cancelled twice: %v", err)
		}
		list, err := s.Sessions(ctx, unitID(t, s, "14846"), ymd(2026, 3, 1), ymd(2026, 3, 31))
		if err != nil || len(list) != 2 || list[0].Cases != 1 || list[1].Cancelled == "" {
			t.Fatalf("sessions %+v %v", list, err)
		}
		cal, _ := s.Calendar(ctx)
		var plain []petition.Session
		for _, x := range list {
			plain = append(plain, *x)
		}
		mc, _ := petition.CheckMonth(petition.CommuneLevel, ymd(2026, 3, 1), plain, cal)
		if mc.OK || mc.Days != 1 || mc.Required != 5 {
			t.Errorf("March %+v", mc)
		}
	})
}
