package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/petition"
)

const sessionColumns = `s.id, s.unit_id, u.code, u.name, s.on_date, s.starts, s.ends, s.host, s.place, s.online, s.cancelled, s.created_at,
	(SELECT COUNT(*) FROM petitions p WHERE p.session_id = s.id)`

const sessionFrom = ` FROM reception_sessions s JOIN units u ON u.id = s.unit_id `

func scanSession(row scanner) (*petition.Session, error) {
	var s petition.Session
	var on string
	err := row.Scan(&s.ID, &s.UnitID, &s.UnitCode, &s.UnitName, &on, &s.Starts, &s.Ends, &s.Host, &s.Place, &s.Online, &s.Cancelled, &s.CreatedAt, &s.Cases)
	s.On = parseDate(on)
	return &s, err
}

func sessionObject(id int64) string { return fmt.Sprintf("reception_session:%d", id) }

// CreateSession publishes a reception session of the unit s.UnitCode.
func (s *Store) CreateSession(ctx context.Context, rs *petition.Session) error {
	u, err := s.disclosureUnit(ctx, rs.UnitID, rs.UnitCode)
	if err != nil {
		return err
	}
	if err := receivingUnit(u); err != nil {
		return err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	if err := rs.Validate(s.now(), cal); err != nil {
		return err
	}
	rs.UnitID, rs.UnitCode, rs.UnitName = u.ID, u.Code, u.Name
	return s.write(ctx, func(tx *Tx) error {
		commune, province, err := tx.partition(u)
		if err != nil {
			return err
		}
		rs.CreatedAt = s.stamp()
		rs.ID, err = tx.Insert(`INSERT INTO reception_sessions (unit_id, commune_id, province_id, on_date, starts, ends, host, place, online,
			created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			u.ID, nullID(commune), nullID(province), formatDate(rs.On), rs.Starts, rs.Ends, rs.Host, rs.Place, rs.Online,
			nullID(coso.ActorFrom(ctx).UserID), rs.CreatedAt)
		if err != nil {
			return err
		}
		return tx.Audit(u.ID, "reception.schedule", sessionObject(rs.ID), formatDate(rs.On))
	})
}

// Session returns one reception session.
func (s *Store) Session(ctx context.Context, id int64) (*petition.Session, error) {
	rs, err := scanSession(s.r.QueryRowContext(ctx, "SELECT "+sessionColumns+sessionFrom+"WHERE s.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(sessionObject(id))
	}
	return rs, err
}

// CancelSession cancels a session not yet held, with the reason people
// are shown.
func (s *Store) CancelSession(ctx context.Context, id int64, reason string) error {
	reason, err := petition.CheckReason("reason", reason)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		rs, err := scanSession(tx.QueryRow("SELECT "+sessionColumns+sessionFrom+"WHERE s.id = $1", id))
		if err == sql.ErrNoRows {
			return coso.NotFound(sessionObject(id))
		}
		if err != nil {
			return err
		}
		if rs.Cancelled != "" || rs.On.Before(s.today()) {
			return coso.Errorf(coso.EConflict, "", "Buổi tiếp đã hủy hoặc đã qua.", "The session is cancelled or past.")
		}
		if _, err := tx.Exec("UPDATE reception_sessions SET cancelled = $1 WHERE id = $2", reason, id); err != nil {
			return err
		}
		return tx.Audit(rs.UnitID, "reception.cancel", sessionObject(id), formatDate(rs.On))
	})
}

// Sessions lists the sessions of a unit (itself only: each unit's leader
// has their own schedule) between two dates, both included.
func (s *Store) Sessions(ctx context.Context, unitID int64, from, to time.Time) ([]*petition.Session, error) {
	return queryAll(ctx, s.r, scanSession, "SELECT "+sessionColumns+sessionFrom+
		"WHERE s.unit_id = $1 AND s.on_date BETWEEN $2 AND $3 ORDER BY s.on_date, s.starts", unitID, formatDate(from), formatDate(to))
}

// sessionOf checks the reception session a case taken in at reception
// names: a session of the addressed unit, not cancelled, held today or
// before.
func (s *Store) sessionOf(ctx context.Context, c *petition.Case, unitID int64) error {
	if c.SessionID == 0 {
		return nil
	}
	rs, err := s.Session(ctx, c.SessionID)
	if err != nil || rs.UnitID != unitID || rs.Cancelled != "" || rs.On.After(s.today()) {
		return coso.Invalid("session", "Buổi tiếp công dân không hợp lệ cho đơn vị này.", "Not a reception session of this unit held so far.")
	}
	c.Channel = petition.Reception
	if c.ReceivedOn.IsZero() {
		c.ReceivedOn = rs.On
	}
	return nil
}
