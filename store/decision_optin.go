package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/decision"
)

// A village's decision to vote online (Decree 59 art. 5): recorded with its
// date and counts, in force until its end date or until revoked.

const optInColumns = `id, village_id, decided_on, households, agreed, COALESCE(valid_until, ''), COALESCE(revoked_on, ''), created_at`

func scanOptIn(row scanner) (*decision.OptIn, error) {
	var o decision.OptIn
	var decided, until, revoked string
	if err := row.Scan(&o.ID, &o.VillageID, &decided, &o.Households, &o.Agreed, &until, &revoked, &o.CreatedAt); err != nil {
		return nil, err
	}
	o.DecidedOn, o.ValidUntil, o.RevokedOn = parseDate(decided), parseDate(until), parseDate(revoked)
	return &o, nil
}

// RecordOptIn records a village's decision to vote online. The decision
// must come from more than half of all households, and the count of all
// households must match the village's register today.
func (s *Store) RecordOptIn(ctx context.Context, o *decision.OptIn) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		k, err := tx.village(o.VillageID, "")
		if err != nil {
			return err
		}
		if err := o.Validate(); err != nil {
			return err
		}
		if today(o.DecidedOn).After(today(now)) {
			return coso.Invalid("decided_on", "Ngày quyết định không thể ở tương lai.", "The date of the decision cannot be in the future.")
		}
		n, err := tx.liveHouseholds(k.id)
		if err != nil {
			return err
		}
		if o.Households < n {
			return coso.Invalid("households", "Thôn có %d hộ; quyết định phải tính trên tổng số hộ.", "The village has %d households; the decision counts all of them.", n)
		}
		o.CreatedAt = now.UTC()
		o.ID, err = tx.Insert(`INSERT INTO online_optins (village_id, commune_id, province_id, decided_on, households, agreed, valid_until, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, k.id, k.commune, k.province, formatDate(o.DecidedOn), o.Households, o.Agreed,
			nullDate(o.ValidUntil), o.CreatedAt)
		if err != nil {
			return err
		}
		return tx.Audit(k.id, "optin.record", fmt.Sprintf("optin:%d", o.ID), fmt.Sprintf("%d of %d households", o.Agreed, o.Households))
	})
}

// RevokeOptIn ends a village's decision to vote online from the local date on.
func (s *Store) RevokeOptIn(ctx context.Context, id int64, on time.Time) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		o, err := scanOptIn(tx.QueryRow("SELECT "+optInColumns+" FROM online_optins WHERE id = $1", id))
		if err == sql.ErrNoRows {
			return coso.NotFound(fmt.Sprintf("optin %d", id))
		}
		if err != nil {
			return err
		}
		if !o.RevokedOn.IsZero() {
			return coso.Errorf(coso.EConflict, "", "Quyết định đã bị huỷ.", "The decision was already revoked.")
		}
		on, err := changeDate(on, now)
		if err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE online_optins SET revoked_on = $1 WHERE id = $2", formatDate(on), id); err != nil {
			return err
		}
		return tx.Audit(o.VillageID, "optin.revoke", fmt.Sprintf("optin:%d", id), formatDate(on))
	})
}

// OptIns lists a village's decisions to vote online, newest first.
func (s *Store) OptIns(ctx context.Context, villageID int64) ([]*decision.OptIn, error) {
	return queryAll(ctx, s.r, scanOptIn, "SELECT "+optInColumns+" FROM online_optins WHERE village_id = $1 ORDER BY decided_on DESC, id DESC", villageID)
}

// CurrentOptIn returns the village's decision in force on the local date
// day, or nil.
func (s *Store) CurrentOptIn(ctx context.Context, villageID int64, day time.Time) (*decision.OptIn, error) {
	os, err := s.OptIns(ctx, villageID)
	if err != nil {
		return nil, err
	}
	return validOptIn(os, day), nil
}

func (tx *Tx) currentOptIn(villageID int64, day time.Time) (*decision.OptIn, error) {
	rows, err := tx.Query("SELECT "+optInColumns+" FROM online_optins WHERE village_id = $1 ORDER BY decided_on DESC, id DESC", villageID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var os []*decision.OptIn
	for rows.Next() {
		o, err := scanOptIn(rows)
		if err != nil {
			return nil, err
		}
		os = append(os, o)
	}
	return validOptIn(os, day), rows.Err()
}

func validOptIn(os []*decision.OptIn, day time.Time) *decision.OptIn {
	for _, o := range os {
		if o.ValidOn(day) {
			return o
		}
	}
	return nil
}
