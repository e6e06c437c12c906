package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"coso"
	"coso/notify"
)

// Enqueue adds a message to the outbox in the transaction of the change
// that causes it: if the change is rolled back, the message never existed.
// The caller's change carries the audit line.
func (tx *Tx) Enqueue(m notify.Message) (int64, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	now := tx.s.now().UTC()
	return tx.Insert(`INSERT INTO outbox (channel, recipient, subject, body, secret, unit_id, status, attempts,
		next_attempt_at, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8, $7)`,
		string(m.Channel), m.To, m.Subject, m.Body, m.Secret, nullID(m.UnitID), now, nullTime(m.ExpiresAt))
}

// Enqueue adds one message on its own (a message that no other change
// causes, such as a test message from an administrator).
func (s *Store) Enqueue(ctx context.Context, m notify.Message) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if id, err = tx.Enqueue(m); err != nil {
			return err
		}
		return tx.Audit(m.UnitID, "outbox.enqueue", fmt.Sprintf("outbox:%d", id), string(m.Channel))
	})
	return id, err
}

// Claiming, marking sent and marking failed are the sending machinery's
// own bookkeeping, not changes made by a person, so they are not audited;
// the outbox row itself records them.

// ClaimMessages leases up to limit due messages to the caller. Each row is
// taken with its own conditional UPDATE (status still pending, no live
// lease): of two workers racing for a row, the second finds the condition
// false once the first has committed, on SQLite and PostgreSQL alike, with
// no engine-specific locking clause.
func (s *Store) ClaimMessages(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]*notify.Message, error) {
	now = now.UTC()
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM outbox
		WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
		ORDER BY next_attempt_at, id LIMIT $2`, now, limit)
	if err != nil {
		return nil, err
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, err
	}
	token := newToken()
	var out []*notify.Message
	for _, id := range ids {
		var m *notify.Message
		err := s.write(ctx, func(tx *Tx) error {
			res, err := tx.Exec(`UPDATE outbox SET claim = $1, claimed_until = $2, attempts = attempts + 1
				WHERE id = $3 AND status = 'pending' AND (claimed_until IS NULL OR claimed_until <= $4)`,
				token, now.Add(lease), id, now)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil // another worker took it
			}
			m, err = scanMessage(tx.QueryRow("SELECT "+messageColumns+" FROM outbox WHERE id = $1", id))
			if err != nil {
				return err
			}
			// The sending path alone opens a sealed recipient. One that
			// does not open (its key gone) is sent nowhere and fails in
			// time, rather than blocking the queue.
			if m.To, err = s.openRecipient(m.To); err != nil {
				m.To = ""
			}
			return nil
		})
		if err != nil {
			return out, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
	return out, nil
}

// MarkSent records that the message went out. A secret body (a one-time
// code) is replaced: once delivered the outbox need not keep it, and a
// copy of the database or a backup must not hold usable codes.
func (s *Store) MarkSent(ctx context.Context, id int64, claim string, at time.Time) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`UPDATE outbox SET status = 'sent', sent_at = $1, claimed_until = NULL, last_error = '',
			body = CASE WHEN secret THEN $2 ELSE body END
			WHERE id = $3 AND claim = $4`, at.UTC(), notify.ScrubbedSent, id, claim)
		return err
	})
}

// MarkFailed records a failed attempt: the message waits until retryAt, or
// is failed for good when retryAt is zero (its secret body is then
// replaced, as for a sent one).
func (s *Store) MarkFailed(ctx context.Context, id int64, claim, reason string, retryAt time.Time) error {
	return s.write(ctx, func(tx *Tx) error {
		if retryAt.IsZero() {
			_, err := tx.Exec(`UPDATE outbox SET status = 'failed', claimed_until = NULL, last_error = $1,
				body = CASE WHEN secret THEN $2 ELSE body END
				WHERE id = $3 AND claim = $4`, reason, notify.ScrubbedFailed, id, claim)
			return err
		}
		_, err := tx.Exec(`UPDATE outbox SET next_attempt_at = $1, claimed_until = NULL, last_error = $2
			WHERE id = $3 AND claim = $4`, retryAt.UTC(), reason, id, claim)
		return err
	})
}

// RetryMessage puts a failed message back in the queue (an administrator
// fixed the address or the gateway). Secret messages cannot be retried:
// their code is gone and expired anyway.
func (s *Store) RetryMessage(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *Tx) error {
		m, err := scanMessage(tx.QueryRow("SELECT "+messageColumns+" FROM outbox WHERE id = $1", id))
		if err == sql.ErrNoRows {
			return coso.NotFound(fmt.Sprintf("outbox %d", id))
		}
		if err != nil {
			return err
		}
		if m.Status != notify.Failed || m.Secret {
			return coso.Errorf(coso.EConflict, "", "Chỉ gửi lại được tin nhắn thất bại không chứa mã bí mật.",
				"Only failed messages without a secret code can be sent again.")
		}
		if _, err := tx.Exec(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, last_error = ''
			WHERE id = $2`, s.now().UTC(), id); err != nil {
			return err
		}
		return tx.Audit(m.UnitID, "outbox.retry", fmt.Sprintf("outbox:%d", id), string(m.Channel))
	})
}

// OutboxMessage returns one message as the administrators' list shows it:
// no secret body, no claim token.
func (s *Store) OutboxMessage(ctx context.Context, id int64) (*notify.Message, error) {
	m, err := scanMessage(s.r.QueryRowContext(ctx, "SELECT "+messageColumns+" FROM outbox WHERE id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(fmt.Sprintf("outbox %d", id))
	}
	if err != nil {
		return nil, err
	}
	if m.Secret && m.Status == notify.Pending {
		m.Body = notify.Hidden
	}
	m.Claim = ""
	hideRecipient(m)
	return m, nil
}

// OutboxFilter selects messages for the administrators' list.
type OutboxFilter struct {
	Status   notify.Status  // "": any
	Channel  notify.Channel // "": any
	UnitID   int64          // 0: any
	Scope    Scope          // messages about a unit's subtree
	BeforeID int64          // cursor: only messages with id < BeforeID
	Limit    int            // 0: 100
}

// Outbox lists messages, newest first. Secret bodies are never shown, even
// while pending: whoever reads the list could otherwise sign in as the
// citizen the code was meant for.
func (s *Store) Outbox(ctx context.Context, f OutboxFilter) ([]*notify.Message, error) {
	q := "SELECT " + messageColumns + " FROM outbox WHERE 1=1"
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.Status != "" {
		q += " AND status = " + arg(string(f.Status))
	}
	if f.Channel != "" {
		q += " AND channel = " + arg(string(f.Channel))
	}
	if f.UnitID != 0 {
		q += " AND unit_id = " + arg(f.UnitID)
	}
	q += f.Scope.where("unit_id", arg)
	if f.BeforeID > 0 {
		q += " AND id < " + arg(f.BeforeID)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	q += " ORDER BY id DESC LIMIT " + arg(f.Limit) // #nosec G202 -- only $n placeholders are joined; values go in args
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*notify.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		if m.Secret && m.Status == notify.Pending {
			m.Body = notify.Hidden
		}
		m.Claim = ""
		hideRecipient(m)
		out = append(out, m)
	}
	return out, rows.Err()
}

// OutboxCounts returns how many messages are in each status.
func (s *Store) OutboxCounts(ctx context.Context) (map[notify.Status]int, error) {
	return s.OutboxCountsIn(ctx, Scope{})
}

// OutboxCountsIn returns how many messages of the scope are in each status.
func (s *Store) OutboxCountsIn(ctx context.Context, sc Scope) (map[notify.Status]int, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	q := "SELECT status, COUNT(*) FROM outbox WHERE 1=1" + sc.where("unit_id", arg) + " GROUP BY status" // #nosec G202 -- only $n placeholders are joined
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[notify.Status]int{}
	for _, st := range notify.Statuses() {
		out[st] = 0
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[notify.Status(st)] = n
	}
	return out, rows.Err()
}

const messageColumns = `id, channel, recipient, subject, body, secret, COALESCE(unit_id, 0), status, attempts,
	next_attempt_at, claim, expires_at, last_error, created_at, sent_at`

func scanMessage(row scanner) (*notify.Message, error) {
	var m notify.Message
	var channel, status string
	var expires, sent sql.NullTime
	err := row.Scan(&m.ID, &channel, &m.To, &m.Subject, &m.Body, &m.Secret, &m.UnitID, &status, &m.Attempts,
		&m.NextAttemptAt, &m.Claim, &expires, &m.LastError, &m.CreatedAt, &sent)
	if err != nil {
		return nil, err
	}
	m.Channel, m.Status = notify.Channel(channel), notify.Status(status)
	m.ExpiresAt, m.SentAt = expires.Time, sent.Time
	return &m, nil
}

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// newToken returns a random claim token.
func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
