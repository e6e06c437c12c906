package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/petition"
)

// RevealValid is how long an approved reveal lets its requester see the
// denouncer's identity.
const RevealValid = 24 * time.Hour

// Reveal is a request to see a denouncer's identity.
type Reveal struct {
	ID          int64
	PetitionID  int64
	RequestedBy int64
	Requester   string
	Reason      string
	RequestedAt time.Time
	Status      string // pending, approved, refused
	DecidedBy   int64
	Decider     string
	DecidedAt   time.Time
	Note        string
	ExpiresAt   time.Time
}

// Usable tells whether the reveal lets its requester see the identity at now.
func (r *Reveal) Usable(now time.Time) bool { return r.Status == "approved" && now.Before(r.ExpiresAt) }

const revealColumns = `r.id, r.petition_id, r.requested_by, rq.display_name, r.reason, r.requested_at, r.status,
	COALESCE(r.decided_by, 0), COALESCE(dc.display_name, ''), r.decided_at, r.note, r.expires_at`

const revealFrom = ` FROM petition_reveals r JOIN users rq ON rq.id = r.requested_by LEFT JOIN users dc ON dc.id = r.decided_by `

func scanReveal(row scanner) (*Reveal, error) {
	var r Reveal
	var decided, expires sql.NullTime
	err := row.Scan(&r.ID, &r.PetitionID, &r.RequestedBy, &r.Requester, &r.Reason, &r.RequestedAt, &r.Status,
		&r.DecidedBy, &r.Decider, &decided, &r.Note, &expires)
	r.DecidedAt, r.ExpiresAt = decided.Time, expires.Time
	return &r, err
}

func revealObject(id int64) string { return fmt.Sprintf("petition_reveal:%d", id) }

// errDenounced refuses an official of the unit a denunciation accuses.
func errDenounced() *coso.Error {
	return coso.Errorf(coso.EForbidden, "", "Cán bộ của đơn vị có người bị tố cáo không được biết danh tính người tố cáo.",
		"Officials of the unit whose official is accused may not know who denounced.")
}

// sealedCase loads a denunciation and checks that the actor is no official
// of the unit it accuses.
func (s *Store) sealedCase(ctx context.Context, id int64) (*petition.Case, coso.Actor, error) {
	a := coso.ActorFrom(ctx)
	c, err := s.Petition(ctx, id)
	if err != nil {
		return nil, a, err
	}
	if !c.Kind.Sealed() || c.Anonymous {
		return nil, a, coso.Errorf(coso.EConflict, "", "Chỉ danh tính người tố cáo mới cần yêu cầu xem.", "Only a denouncer's identity needs a reveal.")
	}
	if a.UserID == 0 {
		return nil, a, coso.Forbidden()
	}
	grants, err := s.Grants(ctx, a.UserID)
	if err != nil {
		return nil, a, err
	}
	if s.ofUnit(ctx, grants, c.AgainstUnitID) {
		return nil, a, errDenounced()
	}
	return c, a, nil
}

// RequestReveal records the actor's request, with its reason, to see the
// identity of the denouncer of case id. Whether the actor may handle the
// case is the caller's question; an official of the accused unit is
// refused here.
func (s *Store) RequestReveal(ctx context.Context, id int64, reason string) (*Reveal, error) {
	c, a, err := s.sealedCase(ctx, id)
	if err != nil {
		return nil, err
	}
	reason, err = petition.CheckReason("reason", reason)
	if err != nil {
		return nil, err
	}
	var rid int64
	err = s.write(ctx, func(tx *Tx) error {
		var err error
		rid, err = tx.Insert(`INSERT INTO petition_reveals (petition_id, requested_by, reason, requested_at, status)
			VALUES ($1, $2, $3, $4, 'pending')`, id, a.UserID, reason, s.stamp())
		if err != nil {
			return err
		}
		if err := tx.petitionEvent(c, "reveal_requested", ""); err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "petition.reveal.request", revealObject(rid), petitionObject(id))
	})
	if err != nil {
		return nil, err
	}
	return s.Reveal(ctx, rid)
}

// Reveal returns one request.
func (s *Store) Reveal(ctx context.Context, id int64) (*Reveal, error) {
	r, err := scanReveal(s.r.QueryRowContext(ctx, "SELECT "+revealColumns+revealFrom+"WHERE r.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(revealObject(id))
	}
	return r, err
}

// Reveals lists the requests about case id, newest first.
func (s *Store) Reveals(ctx context.Context, id int64) ([]*Reveal, error) {
	return queryAll(ctx, s.r, scanReveal, "SELECT "+revealColumns+revealFrom+"WHERE r.petition_id = $1 ORDER BY r.id DESC", id)
}

// DecideReveal approves or refuses a pending request. The actor must be a
// second official: not the requester, not of the accused unit. (Whether
// the actor may approve reveals on the case's unit is the caller's
// question: account.PetitionReveal.)
func (s *Store) DecideReveal(ctx context.Context, revealID int64, approve bool, note string) (*Reveal, error) {
	r, err := s.Reveal(ctx, revealID)
	if err != nil {
		return nil, err
	}
	c, a, err := s.sealedCase(ctx, r.PetitionID)
	if err != nil {
		return nil, err
	}
	if a.UserID == r.RequestedBy {
		return nil, coso.Errorf(coso.EForbidden, "", "Người yêu cầu không tự phê duyệt được; cần một cán bộ thứ hai.",
			"The requester cannot approve their own request; a second official must.")
	}
	if len([]rune(note)) > petition.MaxReason {
		return nil, coso.Invalid("note", "Ghi chú dài quá %d ký tự.", "The note is longer than %d characters.", petition.MaxReason)
	}
	status, step := "refused", "reveal_refused"
	var expires any
	if approve {
		status, step, expires = "approved", "reveal_approved", s.stamp().Add(RevealValid)
	}
	err = s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE petition_reveals SET status = $1, decided_by = $2, decided_at = $3, note = $4, expires_at = $5
			WHERE id = $6 AND status = 'pending'`, status, a.UserID, s.stamp(), note, expires, revealID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coso.Errorf(coso.EConflict, "", "Yêu cầu này đã được quyết định.", "This request has already been decided.")
		}
		if err := tx.petitionEvent(c, step, ""); err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "petition.reveal."+map[bool]string{true: "approve", false: "refuse"}[approve], revealObject(revealID),
			fmt.Sprintf("%s requested by user:%d", petitionObject(c.ID), r.RequestedBy))
	})
	if err != nil {
		return nil, err
	}
	return s.Reveal(ctx, revealID)
}

// RevealedIdentity opens the denouncer's identity for the official whose
// request was approved, while the approval lasts; every opening is in the
// audit trail.
func (s *Store) RevealedIdentity(ctx context.Context, revealID int64) (petition.Identity, *Reveal, error) {
	r, err := s.Reveal(ctx, revealID)
	if err != nil {
		return petition.Identity{}, nil, err
	}
	c, a, err := s.sealedCase(ctx, r.PetitionID)
	if err != nil {
		return petition.Identity{}, nil, err
	}
	switch {
	case a.UserID != r.RequestedBy:
		return petition.Identity{}, nil, coso.Forbidden()
	case r.Status != "approved":
		return petition.Identity{}, nil, coso.Errorf(coso.EForbidden, "", "Yêu cầu xem danh tính chưa được cán bộ thứ hai phê duyệt.",
			"The request has not been approved by a second official.")
	case !r.Usable(s.now()):
		return petition.Identity{}, nil, coso.Errorf(coso.EForbidden, "", "Phê duyệt đã hết hạn; cần yêu cầu lại.", "The approval has expired; ask again.")
	}
	var sealed string
	if err := s.r.QueryRowContext(ctx, "SELECT identity_sealed FROM petitions WHERE id = $1", c.ID).Scan(&sealed); err != nil {
		return petition.Identity{}, nil, err
	}
	id, err := s.openIdentity(c.Code, sealed)
	if err != nil {
		return petition.Identity{}, nil, err
	}
	// The opening is in the audit trail before the identity leaves.
	err = s.write(ctx, func(tx *Tx) error {
		return tx.Audit(c.UnitID, "petition.reveal.view", revealObject(revealID), petitionObject(c.ID))
	})
	if err != nil {
		return petition.Identity{}, nil, err
	}
	return id, r, nil
}
