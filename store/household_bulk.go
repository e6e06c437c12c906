package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"coso"
	"coso/household"
	"coso/viet"
)

// AddNewHouseholds stores the households of a village that has none yet,
// in one transaction, with rows inserted many to a statement: the path of
// `coso gen`, which loads a province of a million households. It stores
// exactly what ImportHouseholds would for the same families (a test
// compares them) but skips its per-row look-ups for records that may
// already exist, as none can: the village is refused unless it is empty,
// and the database's unique indexes still refuse a citizen ID given twice.
// One audit line covers the village.
func (s *Store) AddNewHouseholds(ctx context.Context, villageCode string, hs []household.Household) (persons int, err error) {
	err = s.write(ctx, func(tx *Tx) error {
		now := s.now()
		k, err := tx.village(0, villageCode)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow("SELECT COUNT(*) FROM households WHERE village_id = $1", k.id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return coso.Errorf(coso.EConflict, "village", "Thôn %s đã có hộ.", "Village %s already has households.", k.code)
		}
		b, err := tx.newBulk(k, now)
		if err != nil {
			return err
		}
		for i := range hs {
			if err := b.add(&hs[i]); err != nil {
				return fmt.Errorf("household %s: %w", hs[i].Code, err)
			}
		}
		if err := b.flush(); err != nil {
			return err
		}
		persons = b.persons
		return tx.Audit(k.id, "household.import", "village:"+k.code,
			fmt.Sprintf("generated: households created %d, persons created %d", len(hs), b.persons))
	})
	return persons, err
}

// bulk collects the rows of new households with ids it assigns itself.
type bulk struct {
	tx                                *Tx
	k                                 villageKeys
	now                               time.Time
	nextHousehold, nextPerson         int64
	households, people, members, reps [][]any
	persons                           int
}

func (tx *Tx) newBulk(k villageKeys, now time.Time) (*bulk, error) {
	b := &bulk{tx: tx, k: k, now: now}
	for _, t := range []struct {
		table string
		next  *int64
	}{{"households", &b.nextHousehold}, {"persons", &b.nextPerson}} {
		// #nosec G202 -- the table name is one of two constants
		if err := tx.QueryRow("SELECT COALESCE(MAX(id), 0) + 1 FROM " + t.table).Scan(t.next); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (b *bulk) add(h *household.Household) error {
	k, now := b.k, b.now
	hid := b.nextHousehold
	b.nextHousehold++
	var rep int64
	var repSince time.Time
	for i := range h.Members {
		m := &h.Members[i]
		if err := m.Validate(); err != nil {
			return err
		}
		since, err := changeDate(m.Since, now)
		if err != nil {
			return err
		}
		pid := b.nextPerson
		b.nextPerson++
		p := &m.Person
		b.people = append(b.people, []any{pid, p.FullName, viet.Fold(p.FullName), nullDate(p.BirthDate), string(p.Sex),
			nullString(p.CitizenID), nullString(p.Phone), k.id, k.commune, k.province, now, now})
		b.members = append(b.members, []any{hid, pid, m.Relation, formatDate(since), viet.NFC(importReason), k.commune, k.province, now, now})
		if m.Representative {
			if err := household.CheckRepresentative(p, since); err != nil {
				return err
			}
			rep, repSince = pid, since
		}
	}
	if rep == 0 {
		return coso.Invalid("representative", "Hộ cần một người đại diện.", "A household needs a representative.")
	}
	b.households = append(b.households, []any{hid, h.Code, viet.Fold(h.Code), k.id, k.commune, k.province, h.Address, rep, now, now})
	b.reps = append(b.reps, []any{hid, rep, formatDate(repSince), viet.NFC(importReason), k.commune, k.province, now})
	b.persons += len(h.Members)
	return nil
}

// flush inserts everything, persons first (the households name their
// representatives), then the households, memberships and representatives.
func (b *bulk) flush() error {
	steps := []struct {
		table, columns string
		rows           [][]any
	}{
		{"persons", "id, full_name, name_folded, birth_date, sex, citizen_id, phone, village_id, commune_id, province_id, created_at, updated_at", b.people},
		{"households", "id, code, code_folded, village_id, commune_id, province_id, address, representative_id, created_at, updated_at", b.households},
		{"household_members", "household_id, person_id, relation, since_date, join_reason, commune_id, province_id, created_at, updated_at", b.members},
		{"household_representatives", "household_id, person_id, from_date, reason, commune_id, province_id, created_at", b.reps},
	}
	for _, st := range steps {
		if err := b.tx.insertMany(st.table, st.columns, st.rows); err != nil {
			return fmt.Errorf("%s: %w", st.table, err)
		}
	}
	if b.tx.s.dialect == Postgres {
		// Ids were given explicitly: move the sequences past them.
		for _, t := range []string{"persons", "households"} {
			// #nosec G202 -- the table name is one of two constants
			if _, err := b.tx.Exec("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), (SELECT MAX(id) FROM " + t + "))"); err != nil {
				return err
			}
		}
	}
	return nil
}

// insertMany inserts rows into table, several to a statement. SQLite (and
// the driver, binding) look each $N parameter up in a list, so a
// statement's cost grows with the square of its parameters: about 200 of
// them is the sweet spot (measured on two communes of the generator:
// 30,000 took 22.8 s, 1,000 took 5.3 s, 200 took 2.6 s, 100 took 2.5 s).
func (tx *Tx) insertMany(table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(rows[0])
	per := max(1, 200/width)
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(len(rows), start+per)]
		var q strings.Builder
		args := make([]any, 0, len(chunk)*width)
		// #nosec G202 -- table and columns are constants of flush; values go in args
		q.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
		for i, r := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteByte('(')
			for j := range r {
				if j > 0 {
					q.WriteString(", ")
				}
				fmt.Fprintf(&q, "$%d", len(args)+j+1)
			}
			q.WriteByte(')')
			args = append(args, r...)
		}
		if _, err := tx.Tx.ExecContext(tx.ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
