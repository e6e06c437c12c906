package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"time"

	"github.com/alexedwards/scs/v2"

	"coso"
)

// Keys of session values that SessionStore copies into their own columns,
// so an official can list their sessions. The web layer puts the signed-in
// user's id (int64) under SessionUserKey, and may put the client's address
// and user agent under the others.
const (
	SessionUserKey  = "user_id"
	SessionAddrKey  = "addr"
	SessionAgentKey = "agent"
)

// SessionStore keeps github.com/alexedwards/scs sessions in the sessions
// table, on both engines with the same SQL, so every app server sees the
// same sessions. scs's own sqlite3store needs the cgo driver and SQLite's
// julianday(), and its postgresstore PostgreSQL's clock, so neither runs
// the same SQL on both.
//
// The table keys sessions by SessionID(token), never the token itself: a
// copy of the database lets no one ride a session. Leave scs's
// HashTokenInStore off; hashing here already covers it.
type SessionStore struct {
	s     *Store
	codec scs.Codec
}

// SessionStore returns the scs store; codec must be the session manager's
// Codec (nil means scs.GobCodec, scs's default).
func (s *Store) SessionStore(codec scs.Codec) *SessionStore {
	if codec == nil {
		codec = scs.GobCodec{}
	}
	return &SessionStore{s: s, codec: codec}
}

var _ scs.CtxStore = (*SessionStore)(nil)

// SessionID is the stored, listable identity of the session whose cookie
// holds token: base64url of its SHA-256. Compare it with SessionInfo.ID to
// mark the session in use.
func SessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// FindCtx returns the data of a live session.
func (ss *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := ss.s.r.QueryRowContext(ctx, "SELECT data FROM sessions WHERE token = $1 AND expiry > $2",
		SessionID(token), ss.s.stamp()).Scan(&data)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	return data, err == nil, err
}

// CommitCtx stores a session. Sessions are not audited: they change on
// every request that touches one and hold no record of the platform;
// signing in and out is audited by the web layer, ending a session here.
func (ss *SessionStore) CommitCtx(ctx context.Context, token string, data []byte, expiry time.Time) error {
	userID, addr, agent := ss.meta(data)
	now := ss.s.stamp()
	_, err := ss.s.w.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry, user_id, addr, agent, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry, user_id = excluded.user_id,
			addr = excluded.addr, agent = excluded.agent, updated_at = excluded.updated_at`,
		SessionID(token), data, expiry.UTC(), nullID(userID), addr, agent, now)
	return err
}

// DeleteCtx removes a session; an unknown token is not an error.
func (ss *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := ss.s.w.ExecContext(ctx, "DELETE FROM sessions WHERE token = $1", SessionID(token))
	return err
}

// Find, Commit and Delete complete scs.Store; scs calls the Ctx forms.
func (ss *SessionStore) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

func (ss *SessionStore) Commit(token string, data []byte, expiry time.Time) error {
	return ss.CommitCtx(context.Background(), token, data, expiry)
}

func (ss *SessionStore) Delete(token string) error {
	return ss.DeleteCtx(context.Background(), token)
}

// meta reads the user, address and agent out of encoded session data; a
// session that cannot be decoded is stored without them.
func (ss *SessionStore) meta(data []byte) (userID int64, addr, agent string) {
	_, values, err := ss.codec.Decode(data)
	if err != nil {
		return 0, "", ""
	}
	switch v := values[SessionUserKey].(type) {
	case int64:
		userID = v
	case int:
		userID = int64(v)
	}
	addr, _ = values[SessionAddrKey].(string)
	agent, _ = values[SessionAgentKey].(string)
	return userID, truncate(addr, 64), truncate(agent, 256)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// SessionInfo describes one live session of a user.
type SessionInfo struct {
	ID        string // SessionID of its token
	CreatedAt time.Time
	UpdatedAt time.Time // last time its data changed
	Expiry    time.Time
	Addr      string
	Agent     string
}

// SessionsOf lists userID's live sessions, the most recently used first.
func (s *Store) SessionsOf(ctx context.Context, userID int64) ([]SessionInfo, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT token, created_at, updated_at, expiry, addr, agent FROM sessions
		WHERE user_id = $1 AND expiry > $2 ORDER BY updated_at DESC, token`, userID, s.stamp())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SessionInfo
	for rows.Next() {
		var si SessionInfo
		if err := rows.Scan(&si.ID, &si.CreatedAt, &si.UpdatedAt, &si.Expiry, &si.Addr, &si.Agent); err != nil {
			return nil, err
		}
		out = append(out, si)
	}
	return out, rows.Err()
}

// DeleteSession ends userID's session with the given id (SessionInfo.ID).
// A session of another user is not found, so no one ends another's.
func (s *Store) DeleteSession(ctx context.Context, userID int64, id string) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec("DELETE FROM sessions WHERE token = $1 AND user_id = $2", id, userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return coso.NotFound("session")
		}
		return tx.Audit(0, "session.end", userObject(userID), "one session ended")
	})
}

// DeleteSessionsOf ends every session of userID except the one with id
// except (empty: all), as after a password change or "sign out
// everywhere". It returns how many ended.
func (s *Store) DeleteSessionsOf(ctx context.Context, userID int64, except string) (int64, error) {
	var n int64
	err := s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec("DELETE FROM sessions WHERE user_id = $1 AND token <> $2", userID, except)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		summary := "all sessions ended"
		if except != "" {
			summary = "other sessions ended"
		}
		return tx.Audit(0, "session.end", userObject(userID), summary)
	})
	return n, err
}

// DeleteExpiredSessions removes sessions past their expiry.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := s.w.ExecContext(ctx, "DELETE FROM sessions WHERE expiry <= $1", s.stamp())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// CleanSessions deletes expired sessions every interval until ctx ends;
// run it in its own goroutine on each app server. Errors are retried at
// the next tick: a missed cleanup only leaves dead rows that Find ignores.
func (s *Store) CleanSessions(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_, _ = s.DeleteExpiredSessions(ctx)
		}
	}
}
