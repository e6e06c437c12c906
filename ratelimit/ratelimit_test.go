package ratelimit_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"coso"
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

func setup(s *store.Store) (*ratelimit.Limiter, *clock) {
	// 10:05 UTC: five minutes into a 15-minute window.
	c := &clock{t: time.Date(2026, 3, 2, 10, 5, 0, 0, time.UTC)}
	s.SetClock(c.Now)
	return ratelimit.New(s, s.Now), c
}

func TestSixthRequestRefused(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		l, c := setup(s)
		r := ratelimit.CodePerPhone
		for i := 1; i <= 5; i++ {
			if err := l.Check(ctx, r, "+84912345678"); err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
			c.Add(10 * time.Second)
		}
		err := l.Check(ctx, r, "+84912345678")
		if coso.ErrorCode(err) != coso.ETooMany {
			t.Fatalf("6th request: %v", err)
		}
		after, ok := ratelimit.RetryAfter(err)
		// At 10:05:50 with 5 in this window: wait for the window's end
		// (9 min 10 s) and for 1/5 of the next window to slide in (3 min).
		if !ok || after != 12*time.Minute+10*time.Second {
			t.Fatalf("retry after %v, want 12m10s", after)
		}
		e := coso.AsError(err)
		if e.VI != "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 13 phút." || e.EN != "Too many attempts. Please try again in 13 minutes." {
			t.Errorf("messages %q / %q", e.VI, e.EN)
		}
		if tm := err.(*ratelimit.TooMany); tm.Seconds() != 730 {
			t.Errorf("Retry-After %d", tm.Seconds())
		}
		// Other subjects are counted apart.
		if err := l.Check(ctx, r, "+84987654321"); err != nil {
			t.Errorf("another phone: %v", err)
		}
		// Refused attempts are not counted: the wait does not grow.
		c.Add(after - time.Second)
		if err := l.Check(ctx, r, "+84912345678"); coso.ErrorCode(err) != coso.ETooMany {
			t.Fatalf("one second early: %v", err)
		}
		c.Add(time.Second)
		if err := l.Check(ctx, r, "+84912345678"); err != nil {
			t.Fatalf("after the wait: %v", err)
		}
		if err := l.Check(ctx, r, "+84912345678"); coso.ErrorCode(err) != coso.ETooMany {
			t.Fatalf("the sliding window let a second one through: %v", err)
		}
	})
}

// Fixed windows let twice the limit through around a window's edge; the
// sliding window does not.
func TestNoBurstAtWindowEdge(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		l, c := setup(s)
		c.Add(9*time.Minute + 50*time.Second) // 10:14:50
		allowed := 0
		for range 5 {
			if ok, _, _ := l.Allow(ctx, "k", 5, 15*time.Minute); ok {
				allowed++
			}
		}
		c.Add(20 * time.Second) // 10:15:10, a new window
		for range 5 {
			if ok, _, _ := l.Allow(ctx, "k", 5, 15*time.Minute); ok {
				allowed++
			}
		}
		if allowed != 5 {
			t.Errorf("%d allowed within 20 seconds, limit 5", allowed)
		}
	})
}

func TestConcurrentHitsNeverPassTheLimit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		l, _ := setup(s)
		var ok atomic.Int32
		var wg sync.WaitGroup
		for range 40 {
			wg.Go(func() {
				allowed, _, err := l.Allow(ctx, "signin:ip:1.2.3.4", 10, 15*time.Minute)
				if err != nil {
					t.Error(err)
				}
				if allowed {
					ok.Add(1)
				}
			})
		}
		wg.Wait()
		if ok.Load() != 10 {
			t.Errorf("%d of 40 concurrent attempts allowed, limit 10", ok.Load())
		}
	})
}

func TestPrune(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		l, c := setup(s)
		for i := range 3 {
			if _, _, err := l.Allow(ctx, fmt.Sprint("k", i), 5, time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		c.Add(49 * time.Hour)
		if err := l.Prune(ctx); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.DB().QueryRow("SELECT COUNT(*) FROM rate_limits").Scan(&n); err != nil || n != 0 {
			t.Errorf("%d counters left, %v", n, err)
		}
	})
}

func TestAddr(t *testing.T) {
	for in, want := range map[string]string{
		"1.2.3.4:5678":               "1.2.3.4",
		"1.2.3.4":                    "1.2.3.4",
		"[2001:db8:1:2:3:4:5:6]:443": "2001:db8:1:2::/64",
		"[::ffff:1.2.3.4]:80":        "1.2.3.4",
	} {
		if got := ratelimit.Addr(in); got != want {
			t.Errorf("Addr(%q) = %q, want %q", in, got, want)
		}
	}
}
