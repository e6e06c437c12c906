// Package ratelimit counts attempts in the database, so that every app
// server sees the same counts, and refuses attempts over a limit with the
// time to wait.
package ratelimit

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"time"

	"coso"
)

// Counter is what the limiter needs from the store: one counter per key
// and window start.
type Counter interface {
	// RateCount returns the count of key in the window that starts at start.
	RateCount(ctx context.Context, key string, start time.Time) (int, error)
	// RateHit adds one to the count of key in the window that starts at
	// start if the count is below most; it tells whether it did and
	// returns the count after.
	RateHit(ctx context.Context, key string, start time.Time, most int) (bool, int, error)
	// PruneRateLimits deletes the counters of windows that start before t.
	PruneRateLimits(ctx context.Context, before time.Time) error
}

// Limiter applies limits with a sliding window: the count of the previous
// window, weighted by how much of it still lies in the last Window, is
// added to the current one. Unlike fixed windows this does not let twice
// the limit through around a window's edge.
type Limiter struct {
	c   Counter
	now coso.Clock
}

// New returns a limiter over c; now is the clock (nil: coso.Now).
func New(c Counter, now coso.Clock) *Limiter {
	if now == nil {
		now = coso.Now
	}
	return &Limiter{c: c, now: now}
}

// Allow counts one attempt for key if fewer than limit were made in the
// last window; otherwise it refuses and says how long to wait. Refused
// attempts are not counted, so a client that keeps trying is not locked
// out for ever.
func (l *Limiter) Allow(ctx context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	now := l.now().UTC()
	start := now.Truncate(window)
	w, e := window.Milliseconds(), now.Sub(start).Milliseconds()
	prev, err := l.c.RateCount(ctx, key, start.Add(-window))
	if err != nil {
		return false, 0, err
	}
	// An attempt is allowed while prev·(w−e)/w + curr + 1 ≤ limit, that is
	// while curr < room. Integers (milliseconds) keep the edges exact.
	room := (int64(limit)*w - int64(prev)*(w-e)) / w
	ok, curr, err := l.c.RateHit(ctx, key, start, int(max(room, 0)))
	if err != nil || ok {
		return ok, 0, err
	}
	return false, wait(int64(prev), int64(curr), int64(limit), e, w), nil
}

// wait is how long until the next attempt is allowed if none is made
// meanwhile (times in milliseconds, rounded up to whole seconds).
func wait(prev, curr, limit, e, w int64) time.Duration {
	var d int64
	if curr+1 <= limit && prev > 0 {
		// Within this window, once enough of the previous one has slid out.
		d = (w - e) - (limit-curr-1)*w/prev
	} else {
		// In the next window, where this window's count is the previous one.
		d = (w - e) + w - (limit-1)*w/max(curr, 1)
	}
	s := (max(d, 1) + 999) / 1000
	return time.Duration(s) * time.Second
}

// Check applies rule to subject and returns a *TooMany error when the
// attempt is refused.
func (l *Limiter) Check(ctx context.Context, r Rule, subject string) error {
	ok, after, err := l.Allow(ctx, r.Name+":"+subject, r.Limit, r.Window)
	if err != nil {
		return err
	}
	if !ok {
		return tooMany(after)
	}
	return nil
}

// Prune deletes counters too old to matter; call it now and then.
func (l *Limiter) Prune(ctx context.Context) error {
	return l.c.PruneRateLimits(ctx, l.now().UTC().Add(-2*longestWindow()))
}

// Addr turns a remote address ("1.2.3.4:5678", "[2001:db8::1]:443") into
// the subject of address limits. IPv6 addresses count per /64 network,
// since one subscriber holds a whole /64.
func Addr(remote string) string {
	host := remote
	if h, _, err := net.SplitHostPort(remote); err == nil {
		host = h
	}
	ip, err := netip.ParseAddr(strings.TrimSpace(host))
	if err != nil {
		return strings.TrimSpace(host)
	}
	ip = ip.Unmap()
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// TooMany is the error of a refused attempt. It wraps a *coso.Error with
// code ETooMany, so the web layer maps it like any other error, and carries
// the wait for the Retry-After header.
type TooMany struct {
	Err        *coso.Error
	RetryAfter time.Duration
}

func (e *TooMany) Error() string { return e.Err.Error() }
func (e *TooMany) Unwrap() error { return e.Err }

// Seconds is the value of the Retry-After header.
func (e *TooMany) Seconds() int { return int((e.RetryAfter + time.Second - 1) / time.Second) }

func tooMany(after time.Duration) *TooMany {
	minutes := int((after + time.Minute - 1) / time.Minute)
	return &TooMany{
		Err: coso.Errorf(coso.ETooMany, "",
			"Bạn đã thử quá nhiều lần. Vui lòng thử lại sau %d phút.",
			"Too many attempts. Please try again in %d minutes.", max(minutes, 1)),
		RetryAfter: after,
	}
}

// RetryAfter returns the wait carried by err, if err is a refused attempt.
func RetryAfter(err error) (time.Duration, bool) {
	var tm *TooMany
	if errors.As(err, &tm) {
		return tm.RetryAfter, true
	}
	return 0, false
}
