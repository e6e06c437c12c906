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

// NewVillage is a village that has no households yet and the families to
// store in it.
type NewVillage struct {
	Code       string
	Households []household.Household
}

// AddNewHouseholds stores the households of villages that have none yet,
// all in one transaction, with rows inserted many to a statement: the path
// of `coso gen`, which loads a province of a million households a commune
// at a time (a transaction per village wrote the same index pages to the
// WAL again for every village). It stores exactly what ImportHouseholds
// would for the same families (a test compares them) but skips its per-row
// look-ups for records that may already exist, as none can: a village is
// refused unless it is empty, and the database's unique indexes still
// refuse a citizen ID given twice. One audit line covers each village.
func (s *Store) AddNewHouseholds(ctx context.Context, villages ...NewVillage) (persons int, err error) {
	err = s.write(ctx, func(tx *Tx) error {
		persons = 0
		now := s.now()
		var b *bulk
		for _, v := range villages {
			k, err := tx.village(0, v.Code)
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
			if b == nil {
				if b, err = tx.newBulk(now); err != nil {
					return err
				}
			}
			before := b.persons
			for i := range v.Households {
				if err := b.add(k, &v.Households[i]); err != nil {
					return fmt.Errorf("household %s: %w", v.Households[i].Code, err)
				}
			}
			if err := tx.Audit(k.id, "household.import", "village:"+k.code,
				fmt.Sprintf("generated: households created %d, persons created %d", len(v.Households), b.persons-before)); err != nil {
				return err
			}
		}
		if b == nil {
			return nil
		}
		persons = b.persons
		return b.flush()
	})
	return persons, err
}

// bulk collects the rows of new households with ids it assigns itself.
type bulk struct {
	tx                                *Tx
	now                               time.Time
	nextHousehold, nextPerson         int64
	households, people, members, reps [][]any
	persons                           int
}

func (tx *Tx) newBulk(now time.Time) (*bulk, error) {
	b := &bulk{tx: tx, now: now}
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

func (b *bulk) add(k villageKeys, h *household.Household) error {
	now := b.now
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

// insertMany inserts rows into table, many to a statement, each statement
// prepared once. On SQLite the parameters are positional (?): SQLite and
// the driver look a numbered $N up in a list for every parameter, so with
// $N a statement's cost grew with the square of its parameters, and
// parsing a new statement for every chunk was a fifth of the generator's
// time (profiled on 20 communes).
func (tx *Tx) insertMany(table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(rows[0])
	per := max(1, bulkParams/width)
	var stmt *sql.Stmt
	defer func() {
		if stmt != nil {
			_ = stmt.Close() // closing a prepared statement frees it; nothing to report
		}
	}()
	args := make([]any, 0, per*width)
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(len(rows), start+per)]
		if stmt == nil || len(chunk) < per {
			if stmt != nil {
				_ = stmt.Close() // replaced by the shorter last chunk's statement
			}
			var err error
			if stmt, err = tx.Tx.PrepareContext(tx.ctx, tx.insertSQL(table, columns, len(chunk), width)); err != nil {
				return err
			}
		}
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := stmt.ExecContext(tx.ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// bulkParams is about how many parameters a bulk statement takes: more
// rows a statement means fewer statements to run, up to where building and
// binding the arguments dominates (measured on 20 communes of the
// generator).
const bulkParams = 1000

// insertSQL is the text of an insert of n rows of width values.
func (tx *Tx) insertSQL(table, columns string, n, width int) string {
	var q strings.Builder
	// #nosec G202 -- table and columns are constants of flush; values go in args
	q.WriteString("INSERT INTO " + table + " (" + columns + ") VALUES ")
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for j := range width {
			if j > 0 {
				q.WriteString(", ")
			}
			if tx.s.dialect == SQLite {
				q.WriteByte('?')
			} else {
				fmt.Fprintf(&q, "$%d", i*width+j+1)
			}
		}
		q.WriteByte(')')
	}
	return q.String()
}
