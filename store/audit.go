package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"coso"
)

// Audit writes one line of the audit trail in the transaction that makes
// the change, so a change without its audit line cannot be committed. No
// code path updates or deletes audit rows.
func (tx *Tx) Audit(unitID int64, action, object, summary string) error {
	tx.public |= shownBy(action)
	a := coso.ActorFrom(tx.ctx)
	_, err := tx.Exec(`INSERT INTO audit_log (at, user_id, username, role, unit_id, action, object, summary, addr)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		tx.s.now().UTC(), nullID(a.UserID), a.Username, a.Role, nullID(unitID), action, object, summary, a.Addr)
	return err
}

// AuditEntry is one line of the audit trail.
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64
	Username string
	Role     string
	UnitID   int64
	UnitCode string // "" for a change about no unit in particular
	Action   string
	Object   string
	Summary  string
	Addr     string
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// AuditFilter selects lines of the audit trail. The trail is read here and
// written only by Tx.Audit: no code path updates or deletes it.
type AuditFilter struct {
	Scope    Scope     // the unit and its subtree
	Username string    // exactly this person
	Action   string    // exactly this action, or every action starting with it when it ends in "."
	From, To time.Time // local dates (coso.Zone), both included; zero: open
	BeforeID int64     // cursor: only lines with id < BeforeID
	Limit    int       // 0: no limit (exports)
}

// AuditLog lists the lines matching f, newest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.EachAudit(ctx, f, func(e AuditEntry) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

// EachAudit calls fn for each line matching f, newest first, without
// holding them all in memory (the CSV export of a province's trail).
func (s *Store) EachAudit(ctx context.Context, f AuditFilter, fn func(AuditEntry) error) error {
	q, args := f.query()
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.UserID, &e.Username, &e.Role, &e.UnitID, &e.UnitCode,
			&e.Action, &e.Object, &e.Summary, &e.Addr); err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (f AuditFilter) query() (string, []any) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	q := `SELECT a.id, a.at, COALESCE(a.user_id, 0), a.username, a.role, COALESCE(a.unit_id, 0), COALESCE(un.code, ''),
		a.action, a.object, a.summary, a.addr
		FROM audit_log a LEFT JOIN units un ON un.id = a.unit_id WHERE 1=1`
	q += f.Scope.where("a.unit_id", arg)
	if f.Username != "" {
		q += " AND a.username = " + arg(strings.ToLower(strings.TrimSpace(f.Username)))
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			// substr, not LIKE: action names hold "_", a LIKE wildcard.
			q += fmt.Sprintf(" AND substr(a.action, 1, %d) = %s", len(f.Action), arg(f.Action))
		} else {
			q += " AND a.action = " + arg(f.Action)
		}
	}
	if !f.From.IsZero() {
		q += " AND a.at >= " + arg(startOfDay(f.From))
	}
	if !f.To.IsZero() {
		q += " AND a.at < " + arg(startOfDay(f.To).AddDate(0, 0, 1))
	}
	if f.BeforeID > 0 {
		q += " AND a.id < " + arg(f.BeforeID)
	}
	q += " ORDER BY a.id DESC"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit) // #nosec G202 -- only $n placeholders are joined; values go in args
	}
	return q, args
}

// startOfDay is the first instant, in UTC, of the local date of t.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(coso.Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone).UTC()
}

// AuditActions lists the actions the trail holds, for the filter's choices.
func (s *Store) AuditActions(ctx context.Context) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT DISTINCT action FROM audit_log ORDER BY action")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
