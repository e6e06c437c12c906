package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"coso"
	"coso/notify"
	"coso/petition"
	"coso/seal"
	"coso/viet"
)

// sealedContact is a requester's contact as sealed.
type sealedContact struct {
	Name  string `json:"n"`
	Phone string `json:"p,omitempty"`
	Email string `json:"e,omitempty"`
}

func contactAAD(code string) []byte { return []byte("reception-request:" + code) }

func rrObject(id int64) string { return fmt.Sprintf("reception_request:%d", id) }

// CreateReceptionRequest records a resident's request to be received at
// online session sessionID of the unit unitCode. The contact is sealed;
// the answer comes through the outbox.
func (s *Store) CreateReceptionRequest(ctx context.Context, unitCode string, sessionID int64, q *petition.ReceptionRequest) error {
	rs, err := s.Session(ctx, sessionID)
	if err != nil || rs.UnitCode != unitCode {
		return coso.Invalid("session", "Không có buổi tiếp này trong lịch của đơn vị.", "No such session in the unit's schedule.")
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	if err := q.Validate(*rs, s.now(), cal); err != nil {
		return err
	}
	k, err := s.sealer()
	if err != nil {
		return err
	}
	q.Code, q.UnitID = petition.NewCode(), rs.UnitID
	plain, err := json.Marshal(sealedContact{Name: q.Name, Phone: q.Phone, Email: q.Email})
	if err != nil {
		return err
	}
	v, err := k.Seal(plain, contactAAD(q.Code))
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		q.CreatedAt = s.stamp()
		q.ID, err = tx.Insert(`INSERT INTO reception_requests (code, session_id, unit_id, contact_sealed, matter, status, created_at)
			VALUES ($1, $2, $3, $4, $5, 'requested', $6)`, q.Code, rs.ID, rs.UnitID, base64.StdEncoding.EncodeToString(v), q.Matter, q.CreatedAt)
		if err != nil {
			return err
		}
		return tx.Audit(rs.UnitID, "reception.request", rrObject(q.ID), formatDate(rs.On))
	})
}

const rrColumns = `r.id, r.code, r.session_id, r.unit_id, r.contact_sealed, r.matter, r.status, r.link, r.at_time, r.reason, r.created_at, r.decided_at`

func (s *Store) scanRequest(row scanner) (*petition.ReceptionRequest, error) {
	var q petition.ReceptionRequest
	var sealed, status string
	var decided sql.NullTime
	if err := row.Scan(&q.ID, &q.Code, &q.SessionID, &q.UnitID, &sealed, &q.Matter, &status, &q.Link, &q.At, &q.Reason, &q.CreatedAt, &decided); err != nil {
		return nil, err
	}
	q.Status, q.DecidedAt = petition.RequestStatus(status), decided.Time
	k, err := s.sealer()
	if err != nil {
		return nil, err
	}
	v, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return nil, seal.ErrBroken
	}
	plain, err := k.Open(v, contactAAD(q.Code))
	if err != nil {
		return nil, err
	}
	var c sealedContact
	if err := json.Unmarshal(plain, &c); err != nil {
		return nil, err
	}
	q.Name, q.Phone, q.Email = c.Name, c.Phone, c.Email
	return &q, nil
}

// ReceptionRequest returns one request with its session, the contact
// opened (for the unit's officials, who answer it).
func (s *Store) ReceptionRequest(ctx context.Context, id int64) (*petition.ReceptionRequest, error) {
	q, err := s.scanRequest(s.r.QueryRowContext(ctx, "SELECT "+rrColumns+" FROM reception_requests r WHERE r.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(rrObject(id))
	}
	if err != nil {
		return nil, err
	}
	rs, err := s.Session(ctx, q.SessionID)
	if err != nil {
		return nil, err
	}
	q.Session = *rs
	return q, nil
}

// ReceptionRequests lists a unit's requests, waiting ones first, then by
// session date.
func (s *Store) ReceptionRequests(ctx context.Context, unitID int64) ([]*petition.ReceptionRequest, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.id FROM reception_requests r JOIN reception_sessions s ON s.id = r.session_id
		WHERE r.unit_id = $1 ORDER BY CASE WHEN r.status = 'requested' THEN 0 ELSE 1 END, s.on_date DESC, r.id LIMIT 500`, unitID)
	if err != nil {
		return nil, err
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return nil, err
	}
	var out []*petition.ReceptionRequest
	for _, id := range ids {
		q, err := s.ReceptionRequest(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// DecideReceptionRequest accepts request id (with the link and the time)
// or refuses it (with the reason), and queues the answer to the resident
// in the same transaction, their address sealed in the outbox.
func (s *Store) DecideReceptionRequest(ctx context.Context, id int64, accept bool, link, at, reason string) (*petition.ReceptionRequest, error) {
	q, err := s.ReceptionRequest(ctx, id)
	if err != nil {
		return nil, err
	}
	if accept {
		err = q.Grant(link, at)
	} else {
		err = q.Refuse(reason)
	}
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *Tx) error {
		q.DecidedAt = s.stamp()
		res, err := tx.Exec(`UPDATE reception_requests SET status = $1, link = $2, at_time = $3, reason = $4, decided_by = $5, decided_at = $6
			WHERE id = $7 AND status = 'requested'`, string(q.Status), q.Link, q.At, q.Reason, nullID(coso.ActorFrom(ctx).UserID), q.DecidedAt, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coso.Errorf(coso.EConflict, "", "Yêu cầu đã được xử lý.", "The request was already answered.")
		}
		if _, err := tx.EnqueueSealed(requestAnswer(q, s.publicURL())); err != nil {
			return err
		}
		return tx.Audit(q.UnitID, "reception.request."+string(q.Status), rrObject(id), formatDate(q.Session.On))
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// requestAnswer writes the answer to the resident: by e-mail when given,
// else by SMS without diacritics. It names the session, never the matter.
func requestAnswer(q *petition.ReceptionRequest, base string) notify.Message {
	day := q.Session.On.Format("02/01/2006")
	schedule := base + "/units/" + q.Session.UnitCode + "/reception"
	var vi, en string
	if q.Status == petition.Granted {
		vi = fmt.Sprintf("được nhận tiếp trực tuyến ngày %s lúc %s. Tham gia: %s", day, q.At, q.Link)
		en = fmt.Sprintf("you will be received online on %s at %s. Join: %s", q.Session.On.Format("2006-01-02"), q.At, q.Link)
	} else {
		vi = "không được nhận tiếp. Lý do: " + q.Reason
		en = "refused. Reason: " + q.Reason
	}
	if q.Email != "" {
		return notify.Message{Channel: notify.ChannelEmail, To: q.Email, UnitID: q.UnitID,
			Subject: fmt.Sprintf("[coso] Yêu cầu tiếp công dân %s / Reception request %s", q.Code, q.Code),
			Body: fmt.Sprintf("%s — %s\n\nYêu cầu %s: %s\nRequest %s: %s\n\nLịch tiếp công dân / Schedule: %s\n",
				q.Session.UnitName, q.Session.Host, q.Code, vi, q.Code, en, schedule)}
	}
	sms := fmt.Sprintf("coso: Yeu cau tiep cong dan %s: duoc nhan tiep truc tuyen ngay %s luc %s. Tham gia: %s", q.Code, day, q.At, q.Link)
	if q.Status != petition.Granted {
		sms = fmt.Sprintf("coso: Yeu cau tiep cong dan %s: khong duoc nhan tiep. Ly do: %s", q.Code, viet.Fold(q.Reason))
	}
	return notify.Message{Channel: notify.ChannelSMS, To: q.Phone, UnitID: q.UnitID, Body: sms}
}
