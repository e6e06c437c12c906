package store

import (
	"context"

	"coso"
	"coso/consultation"
	"coso/notify"
)

// The households a draft about named citizens concerns (art. 25.8, 27):
// recorded with the draft, told by SMS when it opens.

// saveHouseholds records the households named by c, each a live household
// of the consulting commune.
func (tx *Tx) saveHouseholds(c *consultation.Consultation, commune int64) error {
	for _, code := range c.Households {
		var id int64
		err := tx.QueryRow("SELECT id FROM households WHERE code = $1 AND commune_id = $2 AND ended_on IS NULL", code, commune).Scan(&id)
		if err != nil {
			return coso.Invalid("households", "Không có hộ %[1]s trong xã này.", "No household %[1]s in this commune.", code)
		}
		if _, err := tx.Exec("INSERT INTO consultation_households (consultation_id, household_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
			c.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// notifyAffected queues one SMS to the representative of every household
// named and not yet told, marks them told, and returns how many were. A
// household whose representative has no usable phone is left to be told
// another way (the village head, a letter); the officers' page shows it.
func (tx *Tx) notifyAffected(c *consultation.Consultation, pageURL string) (int, error) {
	type target struct {
		household int64
		phone     string
	}
	rows, err := tx.Query(`SELECT ch.household_id, COALESCE(p.phone, '') FROM consultation_households ch
		JOIN households h ON h.id = ch.household_id LEFT JOIN persons p ON p.id = h.representative_id
		WHERE ch.consultation_id = $1 AND ch.notified_at IS NULL ORDER BY ch.household_id`, c.ID)
	if err != nil {
		return 0, err
	}
	var targets []target
	for rows.Next() {
		var t target
		if err := rows.Scan(&t.household, &t.phone); err != nil {
			_ = rows.Close() // the scan error is the one to report
			return 0, err
		}
		targets = append(targets, t)
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	body, now, n := c.AffectedMessage(pageURL), tx.s.stamp(), 0
	for _, t := range targets {
		m := notify.Message{Channel: notify.ChannelSMS, To: t.phone, Body: body, UnitID: c.UnitID}
		if t.phone == "" || m.Validate() != nil {
			continue
		}
		if _, err := tx.Enqueue(m); err != nil {
			return n, err
		}
		if _, err := tx.Exec("UPDATE consultation_households SET notified_at = $1 WHERE consultation_id = $2 AND household_id = $3",
			now, c.ID, t.household); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// AffectedHousehold is a household a draft names, for the officers' page.
type AffectedHousehold struct {
	Code     string
	Notified bool
}

// AffectedHouseholds lists the households a consultation names and
// whether each was texted.
func (s *Store) AffectedHouseholds(ctx context.Context, id int64) ([]AffectedHousehold, error) {
	return queryAll(ctx, s.r, func(r scanner) (AffectedHousehold, error) {
		var h AffectedHousehold
		return h, r.Scan(&h.Code, &h.Notified)
	}, `SELECT h.code, ch.notified_at IS NOT NULL FROM consultation_households ch JOIN households h ON h.id = ch.household_id
		WHERE ch.consultation_id = $1 ORDER BY h.code`, id)
}
