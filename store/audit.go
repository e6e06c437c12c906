package store

import (
	"time"

	"coso"
)

// Audit writes one line of the audit trail in the transaction that makes
// the change, so a change without its audit line cannot be committed. No
// code path updates or deletes audit rows.
func (tx *Tx) Audit(unitID int64, action, object, summary string) error {
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
