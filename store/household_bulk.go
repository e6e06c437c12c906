package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
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
		if len(villages) == 0 {
			return nil
		}
		keys := make([]villageKeys, len(villages))
		for i, v := range villages {
			k, err := tx.emptyVillage(v.Code)
			if err != nil {
				return err
			}
			keys[i] = k
		}
		b, err := tx.newBulk(s.now())
		if err != nil {
			return err
		}
		parts, err := b.build(keys, villages)
		if err != nil {
			return err
		}
		for i, p := range parts {
			b.append(p)
			if err := tx.Audit(keys[i].id, "household.import", "village:"+keys[i].code,
				fmt.Sprintf("generated: households created %d, persons created %d", len(villages[i].Households), p.persons)); err != nil {
				return err
			}
		}
		persons = b.persons
		return b.flush()
	})
	return persons, err
}

// emptyVillage returns the keys of a village that has no households yet.
func (tx *Tx) emptyVillage(code string) (villageKeys, error) {
	k, err := tx.village(0, code)
	if err != nil {
		return k, err
	}
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM households WHERE village_id = $1", k.id).Scan(&n); err != nil {
		return k, err
	}
	if n > 0 {
		return k, coso.Errorf(coso.EConflict, "village", "Thôn %s đã có hộ.", "Village %s already has households.", k.code)
	}
	return k, nil
}

// bulk collects the rows of new households with ids it assigns itself.
type bulk struct {
	tx                        *Tx
	now                       time.Time
	nextHousehold, nextPerson int64
	rows
}

// rows are the rows of some new households.
type rows struct {
	households, people, members, reps [][]any
	persons                           int
}

func (r *rows) append(o *rows) {
	r.households = append(r.households, o.households...)
	r.people = append(r.people, o.people...)
	r.members = append(r.members, o.members...)
	r.reps = append(r.reps, o.reps...)
	r.persons += o.persons
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

// build checks and folds each village's families into rows, the villages
// on all cores at once (it was a sixth of the generator's one writer's
// time): every village's ids are counted out before, so the rows are the
// same as one village after another would make.
func (b *bulk) build(keys []villageKeys, villages []NewVillage) ([]*rows, error) {
	parts := make([]*rows, len(villages))
	errs := make([]error, len(villages))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	hid, pid := b.nextHousehold, b.nextPerson
	for i, v := range villages {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, hid, pid int64) {
			defer func() { <-sem; wg.Done() }()
			parts[i], errs[i] = villageRows(keys[i], v.Households, b.now, hid, pid)
		}(i, hid, pid)
		hid += int64(len(v.Households))
		for _, h := range v.Households {
			pid += int64(len(h.Members))
		}
	}
	wg.Wait()
	b.nextHousehold, b.nextPerson = hid, pid
	return parts, errors.Join(errs...)
}

// villageRows makes the rows of a village's new households, numbering
// households from hid and persons from pid.
func villageRows(k villageKeys, hs []household.Household, now time.Time, hid, pid int64) (*rows, error) {
	r := &rows{}
	for i := range hs {
		h := &hs[i]
		n, err := r.add(k, h, now, hid, pid)
		if err != nil {
			return nil, fmt.Errorf("household %s: %w", h.Code, err)
		}
		hid++
		pid += int64(n)
	}
	return r, nil
}

// add adds the rows of one household, returning how many persons it has.
func (r *rows) add(k villageKeys, h *household.Household, now time.Time, hid, pid int64) (int, error) {
	var rep int64
	var repSince time.Time
	for i := range h.Members {
		m := &h.Members[i]
		if err := m.Validate(); err != nil {
			return 0, err
		}
		since, err := changeDate(m.Since, now)
		if err != nil {
			return 0, err
		}
		p := &m.Person
		r.people = append(r.people, []any{pid, p.FullName, viet.Fold(p.FullName), nullDate(p.BirthDate), string(p.Sex),
			nullString(p.CitizenID), nullString(p.Phone), k.id, k.commune, k.province, now, now})
		r.members = append(r.members, []any{hid, pid, m.Relation, formatDate(since), viet.NFC(importReason), k.commune, k.province, now, now})
		if m.Representative {
			if err := household.CheckRepresentative(p, since); err != nil {
				return 0, err
			}
			rep, repSince = pid, since
		}
		pid++
	}
	if rep == 0 {
		return 0, coso.Invalid("representative", "Hộ cần một người đại diện.", "A household needs a representative.")
	}
	r.households = append(r.households, []any{hid, h.Code, viet.Fold(h.Code), k.id, k.commune, k.province, h.Address, rep, now, now})
	r.reps = append(r.reps, []any{hid, rep, formatDate(repSince), viet.NFC(importReason), k.commune, k.province, now})
	r.persons += len(h.Members)
	return len(h.Members), nil
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

// insertMany inserts rows into table, many to a statement. On SQLite the
// parameters are positional (?): SQLite and the driver look a numbered $N
// up in a list for every parameter, so with $N a statement's cost grew
// with the square of its parameters. tx.Exec prepares each statement text
// once in the transaction (parsing a new statement for every chunk was a
// fifth of the generator's time, profiled on 20 communes).
func (tx *Tx) insertMany(table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(rows[0])
	per := max(1, bulkParams/width)
	full := tx.insertSQL(table, columns, per, width)
	args := make([]any, 0, per*width)
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(len(rows), start+per)]
		q := full
		if len(chunk) < per {
			q = tx.insertSQL(table, columns, len(chunk), width)
		}
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := tx.Exec(q, args...); err != nil {
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
