package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/notify"
	"coso/phonecode"
)

// IssuePhoneCode makes hash the phone's only code, valid for
// phonecode.TTL, and queues the SMS that carries it, in one transaction:
// there is never a code without its message or a message without its code.
func (s *Store) IssuePhoneCode(ctx context.Context, phone, hash string, sms notify.Message) error {
	return s.write(ctx, func(tx *Tx) error {
		now := s.now().UTC()
		expires := now.Add(phonecode.TTL)
		// Codes long expired serve nothing, not even a lock: clear them.
		if _, err := tx.Exec("DELETE FROM phone_codes WHERE expires_at < $1", now.Add(-time.Hour)); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO phone_codes (phone, code_hash, tries, expires_at, created_at)
			VALUES ($1, $2, 0, $3, $4)
			ON CONFLICT (phone) DO UPDATE SET code_hash = excluded.code_hash, tries = 0,
				expires_at = excluded.expires_at, created_at = excluded.created_at`,
			phone, hash, expires, now); err != nil {
			return err
		}
		sms.Secret, sms.ExpiresAt = true, expires
		id, err := tx.Enqueue(sms)
		if err != nil {
			return err
		}
		return tx.Audit(0, "phonecode.issue", fmt.Sprintf("outbox:%d", id), "")
	})
}

// UsePhoneCode spends one try of the phone's code and compares hash with
// it. The try is taken by a conditional UPDATE before the comparison, so
// parallel guesses cannot get more than phonecode.MaxTries comparisons.
func (s *Store) UsePhoneCode(ctx context.Context, phone, hash string) (phonecode.Check, error) {
	var c phonecode.Check
	err := s.write(ctx, func(tx *Tx) error {
		now := s.now().UTC()
		c = phonecode.Check{}
		var stored string
		var tries int
		err := tx.QueryRow(`UPDATE phone_codes SET tries = tries + 1
			WHERE phone = $1 AND tries < $2 AND expires_at > $3 RETURNING code_hash, tries`,
			phone, phonecode.MaxTries, now).Scan(&stored, &tries)
		if err == sql.ErrNoRows {
			c.Outcome, err = tx.whyNoCode(phone, now)
			return err
		}
		if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(stored), []byte(hash)) != 1 {
			c.Outcome, c.TriesLeft = phonecode.Wrong, phonecode.MaxTries-tries
			return nil
		}
		if _, err := tx.Exec("DELETE FROM phone_codes WHERE phone = $1", phone); err != nil {
			return err
		}
		c.Outcome = phonecode.Right
		c.Citizen, err = tx.signInCitizen(phone, now)
		return err
	})
	return c, err
}

func (tx *Tx) whyNoCode(phone string, now time.Time) (phonecode.Outcome, error) {
	var tries int
	var expires time.Time
	err := tx.QueryRow("SELECT tries, expires_at FROM phone_codes WHERE phone = $1", phone).Scan(&tries, &expires)
	switch {
	case err == sql.ErrNoRows:
		return phonecode.NoCode, nil
	case err != nil:
		return 0, err
	case !expires.After(now):
		return phonecode.Expired, nil
	}
	return phonecode.Locked, nil
}

// signInCitizen returns the phone's account, creating it on the first
// sign-in. The code's row lock serialises two sign-ins of one phone.
func (tx *Tx) signInCitizen(phone string, now time.Time) (*phonecode.Citizen, error) {
	c, err := scanCitizen(tx.QueryRow("SELECT "+citizenColumns+" FROM citizens WHERE phone = $1", phone))
	summary := ""
	switch {
	case err == sql.ErrNoRows:
		id, err := tx.Insert("INSERT INTO citizens (phone, created_at, last_seen_at) VALUES ($1, $2, $2)", phone, now)
		if err != nil {
			return nil, err
		}
		c = &phonecode.Citizen{ID: id, Phone: phone, CreatedAt: now}
		summary = "new account"
	case err != nil:
		return nil, err
	default:
		if _, err := tx.Exec("UPDATE citizens SET last_seen_at = $1 WHERE id = $2", now, c.ID); err != nil {
			return nil, err
		}
	}
	c.LastSeenAt = now
	return c, tx.Audit(0, "citizen.signin", fmt.Sprintf("citizen:%d", c.ID), summary)
}

const citizenColumns = "id, phone, COALESCE(person_id, 0), COALESCE(linked_by, 0), linked_at, created_at, last_seen_at"

func scanCitizen(row scanner) (*phonecode.Citizen, error) {
	var c phonecode.Citizen
	var linked sql.NullTime
	if err := row.Scan(&c.ID, &c.Phone, &c.PersonID, &c.LinkedBy, &linked, &c.CreatedAt, &c.LastSeenAt); err != nil {
		return nil, err
	}
	c.LinkedAt = linked.Time
	return &c, nil
}

// Citizen returns the citizen account with the given id.
func (s *Store) Citizen(ctx context.Context, id int64) (*phonecode.Citizen, error) {
	c, err := scanCitizen(s.r.QueryRowContext(ctx, "SELECT "+citizenColumns+" FROM citizens WHERE id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(fmt.Sprintf("citizen %d", id))
	}
	return c, err
}

// CitizenByPhone returns the account of a phone number in stored form (+84…).
func (s *Store) CitizenByPhone(ctx context.Context, phone string) (*phonecode.Citizen, error) {
	c, err := scanCitizen(s.r.QueryRowContext(ctx, "SELECT "+citizenColumns+" FROM citizens WHERE phone = $1", phone))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound("citizen")
	}
	return c, err
}

// LinkCitizen records that the acting official confirmed that the account
// belongs to the person; unitID is the unit the official acts for (the
// person's village or commune), for the audit trail. personID 0 unlinks.
// The caller checks that the official may do so.
func (s *Store) LinkCitizen(ctx context.Context, citizenID, personID, unitID int64) error {
	return s.write(ctx, func(tx *Tx) error {
		a := coso.ActorFrom(ctx)
		now := s.now().UTC()
		var linkedAt any = now
		if personID == 0 {
			linkedAt = nil
		}
		res, err := tx.Exec("UPDATE citizens SET person_id = $1, linked_by = $2, linked_at = $3 WHERE id = $4",
			nullID(personID), nullID(a.UserID), linkedAt, citizenID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coso.NotFound(fmt.Sprintf("citizen %d", citizenID))
		}
		action, summary := "citizen.link", fmt.Sprintf("person:%d", personID)
		if personID == 0 {
			action, summary = "citizen.unlink", ""
		}
		return tx.Audit(unitID, action, fmt.Sprintf("citizen:%d", citizenID), summary)
	})
}
