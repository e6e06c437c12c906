package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"coso"
	"coso/notify"
	"coso/store"
	"coso/store/storetest"
)

func TestEnqueueInRolledBackChange(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		msg := notify.Message{Channel: notify.ChannelEmail, To: "Trưởng thôn <truong.thon@example.vn>", Subject: "Họp thôn", Body: "Họp lúc 19 giờ."}
		boom := errors.New("the change fails after queueing its message")
		err := s.WriteForTest(ctx, func(tx *store.Tx) error {
			if _, err := tx.Enqueue(msg); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("write: %v", err)
		}
		if got, _ := s.Outbox(ctx, store.OutboxFilter{}); len(got) != 0 {
			t.Fatalf("rolled-back change left %d messages", len(got))
		}
		if err := s.WriteForTest(ctx, func(tx *store.Tx) error { _, err := tx.Enqueue(msg); return err }); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Outbox(ctx, store.OutboxFilter{})
		if len(got) != 1 || got[0].To != "truong.thon@example.vn" || got[0].Status != notify.Pending || got[0].Attempts != 0 {
			t.Fatalf("committed change: %+v", got)
		}
	})
}

func TestEnqueueValidates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, m := range []notify.Message{
			{Channel: notify.ChannelSMS, To: "0912345678", Body: "x"},
			{Channel: notify.ChannelEmail, To: "not-an-address", Body: "x"},
			{Channel: notify.ChannelEmail, To: "a@example.vn", Subject: "a\nBcc: b@example.vn", Body: "x"},
			{Channel: "fax", To: "+84912345678", Body: "x"},
			{Channel: notify.ChannelSMS, To: "+84912345678", Body: "  "},
		} {
			if _, err := s.Enqueue(ctx, m); coso.ErrorCode(err) != coso.EInvalid {
				t.Errorf("Enqueue(%+v) = %v, want invalid", m, err)
			}
		}
	})
}

func TestOutboxListAndCounts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, m := range []notify.Message{
			{Channel: notify.ChannelSMS, To: "+84912345678", Body: "Mã xác thực coso của bạn là 123456.", Secret: true},
			{Channel: notify.ChannelSMS, To: "+84987654321", Body: "Thôn họp tối nay."},
			{Channel: notify.ChannelEmail, To: "a@example.vn", Subject: "Báo cáo", Body: "Đã nộp."},
		} {
			if _, err := s.Enqueue(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		sms, _ := s.Outbox(ctx, store.OutboxFilter{Channel: notify.ChannelSMS})
		if len(sms) != 2 || sms[0].Body != "Thôn họp tối nay." || sms[1].Body != notify.Hidden {
			t.Fatalf("sms list (newest first, secret hidden): %+v", sms)
		}
		msgs, err := s.ClaimMessages(ctx, s.Now(), 10, time.Minute)
		if err != nil || len(msgs) != 3 {
			t.Fatalf("claim: %d, %v", len(msgs), err)
		}
		if msgs[0].Body != "Mã xác thực coso của bạn là 123456." {
			t.Errorf("the worker must get the secret body, got %q", msgs[0].Body)
		}
		if err := s.MarkSent(ctx, msgs[0].ID, msgs[0].Claim, s.Now()); err != nil {
			t.Fatal(err)
		}
		// A worker whose lease ran out cannot overwrite the row.
		if err := s.MarkSent(ctx, msgs[2].ID, "someone else's claim", s.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkFailed(ctx, msgs[2].ID, msgs[2].Claim, "550 no such user", time.Time{}); err != nil {
			t.Fatal(err)
		}
		counts, err := s.OutboxCounts(ctx)
		if err != nil || counts[notify.Pending] != 1 || counts[notify.Sent] != 1 || counts[notify.Failed] != 1 {
			t.Fatalf("counts %v %v", counts, err)
		}
		var body string
		if err := s.DB().QueryRow("SELECT body FROM outbox WHERE id = $1", msgs[0].ID).Scan(&body); err != nil || body != notify.ScrubbedSent {
			t.Errorf("secret body after sending: %q %v", body, err)
		}
		failed, _ := s.Outbox(ctx, store.OutboxFilter{Status: notify.Failed})
		if len(failed) != 1 || failed[0].LastError != "550 no such user" || failed[0].Body != "Đã nộp." || failed[0].Claim != "" {
			t.Fatalf("failed list: %+v", failed)
		}
		if err := s.RetryMessage(ctx, failed[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RetryMessage(ctx, msgs[0].ID); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("retrying a sent secret message: %v", err)
		}
		counts, _ = s.OutboxCounts(ctx)
		if counts[notify.Pending] != 2 || counts[notify.Failed] != 0 {
			t.Errorf("counts after retry %v", counts)
		}
	})
}
