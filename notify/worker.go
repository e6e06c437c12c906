package notify

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"coso"
)

// Backoff is how long to wait after each failed attempt before the next
// one; after the last entry the last wait repeats. MaxAttempts attempts
// in all (about a day) and a message is given up as failed.
var Backoff = []time.Duration{30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour, 6 * time.Hour}

// MaxAttempts is how many times a message is tried before it is failed.
const MaxAttempts = 8

// RetryDelay is the wait after the given number of failed attempts (1 or more).
func RetryDelay(attempts int) time.Duration {
	i := min(max(attempts, 1), len(Backoff)) - 1
	return Backoff[i]
}

// Outbox is what the worker needs from the store.
type Outbox interface {
	// ClaimMessages takes up to limit pending messages due at now, leasing
	// each to this caller until now+lease and counting an attempt. A row
	// is claimed by one caller only; a lease that runs out (the worker
	// died mid-send) makes the row claimable again.
	ClaimMessages(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]*Message, error)
	// MarkSent records that the claimed message went out.
	MarkSent(ctx context.Context, id int64, claim string, at time.Time) error
	// MarkFailed records a failed attempt: the message is tried again at
	// retryAt, or failed for good when retryAt is zero.
	MarkFailed(ctx context.Context, id int64, claim, reason string, retryAt time.Time) error
}

// Worker sends the outbox. Several workers (one per app server) may run on
// one database: each row is claimed by one of them at a time. It polls the
// table; it does not rely on LISTEN/NOTIFY, which distributed engines lack.
type Worker struct {
	Outbox      Outbox
	SMS         SMS
	Mail        Mailer        // nil: e-mail messages fail and are retried
	Every       time.Duration // how often to look for due messages; default 5 s
	Batch       int           // messages claimed at once; default 20
	SendTimeout time.Duration // bound on one send; default 30 s
	Lease       time.Duration // how long a claim holds; default 5 min, must exceed SendTimeout
	Now         coso.Clock    // default coso.Now
	Log         *slog.Logger  // default slog.Default()

	once sync.Once
}

func (w *Worker) defaults() { w.once.Do(w.setDefaults) }

func (w *Worker) setDefaults() {
	if w.Every <= 0 {
		w.Every = 5 * time.Second
	}
	if w.Batch <= 0 {
		w.Batch = 20
	}
	if w.SendTimeout <= 0 {
		w.SendTimeout = 30 * time.Second
	}
	if w.Lease <= w.SendTimeout {
		w.Lease = max(5*time.Minute, 2*w.SendTimeout)
	}
	if w.Now == nil {
		w.Now = coso.Now
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
}

// Run sends due messages until ctx is cancelled, then returns nil.
func (w *Worker) Run(ctx context.Context) error {
	w.defaults()
	t := time.NewTicker(w.Every)
	defer t.Stop()
	for {
		n, err := w.RunOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			w.Log.ErrorContext(ctx, "outbox poll failed", "err", err)
		}
		if n == w.Batch && err == nil {
			continue // more may be due: do not wait for the tick
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// RunOnce claims one batch of due messages and tries each once. It returns
// how many it claimed.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	msgs, err := w.Outbox.ClaimMessages(ctx, w.Now(), w.Batch, w.Lease)
	if err != nil {
		return 0, err
	}
	var errs []error
	for _, m := range msgs {
		if ctx.Err() != nil {
			break // the lease runs out and another worker takes the rest
		}
		errs = append(errs, w.handle(ctx, m))
	}
	return len(msgs), errors.Join(errs...)
}

func (w *Worker) handle(ctx context.Context, m *Message) error {
	if !m.ExpiresAt.IsZero() && !w.Now().Before(m.ExpiresAt) {
		return w.Outbox.MarkFailed(ctx, m.ID, m.Claim, "expired before it could be sent", time.Time{})
	}
	sctx, cancel := context.WithTimeout(ctx, w.SendTimeout)
	err := w.send(sctx, m)
	cancel()
	if err == nil {
		return w.Outbox.MarkSent(ctx, m.ID, m.Claim, w.Now())
	}
	if ctx.Err() != nil {
		return nil // shutting down: the lease will hand the message on
	}
	var retryAt time.Time
	if m.Attempts < MaxAttempts && !IsPermanent(err) {
		retryAt = w.Now().Add(RetryDelay(m.Attempts))
	}
	// Only the id and the attempt: error texts of mail servers and gateways
	// can carry the recipient. The text itself is kept in the outbox row.
	w.Log.WarnContext(ctx, "outbox send failed", "id", m.ID, "channel", string(m.Channel), "attempt", m.Attempts, "final", retryAt.IsZero())
	return w.Outbox.MarkFailed(ctx, m.ID, m.Claim, truncate(err.Error(), 500), retryAt)
}

func (w *Worker) send(ctx context.Context, m *Message) error {
	switch m.Channel {
	case ChannelSMS:
		if w.SMS == nil {
			return errors.New("no SMS sender is configured")
		}
		return w.SMS.Send(ctx, m.To, m.Body)
	case ChannelEmail:
		if w.Mail == nil {
			return errors.New("no mail server is configured")
		}
		return w.Mail.Send(ctx, m.To, m.Subject, m.Body)
	}
	return Permanent(errors.New("unknown channel " + string(m.Channel)))
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// permanent marks a send error that retrying cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so the worker fails the message at once instead of
// retrying it (a refused number, a rejected address).
func Permanent(err error) error { return permanent{err} }

// IsPermanent tells whether err was wrapped by Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}
