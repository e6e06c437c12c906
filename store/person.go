package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"coso"
	"coso/household"
	"coso/viet"
)

const personColumns = `p.id, p.full_name, COALESCE(p.birth_date, ''), p.sex, COALESCE(p.citizen_id, ''),
	COALESCE(p.phone, ''), p.created_at, p.updated_at`

func scanPerson(row scanner, extra ...any) (*household.Person, error) {
	var p household.Person
	var born string
	dest := append([]any{&p.ID, &p.FullName, &born, &p.Sex, &p.CitizenID, &p.Phone, &p.CreatedAt, &p.UpdatedAt}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	p.BirthDate = parseDate(born)
	return &p, nil
}

func notFoundPerson(what string) error {
	return coso.Errorf(coso.ENotFound, "person", "Không tìm thấy người: %s.", "No such person: %s.", what)
}

// Person returns the person with the given id.
func (s *Store) Person(ctx context.Context, id int64) (*household.Person, error) {
	p, err := scanPerson(s.r.QueryRowContext(ctx, "SELECT "+personColumns+" FROM persons p WHERE p.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, notFoundPerson(fmt.Sprint(id))
	}
	return p, err
}

// PersonByCitizenID returns the person with the given citizen ID number.
func (s *Store) PersonByCitizenID(ctx context.Context, citizenID string) (*household.Person, error) {
	id := strings.Join(strings.Fields(citizenID), "")
	p, err := scanPerson(s.r.QueryRowContext(ctx, "SELECT "+personColumns+" FROM persons p WHERE p.citizen_id = $1", id))
	if err == sql.ErrNoRows {
		return nil, notFoundPerson("citizen ID")
	}
	return p, err
}

// PersonsByPhone returns the persons who gave this phone number, written
// in any usual way. Members of a family sometimes give one phone.
func (s *Store) PersonsByPhone(ctx context.Context, phone string) ([]*household.Person, error) {
	n, err := viet.NormalizePhone(phone)
	if err != nil {
		return nil, err
	}
	return s.persons(ctx, "SELECT "+personColumns+" FROM persons p WHERE p.phone = $1 ORDER BY p.id", n)
}

// PersonByPhone returns the one person with this phone number: not found
// when nobody has it, a conflict when several persons share it.
func (s *Store) PersonByPhone(ctx context.Context, phone string) (*household.Person, error) {
	ps, err := s.PersonsByPhone(ctx, phone)
	switch {
	case err != nil:
		return nil, err
	case len(ps) == 0:
		return nil, notFoundPerson("phone")
	case len(ps) > 1:
		return nil, coso.Errorf(coso.EConflict, "phone", "Nhiều người cùng ghi số điện thoại này.", "Several persons gave this phone number.")
	}
	return ps[0], nil
}

// PersonFilter selects persons for a list.
type PersonFilter struct {
	VillageID  int64  // 0: any village
	CommuneID  int64  // 0: any commune
	ProvinceID int64  // 0: any province
	Query      string // accent-insensitive words to match in the full name
	Limit      int    // 0: no limit
	AfterID    int64  // cursor: only persons with id > AfterID
}

// Persons lists persons matching f in order of id, by where they live now
// (or lived last, for a person who left every household).
func (s *Store) Persons(ctx context.Context, f PersonFilter) ([]*household.Person, error) {
	q := "SELECT " + personColumns + " FROM persons p WHERE 1=1"
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.VillageID != 0 {
		q += " AND p.village_id = " + arg(f.VillageID)
	}
	if f.CommuneID != 0 {
		q += " AND p.commune_id = " + arg(f.CommuneID)
	}
	if f.ProvinceID != 0 {
		q += " AND p.province_id = " + arg(f.ProvinceID)
	}
	for _, w := range words(f.Query) {
		q += " AND p.name_folded LIKE " + arg("%"+w+"%")
	}
	if f.AfterID > 0 {
		q += " AND p.id > " + arg(f.AfterID)
	}
	q += " ORDER BY p.id"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit)
	}
	return s.persons(ctx, q, args...)
}

func (s *Store) persons(ctx context.Context, q string, args ...any) ([]*household.Person, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*household.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// UpdatePerson changes a person's name, birth date, sex, citizen ID or
// phone. A person who represents a household must stay an adult.
func (s *Store) UpdatePerson(ctx context.Context, p *household.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		changed, err := tx.updatePerson(p, s.now())
		if err != nil || !changed {
			return err
		}
		var village int64
		var repOf sql.NullInt64
		err = tx.QueryRow(`SELECT p.village_id, (SELECT MIN(h.id) FROM households h WHERE h.representative_id = p.id)
			FROM persons p WHERE p.id = $1`, p.ID).Scan(&village, &repOf)
		if err != nil {
			return err
		}
		if repOf.Valid {
			if err := household.CheckRepresentative(p, s.now()); err != nil {
				return err
			}
		}
		return tx.Audit(village, "person.update", fmt.Sprintf("person:%d", p.ID), "")
	})
}

// updatePerson writes p's fields over the stored person with p.ID and
// reports whether anything changed.
func (tx *Tx) updatePerson(p *household.Person, now time.Time) (bool, error) {
	old, err := scanPerson(tx.QueryRow("SELECT "+personColumns+" FROM persons p WHERE p.id = $1", p.ID))
	if err == sql.ErrNoRows {
		return false, notFoundPerson(fmt.Sprint(p.ID))
	}
	if err != nil {
		return false, err
	}
	if samePersonFields(old, p) {
		*p = *old
		return false, nil
	}
	if err := tx.checkCitizenIDFree(p.CitizenID, p.ID); err != nil {
		return false, err
	}
	p.CreatedAt, p.UpdatedAt = old.CreatedAt, now
	_, err = tx.Exec(`UPDATE persons SET full_name = $1, name_folded = $2, birth_date = $3, sex = $4, citizen_id = $5,
		phone = $6, updated_at = $7 WHERE id = $8`,
		p.FullName, viet.Fold(p.FullName), nullDate(p.BirthDate), string(p.Sex), nullString(p.CitizenID), nullString(p.Phone), now, p.ID)
	return true, err
}

func samePersonFields(a, b *household.Person) bool {
	return a.FullName == b.FullName && formatDate(a.BirthDate) == formatDate(b.BirthDate) && a.Sex == b.Sex &&
		a.CitizenID == b.CitizenID && a.Phone == b.Phone
}

// checkCitizenIDFree refuses a citizen ID that another person holds.
func (tx *Tx) checkCitizenIDFree(citizenID string, self int64) error {
	if citizenID == "" {
		return nil
	}
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM persons WHERE citizen_id = $1 AND id <> $2", citizenID, self).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return coso.Errorf(coso.EConflict, "citizen_id", "Số định danh này đã thuộc về một người khác.", "Another person already has this citizen ID.")
	}
	return nil
}

// insertPerson stores a new person living in the village k.
func (tx *Tx) insertPerson(p *household.Person, k villageKeys, now time.Time) error {
	if err := tx.checkCitizenIDFree(p.CitizenID, 0); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = now, now
	var err error
	p.ID, err = tx.Insert(`INSERT INTO persons (full_name, name_folded, birth_date, sex, citizen_id, phone,
		village_id, commune_id, province_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		p.FullName, viet.Fold(p.FullName), nullDate(p.BirthDate), string(p.Sex), nullString(p.CitizenID), nullString(p.Phone),
		k.id, k.commune, k.province, now, now)
	return err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
