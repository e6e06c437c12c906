package notify_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"coso/notify"
	"coso/notify/smtptest"
	"coso/store"
	"coso/store/storetest"
)

// clock is a settable clock shared by the store and the worker.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(s *store.Store) *clock {
	c := &clock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
	s.SetClock(c.Now)
	return c
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func fileSink(t *testing.T) (*notify.FileSMS, string) {
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	return &notify.FileSMS{Path: path}, path
}

func enqueue(t *testing.T, s *store.Store, m notify.Message) int64 {
	t.Helper()
	id, err := s.Enqueue(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func message(t *testing.T, s *store.Store, id int64) *notify.Message {
	t.Helper()
	all, err := s.Outbox(context.Background(), store.OutboxFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("message %d not in the outbox", id)
	return nil
}

func TestWorkerSends(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sink, path := fileSink(t)
		srv := smtptest.Start(t)
		mailer, _ := notify.NewSMTP(notify.SMTPConfig{Host: srv.Host, Port: srv.Port, From: "no-reply@example.vn"})
		secret := enqueue(t, s, notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: code, Secret: true})
		plain := enqueue(t, s, notify.Message{Channel: notify.ChannelSMS, To: "+84987654321", Body: "Thôn họp tối nay."})
		mail := enqueue(t, s, notify.Message{Channel: notify.ChannelEmail, To: "a@example.vn", Subject: "Báo cáo quý", Body: "Dòng một\nDòng hai"})
		w := &notify.Worker{Outbox: s, SMS: sink, Mail: mailer, Now: s.Now, Log: quiet}
		if n, err := w.RunOnce(ctx); n != 3 || err != nil {
			t.Fatalf("RunOnce = %d, %v", n, err)
		}
		lines, _ := notify.ReadSMSFile(path)
		if len(lines) != 2 || lines[0] != (notify.FileLine{To: "+84912345678", Text: code}) || lines[1].Text != "Thôn họp tối nay." {
			t.Fatalf("sms file: %+v", lines)
		}
		if got := srv.Messages(); len(got) != 1 || got[0].To[0] != "a@example.vn" {
			t.Fatalf("mail: %+v", got)
		}
		for id, body := range map[int64]string{secret: notify.ScrubbedSent, plain: "Thôn họp tối nay.", mail: "Dòng một\nDòng hai"} {
			m := message(t, s, id)
			if m.Status != notify.Sent || m.Body != body || m.Attempts != 1 || m.SentAt.IsZero() {
				t.Errorf("message %d: %+v", id, m)
			}
		}
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Errorf("sent messages were claimed again: %d", n)
		}
	})
}

// gateway is an SMS gateway that answers with status.
func gateway(t *testing.T, status *atomic.Int32) string {
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(int(status.Load()))
	}))
	t.Cleanup(gw.Close)
	return gw.URL
}

func TestWorkerBacksOffThenFails(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClock(s)
		var status atomic.Int32
		status.Store(http.StatusServiceUnavailable)
		sms := &notify.HTTPSMS{URL: gateway(t, &status), Key: "k"}
		w := &notify.Worker{Outbox: s, SMS: sms, Now: s.Now, Log: quiet}
		id := enqueue(t, s, notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: "Thôn họp tối nay."})
		for attempt := 1; attempt <= notify.MaxAttempts; attempt++ {
			if n, err := w.RunOnce(ctx); n != 1 || err != nil {
				t.Fatalf("attempt %d: RunOnce = %d, %v", attempt, n, err)
			}
			m := message(t, s, id)
			if m.Attempts != attempt || m.LastError == "" {
				t.Fatalf("after attempt %d: %+v", attempt, m)
			}
			if attempt == notify.MaxAttempts {
				if m.Status != notify.Failed {
					t.Fatalf("after %d attempts: status %s", attempt, m.Status)
				}
				break
			}
			want := notify.RetryDelay(attempt)
			if m.Status != notify.Pending || !m.NextAttemptAt.Equal(c.Now().Add(want)) {
				t.Fatalf("after attempt %d: %s, next in %v, want %v", attempt, m.Status, m.NextAttemptAt.Sub(c.Now()), want)
			}
			c.Add(want - time.Second)
			if n, _ := w.RunOnce(ctx); n != 0 {
				t.Fatalf("attempt %d retried %v early", attempt, time.Second)
			}
			c.Add(time.Second)
		}
		c.Add(24 * time.Hour)
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Error("a failed message was tried again")
		}
		// 4xx from the gateway: refused for good at the first attempt.
		status.Store(http.StatusBadRequest)
		id = enqueue(t, s, notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: "x"})
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		if m := message(t, s, id); m.Status != notify.Failed || m.Attempts != 1 {
			t.Errorf("permanent failure: %+v", m)
		}
	})
}

func TestWorkerGivesUpExpiredMessage(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		c := newClock(s)
		sink, path := fileSink(t)
		id := enqueue(t, s, notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: code, Secret: true, ExpiresAt: c.Now().Add(5 * time.Minute)})
		c.Add(5 * time.Minute)
		w := &notify.Worker{Outbox: s, SMS: sink, Now: s.Now, Log: quiet}
		if _, err := w.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		m := message(t, s, id)
		if m.Status != notify.Failed || m.Body != notify.ScrubbedFailed {
			t.Errorf("expired code: %+v", m)
		}
		if lines, _ := notify.ReadSMSFile(path); len(lines) != 0 {
			t.Errorf("an expired code was sent: %+v", lines)
		}
	})
}

func TestCrashMidSendIsSentAfterLease(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newClock(s)
		sink, path := fileSink(t)
		id := enqueue(t, s, notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: "Thôn họp tối nay."})
		// A worker claims the row and dies before marking it.
		if got, err := s.ClaimMessages(ctx, c.Now(), 10, time.Minute); len(got) != 1 || err != nil {
			t.Fatalf("claim: %d %v", len(got), err)
		}
		w := &notify.Worker{Outbox: s, SMS: sink, Now: s.Now, Log: quiet, Lease: time.Minute, SendTimeout: 10 * time.Second}
		c.Add(59 * time.Second)
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Fatal("a leased row was taken before its lease ran out")
		}
		c.Add(time.Second)
		if n, err := w.RunOnce(ctx); n != 1 || err != nil {
			t.Fatalf("after the lease: %d %v", n, err)
		}
		m := message(t, s, id)
		lines, _ := notify.ReadSMSFile(path)
		if m.Status != notify.Sent || m.Attempts != 2 || len(lines) != 1 {
			t.Errorf("message %+v; %d lines", m, len(lines))
		}
	})
}

// twoStores opens two stores on one database per engine, as two app
// servers would.
func twoStores(t *testing.T, fn func(t *testing.T, a, b *store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		a, err := store.Open(context.Background(), store.Config{DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := store.Open(context.Background(), store.Config{DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		fn(t, a, b)
	})
	if os.Getenv("COSO_TEST_POSTGRES") == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) {
		dsn := storetest.PostgresDSN(t)
		a, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir(), DSN: dsn})
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir(), DSN: dsn})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		fn(t, a, b)
	})
}

func TestTwoWorkersNeverSendOneRowTwice(t *testing.T) {
	twoStores(t, func(t *testing.T, a, b *store.Store) {
		ctx := context.Background()
		sink, path := fileSink(t)
		const n = 60
		for i := range n {
			enqueue(t, a, notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: fmt.Sprintf("tin %d", i)})
		}
		var wg sync.WaitGroup
		claimed := [2]int{}
		for i, s := range []*store.Store{a, b} {
			w := &notify.Worker{Outbox: s, SMS: sink, Batch: 3, Log: quiet}
			wg.Go(func() {
				for {
					k, err := w.RunOnce(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					claimed[i] += k
					counts, _ := s.OutboxCounts(ctx)
					if counts[notify.Pending] == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		lines, _ := notify.ReadSMSFile(path)
		seen := map[string]int{}
		for _, l := range lines {
			seen[l.Text]++
		}
		for i := range n {
			if k := seen[fmt.Sprintf("tin %d", i)]; k != 1 {
				t.Errorf("tin %d sent %d times", i, k)
			}
		}
		if len(lines) != n || claimed[0]+claimed[1] != n {
			t.Errorf("%d lines, claims %v", len(lines), claimed)
		}
		t.Logf("worker a sent %d, worker b sent %d", claimed[0], claimed[1])
	})
}

func TestRunStopsOnCancel(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		sink, path := fileSink(t)
		ctx, cancel := context.WithCancel(context.Background())
		w := &notify.Worker{Outbox: s, SMS: sink, Every: 10 * time.Millisecond, Log: quiet}
		done := make(chan error, 1)
		go func() { done <- w.Run(ctx) }()
		enqueue(t, s, notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: "Thôn họp tối nay."})
		deadline := time.Now().Add(10 * time.Second)
		for {
			if lines, _ := notify.ReadSMSFile(path); len(lines) == 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the running worker did not send the message")
			}
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not stop on cancel")
		}
	})
}
