package phonecode_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"coso"
	"coso/notify"
	"coso/phonecode"
	"coso/ratelimit"
	"coso/store"
	"coso/store/storetest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

const phone = "+84912345678"

var key = []byte("0123456789abcdef0123456789abcdef")

type rig struct {
	s     *store.Store
	svc   *phonecode.Service
	clock *clock
	w     *notify.Worker
	path  string
}

func newRig(t *testing.T, s *store.Store) *rig {
	c := &clock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
	s.SetClock(c.Now)
	svc, err := phonecode.New(s, ratelimit.New(s, s.Now), key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	w := &notify.Worker{Outbox: s, SMS: &notify.FileSMS{Path: path}, Now: s.Now, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	return &rig{s: s, svc: svc, clock: c, w: w, path: path}
}

var codeRE = regexp.MustCompile(`là (\d{6})\.`)

// request asks for a code, lets the worker send it and reads it from the
// SMS file, as a citizen reads it on the phone.
func (r *rig) request(t *testing.T, as string) string {
	t.Helper()
	ctx := context.Background()
	if err := r.svc.Request(ctx, as, "203.0.113.7:51000"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	lines, _ := notify.ReadSMSFile(r.path)
	if len(lines) == 0 {
		t.Fatal("no SMS was sent")
	}
	last := lines[len(lines)-1]
	m := codeRE.FindStringSubmatch(last.Text)
	if last.To != phone || m == nil || last.Text != "Mã xác thực coso của bạn là "+m[1]+". Mã có hiệu lực 5 phút. Không chia sẻ mã này cho ai." {
		t.Fatalf("SMS %+v", last)
	}
	return m[1]
}

func wrong(code string) string {
	return string(rune('0'+(code[0]-'0'+1)%10)) + code[1:]
}

func TestSignInWithCode(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r := newRig(t, s)
		code := r.request(t, "0912 345 678")
		c, err := r.svc.Verify(ctx, "+84 912 345 678", code, "203.0.113.7")
		if err != nil {
			t.Fatal(err)
		}
		if c.ID == 0 || c.Phone != phone || c.Linked() {
			t.Fatalf("citizen %+v", c)
		}
		// A code works once.
		if _, err := r.svc.Verify(ctx, phone, code, "203.0.113.7"); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Fatalf("reused code: %v", err)
		}
		// The second sign-in finds the same account.
		r.clock.Add(time.Hour)
		c2, err := r.svc.Verify(ctx, phone, r.request(t, phone), "203.0.113.7")
		if err != nil || c2.ID != c.ID || !c2.LastSeenAt.Equal(r.clock.Now()) {
			t.Fatalf("second sign-in: %+v %v", c2, err)
		}
		// The SMS row no longer holds the code.
		msgs, _ := s.Outbox(ctx, store.OutboxFilter{})
		for _, m := range msgs {
			if m.Status != notify.Sent || m.Body != notify.ScrubbedSent || !m.Secret {
				t.Errorf("outbox row after sending: %+v", m)
			}
		}
	})
}

func TestCodeStoredHashed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		r := newRig(t, s)
		if err := r.svc.Request(context.Background(), phone, "203.0.113.7"); err != nil {
			t.Fatal(err)
		}
		var hash string
		if err := s.DB().QueryRow("SELECT code_hash FROM phone_codes WHERE phone = $1", phone).Scan(&hash); err != nil {
			t.Fatal(err)
		}
		var body string
		if err := s.DB().QueryRow("SELECT body FROM outbox").Scan(&body); err != nil {
			t.Fatal(err)
		}
		code := codeRE.FindStringSubmatch(body)[1]
		if strings.Contains(hash, code) || len(hash) != 64 || hash != r.svc.Hash(phone, code) {
			t.Errorf("stored %q for code %s", hash, code)
		}
		other, _ := phonecode.New(s, ratelimit.New(s, nil), []byte(strings.Repeat("x", 32)))
		if other.Hash(phone, code) == hash {
			t.Error("the hash does not depend on the server key")
		}
		if r.svc.Hash("+84987654321", code) == hash {
			t.Error("the hash does not depend on the phone")
		}
	})
}

func TestCodeExpires(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r := newRig(t, s)
		code := r.request(t, phone)
		r.clock.Add(phonecode.TTL)
		_, err := r.svc.Verify(ctx, phone, code, "203.0.113.7")
		if coso.ErrorCode(err) != coso.EUnauthenticated || !strings.Contains(coso.AsError(err).VI, "hết hạn") {
			t.Fatalf("expired code: %v", err)
		}
		// Just before expiry a new code works.
		code = r.request(t, phone)
		r.clock.Add(phonecode.TTL - time.Second)
		if _, err := r.svc.Verify(ctx, phone, code, "203.0.113.7"); err != nil {
			t.Fatalf("code 1 s before expiry: %v", err)
		}
	})
}

func TestFiveWrongTriesLock(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r := newRig(t, s)
		code := r.request(t, phone)
		for i := 1; i <= phonecode.MaxTries; i++ {
			_, err := r.svc.Verify(ctx, phone, wrong(code), "203.0.113.7")
			e := coso.AsError(err)
			if e.Code != coso.EUnauthenticated || e.Field != "code" {
				t.Fatalf("wrong try %d: %v", i, err)
			}
			if i < phonecode.MaxTries && !strings.Contains(e.VI, "còn") {
				t.Errorf("try %d: %q does not say how many tries are left", i, e.VI)
			}
		}
		_, err := r.svc.Verify(ctx, phone, code, "203.0.113.7")
		if coso.ErrorCode(err) != coso.EUnauthenticated || !strings.Contains(coso.AsError(err).VI, "khoá") {
			t.Fatalf("right code after 5 wrong tries: %v", err)
		}
		// A new request replaces the locked code.
		code2 := r.request(t, phone)
		if code != code2 {
			if _, err := r.svc.Verify(ctx, phone, code, "203.0.113.7"); err == nil {
				t.Error("the old code still works after a new request")
			}
		}
		if _, err := r.svc.Verify(ctx, phone, code2, "203.0.113.7"); err != nil {
			t.Fatalf("new code: %v", err)
		}
	})
}

// Parallel guesses get no more than MaxTries comparisons.
func TestParallelGuessesAreCounted(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r := newRig(t, s)
		code := r.request(t, phone)
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				if _, err := r.svc.Verify(ctx, phone, wrong(code), "203.0.113.7"); coso.ErrorCode(err) != coso.EUnauthenticated {
					t.Errorf("parallel wrong guess: %v", err)
				}
			})
		}
		wg.Wait()
		var stored int
		if err := s.DB().QueryRow("SELECT tries FROM phone_codes WHERE phone = $1", phone).Scan(&stored); err != nil || stored != phonecode.MaxTries {
			t.Fatalf("tries stored %d, %v", stored, err)
		}
		if _, err := r.svc.Verify(ctx, phone, code, "203.0.113.7"); err == nil {
			t.Error("right code accepted after 20 parallel wrong guesses")
		}
	})
}

func TestRequestLimits(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r := newRig(t, s)
		for i := 1; i <= ratelimit.CodePerPhone.Limit; i++ {
			if err := r.svc.Request(ctx, phone, "203.0.113.7"); err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
		}
		err := r.svc.Request(ctx, phone, "203.0.113.7")
		if coso.ErrorCode(err) != coso.ETooMany {
			t.Fatalf("6th request: %v", err)
		}
		if after, ok := ratelimit.RetryAfter(err); !ok || after <= 0 || after > 30*time.Minute {
			t.Errorf("retry after %v", after)
		}
		var n int
		if err := s.DB().QueryRow("SELECT COUNT(*) FROM outbox").Scan(&n); err != nil || n != 5 {
			t.Errorf("%d messages queued, want 5 (%v)", n, err)
		}
		// One address asking for many phones is stopped at its own limit.
		for i := range 30 {
			err = r.svc.Request(ctx, "09"+string(rune('0'+i%10))+"1234"+string(rune('0'+i/10))+"67", "198.51.100.9:1")
			if err != nil {
				break
			}
		}
		if coso.ErrorCode(err) != coso.ETooMany {
			t.Errorf("30 phones from one address: %v", err)
		}
	})
}

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"0912345678":        phone,
		"0912 345 678":      phone,
		"091.234.5678":      phone,
		"+84 912 345 678":   phone,
		"84912345678":       phone,
		"(+84) 912-345-678": phone,
		"+84 0912 345 678":  phone,
		"0356789012":        "+84356789012",
		"0241234567":        "",
		"091234567":         "",
		"09123456789":       "",
		"+1 912 345 6789":   "",
		"0912345678a":       "",
		"++84912345678":     "",
	} {
		got, err := phonecode.NormalizePhone(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
		if err != nil && (coso.ErrorCode(err) != coso.EInvalid || coso.AsError(err).Field != "phone") {
			t.Errorf("NormalizePhone(%q): error %v", in, err)
		}
	}
}

func TestVerifyInput(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		r := newRig(t, s)
		for _, code := range []string{"", "12345", "1234567", "12a456"} {
			if _, err := r.svc.Verify(context.Background(), phone, code, "203.0.113.7"); coso.ErrorCode(err) != coso.EInvalid {
				t.Errorf("code %q: %v", code, err)
			}
		}
		if _, err := r.svc.Verify(context.Background(), phone, "123456", "203.0.113.7"); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Errorf("no code requested: %v", err)
		}
		if _, err := phonecode.New(s, ratelimit.New(s, nil), []byte("short")); err == nil {
			t.Error("a short key was accepted")
		}
	})
}

func TestLinkCitizen(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r := newRig(t, s)
		c, err := r.svc.Verify(ctx, phone, r.request(t, phone), "203.0.113.7")
		if err != nil {
			t.Fatal(err)
		}
		officer := coso.WithActor(ctx, coso.Actor{UserID: 7, Username: "canbo.xa", Role: "commune_officer"})
		if err := s.LinkCitizen(officer, c.ID, 42, 0); err != nil {
			t.Fatal(err)
		}
		got, err := s.CitizenByPhone(ctx, phone)
		if err != nil || got.PersonID != 42 || got.LinkedBy != 7 || !got.LinkedAt.Equal(r.clock.Now()) || !got.Linked() {
			t.Fatalf("linked citizen %+v %v", got, err)
		}
		if err := s.LinkCitizen(officer, c.ID, 0, 0); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Citizen(ctx, c.ID); got.Linked() || !got.LinkedAt.IsZero() {
			t.Errorf("unlinked citizen %+v", got)
		}
		if err := s.LinkCitizen(officer, 999, 42, 0); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("unknown citizen: %v", err)
		}
		// The audit trail names the account, never the phone.
		var n int
		if err := s.DB().QueryRow("SELECT COUNT(*) FROM audit_log WHERE summary LIKE '%912%' OR object LIKE '%912%'").Scan(&n); err != nil || n != 0 {
			t.Errorf("%d audit lines carry the phone (%v)", n, err)
		}
		if err := s.DB().QueryRow("SELECT COUNT(*) FROM audit_log WHERE action = 'citizen.link' AND username = 'canbo.xa'").Scan(&n); err != nil || n != 1 {
			t.Errorf("link audit lines: %d %v", n, err)
		}
	})
}
