package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"coso"
	"coso/decision"
	"coso/place"
	"coso/viet"
)

// Matters: the questions a village (or every village of a commune) decides
// directly, their life from draft to recognition, and the forms they use.

const matterColumns = `m.id, m.unit_id, u.code, m.commune_id, m.commune_wide, m.subject, m.title, m.question, m.forms,
	m.proposal_path, m.proposer, m.supporters, COALESCE(m.collected_on, ''), m.front_approved, COALESCE(m.deadline, ''),
	m.status, m.households, COALESCE(m.meeting_on, ''), m.meeting_place, m.opened_at, m.closed_at, m.counted_at,
	COALESCE(m.decided_on, ''), m.reason, m.created_at, m.updated_at, COALESCE(m.sent_on, ''), m.announced_at,
	COALESCE(m.invited_on, ''), COALESCE(m.planned_on, ''), m.planned_hour, m.planned_place, COALESCE(m.documents_on, '')`

const matterFrom = ` FROM matters m JOIN units u ON u.id = m.unit_id `

func scanMatter(row scanner) (*decision.Matter, error) {
	var m decision.Matter
	var forms, collected, deadline, meeting, decided, sent, invited, planned, documents string
	var opened, closed, counted, announced sql.NullTime
	err := row.Scan(&m.ID, &m.UnitID, &m.UnitCode, &m.CommuneID, &m.CommuneWide, &m.Subject, &m.Title, &m.Question, &forms,
		&m.Proposal.Path, &m.Proposal.Proposer, &m.Proposal.Supporters, &collected, &m.Proposal.FrontApproved, &deadline,
		&m.Status, &m.Households, &meeting, &m.Place, &opened, &closed, &counted, &decided, &m.Reason, &m.CreatedAt, &m.UpdatedAt,
		&sent, &announced, &invited, &planned, &m.Invitation.Hour, &m.Invitation.Place, &documents)
	if err != nil {
		return nil, err
	}
	for _, f := range strings.Split(forms, ",") {
		if f != "" {
			m.Forms = append(m.Forms, decision.Form(f))
		}
	}
	m.Proposal.CollectedOn, m.Deadline, m.MeetingOn, m.DecidedOn = parseDate(collected), parseDate(deadline), parseDate(meeting), parseDate(decided)
	m.OpenedAt, m.ClosedAt, m.CountedAt, m.AnnouncedAt = opened.Time, closed.Time, counted.Time, announced.Time
	m.SentOn = parseDate(sent)
	m.Invitation.IssuedOn, m.Invitation.MeetingOn, m.Invitation.DocumentsOn = parseDate(invited), parseDate(planned), parseDate(documents)
	return &m, nil
}

func joinForms(fs []decision.Form) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = string(f)
	}
	return strings.Join(s, ",")
}

func matterObject(id int64) string { return fmt.Sprintf("matter:%d", id) }

func notFoundMatter(id int64) error {
	return coso.Errorf(coso.ENotFound, "matter", "Không tìm thấy việc biểu quyết số %d.", "No matter %d.", id)
}

// Matter returns a matter with its choices and documents.
func (s *Store) Matter(ctx context.Context, id int64) (*decision.Matter, error) {
	m, err := scanMatter(s.r.QueryRowContext(ctx, "SELECT "+matterColumns+matterFrom+"WHERE m.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, notFoundMatter(id)
	}
	if err != nil {
		return nil, err
	}
	if err := s.matterDetails(ctx, m); err != nil {
		return nil, err
	}
	return m, nil
}

func (s *Store) matterDetails(ctx context.Context, m *decision.Matter) error {
	var err error
	m.Choices, err = queryAll(ctx, s.r, func(r scanner) (string, error) {
		var l string
		return l, r.Scan(&l)
	}, "SELECT label FROM matter_options WHERE matter_id = $1 ORDER BY position", m.ID)
	if err != nil {
		return err
	}
	m.Documents, err = queryAll(ctx, s.r, func(r scanner) (decision.Document, error) {
		var d decision.Document
		return d, r.Scan(&d.Title, &d.Ref)
	}, "SELECT title, ref FROM matter_documents WHERE matter_id = $1 ORDER BY id", m.ID)
	return err
}

// MatterFilter selects matters for a list.
type MatterFilter struct {
	UnitID int64           // 0: any; else matters of this unit and the units below it
	Status decision.Status // "": any
	Limit  int             // 0: no limit
}

// Matters lists matters, newest first, without choices or documents.
func (s *Store) Matters(ctx context.Context, f MatterFilter) ([]*decision.Matter, error) {
	q := "SELECT " + matterColumns + matterFrom + "WHERE 1=1"
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.UnitID != 0 {
		a := arg(f.UnitID)
		q += " AND (m.unit_id = " + a + " OR u.parent_id = " + a + " OR m.commune_id = " + a + " OR m.province_id = " + a + ")"
	}
	if f.Status != "" {
		q += " AND m.status = " + arg(string(f.Status))
	}
	q += " ORDER BY m.id DESC"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit)
	}
	return queryAll(ctx, s.r, scanMatter, q, args...)
}

// matterUnit is the unit a matter is put to, with its partition keys.
type matterUnit struct{ id, commune, province int64 }

func (tx *Tx) matterUnit(id int64, communeWide bool) (matterUnit, error) {
	if !communeWide {
		k, err := tx.village(id, "")
		return matterUnit{k.id, k.commune, k.province}, err
	}
	var kind, ended string
	var u matterUnit
	err := tx.QueryRow("SELECT id, id, COALESCE(parent_id, 0), kind, COALESCE(ended_on, '') FROM units WHERE id = $1", id).
		Scan(&u.id, &u.commune, &u.province, &kind, &ended)
	if err == sql.ErrNoRows || err == nil && (!place.Kind(kind).IsCommuneLevel() || ended != "") {
		return u, coso.Invalid("unit", "Việc toàn xã phải thuộc một xã, phường đang tồn tại.", "A commune-wide matter belongs to an existing commune or ward.")
	}
	return u, err
}

// villagesOf lists the live villages a matter of unit u is put to.
func (tx *Tx) villagesOf(unitID int64, communeWide bool) ([]int64, error) {
	if !communeWide {
		return []int64{unitID}, nil
	}
	rows, err := tx.Query(`SELECT id FROM units WHERE parent_id = $1 AND kind IN ('village', 'residential_group')
		AND ended_on IS NULL ORDER BY id`, unitID)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

func (tx *Tx) liveHouseholds(villageID int64) (int, error) {
	var n int
	err := tx.QueryRow("SELECT COUNT(*) FROM households WHERE village_id = $1 AND ended_on IS NULL", villageID).Scan(&n)
	return n, err
}

func (tx *Tx) allHouseholds(unitID int64, communeWide bool) (int, error) {
	vs, err := tx.villagesOf(unitID, communeWide)
	total := 0
	for _, v := range vs {
		n, err := tx.liveHouseholds(v)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, err
}

// CreateMatter stores a new matter as a draft. Its forms are checked
// against the subject and, for online voting, the village's decision to
// vote online in force today.
func (s *Store) CreateMatter(ctx context.Context, m *decision.Matter) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		u, err := tx.matterUnit(m.UnitID, m.CommuneWide)
		if err != nil {
			return err
		}
		n, err := tx.allHouseholds(u.id, m.CommuneWide)
		if err != nil {
			return err
		}
		var optIn *decision.OptIn
		if !m.CommuneWide {
			if optIn, err = tx.currentOptIn(u.id, today(now)); err != nil {
				return err
			}
		}
		if err := m.Validate(n, today(now), optIn); err != nil {
			return err
		}
		m.Status, m.CreatedAt, m.UpdatedAt = decision.Draft, now.UTC(), now.UTC()
		m.ID, err = tx.Insert(`INSERT INTO matters (unit_id, commune_id, province_id, commune_wide, subject, title, title_folded,
			question, forms, proposal_path, proposer, supporters, collected_on, front_approved, deadline, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
			u.id, u.commune, u.province, m.CommuneWide, int(m.Subject), m.Title, viet.Fold(m.Title), m.Question, joinForms(m.Forms),
			string(m.Proposal.Path), m.Proposal.Proposer, m.Proposal.Supporters, nullDate(m.Proposal.CollectedOn),
			m.Proposal.FrontApproved, nullDate(m.Deadline), string(m.Status), m.CreatedAt)
		if err != nil {
			return err
		}
		for i, c := range m.Choices {
			if _, err := tx.Exec("INSERT INTO matter_options (matter_id, position, label) VALUES ($1, $2, $3)", m.ID, i, c); err != nil {
				return err
			}
		}
		for _, d := range m.Documents {
			if _, err := tx.Exec("INSERT INTO matter_documents (matter_id, title, ref) VALUES ($1, $2, $3)", m.ID, d.Title, d.Ref); err != nil {
				return err
			}
		}
		return tx.Audit(u.id, "matter.create", matterObject(m.ID), fmt.Sprintf("subject %d, forms %s", m.Subject, joinForms(m.Forms)))
	})
}

// lockMatter reads a matter for a change. The UPDATE that changes nothing
// takes the row lock on PostgreSQL, so changes of status never interleave
// with each other or with an online ballot (which holds a share lock).
func (tx *Tx) lockMatter(id int64) (*decision.Matter, error) {
	res, err := tx.Exec("UPDATE matters SET updated_at = updated_at WHERE id = $1", id)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, notFoundMatter(id)
	}
	return tx.matter(id, "")
}

// matter reads a matter in the transaction; lock is appended to the query.
func (tx *Tx) matter(id int64, lock string) (*decision.Matter, error) {
	m, err := scanMatter(tx.QueryRow("SELECT "+matterColumns+matterFrom+"WHERE m.id = $1"+lock, id))
	if err == sql.ErrNoRows {
		return nil, notFoundMatter(id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := tx.Query("SELECT label FROM matter_options WHERE matter_id = $1 ORDER BY position", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			return nil, err
		}
		m.Choices = append(m.Choices, l)
	}
	return m, rows.Err()
}

// shareLock is the clause that makes an online ballot wait for a change of
// the matter's status on PostgreSQL, and a change of status wait for the
// ballots being cast (FOR SHARE, without blocking other ballots). SQLite
// runs one write transaction at a time, so it needs none and has no such
// clause: this is the one place where the SQL differs by engine.
func (tx *Tx) shareLock() string { return tx.shareLockOf("m") }

// shareLockOf is shareLock for the table aliased alias in the query (the
// consultation a comment is posted to waits in the same way).
func (tx *Tx) shareLockOf(alias string) string {
	if tx.s.dialect == Postgres {
		return " FOR SHARE OF " + alias
	}
	return ""
}

// wantStatus refuses a change unless the matter is in one of the statuses.
func wantStatus(m *decision.Matter, ok ...decision.Status) error {
	for _, s := range ok {
		if m.Status == s {
			return nil
		}
	}
	return coso.Errorf(coso.EConflict, "status", "Việc đang ở trạng thái “%[1]s”, không làm được thao tác này.",
		"The matter is %[2]s; this cannot be done now.", m.Status.Name("vi"), m.Status.Name("en"))
}

func wantForm(m *decision.Matter, f decision.Form) error {
	if m.Uses(f) {
		return nil
	}
	return coso.Errorf(coso.EConflict, "forms", "Việc này không dùng hình thức %[1]s.", "This matter does not use %[2]s.", f.Name("vi"), f.Name("en"))
}

// OpenMatter opens the vote. It checks the forms again on the day (a
// village whose online decision lapsed cannot open an online vote), fixes
// the households of every village as the denominators, and issues the
// ballot sheets when household ballots are used.
func (s *Store) OpenMatter(ctx context.Context, id int64) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(id)
		if err != nil {
			return err
		}
		if err := m.Status.Move(decision.Open); err != nil {
			return err
		}
		total, err := tx.fixVillages(m)
		if err != nil {
			return err
		}
		var optIn *decision.OptIn
		if !m.CommuneWide {
			if optIn, err = tx.currentOptIn(m.UnitID, today(now)); err != nil {
				return err
			}
		}
		sit := decision.Situation{CommuneWide: m.CommuneWide, OptIn: optIn, Today: today(now), Households: total}
		for _, f := range m.Forms {
			if err := decision.CheckForm(m.Subject, f, sit); err != nil {
				return err
			}
		}
		if _, err := tx.Exec("UPDATE matters SET status = 'open', households = $1, opened_at = $2, updated_at = $2 WHERE id = $3",
			total, now.UTC(), id); err != nil {
			return err
		}
		if m.Uses(decision.Ballot) {
			if err := tx.issueSheets(m.ID); err != nil {
				return err
			}
		}
		return tx.Audit(m.UnitID, "matter.open", matterObject(id), fmt.Sprintf("%d households", total))
	})
}

func (tx *Tx) fixVillages(m *decision.Matter) (int, error) {
	vs, err := tx.villagesOf(m.UnitID, m.CommuneWide)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, v := range vs {
		n, err := tx.liveHouseholds(v)
		if err != nil {
			return 0, err
		}
		if _, err := tx.Exec("INSERT INTO matter_villages (matter_id, village_id, households) VALUES ($1, $2, $3)", m.ID, v, n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// CloseMatter ends the vote. Online ballots are rewritten in a random
// order with new keys, so nothing in the stored rows (PostgreSQL's xmin or
// physical order) links a ballot to the transaction that wrote its
// household's participation row.
func (s *Store) CloseMatter(ctx context.Context, id int64) error {
	now := s.now()
	err := s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(id)
		if err != nil {
			return err
		}
		if err := m.Status.Move(decision.Closed); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE matters SET status = 'closed', closed_at = $1, updated_at = $1 WHERE id = $2", now.UTC(), id); err != nil {
			return err
		}
		if err := tx.reshuffleBallots(id); err != nil {
			return err
		}
		return tx.Audit(m.UnitID, "matter.close", matterObject(id), "")
	})
	if err == nil {
		s.forgetBallotOrder(ctx)
	}
	return err
}

// forgetBallotOrder tries to remove what the engine keeps of the order in
// which ballots were written, once they have been rewritten: on PostgreSQL
// the dead row versions (VACUUM), on SQLite the write-ahead log's frames
// (a truncating checkpoint). It is best effort: an open snapshot or reader
// can keep them a while longer, and backups taken during the vote keep
// them anyway (README-decision.md).
func (s *Store) forgetBallotOrder(ctx context.Context) {
	q := "PRAGMA wal_checkpoint(TRUNCATE)"
	if s.dialect == Postgres {
		q = "VACUUM online_ballots"
	}
	_, _ = s.w.ExecContext(ctx, q) // best effort; the close itself is committed
}

// RecordInvitation records the invitation to the community meeting as it
// went out (Form 01): the day it was issued, the meeting's day, hour and
// place, and for subjects 1–3 the day the documents reached every
// household. The meeting must come at least 2 days after both.
func (s *Store) RecordInvitation(ctx context.Context, id int64, inv decision.Invitation) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(id)
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Draft, decision.Open), wantForm(m, decision.Meeting)); err != nil {
			return err
		}
		docs, err := tx.Query("SELECT title, ref FROM matter_documents WHERE matter_id = $1", id)
		if err != nil {
			return err
		}
		for docs.Next() {
			var d decision.Document
			if err := docs.Scan(&d.Title, &d.Ref); err != nil {
				_ = docs.Close() // the scan error is the one to report
				return err
			}
			m.Documents = append(m.Documents, d)
		}
		if err := firstError(docs.Close(), docs.Err()); err != nil {
			return err
		}
		if err := inv.Validate(m, today(now)); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE matters SET invited_on = $1, planned_on = $2, planned_hour = $3, planned_place = $4, documents_on = $5,
			updated_at = $6 WHERE id = $7`, formatDate(inv.IssuedOn), formatDate(inv.MeetingOn), inv.Hour, inv.Place,
			nullDate(inv.DocumentsOn), now.UTC(), id); err != nil {
			return err
		}
		return tx.Audit(m.UnitID, "matter.invitation", matterObject(id),
			fmt.Sprintf("issued %s for %s", formatDate(inv.IssuedOn), formatDate(inv.MeetingOn)))
	})
}

// HoldMeeting records the date and place of the community meeting. The
// invitation must have gone out at least 2 days before (and for subjects
// 1–3 the documents too).
func (s *Store) HoldMeeting(ctx context.Context, id int64, on time.Time, where string) error {
	now := s.now()
	where = strings.TrimSpace(viet.NFC(where))
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(id)
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Open, decision.Closed), wantForm(m, decision.Meeting)); err != nil {
			return err
		}
		if err := m.CheckHeld(on, today(now)); err != nil {
			return err
		}
		if where == "" || len([]rune(where)) > 300 {
			return coso.Invalid("place", "Cần địa điểm họp (tối đa 300 ký tự).", "The place of the meeting is required (at most 300 characters).")
		}
		if _, err := tx.Exec("UPDATE matters SET meeting_on = $1, meeting_place = $2, updated_at = $3 WHERE id = $4",
			formatDate(on), where, now.UTC(), id); err != nil {
			return err
		}
		return tx.Audit(m.UnitID, "matter.meeting", matterObject(id), formatDate(on))
	})
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// AddBallots adds household ballots to a matter that must be decided at a
// meeting (subjects 3–5), when the meeting lacked the households needed
// to reach the threshold (art. 17.2), and issues the sheets.
func (s *Store) AddBallots(ctx context.Context, id int64) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(id)
		if err != nil {
			return err
		}
		if err := wantStatus(m, decision.Open); err != nil {
			return err
		}
		if m.Uses(decision.Ballot) {
			return coso.Errorf(coso.EConflict, "forms", "Việc này đã dùng phiếu hộ gia đình.", "This matter already uses household ballots.")
		}
		var attended int
		if err := tx.QueryRow("SELECT COUNT(*) FROM matter_attendance WHERE matter_id = $1 AND NOT excluded", id).Scan(&attended); err != nil {
			return err
		}
		sit := decision.Situation{Today: today(now), Households: m.Households, MeetingHeld: !m.MeetingOn.IsZero(), Attended: attended}
		if err := decision.CheckForm(m.Subject, decision.Ballot, sit); err != nil {
			return err
		}
		forms := joinForms(append(m.Forms, decision.Ballot))
		if _, err := tx.Exec("UPDATE matters SET forms = $1, updated_at = $2 WHERE id = $3", forms, now.UTC(), id); err != nil {
			return err
		}
		if err := tx.issueSheets(id); err != nil {
			return err
		}
		return tx.Audit(m.UnitID, "matter.ballots", matterObject(id), fmt.Sprintf("meeting had %d of %d households", attended, m.Households))
	})
}
