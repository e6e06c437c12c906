package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"coso"
	"coso/calendar"
	"coso/consultation"
	"coso/place"
	"coso/viet"
)

// Consultations (dân bàn): drafts put to the people, their sections and
// period, from draft to the answer report.

const consultationColumns = `c.id, c.unit_id, u.code, u.name, u.kind, c.subject, c.title, c.summary, c.audience, c.audience_note,
	c.forms, COALESCE(c.opens_on, ''), c.closes_on, c.status, c.opened_at, c.closed_at, c.answered_at,
	COALESCE(c.disclosure_id, 0), c.conclusion, c.created_at, c.updated_at, c.staff_subject,
	COALESCE(c.draft_disclosure_id, 0)`

const consultationFrom = ` FROM consultations c JOIN units u ON u.id = c.unit_id `

func scanConsultation(row scanner) (*consultation.Consultation, error) {
	var c consultation.Consultation
	var audience, forms, opens, closes, status string
	var opened, closed, answered sql.NullTime
	var staffSubject int
	err := row.Scan(&c.ID, &c.UnitID, &c.UnitCode, &c.UnitName, &c.UnitKind, &c.Subject, &c.Title, &c.Summary, &audience,
		&c.AudienceNote, &forms, &opens, &closes, &status, &opened, &closed, &answered, &c.DisclosureID, &c.Conclusion,
		&c.CreatedAt, &c.UpdatedAt, &staffSubject, &c.DraftDisclosureID)
	if err != nil {
		return nil, err
	}
	c.Audience, c.Status = consultation.Audience(audience), consultation.Status(status)
	if staffSubject != 0 { // see migration 00015
		c.Subject = consultation.Subject(staffSubject)
	}
	if consultation.Staff(c.UnitKind) && c.Audience == consultation.WholeUnit {
		c.Audience = consultation.AudiencesFor(c.UnitKind)[0]
	}
	for _, f := range strings.Split(forms, ",") {
		if f != "" {
			c.Forms = append(c.Forms, consultation.Form(f))
		}
	}
	c.OpensOn, c.ClosesOn = parseDate(opens), parseDate(closes)
	c.OpenedAt, c.ClosedAt, c.AnsweredAt = opened.Time, closed.Time, answered.Time
	return &c, nil
}

// storedSubject splits a subject into the columns subject and
// staff_subject: the CHECK of subject knows only art. 25 (migration 00015).
func storedSubject(s consultation.Subject) (subject, staff int) {
	if s >= consultation.OtherSubject+1 {
		return int(consultation.OtherSubject), int(s)
	}
	return int(s), 0
}

// storedAudience is the audience as its column's CHECK knows it: an
// agency's staff and an enterprise's workers are everyone in the unit.
func storedAudience(a consultation.Audience) string {
	if a == consultation.StaffAll || a == consultation.WorkersAll {
		return string(consultation.WholeUnit)
	}
	return string(a)
}

func consultationObject(id int64) string { return fmt.Sprintf("consultation:%d", id) }

func notFoundConsultation(id int64) error {
	return coso.Errorf(coso.ENotFound, "consultation", "Không tìm thấy đợt lấy ý kiến số %d.", "No consultation %d.", id)
}

func joinConsultationForms(fs []consultation.Form) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ",")
}

// Consultation returns a consultation with its sections, documents,
// villages and extensions.
func (s *Store) Consultation(ctx context.Context, id int64) (*consultation.Consultation, error) {
	c, err := scanConsultation(s.r.QueryRowContext(ctx, "SELECT "+consultationColumns+consultationFrom+"WHERE c.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, notFoundConsultation(id)
	}
	if err != nil {
		return nil, err
	}
	return c, s.consultationDetails(ctx, c)
}

func (s *Store) consultationDetails(ctx context.Context, c *consultation.Consultation) error {
	var err error
	if c.Sections, err = queryAll(ctx, s.r, func(r scanner) (consultation.Section, error) {
		var x consultation.Section
		return x, r.Scan(&x.N, &x.Label, &x.Heading, &x.Text)
	}, "SELECT n, label, heading, body FROM consultation_sections WHERE consultation_id = $1 ORDER BY n", c.ID); err != nil {
		return err
	}
	if c.Docs, err = queryAll(ctx, s.r, func(r scanner) (consultation.Document, error) {
		var d consultation.Document
		return d, r.Scan(&d.Title, &d.Ref)
	}, "SELECT title, ref FROM consultation_documents WHERE consultation_id = $1 ORDER BY id", c.ID); err != nil {
		return err
	}
	if c.AudienceUnits, err = queryAll(ctx, s.r, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "SELECT village_id FROM consultation_villages WHERE consultation_id = $1 ORDER BY village_id", c.ID); err != nil {
		return err
	}
	if c.Households, err = queryAll(ctx, s.r, func(r scanner) (string, error) {
		var code string
		return code, r.Scan(&code)
	}, `SELECT h.code FROM consultation_households ch JOIN households h ON h.id = ch.household_id
		WHERE ch.consultation_id = $1 ORDER BY h.code`, c.ID); err != nil {
		return err
	}
	c.Extensions, err = queryAll(ctx, s.r, func(r scanner) (consultation.Extension, error) {
		var e consultation.Extension
		var old, neu string
		err := r.Scan(&old, &neu, &e.Reason, &e.By, &e.CreatedAt)
		e.OldClose, e.NewClose = parseDate(old), parseDate(neu)
		return e, err
	}, "SELECT old_closes_on, new_closes_on, reason, username, created_at FROM consultation_extensions WHERE consultation_id = $1 ORDER BY id", c.ID)
	return err
}

// ConsultationFilter selects consultations for a list.
type ConsultationFilter struct {
	UnitID   int64                 // 0: any; else those of this unit and the units below it
	Status   consultation.Status   // "": any
	Statuses []consultation.Status // several statuses (public lists: everything but drafts)
	Limit    int                   // 0: no limit
}

// PublicStatuses are the statuses anyone may see.
var PublicStatuses = []consultation.Status{consultation.Open, consultation.Closed, consultation.Answered}

// Consultations lists consultations, open ones first and then newest
// first, without their sections.
func (s *Store) Consultations(ctx context.Context, f ConsultationFilter) ([]*consultation.Consultation, error) {
	q := "SELECT " + consultationColumns + consultationFrom + "WHERE 1=1"
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.UnitID != 0 {
		a := arg(f.UnitID)
		q += " AND (c.unit_id = " + a + " OR c.commune_id = " + a + " OR c.province_id = " + a + ")"
	}
	if f.Status != "" {
		q += " AND c.status = " + arg(string(f.Status))
	}
	if len(f.Statuses) > 0 {
		var in []string
		for _, st := range f.Statuses {
			in = append(in, arg(string(st)))
		}
		q += " AND c.status IN (" + strings.Join(in, ", ") + ")" // #nosec G202 -- only $n placeholders are joined; values go in args
	}
	q += " ORDER BY CASE WHEN c.status = 'open' THEN 0 ELSE 1 END, c.id DESC"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit) // #nosec G202 -- a $n placeholder; the value goes in args
	}
	return queryAll(ctx, s.r, scanConsultation, q, args...)
}

// consultingUnit checks the unit that consults and finds its province.
func (tx *Tx) consultingUnit(id int64) (*place.Unit, int64, error) {
	u, err := scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, 0, coso.Invalid("unit", "Không có đơn vị này.", "No such unit.")
	}
	if err != nil {
		return nil, 0, err
	}
	if u.Ended() {
		return nil, 0, coso.Invalid("unit", "Đơn vị %s đã giải thể hoặc sáp nhập.", "Unit %s has ended (merged or dissolved).", u.Code)
	}
	_, province, err := tx.partition(u)
	return u, province, err
}

// CreateConsultation stores a new draft of the unit c.UnitID.
func (s *Store) CreateConsultation(ctx context.Context, c *consultation.Consultation) error {
	today := s.today()
	return s.write(ctx, func(tx *Tx) error {
		u, province, err := tx.consultingUnit(c.UnitID)
		if err != nil {
			return err
		}
		c.UnitCode, c.UnitName, c.UnitKind = u.Code, u.Name, string(u.Kind)
		if err := c.Validate(c.UnitKind, today); err != nil {
			return err
		}
		if err := tx.checkVillages(u.ID, c.AudienceUnits); err != nil {
			return err
		}
		now := s.stamp()
		c.Status, c.CreatedAt, c.UpdatedAt = consultation.Draft, now, now
		subject, staffSubject := storedSubject(c.Subject)
		c.ID, err = tx.Insert(`INSERT INTO consultations (unit_id, commune_id, province_id, subject, staff_subject, title, title_folded, summary,
			audience, audience_note, forms, opens_on, closes_on, status, created_by, created_at, updated_at)
			VALUES ($1, $1, $2, $3, $14, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13, $13)`,
			u.ID, province, subject, c.Title, viet.Fold(c.Title), c.Summary, storedAudience(c.Audience), c.AudienceNote,
			joinConsultationForms(c.Forms), nullDate(c.OpensOn), formatDate(c.ClosesOn), nullID(coso.ActorFrom(ctx).UserID), now, staffSubject)
		if err != nil {
			return err
		}
		if err := tx.saveConsultationParts(c); err != nil {
			return err
		}
		if err := tx.saveHouseholds(c, u.ID); err != nil {
			return err
		}
		return tx.Audit(u.ID, "consultation.create", consultationObject(c.ID),
			fmt.Sprintf("subject %d, %d sections, closes %s", c.Subject, len(c.Sections), formatDate(c.ClosesOn)))
	})
}

func (tx *Tx) saveConsultationParts(c *consultation.Consultation) error {
	for _, x := range c.Sections {
		if _, err := tx.Exec("INSERT INTO consultation_sections (consultation_id, n, label, heading, body) VALUES ($1, $2, $3, $4, $5)",
			c.ID, x.N, x.Label, x.Heading, x.Text); err != nil {
			return err
		}
	}
	for _, d := range c.Docs {
		if _, err := tx.Exec("INSERT INTO consultation_documents (consultation_id, title, ref) VALUES ($1, $2, $3)", c.ID, d.Title, d.Ref); err != nil {
			return err
		}
	}
	for _, v := range c.AudienceUnits {
		if _, err := tx.Exec("INSERT INTO consultation_villages (consultation_id, village_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", c.ID, v); err != nil {
			return err
		}
	}
	return nil
}

// checkVillages makes sure the villages named are live villages of the
// commune.
func (tx *Tx) checkVillages(commune int64, villages []int64) error {
	for _, v := range villages {
		var n int
		err := tx.QueryRow(`SELECT COUNT(*) FROM units WHERE id = $1 AND parent_id = $2
			AND kind IN ('village', 'residential_group') AND ended_on IS NULL`, v, commune).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			return coso.Invalid("villages", "Thôn, tổ dân phố được chọn không thuộc xã này.", "A chosen village does not belong to this commune.")
		}
	}
	return nil
}

// lockConsultation reads a consultation for a change of its own. The
// UPDATE that changes nothing takes the row lock on PostgreSQL, so two
// changes never interleave, and opinions (which take a share lock) wait
// for a change of status.
func (tx *Tx) lockConsultation(id int64) (*consultation.Consultation, error) {
	res, err := tx.Exec("UPDATE consultations SET updated_at = updated_at WHERE id = $1", id)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, notFoundConsultation(id)
	}
	return tx.consultation(id, "")
}

// consultation reads a consultation and its sections in the transaction;
// lock is appended to the query.
func (tx *Tx) consultation(id int64, lock string) (*consultation.Consultation, error) {
	c, err := scanConsultation(tx.QueryRow("SELECT "+consultationColumns+consultationFrom+"WHERE c.id = $1"+lock, id))
	if err == sql.ErrNoRows {
		return nil, notFoundConsultation(id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := tx.Query("SELECT n, label, heading, body FROM consultation_sections WHERE consultation_id = $1 ORDER BY n", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var x consultation.Section
		if err := rows.Scan(&x.N, &x.Label, &x.Heading, &x.Text); err != nil {
			return nil, err
		}
		c.Sections = append(c.Sections, x)
	}
	return c, rows.Err()
}

// OpenConsultation publishes a draft today. The period runs to closesOn
// when given (else the planned closing date) and must be at least the
// law's minimum from today.
func (s *Store) OpenConsultation(ctx context.Context, id int64, closesOn time.Time) error {
	return s.OpenConsultationOn(ctx, id, time.Time{}, closesOn, "")
}

// OpenConsultationOn is OpenConsultation for a consultation published on
// the date on (zero: today), which may be an earlier posting on paper
// (consultation.CheckOpening): the period counts from that date. pageURL
// is the consultation's public address (empty: its path), printed in the
// disclosure of the draft (PublishDraft) and the messages.
func (s *Store) OpenConsultationOn(ctx context.Context, id int64, on, closesOn time.Time, pageURL string) error {
	if pageURL == "" {
		pageURL = fmt.Sprintf("/consultations/%d", id)
	}
	if err := s.openConsultation(ctx, id, on, closesOn, pageURL); err != nil {
		return err
	}
	_, err := s.PublishDraft(ctx, id, pageURL)
	return err
}

// PublishDraft publishes the draft of an opened consultation as a
// disclosure of its unit's category (art. 11.11 for a commune), dated the
// day it opened, so the portal, feeds and quarterly list carry it. It is
// idempotent: the disclosure's id is kept on the consultation, and a
// second call (a retry after a failure) returns it.
func (s *Store) PublishDraft(ctx context.Context, id int64, pageURL string) (int64, error) {
	c, err := s.Consultation(ctx, id)
	if err != nil {
		return 0, err
	}
	if c.Status == consultation.Draft {
		return 0, c.ErrNotAccepting()
	}
	if pageURL == "" {
		pageURL = fmt.Sprintf("/consultations/%d", id)
	}
	title, body := c.DraftNotice(pageURL)
	return s.consultationDisclosure(ctx, c, "draft_disclosure_id", title, body, pageURL, c.OpensOn)
}

func (s *Store) openConsultation(ctx context.Context, id int64, on, closesOn time.Time, pageURL string) error {
	today := s.today()
	if on.IsZero() {
		on = today
	}
	on = calendar.DayOf(on)
	if err := consultation.CheckOpening(on, today); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(id)
		if err != nil {
			return err
		}
		if err := c.Status.Move(consultation.Open); err != nil {
			return err
		}
		if !closesOn.IsZero() {
			c.ClosesOn = calendar.DayOf(closesOn)
		}
		_, article, _ := consultation.PeriodFor(c.UnitKind)
		if e := consultation.CheckPeriod(on, c.ClosesOn, on, c.MinDays(), article); e != nil {
			return e
		}
		now := s.stamp()
		if _, err := tx.Exec(`UPDATE consultations SET status = 'open', opens_on = $1, closes_on = $2, opened_at = $3, updated_at = $3
			WHERE id = $4`, formatDate(on), formatDate(c.ClosesOn), now, id); err != nil {
			return err
		}
		c.ClosesOn = calendar.DayOf(c.ClosesOn)
		n, err := tx.notifyAffected(c, pageURL)
		if err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "consultation.open", consultationObject(id),
			fmt.Sprintf("published %s, until %s, %d households told", formatDate(on), formatDate(c.ClosesOn), n))
	})
}

// ExtendConsultation moves the closing date of an open consultation later,
// with the reason, which is kept in its history.
func (s *Store) ExtendConsultation(ctx context.Context, id int64, until time.Time, reason string) error {
	return s.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(id)
		if err != nil {
			return err
		}
		reason, err := c.CheckExtension(until, reason)
		if err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.Exec(`INSERT INTO consultation_extensions (consultation_id, old_closes_on, new_closes_on, reason, username, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, id, formatDate(c.ClosesOn), formatDate(until), reason, coso.ActorFrom(ctx).Username, now); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE consultations SET closes_on = $1, updated_at = $2 WHERE id = $3", formatDate(until), now, id); err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "consultation.extend", consultationObject(id), formatDate(c.ClosesOn)+" → "+formatDate(until))
	})
}

// CloseConsultation ends the period once it has run its course. The
// opinions are grouped by idea in the same transaction (opinion_group.go),
// so the groups the authority answers are fixed from the close.
func (s *Store) CloseConsultation(ctx context.Context, id int64) error {
	today := s.today()
	return s.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(id)
		if err != nil {
			return err
		}
		if err := c.CheckClose(today); err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.Exec("UPDATE consultations SET status = 'closed', closed_at = $1, updated_at = $1 WHERE id = $2", now, id); err != nil {
			return err
		}
		if err := tx.groupOpinions(c); err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "consultation.close", consultationObject(id), "")
	})
}
