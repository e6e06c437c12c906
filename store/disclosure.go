package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/calendar"
	"coso/disclosure"
	"coso/place"
	"coso/viet"
)

const disclosureColumns = `d.id, d.unit_id, u.code, u.name, u.kind, d.category, d.status, d.version, d.title, d.body, d.audience,
	d.decided_on, d.publish_due, COALESCE(d.published_on, ''), COALESCE(d.posting_until, ''), d.published_at,
	COALESCE(d.withdrawn_on, ''), d.withdrawn_reason, d.created_at, d.updated_at`

const disclosureFrom = ` FROM disclosures d JOIN units u ON u.id = d.unit_id `

func scanDisclosure(row scanner) (*disclosure.Disclosure, error) {
	var d disclosure.Disclosure
	var kind, status, audience, decided, due, published, until, withdrawn string
	var publishedAt sql.NullTime
	err := row.Scan(&d.ID, &d.UnitID, &d.UnitCode, &d.UnitName, &kind, &d.Category, &status, &d.Version, &d.Title, &d.Body, &audience,
		&decided, &due, &published, &until, &publishedAt, &withdrawn, &d.WithdrawnReason, &d.CreatedAt, &d.UpdatedAt)
	if err != nil {
		return nil, err
	}
	d.UnitKind, d.Status, d.Audience = kind, disclosure.Status(status), disclosure.Audience(audience)
	d.DecidedOn, d.PublishDue, d.PublishedOn, d.PostingUntil = parseDate(decided), parseDate(due), parseDate(published), parseDate(until)
	d.PublishedAt, d.WithdrawnOn = publishedAt.Time, parseDate(withdrawn)
	return &d, nil
}

func disclosureObject(id int64) string { return fmt.Sprintf("disclosure:%d", id) }

// today is the store clock's local date.
func (s *Store) today() time.Time { return calendar.DayOf(s.now()) }

// CreateDisclosure stores a new draft for the unit d.UnitID (or
// d.UnitCode), with its publication deadline computed from the rules and
// the working-day calendar.
func (s *Store) CreateDisclosure(ctx context.Context, d *disclosure.Disclosure) error {
	u, err := s.disclosureUnit(ctx, d.UnitID, d.UnitCode)
	if err != nil {
		return err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	if err := d.Validate(string(u.Kind), s.now()); err != nil {
		return err
	}
	d.UnitID, d.UnitCode, d.UnitName, d.UnitKind = u.ID, u.Code, u.Name, string(u.Kind)
	d.Status, d.Version = disclosure.Draft, 0
	d.PublishDue = d.Rule().Due(d.DecidedOn, cal)
	return s.write(ctx, func(tx *Tx) error {
		commune, province, err := tx.partition(u)
		if err != nil {
			return err
		}
		if err := tx.checkAudience(d); err != nil {
			return err
		}
		now := s.stamp()
		d.CreatedAt, d.UpdatedAt = now, now
		d.ID, err = tx.Insert(`INSERT INTO disclosures (unit_id, commune_id, province_id, category, status, version, title, body,
			title_folded, body_folded, audience, decided_on, publish_due, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 'draft', 0, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
			u.ID, nullID(commune), nullID(province), d.Category, d.Title, d.Body, viet.Fold(d.Title), viet.Fold(d.Body),
			string(d.Audience), formatDate(d.DecidedOn), formatDate(d.PublishDue), nullID(coso.ActorFrom(ctx).UserID), now)
		if err != nil {
			return err
		}
		if err := tx.saveAudience(d); err != nil {
			return err
		}
		return tx.Audit(u.ID, "disclosure.create", disclosureObject(d.ID), "category "+d.Category+", draft")
	})
}

// UpdateDraft saves changes to a draft: category, title, body, decision
// date and audience. Published information is corrected instead.
func (s *Store) UpdateDraft(ctx context.Context, d *disclosure.Disclosure) error {
	old, err := s.Disclosure(ctx, d.ID)
	if err != nil {
		return err
	}
	if old.Status != disclosure.Draft {
		return disclosure.ErrNotDraft()
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	if err := d.Validate(old.UnitKind, s.now()); err != nil {
		return err
	}
	d.UnitID, d.UnitCode, d.UnitName, d.UnitKind, d.Status = old.UnitID, old.UnitCode, old.UnitName, old.UnitKind, old.Status
	d.PublishDue = d.Rule().Due(d.DecidedOn, cal)
	return s.write(ctx, func(tx *Tx) error {
		if err := tx.checkAudience(d); err != nil {
			return err
		}
		d.UpdatedAt = s.stamp()
		res, err := tx.Exec(`UPDATE disclosures SET category = $1, title = $2, body = $3, title_folded = $4, body_folded = $5,
			audience = $6, decided_on = $7, publish_due = $8, updated_at = $9 WHERE id = $10 AND status = 'draft'`,
			d.Category, d.Title, d.Body, viet.Fold(d.Title), viet.Fold(d.Body), string(d.Audience),
			formatDate(d.DecidedOn), formatDate(d.PublishDue), d.UpdatedAt, d.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return disclosure.ErrNotDraft()
		}
		if _, err := tx.Exec("DELETE FROM disclosure_audience WHERE disclosure_id = $1", d.ID); err != nil {
			return err
		}
		if err := tx.saveAudience(d); err != nil {
			return err
		}
		return tx.Audit(d.UnitID, "disclosure.update", disclosureObject(d.ID), "category "+d.Category+", draft")
	})
}

// PublishDisclosure makes a draft public on the date on (today when zero;
// an earlier date when the notice was posted on paper first): version 1 is
// recorded, the posting window starts, and the portal counts as used.
func (s *Store) PublishDisclosure(ctx context.Context, id int64, on time.Time) (*disclosure.Disclosure, error) {
	today := s.today()
	if on.IsZero() {
		on = today
	}
	on = calendar.DayOf(on)
	err := s.write(ctx, func(tx *Tx) error {
		d, err := tx.disclosureForUpdate(id)
		if err != nil {
			return err
		}
		if d.Status != disclosure.Draft {
			return coso.Errorf(coso.EConflict, "", "Thông tin này đã được công khai hoặc đã hủy.", "This information is already published or was discarded.")
		}
		if err := d.CheckPublication(on, today); err != nil {
			return err
		}
		now := s.stamp()
		until := d.Rule().PostingEnd(on)
		if _, err := tx.Exec(`UPDATE disclosures SET status = 'published', version = 1, published_on = $1, posting_until = $2,
			published_at = $3, updated_at = $3 WHERE id = $4`, formatDate(on), nullDate(until), now, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO disclosure_versions (disclosure_id, version, title, body, reason, created_at)
			VALUES ($1, 1, $2, $3, '', $4)`, id, d.Title, d.Body, now); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO disclosure_uses (disclosure_id, channel, from_on, to_on, note, created_at)
			VALUES ($1, $2, $3, $3, '', $4)`, id, string(disclosure.Portal), formatDate(today), now); err != nil {
			return err
		}
		if err := tx.indexDisclosure(id); err != nil {
			return err
		}
		return tx.Audit(d.UnitID, "disclosure.publish", disclosureObject(id), "published on "+formatDate(on))
	})
	if err != nil {
		return nil, err
	}
	return s.Disclosure(ctx, id)
}

// CorrectDisclosure publishes a corrected text as a new version; every
// earlier version stays readable.
func (s *Store) CorrectDisclosure(ctx context.Context, id int64, title, body, reason string) (*disclosure.Disclosure, error) {
	title, body, reason, err := disclosure.CheckCorrection(title, body, reason)
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *Tx) error {
		d, err := tx.disclosureForUpdate(id)
		if err != nil {
			return err
		}
		if d.Status != disclosure.Published {
			return disclosure.ErrNotPublished()
		}
		now, v := s.stamp(), d.Version+1
		if _, err := tx.Exec(`UPDATE disclosures SET version = $1, title = $2, body = $3, title_folded = $4, body_folded = $5,
			updated_at = $6 WHERE id = $7`, v, title, body, viet.Fold(title), viet.Fold(body), now, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO disclosure_versions (disclosure_id, version, title, body, reason, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, id, v, title, body, reason, now); err != nil {
			return err
		}
		if err := tx.indexDisclosure(id); err != nil {
			return err
		}
		return tx.Audit(d.UnitID, "disclosure.correct", disclosureObject(id), fmt.Sprintf("version %d", v))
	})
	if err != nil {
		return nil, err
	}
	return s.Disclosure(ctx, id)
}

// WithdrawDisclosure withdraws published information with a public
// reason; it stays visible as withdrawn. A draft withdrawn is discarded
// without ever having been public.
func (s *Store) WithdrawDisclosure(ctx context.Context, id int64, reason string) (*disclosure.Disclosure, error) {
	reason, err := disclosure.CheckReason(reason)
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *Tx) error {
		d, err := tx.disclosureForUpdate(id)
		if err != nil {
			return err
		}
		if d.Status == disclosure.Withdrawn {
			return coso.Errorf(coso.EConflict, "", "Thông tin đã được thu hồi.", "The information has already been withdrawn.")
		}
		now := s.stamp()
		if _, err := tx.Exec(`UPDATE disclosures SET status = 'withdrawn', withdrawn_on = $1, withdrawn_reason = $2, updated_at = $3
			WHERE id = $4`, formatDate(s.today()), reason, now, id); err != nil {
			return err
		}
		if err := tx.indexDisclosure(id); err != nil {
			return err
		}
		what := "withdrawn"
		if d.Status == disclosure.Draft {
			what = "draft discarded"
		}
		return tx.Audit(d.UnitID, "disclosure.withdraw", disclosureObject(id), what)
	})
	if err != nil {
		return nil, err
	}
	return s.Disclosure(ctx, id)
}

// ExtendPosting moves the end of the posting window to until, with a
// reason kept in the disclosure's history.
func (s *Store) ExtendPosting(ctx context.Context, id int64, until time.Time, reason string) error {
	reason, err := disclosure.CheckReason(reason)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		d, err := tx.disclosureForUpdate(id)
		if err != nil {
			return err
		}
		if err := d.CheckExtension(until); err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.Exec("UPDATE disclosures SET posting_until = $1, updated_at = $2 WHERE id = $3", formatDate(until), now, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO disclosure_extensions (disclosure_id, old_until, new_until, reason, created_at)
			VALUES ($1, $2, $3, $4, $5)`, id, formatDate(d.PostingUntil), formatDate(until), reason, now); err != nil {
			return err
		}
		return tx.Audit(d.UnitID, "disclosure.extend", disclosureObject(id), formatDate(d.PostingUntil)+" → "+formatDate(until))
	})
}

// RecordUse records that a channel was used for published information:
// the dates (a posting, the loudspeaker days), a note and perhaps a photo
// already uploaded as evidence of this disclosure.
func (s *Store) RecordUse(ctx context.Context, id int64, u *disclosure.Use) error {
	if _, err := disclosure.ParseChannel(string(u.Channel)); err != nil {
		return err
	}
	u.Note = viet.NFC(u.Note)
	if u.To.IsZero() {
		u.To = u.From
	}
	u.From, u.To = calendar.DayOf(u.From), calendar.DayOf(u.To)
	return s.write(ctx, func(tx *Tx) error {
		d, err := tx.disclosureForUpdate(id)
		if err != nil {
			return err
		}
		if err := d.CheckUse(u, s.today()); err != nil {
			return err
		}
		if u.FileID != 0 {
			var n int
			if err := tx.QueryRow("SELECT COUNT(*) FROM disclosure_files WHERE id = $1 AND disclosure_id = $2 AND kind = 'evidence'",
				u.FileID, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return coso.Invalid("file", "Ảnh minh chứng không thuộc thông tin này.", "The evidence file does not belong to this disclosure.")
			}
		}
		u.CreatedAt = s.stamp()
		u.ID, err = tx.Insert(`INSERT INTO disclosure_uses (disclosure_id, channel, from_on, to_on, note, file_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, string(u.Channel), formatDate(u.From), formatDate(u.To), u.Note, nullID(u.FileID), u.CreatedAt)
		if err != nil {
			return err
		}
		return tx.Audit(d.UnitID, "disclosure.use", disclosureObject(id), fmt.Sprintf("%s %s–%s", u.Channel, formatDate(u.From), formatDate(u.To)))
	})
}

// Disclosure returns one disclosure with its versions, files, channels
// used, extensions and audience.
func (s *Store) Disclosure(ctx context.Context, id int64) (*disclosure.Disclosure, error) {
	d, err := scanDisclosure(s.r.QueryRowContext(ctx, "SELECT "+disclosureColumns+disclosureFrom+"WHERE d.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(disclosureObject(id))
	}
	if err != nil {
		return nil, err
	}
	if err := s.loadDetails(ctx, d); err != nil {
		return nil, err
	}
	return d, nil
}

func (s *Store) loadDetails(ctx context.Context, d *disclosure.Disclosure) error {
	rows, err := s.r.QueryContext(ctx, `SELECT version, title, body, reason, created_at FROM disclosure_versions
		WHERE disclosure_id = $1 ORDER BY version`, d.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var v disclosure.Version
		if err := rows.Scan(&v.N, &v.Title, &v.Body, &v.Reason, &v.CreatedAt); err != nil {
			_ = rows.Close()
			return err
		}
		d.Versions = append(d.Versions, v)
	}
	_ = rows.Close()
	if d.Files, err = s.disclosureFiles(ctx, d.ID); err != nil {
		return err
	}
	uses, err := s.uses(ctx, []int64{d.ID})
	if err != nil {
		return err
	}
	d.Uses = uses[d.ID]
	rows, err = s.r.QueryContext(ctx, `SELECT old_until, new_until, reason, created_at FROM disclosure_extensions
		WHERE disclosure_id = $1 ORDER BY id`, d.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var e disclosure.Extension
		var old, nu string
		if err := rows.Scan(&old, &nu, &e.Reason, &e.CreatedAt); err != nil {
			_ = rows.Close()
			return err
		}
		e.OldUntil, e.NewUntil = parseDate(old), parseDate(nu)
		d.Extensions = append(d.Extensions, e)
	}
	_ = rows.Close()
	rows, err = s.r.QueryContext(ctx, "SELECT unit_id FROM disclosure_audience WHERE disclosure_id = $1 ORDER BY unit_id", d.ID)
	if err != nil {
		return err
	}
	d.AudienceUnits, err = scanIDs(rows)
	return err
}

// uses returns the channel records of the given disclosures.
func (s *Store) uses(ctx context.Context, ids []int64) (map[int64][]disclosure.Use, error) {
	out := map[int64][]disclosure.Use{}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		q, args := inList(chunk)
		// #nosec G202 -- only column lists, fixed SQL and $N placeholders are joined; values go in args
		rows, err := s.r.QueryContext(ctx, `SELECT id, disclosure_id, channel, from_on, to_on, note, COALESCE(file_id, 0), created_at
			FROM disclosure_uses WHERE disclosure_id IN (`+q+`) ORDER BY from_on, id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var u disclosure.Use
			var did int64
			var ch, from, to string
			if err := rows.Scan(&u.ID, &did, &ch, &from, &to, &u.Note, &u.FileID, &u.CreatedAt); err != nil {
				_ = rows.Close()
				return nil, err
			}
			u.Channel, u.From, u.To = disclosure.Channel(ch), parseDate(from), parseDate(to)
			out[did] = append(out[did], u)
		}
		_ = rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// inList returns "$1, $2, …" and the arguments for ids.
func inList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return placeholders(len(ids)), args
}

// placeholders returns "$1, $2, …, $n".
func placeholders(n int) string {
	q := make([]byte, 0, n*4)
	for i := range n {
		if i > 0 {
			q = append(q, ", "...)
		}
		q = fmt.Appendf(q, "$%d", i+1)
	}
	return string(q)
}

// disclosureForUpdate reads a disclosure inside the write transaction.
func (tx *Tx) disclosureForUpdate(id int64) (*disclosure.Disclosure, error) {
	d, err := scanDisclosure(tx.QueryRow("SELECT "+disclosureColumns+disclosureFrom+"WHERE d.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(disclosureObject(id))
	}
	return d, err
}

func (s *Store) disclosureUnit(ctx context.Context, id int64, code string) (*place.Unit, error) {
	var u *place.Unit
	var err error
	if id != 0 {
		u, err = s.Unit(ctx, id)
	} else if code != "" {
		u, err = s.UnitByCode(ctx, code)
	} else {
		return nil, coso.Invalid("unit", "Cần mã đơn vị.", "The unit code is required.")
	}
	if coso.ErrorCode(err) == coso.ENotFound {
		return nil, coso.Invalid("unit", "Không có đơn vị mã %s.", "No unit has code %s.", code)
	}
	if err != nil {
		return nil, err
	}
	if u.Ended() {
		return nil, coso.Invalid("unit", "Đơn vị %s đã giải thể hoặc sáp nhập.", "Unit %s has ended (merged or dissolved).", u.Code)
	}
	return u, nil
}

// partition finds the commune-level and province-level units of u (0 when
// u lies under none).
func (tx *Tx) partition(u *place.Unit) (commune, province int64, err error) {
	for cur, depth := u, 0; cur != nil && depth < 10; depth++ {
		switch {
		case cur.Kind.IsCommuneLevel():
			commune = cur.ID
		case cur.Kind.IsProvinceLevel():
			province = cur.ID
		}
		if cur.ParentID == 0 {
			break
		}
		if cur, err = scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.id = $1", cur.ParentID)); err != nil {
			return 0, 0, err
		}
	}
	return commune, province, nil
}

// checkAudience makes sure the villages named lie under the unit.
func (tx *Tx) checkAudience(d *disclosure.Disclosure) error {
	for _, v := range d.AudienceUnits {
		var n int
		err := tx.QueryRow(`SELECT COUNT(*) FROM units WHERE id = $1 AND (id = $2 OR parent_id = $2)
			AND kind IN ('village', 'residential_group')`, v, d.UnitID).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			return coso.Invalid("villages", "Thôn, tổ dân phố được chọn không thuộc đơn vị này.", "A chosen village does not belong to this unit.")
		}
	}
	return nil
}

func (tx *Tx) saveAudience(d *disclosure.Disclosure) error {
	for _, v := range d.AudienceUnits {
		if _, err := tx.Exec("INSERT INTO disclosure_audience (disclosure_id, unit_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", d.ID, v); err != nil {
			return err
		}
	}
	return nil
}

// indexDisclosure refreshes the search row of a disclosure (SQLite's
// FTS5 table, PostgreSQL's disclosure_search): published and withdrawn
// ones are searchable, drafts not.
func (tx *Tx) indexDisclosure(id int64) error {
	return tx.reindex("d.id = $1", id)
}

// reindex refreshes the search rows of the disclosures that where selects
// (on disclosures d): after a change of text, status or partition keys.
func (tx *Tx) reindex(where string, args ...any) error {
	if tx.s.dialect == SQLite {
		// #nosec G202 -- where is one of the store's fixed conditions with $n placeholders
		if _, err := tx.Exec("DELETE FROM disclosure_fts WHERE rowid IN (SELECT d.id FROM disclosures d WHERE "+where+")", args...); err != nil {
			return err
		}
		// #nosec G202 -- as above
		_, err := tx.Exec(`INSERT INTO disclosure_fts (rowid, scope, published_on, title, body, files)
			SELECT d.id, 'u' || d.unit_id || ' c' || COALESCE(d.commune_id, 0) || ' p' || COALESCE(d.province_id, 0) || ' k' || d.category,
				d.published_on, d.title_folded, d.body_folded, d.files_folded
			FROM disclosures d WHERE d.published_on IS NOT NULL AND `+where, args...)
		return err
	}
	// #nosec G202 -- as above
	if _, err := tx.Exec("DELETE FROM disclosure_search WHERE id IN (SELECT d.id FROM disclosures d WHERE "+where+")", args...); err != nil {
		return err
	}
	// The title weighs most (A), then the body (B), then the attachments (C).
	// #nosec G202 -- as above
	_, err := tx.Exec(`INSERT INTO disclosure_search (id, unit_id, commune_id, province_id, category, published_on, search)
		SELECT d.id, d.unit_id, d.commune_id, d.province_id, d.category, d.published_on,
			setweight(to_tsvector('simple', d.title_folded), 'A') || setweight(to_tsvector('simple', d.body_folded), 'B') ||
			setweight(to_tsvector('simple', d.files_folded), 'C')
		FROM disclosures d WHERE d.published_on IS NOT NULL AND `+where, args...)
	return err
}
