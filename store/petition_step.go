package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/account"
	"coso/calendar"
	"coso/petition"
	"coso/viet"
)

// stepFunc applies one step to a case inside the write transaction and
// returns the note the history keeps.
type stepFunc func(tx *Tx, c *petition.Case, cal *calendar.Calendar, today time.Time) (string, error)

// petitionStep loads case id in a write transaction, applies fn, writes
// the case back only if nobody changed it meanwhile, and records the step
// in the history and the audit trail (never the reason's text there: it
// may name people).
func (s *Store) petitionStep(ctx context.Context, id int64, step string, fn stepFunc) (*petition.Case, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *Tx) error {
		c, err := scanPetition(tx.QueryRow("SELECT "+petitionColumns+petitionFrom+"WHERE p.id = $1", id))
		if err == sql.ErrNoRows {
			return coso.NotFound("petition")
		}
		if err != nil {
			return err
		}
		if c.Extensions, err = tx.petitionExtensions(id); err != nil {
			return err
		}
		was, before := c.Stage, c.UpdatedAt
		detail, err := fn(tx, c, cal, s.today())
		if err != nil {
			return err
		}
		if err := tx.savePetition(c, was, before); err != nil {
			return err
		}
		if err := tx.petitionEvent(c, step, detail); err != nil {
			return err
		}
		if err := tx.notifySender(c, step); err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "petition."+step, petitionObject(id), fmt.Sprintf("stage=%s due=%s", c.Stage, formatDate(c.DueOn)))
	})
	if err != nil {
		return nil, err
	}
	return s.Petition(ctx, id)
}

func (tx *Tx) petitionExtensions(id int64) ([]petition.Extension, error) {
	rows, err := tx.Query("SELECT on_date, days, reason FROM petition_extensions WHERE petition_id = $1 ORDER BY n", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []petition.Extension
	for rows.Next() {
		var e petition.Extension
		var on string
		if err := rows.Scan(&on, &e.Days, &e.Reason); err != nil {
			return nil, err
		}
		e.On = parseDate(on)
		out = append(out, e)
	}
	return out, rows.Err()
}

// savePetition writes every column a step may change, if the case is still
// as it was read (stage and time of the last change): of two officers
// acting at once, the second is told to look again.
func (tx *Tx) savePetition(c *petition.Case, was petition.Stage, before time.Time) error {
	u, err := scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.id = $1", c.UnitID))
	if err != nil {
		return err
	}
	commune, province, err := tx.partition(u)
	if err != nil {
		return err
	}
	now := tx.s.stamp()
	res, err := tx.Exec(`UPDATE petitions SET unit_id = $1, commune_id = $2, province_id = $3, stage = $4, complex = $5, intake = $6,
		intake_note = $7, intake_on = $8, accepted_on = $9, forwarded_to = $10, reason = $11, answer = $12, summary = $13,
		finished_on = $14, due_on = $15, received_on = $16, assignee_id = $17, updated_at = $18
		WHERE id = $19 AND stage = $20 AND updated_at = $21`,
		c.UnitID, nullID(commune), nullID(province), string(c.Stage), c.Complex, string(c.Intake),
		c.IntakeNote, nullDate(c.IntakeOn), nullDate(c.AcceptedOn), c.ForwardedTo, c.Reason, c.Answer, c.Summary,
		nullDate(c.FinishedOn), nullDate(c.DueOn), formatDate(c.ReceivedOn), nullID(c.AssigneeID), now,
		c.ID, string(was), before)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return coso.Errorf(coso.EConflict, "", "Đơn vừa được người khác cập nhật; vui lòng tải lại trang.", "Someone else just changed the case; please reload the page.")
	}
	c.UpdatedAt = now
	return nil
}

// AcceptPetition records the acceptance (thụ lý) of case id today.
func (s *Store) AcceptPetition(ctx context.Context, id int64, complex, needsTime bool, note string) (*petition.Case, error) {
	return s.petitionStep(ctx, id, "accepted", func(_ *Tx, c *petition.Case, cal *calendar.Calendar, today time.Time) (string, error) {
		err := c.Accept(today, complex, needsTime, note, cal)
		return c.IntakeNote, err
	})
}

// RejectPetition records that case id is not accepted, with the reason.
func (s *Store) RejectPetition(ctx context.Context, id int64, reason string) (*petition.Case, error) {
	return s.petitionStep(ctx, id, "rejected", func(_ *Tx, c *petition.Case, _ *calendar.Calendar, today time.Time) (string, error) {
		err := c.Reject(today, reason)
		return c.Reason, err
	})
}

// ForwardPetition records that case id went to a competent body outside
// the platform.
func (s *Store) ForwardPetition(ctx context.Context, id int64, to, reason string) (*petition.Case, error) {
	return s.petitionStep(ctx, id, "forwarded", func(_ *Tx, c *petition.Case, cal *calendar.Calendar, today time.Time) (string, error) {
		err := c.Forward(today, to, reason, cal)
		return c.ForwardedTo + ": " + c.Reason, err
	})
}

// TransferPetition moves a received case to the unit with code unitCode,
// competent for it; that unit's clocks start today.
func (s *Store) TransferPetition(ctx context.Context, id int64, unitCode, reason string) (*petition.Case, error) {
	to, err := s.disclosureUnit(ctx, 0, unitCode)
	if err != nil {
		return nil, err
	}
	if err := receivingUnit(to); err != nil {
		return nil, err
	}
	return s.petitionStep(ctx, id, "transferred", func(_ *Tx, c *petition.Case, cal *calendar.Calendar, today time.Time) (string, error) {
		from := c.UnitName
		err := c.Transfer(today, to.ID, to.Code, to.Name, to.Remote, reason, cal)
		return from + " → " + to.Name + ": " + c.Reason, err
	})
}

// ExtendPetition extends a denunciation's resolution deadline today, with
// the written reason.
func (s *Store) ExtendPetition(ctx context.Context, id int64, reason string) (*petition.Case, error) {
	return s.petitionStep(ctx, id, "extended", func(tx *Tx, c *petition.Case, cal *calendar.Calendar, today time.Time) (string, error) {
		e, err := c.Extend(today, reason, cal)
		if err != nil {
			return "", err
		}
		_, err = tx.Exec(`INSERT INTO petition_extensions (petition_id, n, on_date, days, reason, user_id) VALUES ($1, $2, $3, $4, $5, $6)`,
			c.ID, len(c.Extensions), formatDate(e.On), e.Days, e.Reason, nullID(coso.ActorFrom(tx.ctx).UserID))
		return e.Reason, err
	})
}

// ResolvePetition records the official answer given today, and the
// anonymised summary published when the sender consented.
func (s *Store) ResolvePetition(ctx context.Context, id int64, answer, summary string) (*petition.Case, error) {
	return s.petitionStep(ctx, id, "resolved", func(_ *Tx, c *petition.Case, _ *calendar.Calendar, today time.Time) (string, error) {
		return "", c.Resolve(today, answer, summary)
	})
}

// ClosePetition ends an open case without a decision, with the reason.
func (s *Store) ClosePetition(ctx context.Context, id int64, reason string) (*petition.Case, error) {
	return s.petitionStep(ctx, id, "closed", func(_ *Tx, c *petition.Case, _ *calendar.Calendar, today time.Time) (string, error) {
		err := c.Close(today, reason)
		return c.Reason, err
	})
}

// AssignPetition gives case id to an official who may answer it there
// (userID 0 takes it from whoever had it).
func (s *Store) AssignPetition(ctx context.Context, id, userID int64) (*petition.Case, error) {
	var name string
	if userID != 0 {
		u, err := s.User(ctx, userID)
		if err != nil || u.Disabled {
			return nil, coso.Invalid("assignee", "Không có cán bộ này.", "No such official.")
		}
		name = u.DisplayName
	}
	within := s.WithinFunc(ctx)
	return s.petitionStep(ctx, id, "assigned", func(tx *Tx, c *petition.Case, _ *calendar.Calendar, _ time.Time) (string, error) {
		if c.Finished() {
			return "", coso.Errorf(coso.EConflict, "stage", "Đơn đã kết thúc.", "The case is finished.")
		}
		if userID != 0 {
			grants, err := s.Grants(ctx, userID)
			if err != nil {
				return "", err
			}
			if !account.Allowed(grants, account.PetitionAnswer, c.UnitID, within) || s.ofUnit(ctx, grants, c.AgainstUnitID) {
				return "", coso.Invalid("assignee", "Cán bộ này không có quyền giải quyết đơn của đơn vị.", "This official may not handle the unit's cases.")
			}
		}
		c.AssigneeID, c.AssigneeName = userID, name
		return name, nil
	})
}

// ofUnit tells whether any active grant lies in the subtree of unit (the
// official belongs to it). Unit 0 has no officials.
func (s *Store) ofUnit(ctx context.Context, grants []account.Grant, unit int64) bool {
	if unit == 0 {
		return false
	}
	for _, g := range grants {
		if ok, err := s.Within(ctx, g.UnitID, unit); g.Active() && (err != nil || ok) {
			return true
		}
	}
	return false
}

// PetitionOfficials lists the officials a case of unit may be assigned to:
// those whose own grant on the unit or one of its ancestors lets them
// answer petitions, who are not officials of the unit a denunciation
// accuses (against; 0 for none), leaving out the province administrator.
func (s *Store) PetitionOfficials(ctx context.Context, unit, against int64) ([]*account.User, error) {
	u, err := s.Unit(ctx, unit)
	if err != nil {
		return nil, err
	}
	chain, err := s.Ancestors(ctx, u)
	if err != nil {
		return nil, err
	}
	ids := []int64{u.ID}
	for _, a := range chain {
		ids = append(ids, a.ID)
	}
	in, args := inList(ids)
	// #nosec G202 -- only $N placeholders are joined; values go in args
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT g.user_id, g.role FROM grants g JOIN users us ON us.id = g.user_id
		WHERE g.revoked_at IS NULL AND NOT us.disabled AND g.unit_id IN (`+in+`) ORDER BY g.user_id`, args...)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var uids []int64
	for rows.Next() {
		var uid int64
		var role string
		if err := rows.Scan(&uid, &role); err != nil {
			_ = rows.Close()
			return nil, err
		}
		r := account.Role(role)
		if r != account.ProvinceAdmin && r.May(account.PetitionAnswer) && !seen[uid] {
			seen[uid] = true
			uids = append(uids, uid)
		}
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []*account.User
	for _, uid := range uids {
		grants, err := s.Grants(ctx, uid)
		if err != nil {
			return nil, err
		}
		if s.ofUnit(ctx, grants, against) {
			continue
		}
		usr, err := s.User(ctx, uid)
		if err != nil {
			return nil, err
		}
		out = append(out, usr)
	}
	viet.SortBy(out, func(u *account.User) string { return u.DisplayName })
	return out, nil
}
