package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	"coso"
	"coso/consultation"
	"coso/disclosure"
	"coso/viet"
)

// Opinions on consultations: citizens' comments on the portal (one per
// section, edited with every version kept), opinions entered by officers
// from the offline channels, and hiding with a reason from a fixed list.

const opinionColumns = `o.id, o.consultation_id, o.section, o.stance, o.body, o.channel, o.author, COALESCE(o.citizen_id, 0),
	COALESCE(o.person_id, 0), COALESCE(p.full_name, ''), o.show_name, o.organisation, COALESCE(o.village_id, 0), COALESCE(v.name, ''),
	o.sex, o.age_band, o.received_on, o.source_note, COALESCE(o.file_id, 0), COALESCE(f.name, ''), o.version, COALESCE(o.group_id, 0),
	o.hidden_reason, o.hidden_by, o.hidden_at, o.created_at, o.updated_at`

const opinionFrom = ` FROM opinions o LEFT JOIN persons p ON p.id = o.person_id LEFT JOIN units v ON v.id = o.village_id
	LEFT JOIN consultation_files f ON f.id = o.file_id `

func scanOpinion(row scanner) (*consultation.Opinion, error) {
	var o consultation.Opinion
	var stance, channel, received, hidden string
	var hiddenAt sql.NullTime
	err := row.Scan(&o.ID, &o.ConsultationID, &o.Section, &stance, &o.Text, &channel, &o.Author, &o.CitizenID, &o.PersonID,
		&o.AuthorName, &o.ShowName, &o.Organisation, &o.VillageID, &o.VillageName, &o.Sex, &o.AgeBand, &received, &o.SourceNote,
		&o.FileID, &o.FileName, &o.Version, &o.GroupID, &hidden, &o.HiddenBy, &hiddenAt, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return nil, err
	}
	o.Stance, o.Channel, o.Hidden = consultation.Stance(stance), consultation.Form(channel), consultation.HideReason(hidden)
	o.ReceivedOn, o.HiddenAt = parseDate(received), hiddenAt.Time
	return &o, nil
}

func opinionObject(id int64) string { return fmt.Sprintf("opinion:%d", id) }

func notFoundOpinion(id int64) error {
	return coso.Errorf(coso.ENotFound, "opinion", "Không tìm thấy ý kiến số %d.", "No opinion %d.", id)
}

// Commenter is who comments on the portal: a citizen account (confirmed
// as a person or not) or a person the identity provider verified.
type Commenter struct {
	CitizenID int64
	PersonID  int64
}

// Author is the key that makes one comment per section per commenter.
func (c Commenter) Author() string { return consultation.AuthorKey(c.CitizenID, c.PersonID) }

// Opinion returns one opinion.
func (s *Store) Opinion(ctx context.Context, id int64) (*consultation.Opinion, error) {
	o, err := scanOpinion(s.r.QueryRowContext(ctx, "SELECT "+opinionColumns+opinionFrom+"WHERE o.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, notFoundOpinion(id)
	}
	return o, err
}

// OpinionFilter selects opinions of a consultation.
type OpinionFilter struct {
	Section int    // -1: every section; 0: the draft as a whole; n: section n
	Author  string // "": anyone
	Limit   int    // 0: no limit
}

// AllSections is the Section of an OpinionFilter that selects every one.
const AllSections = -1

// Opinions lists the opinions of a consultation in the order they came,
// hidden ones included (the caller decides what to show of them).
func (s *Store) Opinions(ctx context.Context, consultationID int64, f OpinionFilter) ([]*consultation.Opinion, error) {
	q := "SELECT " + opinionColumns + opinionFrom + "WHERE o.consultation_id = $1"
	args := []any{consultationID}
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.Section >= 0 {
		q += " AND o.section = " + arg(f.Section)
	}
	if f.Author != "" {
		q += " AND o.author = " + arg(f.Author)
	}
	q += " ORDER BY o.id"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit) // #nosec G202 -- a $n placeholder; the value goes in args
	}
	return queryAll(ctx, s.r, scanOpinion, q, args...)
}

// OpinionVersions lists the texts an opinion had, oldest first.
func (s *Store) OpinionVersions(ctx context.Context, id int64) ([]consultation.OpinionVersion, error) {
	return queryAll(ctx, s.r, func(r scanner) (consultation.OpinionVersion, error) {
		var v consultation.OpinionVersion
		var stance string
		err := r.Scan(&v.N, &stance, &v.Text, &v.CreatedAt)
		v.Stance = consultation.Stance(stance)
		return v, err
	}, "SELECT version, stance, body, created_at FROM opinion_versions WHERE opinion_id = $1 ORDER BY version", id)
}

// partitionOf is the commune and province of a consultation.
func (tx *Tx) partitionOf(consultationID int64) (commune, province int64, err error) {
	err = tx.QueryRow("SELECT commune_id, province_id FROM consultations WHERE id = $1", consultationID).Scan(&commune, &province)
	return commune, province, err
}

// describePerson fills what an opinion keeps of its author as it was
// when it came in: the village, sex and age band.
func (tx *Tx) describePerson(o *consultation.Opinion, on time.Time) error {
	if o.PersonID == 0 {
		return nil
	}
	var born, sex string
	err := tx.QueryRow("SELECT village_id, sex, COALESCE(birth_date, '') FROM persons WHERE id = $1", o.PersonID).Scan(&o.VillageID, &sex, &born)
	if err != nil {
		return err
	}
	o.Sex, o.AgeBand = sex, consultation.AgeBand(parseDate(born), on)
	return nil
}

// PostComment records a citizen's comment on the portal while the
// consultation takes opinions. On PostgreSQL the consultation's row is
// read with a share lock, so a comment never slips in after the close:
// the close waits for comments being written, and comments wait for it.
func (s *Store) PostComment(ctx context.Context, consultationID int64, who Commenter, o *consultation.Opinion) error {
	today := s.today()
	return s.write(ctx, func(tx *Tx) error {
		c, err := tx.consultation(consultationID, tx.shareLockOf("c"))
		if err != nil {
			return err
		}
		if !c.Accepting(today) {
			return c.ErrNotAccepting()
		}
		o.ConsultationID, o.Channel, o.Author = consultationID, consultation.Portal, who.Author()
		o.CitizenID, o.PersonID, o.ReceivedOn, o.Version = who.CitizenID, who.PersonID, today, 1
		if err := o.Validate(c); err != nil {
			return err
		}
		var existing int64
		err = tx.QueryRow("SELECT id FROM opinions WHERE consultation_id = $1 AND section = $2 AND author = $3",
			consultationID, o.Section, o.Author).Scan(&existing)
		if err == nil {
			return consultation.ErrAlreadyCommented()
		}
		if err != sql.ErrNoRows {
			return err
		}
		if err := tx.describePerson(o, today); err != nil {
			return err
		}
		if err := tx.insertOpinion(o); err != nil {
			if isUnique(err) {
				return consultation.ErrAlreadyCommented()
			}
			return err
		}
		return tx.Audit(c.UnitID, "opinion.post", opinionObject(o.ID), fmt.Sprintf("consultation %d, section %d, %s", c.ID, o.Section, o.Stance))
	})
}

func (tx *Tx) insertOpinion(o *consultation.Opinion) error {
	commune, province, err := tx.partitionOf(o.ConsultationID)
	if err != nil {
		return err
	}
	now := tx.s.stamp()
	o.CreatedAt, o.UpdatedAt = now, now
	o.ID, err = tx.Insert(`INSERT INTO opinions (consultation_id, commune_id, province_id, section, stance, body, folded, channel, author,
		citizen_id, person_id, show_name, organisation, village_id, sex, age_band, received_on, source_note, file_id, version,
		entered_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22)`,
		o.ConsultationID, commune, province, o.Section, string(o.Stance), o.Text, viet.Fold(o.Text), string(o.Channel), o.Author,
		nullID(o.CitizenID), nullID(o.PersonID), o.ShowName, o.Organisation, nullID(o.VillageID), o.Sex, o.AgeBand,
		formatDate(o.ReceivedOn), o.SourceNote, nullID(o.FileID), o.Version, nullEnteredBy(tx.ctx, o), now)
	if err != nil {
		return err
	}
	_, err = tx.Exec("INSERT INTO opinion_versions (opinion_id, version, section, stance, body, created_at) VALUES ($1, 1, $2, $3, $4, $5)",
		o.ID, o.Section, string(o.Stance), o.Text, now)
	return err
}

// nullEnteredBy is the official who entered an offline opinion.
func nullEnteredBy(ctx context.Context, o *consultation.Opinion) any {
	if o.Author != "" {
		return nil
	}
	return nullID(coso.ActorFrom(ctx).UserID)
}

// EditComment changes the stance and text of the commenter's own comment
// (and whether it is signed with their name) while the consultation takes
// opinions; the earlier text stays as a version.
func (s *Store) EditComment(ctx context.Context, opinionID int64, who Commenter, stance consultation.Stance, text string, showName bool) (*consultation.Opinion, error) {
	today := s.today()
	err := s.write(ctx, func(tx *Tx) error {
		o, err := scanOpinion(tx.QueryRow("SELECT "+opinionColumns+opinionFrom+"WHERE o.id = $1", opinionID))
		if err == sql.ErrNoRows || err == nil && o.Author != who.Author() {
			return notFoundOpinion(opinionID) // another's comment is not the caller's to edit
		}
		if err != nil {
			return err
		}
		c, err := tx.consultation(o.ConsultationID, tx.shareLockOf("c"))
		if err != nil {
			return err
		}
		if !c.Accepting(today) {
			return c.ErrNotAccepting()
		}
		o.Stance, o.Text, o.ShowName = stance, text, showName
		if err := o.Validate(c); err != nil {
			return err
		}
		now := s.stamp()
		if _, err := tx.Exec(`UPDATE opinions SET stance = $1, body = $2, folded = $3, show_name = $4, version = version + 1, updated_at = $5
			WHERE id = $6`, string(o.Stance), o.Text, viet.Fold(o.Text), o.ShowName, now, o.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO opinion_versions (opinion_id, version, section, stance, body, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, o.ID, o.Version+1, o.Section, string(o.Stance), o.Text, now); err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "opinion.edit", opinionObject(o.ID), fmt.Sprintf("version %d, %s", o.Version+1, o.Stance))
	})
	if err != nil {
		return nil, err
	}
	return s.Opinion(ctx, opinionID)
}

// EnterOpinion records an opinion an officer received offline (meeting
// minutes, an opinion sheet, the suggestion box, the hotline) or an
// organisation's formal opinion, with its scan or letter. The file's
// type is found from its content; its bytes are kept under their SHA-256.
func (s *Store) EnterOpinion(ctx context.Context, consultationID int64, o *consultation.Opinion, file *Upload) error {
	today := s.today()
	var fileRow *consultationFile
	if file != nil && len(file.Data) > 0 {
		var err error
		if fileRow, err = s.prepareFile(file); err != nil {
			return err
		}
	}
	return s.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(consultationID)
		if err != nil {
			return err
		}
		if err := c.CheckOfflineEntry(); err != nil {
			return err
		}
		o.ConsultationID, o.Author, o.CitizenID, o.PersonID, o.Version = consultationID, "", 0, 0, 1
		if err := o.ValidateOffline(c, today, fileRow != nil); err != nil {
			return err
		}
		if o.VillageID != 0 {
			if err := tx.checkVillages(c.UnitID, []int64{o.VillageID}); err != nil {
				return err
			}
		}
		if fileRow != nil {
			if o.FileID, err = tx.insertFile(consultationID, fileRow); err != nil {
				return err
			}
		}
		if err := tx.insertOpinion(o); err != nil {
			return err
		}
		if c.Status == consultation.Closed {
			if err := tx.joinGroup(c, o); err != nil {
				return err
			}
		}
		return tx.Audit(c.UnitID, "opinion.enter", opinionObject(o.ID), fmt.Sprintf("consultation %d, section %d, %s, %s", c.ID, o.Section, o.Channel, o.Stance))
	})
}

// consultationFile is a file checked and saved, waiting for its row.
type consultationFile struct {
	name, typ, sum string
	size           int64
}

func (s *Store) prepareFile(u *Upload) (*consultationFile, error) {
	if len(u.Data) > disclosure.MaxFileSize {
		return nil, coso.Invalid("file", "Tệp quá lớn (tối đa %d MB).", "The file is too large (at most %d MB).", disclosure.MaxFileSize>>20)
	}
	typ, err := disclosure.Sniff(u.Name, u.Data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(u.Data)
	f := &consultationFile{name: disclosure.CleanName(u.Name, typ), typ: typ, sum: hex.EncodeToString(sum[:]), size: int64(len(u.Data))}
	// Files of every part share one folder of blobs named by their hash.
	return f, s.saveBlob(f.sum, u.Data)
}

func (tx *Tx) insertFile(consultationID int64, f *consultationFile) (int64, error) {
	return tx.Insert(`INSERT INTO consultation_files (consultation_id, name, content_type, size, sha256, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, consultationID, f.name, f.typ, f.size, f.sum, tx.s.stamp())
}

// ConsultationFile describes a stored letter or scan.
type ConsultationFile struct {
	ID   int64
	Name string
	Type string
	Size int64
}

// OpenConsultationFile returns file fileID of a consultation and opens its
// bytes; the caller closes them.
func (s *Store) OpenConsultationFile(ctx context.Context, consultationID, fileID int64) (*ConsultationFile, *os.File, error) {
	var f ConsultationFile
	var sum string
	err := s.r.QueryRowContext(ctx, "SELECT id, name, content_type, size, sha256 FROM consultation_files WHERE id = $1 AND consultation_id = $2",
		fileID, consultationID).Scan(&f.ID, &f.Name, &f.Type, &f.Size, &sum)
	if err == sql.ErrNoRows {
		return nil, nil, coso.NotFound(fmt.Sprintf("file %d", fileID))
	}
	if err != nil {
		return nil, nil, err
	}
	r, err := os.Open(s.blobPath(sum))
	if err != nil {
		return nil, nil, fmt.Errorf("consultation file %d: %w", f.ID, err)
	}
	return &f, r, nil
}

// HideOpinion hides an opinion for a reason from the fixed list. It stays
// counted, its text stays for supervisors, and the audit trail says who
// hid it and why. An opinion already grouped leaves its group: the
// authority does not answer abuse or spam.
func (s *Store) HideOpinion(ctx context.Context, opinionID int64, reason consultation.HideReason) error {
	if _, err := consultation.ParseHideReason(string(reason)); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		var cid int64
		var hidden string
		err := tx.QueryRow("SELECT consultation_id, hidden_reason FROM opinions WHERE id = $1", opinionID).Scan(&cid, &hidden)
		if err == sql.ErrNoRows {
			return notFoundOpinion(opinionID)
		}
		if err != nil {
			return err
		}
		c, err := tx.lockConsultation(cid)
		if err != nil {
			return err
		}
		if err := c.CheckHide(); err != nil {
			return err
		}
		if hidden != "" {
			return coso.Errorf(coso.EConflict, "reason", "Ý kiến này đã bị ẩn.", "This opinion is already hidden.")
		}
		if _, err := tx.Exec("UPDATE opinions SET hidden_reason = $1, hidden_by = $2, hidden_at = $3, updated_at = $3 WHERE id = $4",
			string(reason), coso.ActorFrom(ctx).Username, s.stamp(), opinionID); err != nil {
			return err
		}
		if err := tx.leaveGroup(opinionID); err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "opinion.hide", opinionObject(opinionID), "consultation "+fmt.Sprint(cid)+", "+string(reason))
	})
}
