package store

import (
	"context"
	"fmt"

	"coso"
	"coso/disclosure"
	"coso/place"
	"coso/viet"
)

// importBatch is how many disclosures one import transaction holds.
const importBatch = 500

// ImportDisclosures stores information already published elsewhere (a
// commune's archive moved from its old web portal) with its own decision
// and publication dates, as version 1 with the portal recorded as used.
// Each batch of 500 is one transaction with one audit line; a bad record
// stops the import at its batch, reporting its position.
func (s *Store) ImportDisclosures(ctx context.Context, ds []*disclosure.Disclosure) error {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	units := map[int64]*place.Unit{}
	parts := map[int64][2]int64{}
	for start := 0; start < len(ds); start += importBatch {
		batch := ds[start:min(len(ds), start+importBatch)]
		err := s.write(ctx, func(tx *Tx) error {
			now := s.stamp()
			ids := make([]int64, 0, len(batch))
			for i, d := range batch {
				u, ok := units[d.UnitID]
				if !ok {
					if u, err = scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.id = $1", d.UnitID)); err != nil {
						return fmt.Errorf("disclosure %d: unit %d: %w", start+i+1, d.UnitID, err)
					}
					units[d.UnitID] = u
					c, p, err := tx.partition(u)
					if err != nil {
						return err
					}
					parts[d.UnitID] = [2]int64{c, p}
				}
				if err := tx.importOne(d, u, parts[d.UnitID], cal, now); err != nil {
					if ce := coso.AsError(err); ce.Code != coso.EInternal {
						c := *ce
						c.Line = start + i + 1
						return &c
					}
					return err
				}
				ids = append(ids, d.ID)
			}
			// One statement indexes the batch for search: SQLite's full-text
			// index writes out what it holds at every statement's savepoint, so
			// indexing each row on its own was a third of an import's time.
			in, args := inList(ids)
			if err := tx.reindex("d.id IN ("+in+")", args...); err != nil {
				return err
			}
			return tx.Audit(0, "disclosure.import", "disclosures", fmt.Sprintf("%d imported", len(batch)))
		})
		if err != nil {
			return err
		}
	}
	return s.analyzeAfterImport(ctx, len(ds))
}

// analyzeAfterImport refreshes PostgreSQL's statistics of the disclosure
// tables after a large import. Autovacuum does it only a minute or more
// later; until then the planner believes the tables hold the few rows it
// last saw and reads every match of a common word through the wide rows
// (a search over an archive of 100,000 took a second instead of tens of
// milliseconds). SQLite's plans here do not depend on statistics.
func (s *Store) analyzeAfterImport(ctx context.Context, n int) error {
	if s.dialect != Postgres || n < importBatch {
		return nil
	}
	_, err := s.w.ExecContext(ctx, "ANALYZE disclosures, disclosure_search, disclosure_versions, disclosure_uses")
	return err
}

func (tx *Tx) importOne(d *disclosure.Disclosure, u *place.Unit, part [2]int64, cal disclosure.Calendar, now any) error {
	d.Audience = ""
	if err := d.Validate(string(u.Kind), tx.s.now()); err != nil {
		return err
	}
	if err := d.CheckPublication(d.PublishedOn, tx.s.now()); err != nil {
		return err
	}
	r := d.Rule()
	d.Status, d.Version = disclosure.Published, 1
	d.PublishDue, d.PostingUntil = r.Due(d.DecidedOn, cal), r.PostingEnd(d.PublishedOn)
	var err error
	d.ID, err = tx.Insert(`INSERT INTO disclosures (unit_id, commune_id, province_id, category, status, version, title, body,
		title_folded, body_folded, audience, decided_on, publish_due, published_on, posting_until, published_at, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 'published', 1, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $14)`,
		u.ID, nullID(part[0]), nullID(part[1]), d.Category, d.Title, d.Body, viet.Fold(d.Title), viet.Fold(d.Body), string(d.Audience),
		formatDate(d.DecidedOn), formatDate(d.PublishDue), formatDate(d.PublishedOn), nullDate(d.PostingUntil), now)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO disclosure_versions (disclosure_id, version, title, body, reason, created_at) VALUES ($1, 1, $2, $3, '', $4)`,
		d.ID, d.Title, d.Body, now); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO disclosure_uses (disclosure_id, channel, from_on, to_on, note, created_at) VALUES ($1, 'portal', $2, $2, '', $3)`,
		d.ID, formatDate(d.PublishedOn), now); err != nil {
		return err
	}
	return nil
}
