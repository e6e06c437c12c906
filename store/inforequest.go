package store

import (
	"context"
	"database/sql"
	"fmt"

	"coso"
	"coso/disclosure"
)

const requestColumns = `r.id, r.unit_id, u.code, u.name, r.name, r.contact, r.public, r.question, r.received_on, r.due_on,
	r.extended, r.extend_reason, r.status, r.answer, COALESCE(r.answered_on, ''), COALESCE(r.disclosure_id, 0), r.created_at, r.updated_at`

const requestFrom = ` FROM information_requests r JOIN units u ON u.id = r.unit_id `

func scanRequest(row scanner) (*disclosure.Request, error) {
	var r disclosure.Request
	var received, due, status, answered string
	err := row.Scan(&r.ID, &r.UnitID, &r.UnitCode, &r.UnitName, &r.Name, &r.Contact, &r.Public, &r.Question, &received, &due,
		&r.Extended, &r.ExtendReason, &status, &r.Answer, &answered, &r.DisclosureID, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return nil, err
	}
	r.ReceivedOn, r.DueOn, r.AnsweredOn, r.Status = parseDate(received), parseDate(due), parseDate(answered), disclosure.RequestStatus(status)
	return &r, nil
}

func requestObject(id int64) string { return fmt.Sprintf("information_request:%d", id) }

// CreateInfoRequest records a citizen's request for information addressed
// to the unit r.UnitID (or r.UnitCode), received today; the answer is due
// in 10 working days. The audit line holds no personal data.
func (s *Store) CreateInfoRequest(ctx context.Context, r *disclosure.Request) error {
	u, err := s.disclosureUnit(ctx, r.UnitID, r.UnitCode)
	if err != nil {
		return err
	}
	if _, ok := disclosure.ScopeOf(string(u.Kind)); !ok {
		return coso.Invalid("unit", "Gửi yêu cầu đến xã, phường, cơ quan hoặc doanh nghiệp cụ thể.", "Address the request to a commune, ward, agency or enterprise.")
	}
	if err := r.Validate(); err != nil {
		return err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	r.UnitID, r.UnitCode, r.UnitName = u.ID, u.Code, u.Name
	r.Receive(s.now(), cal)
	return s.write(ctx, func(tx *Tx) error {
		commune, province, err := tx.partition(u)
		if err != nil {
			return err
		}
		now := s.stamp()
		r.CreatedAt, r.UpdatedAt = now, now
		r.ID, err = tx.Insert(`INSERT INTO information_requests (unit_id, commune_id, province_id, name, contact, question, public,
			received_on, due_on, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $10)`,
			u.ID, nullID(commune), nullID(province), r.Name, r.Contact, r.Question, r.Public, formatDate(r.ReceivedOn), formatDate(r.DueOn), now)
		if err != nil {
			return err
		}
		return tx.Audit(u.ID, "information_request.create", requestObject(r.ID), fmt.Sprintf("public=%t", r.Public))
	})
}

// InfoRequest returns one request, with the requester's name and contact:
// callers show those only to the office.
func (s *Store) InfoRequest(ctx context.Context, id int64) (*disclosure.Request, error) {
	r, err := scanRequest(s.r.QueryRowContext(ctx, "SELECT "+requestColumns+requestFrom+"WHERE r.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(requestObject(id))
	}
	return r, err
}

// InfoRequestFilter selects requests.
type InfoRequestFilter struct {
	UnitID     int64 // the unit and its subtree; 0: everywhere
	PublicOnly bool  // only those the citizen let be public
	Open       bool  // only those not yet answered
	BeforeID   int64 // cursor: only requests with id < BeforeID
	Limit      int   // default 50
}

// InfoRequests lists requests, newest first (open ones by deadline).
func (s *Store) InfoRequests(ctx context.Context, f InfoRequestFilter) ([]*disclosure.Request, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	q := "SELECT " + requestColumns + requestFrom + "WHERE 1=1"
	if f.UnitID != 0 {
		sc, err := s.scopeOf(ctx, f.UnitID)
		if err != nil {
			return nil, err
		}
		q += " AND " + sc.where("r", arg)
	}
	if f.PublicOnly {
		q += " AND r.public"
	}
	if f.Open {
		q += " AND r.status = 'open'"
	}
	if f.BeforeID > 0 {
		q += " AND r.id < " + arg(f.BeforeID)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	order := " ORDER BY r.id DESC"
	if f.Open {
		order = " ORDER BY r.due_on, r.id"
	}
	return queryAll(ctx, s.r, scanRequest, q+order+" LIMIT "+arg(f.Limit), args...) // #nosec G202 -- placeholders only
}

// AnswerInfoRequest records the answer (or the refusal with its reason),
// given today, and the disclosure published in answer if any.
func (s *Store) AnswerInfoRequest(ctx context.Context, id int64, status disclosure.RequestStatus, answer string, disclosureID int64) (*disclosure.Request, error) {
	err := s.write(ctx, func(tx *Tx) error {
		r, err := scanRequest(tx.QueryRow("SELECT "+requestColumns+requestFrom+"WHERE r.id = $1", id))
		if err == sql.ErrNoRows {
			return coso.NotFound(requestObject(id))
		}
		if err != nil {
			return err
		}
		if err := r.Respond(status, answer, s.now()); err != nil {
			return err
		}
		if disclosureID != 0 {
			var n int
			if err := tx.QueryRow("SELECT COUNT(*) FROM disclosures WHERE id = $1 AND published_on IS NOT NULL", disclosureID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return coso.Invalid("disclosure", "Không có thông tin đã công khai số %d.", "No published disclosure has number %d.", disclosureID)
			}
		}
		if _, err := tx.Exec(`UPDATE information_requests SET status = $1, answer = $2, answered_on = $3, disclosure_id = $4, updated_at = $5
			WHERE id = $6`, string(r.Status), r.Answer, formatDate(r.AnsweredOn), nullID(disclosureID), s.stamp(), id); err != nil {
			return err
		}
		return tx.Audit(r.UnitID, "information_request.answer", requestObject(id), string(r.Status))
	})
	if err != nil {
		return nil, err
	}
	return s.InfoRequest(ctx, id)
}

// ExtendInfoRequest moves the deadline once by 10 working days, with the
// reason the requester is told.
func (s *Store) ExtendInfoRequest(ctx context.Context, id int64, reason string) (*disclosure.Request, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *Tx) error {
		r, err := scanRequest(tx.QueryRow("SELECT "+requestColumns+requestFrom+"WHERE r.id = $1", id))
		if err == sql.ErrNoRows {
			return coso.NotFound(requestObject(id))
		}
		if err != nil {
			return err
		}
		if err := r.Extend(reason, cal); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE information_requests SET extended = TRUE, extend_reason = $1, due_on = $2, updated_at = $3 WHERE id = $4`,
			r.ExtendReason, formatDate(r.DueOn), s.stamp(), id); err != nil {
			return err
		}
		return tx.Audit(r.UnitID, "information_request.extend", requestObject(id), "due "+formatDate(r.DueOn))
	})
	if err != nil {
		return nil, err
	}
	return s.InfoRequest(ctx, id)
}
