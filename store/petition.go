package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/calendar"
	"coso/petition"
	"coso/place"
)

const petitionColumns = `p.id, p.code, p.kind, p.instance, p.channel, p.unit_id, u.code, u.name, u.remote,
	COALESCE(p.against_unit_id, 0), COALESCE(a.code, ''), p.against_official, p.subject, p.body, p.anonymous, p.consent,
	p.filed_on, p.received_on, p.stage, p.complex, p.intake, p.intake_note, COALESCE(p.intake_on, ''), COALESCE(p.accepted_on, ''),
	p.forwarded_to, p.reason, p.answer, p.summary, COALESCE(p.finished_on, ''), COALESCE(p.due_on, ''),
	COALESCE(p.assignee_id, 0), COALESCE(us.display_name, ''), p.appeal_of, COALESCE(p.session_id, 0), p.rated, p.created_at, p.updated_at`

const petitionFrom = ` FROM petitions p JOIN units u ON u.id = p.unit_id LEFT JOIN units a ON a.id = p.against_unit_id
	LEFT JOIN users us ON us.id = p.assignee_id `

func scanPetition(row scanner) (*petition.Case, error) {
	var c petition.Case
	var kind, channel, stage, intake, filed, received, intakeOn, accepted, finished, due string
	err := row.Scan(&c.ID, &c.Code, &kind, &c.Instance, &channel, &c.UnitID, &c.UnitCode, &c.UnitName, &c.UnitRemote,
		&c.AgainstUnitID, &c.AgainstUnitCode, &c.AgainstOfficial, &c.Subject, &c.Body, &c.Anonymous, &c.Consent,
		&filed, &received, &stage, &c.Complex, &intake, &c.IntakeNote, &intakeOn, &accepted,
		&c.ForwardedTo, &c.Reason, &c.Answer, &c.Summary, &finished, &due,
		&c.AssigneeID, &c.AssigneeName, &c.AppealOf, &c.SessionID, &c.Rated, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, err
	}
	c.Kind, c.Channel, c.Stage, c.Intake = petition.Kind(kind), petition.Channel(channel), petition.Stage(stage), petition.IntakeAnswer(intake)
	c.FiledOn, c.ReceivedOn, c.IntakeOn, c.AcceptedOn = parseDate(filed), parseDate(received), parseDate(intakeOn), parseDate(accepted)
	c.FinishedOn, c.DueOn = parseDate(finished), parseDate(due)
	return &c, nil
}

func petitionObject(id int64) string { return fmt.Sprintf("petition:%d", id) }

// Upload is a file sent with a case.
type Upload struct {
	Name string
	Data []byte
}

// receivingUnit checks that u may receive cases: a province, a commune
// (ward, special zone), an agency or an enterprise, still in existence.
func receivingUnit(u *place.Unit) error {
	switch {
	case u.Kind.IsCommuneLevel(), u.Kind.IsProvinceLevel(), u.Kind == place.Agency, u.Kind == place.Enterprise:
		return nil
	}
	return coso.Invalid("unit", "Gửi đơn đến xã, phường, tỉnh, cơ quan hoặc doanh nghiệp (không gửi đến thôn, tổ dân phố).",
		"Address the case to a commune, ward, province, agency or enterprise (not a village).")
}

// CreatePetition records a case addressed to c.UnitID (or c.UnitCode),
// received today, with its files, and sets its ID and tracking code. The
// sender's identity and the files are sealed before anything is written;
// the row, its files and its audit line are committed in one transaction,
// synchronously on disk, before this returns: a code given to a person
// names a case that survives a crash.
//
// A denunciation that accuses an official of the addressed unit
// (c.AgainstOfficial) is recorded against that unit and handled by its
// superior, whose officers are not the accused's colleagues.
func (s *Store) CreatePetition(ctx context.Context, c *petition.Case, files []Upload) error {
	u, err := s.disclosureUnit(ctx, c.UnitID, c.UnitCode)
	if err != nil {
		return err
	}
	if err := receivingUnit(u); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if err := s.sessionOf(ctx, c, u.ID); err != nil {
		return err
	}
	if c.Kind == petition.Denunciation && c.AgainstOfficial != "" {
		c.AgainstUnitID, c.AgainstUnitCode = u.ID, u.Code
		if u.ParentID != 0 {
			if u, err = s.Unit(ctx, u.ParentID); err != nil {
				return err
			}
		}
	}
	if err := s.checkAppeal(ctx, c); err != nil {
		return err
	}
	stored, err := s.sealUploads(files)
	if err != nil {
		return err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	c.UnitID, c.UnitCode, c.UnitName, c.UnitRemote = u.ID, u.Code, u.Name, u.Remote
	received, err := s.receivedOn(c)
	if err != nil {
		return err
	}
	c.Receive(received, cal)
	for attempt := 0; ; attempt++ {
		c.Code = petition.NewCode()
		err = s.insertPetition(ctx, c, u, stored)
		// Two cases drawing the same 60-bit code is not going to happen,
		// but if it does the second draws again rather than failing.
		if coso.ErrorCode(err) != coso.EConflict || attempt >= 2 {
			return err
		}
	}
}

// receivedOn is the day the clocks start: today for the portal; for a
// letter, a call or a visit entered later by an officer, the day it came
// in, at most 90 days back.
func (s *Store) receivedOn(c *petition.Case) (time.Time, error) {
	today := s.today()
	if c.Channel == petition.Portal || c.ReceivedOn.IsZero() {
		return today, nil
	}
	on := calendar.DayOf(c.ReceivedOn)
	if on.After(today) || on.Before(today.AddDate(0, 0, -90)) {
		return time.Time{}, coso.Invalid("received_on", "Ngày tiếp nhận phải trong 90 ngày qua, không ở tương lai.",
			"The day of receipt must be within the last 90 days, not in the future.")
	}
	return on, nil
}

type storedFile struct {
	typ, blob, keyID string
	size             int64
}

func (s *Store) sealUploads(files []Upload) ([]storedFile, error) {
	var sizes []int
	for _, f := range files {
		sizes = append(sizes, len(f.Data))
	}
	if err := petition.CheckFiles(sizes); err != nil {
		return nil, err
	}
	var out []storedFile
	for _, f := range files {
		typ, err := petition.Sniff(f.Data)
		if err != nil {
			return nil, err
		}
		blob, kid, err := s.sealFile(f.Data)
		if err != nil {
			return nil, err
		}
		out = append(out, storedFile{typ: typ, blob: blob, keyID: kid, size: int64(len(f.Data))})
	}
	return out, nil
}

// checkAppeal checks the first-instance case a second-instance complaint
// names, if it names one.
func (s *Store) checkAppeal(ctx context.Context, c *petition.Case) error {
	if c.AppealOf == "" {
		return nil
	}
	code, err := petition.ParseCode(c.AppealOf)
	if err != nil {
		return coso.Invalid("appeal_of", "Mã đơn khiếu nại lần đầu không hợp lệ.", "The first-instance case code is not valid.")
	}
	first, err := s.PetitionByCode(ctx, code)
	if err != nil || first.Kind != petition.Complaint || first.Instance != 1 || first.Stage != petition.Resolved {
		return coso.Invalid("appeal_of", "Không có khiếu nại lần đầu đã giải quyết với mã %s.", "No resolved first-instance complaint has code %s.", code)
	}
	c.AppealOf = code
	return nil
}

func (s *Store) insertPetition(ctx context.Context, c *petition.Case, u *place.Unit, files []storedFile) error {
	sealed, err := s.sealIdentity(c.Code, c.Identity)
	if err != nil {
		return err
	}
	actor := coso.ActorFrom(ctx)
	return s.write(ctx, func(tx *Tx) error {
		commune, province, err := tx.partition(u)
		if err != nil {
			return err
		}
		now := s.stamp()
		c.CreatedAt, c.UpdatedAt = now, now
		c.ID, err = tx.Insert(`INSERT INTO petitions (code, kind, instance, channel, unit_id, commune_id, province_id, against_unit_id,
			against_official, subject, body, anonymous, identity_sealed, consent, filed_on, received_on, stage, due_on, appeal_of,
			session_id, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22)`,
			c.Code, string(c.Kind), c.Instance, string(c.Channel), u.ID, nullID(commune), nullID(province), nullID(c.AgainstUnitID),
			c.AgainstOfficial, c.Subject, c.Body, c.Anonymous, sealed, c.Consent, formatDate(c.FiledOn), formatDate(c.ReceivedOn),
			string(c.Stage), nullDate(c.DueOn), c.AppealOf, nullID(c.SessionID), nullID(actor.UserID), now)
		if err != nil {
			return err
		}
		for i, f := range files {
			if _, err := tx.Exec(`INSERT INTO petition_files (petition_id, n, content_type, size, blob, key_id, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.ID, i+1, f.typ, f.size, f.blob, f.keyID, now); err != nil {
				return err
			}
		}
		if err := tx.petitionEvent(c, "received", string(c.Channel)); err != nil {
			return err
		}
		return tx.Audit(u.ID, "petition.create", petitionObject(c.ID),
			fmt.Sprintf("kind=%s channel=%s files=%d due=%s", c.Kind, c.Channel, len(files), formatDate(c.DueOn)))
	})
}

// petitionEvent records a step of the case's history.
func (tx *Tx) petitionEvent(c *petition.Case, step, detail string) error {
	a := coso.ActorFrom(tx.ctx)
	_, err := tx.Exec(`INSERT INTO petition_events (petition_id, at, on_date, step, unit_id, user_id, detail)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, c.ID, tx.s.stamp(), formatDate(tx.s.today()), step, c.UnitID, nullID(a.UserID), detail)
	return err
}

// Petition returns a case with its extensions, without the sender's
// identity (see PetitionIdentity and the reveals).
func (s *Store) Petition(ctx context.Context, id int64) (*petition.Case, error) {
	return s.petitionWhere(ctx, "p.id = $1", id)
}

// PetitionByCode returns the case with a tracking code (as ParseCode
// writes it).
func (s *Store) PetitionByCode(ctx context.Context, code string) (*petition.Case, error) {
	return s.petitionWhere(ctx, "p.code = $1", code)
}

func (s *Store) petitionWhere(ctx context.Context, where string, arg any) (*petition.Case, error) {
	c, err := scanPetition(s.r.QueryRowContext(ctx, "SELECT "+petitionColumns+petitionFrom+"WHERE "+where, arg)) // #nosec G202 -- fixed conditions
	if err == sql.ErrNoRows {
		return nil, coso.NotFound("petition")
	}
	if err != nil {
		return nil, err
	}
	c.Extensions, err = s.petitionExtensions(ctx, c.ID)
	return c, err
}

func (s *Store) petitionExtensions(ctx context.Context, id int64) ([]petition.Extension, error) {
	return queryAll(ctx, s.r, func(row scanner) (petition.Extension, error) {
		var e petition.Extension
		var on string
		err := row.Scan(&on, &e.Days, &e.Reason)
		e.On = parseDate(on)
		return e, err
	}, "SELECT on_date, days, reason FROM petition_extensions WHERE petition_id = $1 ORDER BY n", id)
}

// ErrSealed is the refusal to open a denouncer's identity outside an
// approved reveal.
func ErrSealed() *coso.Error {
	return coso.Errorf(coso.EForbidden, "", "Danh tính người tố cáo được giữ bí mật; chỉ xem được khi yêu cầu xem có lý do và được người thứ hai phê duyệt.",
		"A denouncer's identity is secret; it can be seen only through a request with a reason approved by a second official.")
}

// PetitionIdentity opens the identity of the sender of a feedback,
// complaint or question, for the officers answering it. A denouncer's
// identity never comes out here: only through an approved reveal.
func (s *Store) PetitionIdentity(ctx context.Context, id int64) (petition.Identity, error) {
	var kind, code, sealed string
	err := s.r.QueryRowContext(ctx, "SELECT kind, code, identity_sealed FROM petitions WHERE id = $1", id).Scan(&kind, &code, &sealed)
	if err == sql.ErrNoRows {
		return petition.Identity{}, coso.NotFound("petition")
	}
	if err != nil {
		return petition.Identity{}, err
	}
	if petition.Kind(kind).Sealed() {
		return petition.Identity{}, ErrSealed()
	}
	return s.openIdentity(code, sealed)
}

// PetitionEvents lists what happened to a case, oldest first.
func (s *Store) PetitionEvents(ctx context.Context, id int64) ([]petition.Event, error) {
	return queryAll(ctx, s.r, func(row scanner) (petition.Event, error) {
		var e petition.Event
		var on string
		err := row.Scan(&e.At, &on, &e.Step, &e.UnitName, &e.UserName, &e.Detail)
		e.On = parseDate(on)
		return e, err
	}, `SELECT e.at, e.on_date, e.step, COALESCE(un.name, ''), COALESCE(us.display_name, ''), e.detail
		FROM petition_events e LEFT JOIN units un ON un.id = e.unit_id LEFT JOIN users us ON us.id = e.user_id
		WHERE e.petition_id = $1 ORDER BY e.id`, id)
}

// PetitionFiles lists a case's files.
func (s *Store) PetitionFiles(ctx context.Context, id int64) ([]petition.File, error) {
	return queryAll(ctx, s.r, func(row scanner) (petition.File, error) {
		var f petition.File
		var n int
		err := row.Scan(&f.ID, &f.CaseID, &n, &f.Type, &f.Size, &f.CreatedAt)
		f.Name = petition.CleanName(fmt.Sprintf("tep-%d", n), f.Type)
		return f, err
	}, "SELECT id, petition_id, n, content_type, size, created_at FROM petition_files WHERE petition_id = $1 ORDER BY n", id)
}

// PetitionFile returns file fileID of case id with its bytes, opened.
func (s *Store) PetitionFile(ctx context.Context, id, fileID int64) (*petition.File, []byte, error) {
	var f petition.File
	var n int
	var blob string
	err := s.r.QueryRowContext(ctx, "SELECT id, petition_id, n, content_type, size, created_at, blob FROM petition_files WHERE id = $1 AND petition_id = $2",
		fileID, id).Scan(&f.ID, &f.CaseID, &n, &f.Type, &f.Size, &f.CreatedAt, &blob)
	if err == sql.ErrNoRows {
		return nil, nil, coso.NotFound(fmt.Sprintf("file %d", fileID))
	}
	if err != nil {
		return nil, nil, err
	}
	f.Name = petition.CleanName(fmt.Sprintf("tep-%d", n), f.Type)
	data, err := s.openFile(blob)
	if err != nil {
		return nil, nil, fmt.Errorf("file %d: %w", fileID, err)
	}
	return &f, data, nil
}
