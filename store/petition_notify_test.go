package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"coso/notify"
	"coso/petition"
	"coso/store"
	"coso/store/storetest"
)

// outboxAll lists every message as the administrators see it.
func outboxAll(t *testing.T, s *store.Store) []*notify.Message {
	t.Helper()
	ms, err := s.Outbox(context.Background(), store.OutboxFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// TestPetitionNotifiesSender: each stage change queues one message to a
// sender who gave a phone or an e-mail, with the code, the stage and the
// link, never the case's text; the address is sealed in the outbox (for a
// denouncer too) and opened only when the message is claimed to be sent;
// an anonymous sender gets nothing.
func TestPetitionNotifiesSender(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		s.SetPublicURL("https://coso.thanhhoa.gov.vn/")
		ctx := context.Background()

		c := complaint("14846")
		c.Identity.Email = "khieu@example.vn"
		if err := s.CreatePetition(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		if n := len(outboxAll(t, s)); n != 0 {
			t.Fatalf("%d messages on receipt", n)
		}
		at(s, ymd(2026, 3, 10))
		if _, err := s.AcceptPetition(ctx, c.ID, false, false, "Thụ lý đơn của ông Hà Văn Khiếu."); err != nil {
			t.Fatal(err)
		}
		ms := outboxAll(t, s)
		if len(ms) != 1 {
			t.Fatalf("%d messages after acceptance", len(ms))
		}
		m := ms[0]
		if m.Channel != notify.ChannelEmail || m.To != notify.Hidden || !strings.Contains(m.Body, c.Code) ||
			!strings.Contains(m.Body, "https://coso.thanhhoa.gov.vn/petitions/"+c.Code) || !strings.Contains(m.Subject, "thụ lý") {
			t.Errorf("acceptance message %+v", m)
		}
		for _, secret := range []string{c.Subject, c.Body, "Hà Văn Khiếu", "khieu@example.vn", "bồi thường"} {
			if strings.Contains(m.Body+m.Subject, secret) {
				t.Errorf("message carries %q", secret)
			}
		}
		at(s, ymd(2026, 3, 20))
		if _, err := s.ResolvePetition(ctx, c.ID, "Giữ nguyên quyết định thu hồi đất.", ""); err != nil {
			t.Fatal(err)
		}
		if n := len(outboxAll(t, s)); n != 2 {
			t.Errorf("%d messages after two changes", n)
		}
		if _, err := s.AssignPetition(ctx, c.ID, 0); err == nil {
			t.Error("assigned a finished case")
		}

		// A denouncer with a phone: an SMS, its number sealed.
		d := denunciation("14846")
		d.AgainstOfficial = ""
		if err := s.CreatePetition(ctx, d, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RejectPetition(ctx, d.ID, "Nội dung tố cáo không rõ người bị tố cáo."); err != nil {
			t.Fatal(err)
		}
		ms = outboxAll(t, s)
		if len(ms) != 3 || ms[0].Channel != notify.ChannelSMS || ms[0].To != notify.Hidden || strings.Contains(ms[0].Body, "0987") ||
			strings.Contains(ms[0].Body, "Lò") || !strings.Contains(ms[0].Body, d.Code) {
			t.Fatalf("denunciation message %+v (%d)", ms[0], len(ms))
		}
		if strings.Contains(ms[0].Body, "người bị tố cáo") {
			t.Error("the reason went to the outbox")
		}

		// An anonymous feedback: nothing.
		f := &petition.Case{UnitCode: "14846", Kind: petition.Feedback, Channel: petition.Portal, Anonymous: true,
			Subject: "Đèn đường hỏng", Body: "Đèn đường trước nhà văn hoá thôn bị hỏng."}
		if err := s.CreatePetition(ctx, f, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ResolvePetition(ctx, f.ID, "Đã thay bóng đèn đường trước nhà văn hoá.", ""); err != nil {
			t.Fatal(err)
		}
		if n := len(outboxAll(t, s)); n != 3 {
			t.Errorf("anonymous sender notified: %d messages", n)
		}

		// The sending path opens the addresses.
		claimed, err := s.ClaimMessages(ctx, time.Now().Add(time.Hour), 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		to := map[string]bool{}
		for _, m := range claimed {
			to[m.To] = true
		}
		if len(claimed) != 3 || !to["khieu@example.vn"] || !to["+84987654321"] {
			t.Errorf("claimed recipients %v", to)
		}
	})
}
