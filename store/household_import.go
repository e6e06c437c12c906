package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"coso"
	"coso/household"
)

// importReason is the reason recorded for changes an import makes.
const importReason = "import"

// ImportHouseholds creates and updates the households of rows in the
// village with the given code, in one transaction: all or nothing. Every
// problem is returned with its line. A household is matched by its code
// (it must be in this village); a person by citizen ID when the row has
// one, else by household, name (accents ignored) and birth date. Members
// missing from the rows are kept. A second import of the same rows changes
// nothing and counts everything unchanged.
func (s *Store) ImportHouseholds(ctx context.Context, villageCode string, rows []household.Row) (household.ImportResult, error) {
	var res household.ImportResult
	entries, err := household.GroupRows(rows)
	if err != nil {
		return res, err
	}
	err = s.write(ctx, func(tx *Tx) error {
		res = household.ImportResult{}
		now := s.now()
		k, err := tx.village(0, villageCode)
		if err != nil {
			return err
		}
		var errs coso.Errors
		for i := range entries {
			es, err := tx.importHousehold(k, &entries[i], now, &res)
			if err != nil {
				return err
			}
			errs = append(errs, es...)
		}
		if len(errs) > 0 {
			sortByLine(errs)
			return errs
		}
		if !res.Changed() {
			return nil
		}
		return tx.Audit(k.id, "household.import", "village:"+k.code, fmt.Sprintf("households created %d, updated %d, unchanged %d; persons created %d, updated %d, unchanged %d",
			res.Households.Created, res.Households.Updated, res.Households.Unchanged, res.Persons.Created, res.Persons.Updated, res.Persons.Unchanged))
	})
	if err != nil {
		return household.ImportResult{}, err
	}
	return res, nil
}

// importHousehold imports one household. Problems people can fix come back
// as line errors; the error result is for failures of the store itself.
func (tx *Tx) importHousehold(k villageKeys, e *household.Entry, now time.Time, res *household.ImportResult) (coso.Errors, error) {
	h := &e.Household
	errs := linesOf(h.Validate(), e.Line)
	rep := -1
	for i := range h.Members {
		errs = append(errs, linesOf(h.Members[i].Validate(), e.Lines[i])...)
		if h.Members[i].Representative {
			rep = i
		}
	}
	if len(errs) > 0 {
		return errs, nil
	}
	if err := household.CheckRepresentative(&h.Members[rep].Person, now); err != nil {
		return linesOf(err, e.Lines[rep]), nil
	}
	var id int64
	err := tx.QueryRow("SELECT id FROM households WHERE code = $1", h.Code).Scan(&id)
	if err == sql.ErrNoRows {
		return tx.importNew(k, e, now, res)
	}
	if err != nil {
		return nil, err
	}
	old, err := tx.lockHousehold(id, now)
	if err != nil {
		return fileError(err, e.Line)
	}
	if old.VillageID != k.id {
		return linesOf(coso.Invalid("household_code", "Hộ %s đang ở thôn %s: hãy chuyển hộ trước khi nhập.",
			"Household %s is in village %s: move it before importing.", old.Code, old.VillageCode), e.Line), nil
	}
	return tx.importExisting(k, old, e, now, res)
}

// importNew creates a household; persons already stored (by citizen ID)
// who belong to no household join it with the file's details.
func (tx *Tx) importNew(k villageKeys, e *household.Entry, now time.Time, res *household.ImportResult) (coso.Errors, error) {
	h := &e.Household
	var errs coso.Errors
	for i := range h.Members {
		m := &h.Members[i]
		stored, code, err := tx.personByCitizenID(m.Person.CitizenID)
		switch {
		case err != nil:
			return nil, err
		case stored == nil:
			res.Persons.Created++
		case code != "":
			errs = append(errs, inOtherHousehold(code, e.Lines[i]))
		default:
			p := mergePerson(stored, &m.Person)
			es, err := tx.importPerson(&p, e.Lines[i], now, res)
			if err != nil {
				return nil, err
			}
			errs = append(errs, es...)
			m.Person = p
		}
	}
	if len(errs) > 0 {
		return errs, nil
	}
	if err := tx.createHousehold(h, k, importReason, now); err != nil {
		return fileError(err, e.Line)
	}
	res.Households.Created++
	return nil, tx.Audit(k.id, "household.create", householdObject(h), fmt.Sprintf("import; members %d, representative person:%d", len(h.Members), h.RepresentativeID))
}

// importExisting brings a stored household in line with the file: its
// address when given, its members' details and relations, new members, and
// the representative.
func (tx *Tx) importExisting(k villageKeys, old *household.Household, e *household.Entry, now time.Time, res *household.ImportResult) (coso.Errors, error) {
	h := &e.Household
	rows, err := tx.Query("SELECT "+memberColumns+memberFrom+"WHERE m.household_id = $1 AND m.until_date IS NULL ORDER BY m.id", old.ID)
	if err != nil {
		return nil, err
	}
	current, err := scanMembers(rows)
	if err != nil {
		return nil, err
	}
	changed := false
	if h.Address != "" && h.Address != old.Address {
		if _, err := tx.Exec("UPDATE households SET address = $1, updated_at = $2 WHERE id = $3", h.Address, now, old.ID); err != nil {
			return nil, err
		}
		changed = true
	}
	var errs coso.Errors
	matched := map[int64]bool{}
	repID := int64(0)
	for i := range h.Members {
		m, line := &h.Members[i], e.Lines[i]
		cur, stored, lineErr, err := tx.matchMember(old, current, matched, &m.Person, line)
		if err != nil {
			return nil, err
		}
		if lineErr != nil {
			errs = append(errs, lineErr)
			continue
		}
		switch {
		case cur != nil:
			matched[cur.Person.ID] = true
			p := mergePerson(&cur.Person, &m.Person)
			es, err := tx.importPerson(&p, line, now, res)
			if err != nil {
				return nil, err
			}
			errs = append(errs, es...)
			if cur.Relation != m.Relation {
				if _, err := tx.Exec("UPDATE household_members SET relation = $1, updated_at = $2 WHERE household_id = $3 AND person_id = $4 AND until_date IS NULL",
					m.Relation, now, old.ID, p.ID); err != nil {
					return nil, err
				}
				changed = true
			}
			m.Person = p
		case stored != nil:
			p := mergePerson(stored, &m.Person)
			es, err := tx.importPerson(&p, line, now, res)
			if err != nil {
				return nil, err
			}
			errs = append(errs, es...)
			m.Person = p
			fallthrough
		default:
			if m.Person.ID == 0 {
				res.Persons.Created++
			}
			m.Since = today(now)
			if err := tx.joinHousehold(old, k, m, importReason, now); err != nil {
				es, err := fileError(err, line)
				if err != nil {
					return nil, err
				}
				errs = append(errs, es...)
			}
			changed = true
		}
		if m.Representative {
			repID = m.Person.ID
		}
	}
	if len(errs) > 0 {
		return errs, nil
	}
	if repID != old.RepresentativeID {
		for i := range h.Members {
			if h.Members[i].Person.ID == repID {
				if err := tx.setRepresentative(old, &h.Members[i].Person, today(now), importReason, now); err != nil {
					return fileError(err, e.Lines[i])
				}
			}
		}
		changed = true
	}
	if !changed {
		res.Households.Unchanged++
		return nil, nil
	}
	res.Households.Updated++
	return nil, tx.Audit(k.id, "household.update", householdObject(old), "import")
}

// matchMember finds the stored person a row describes: by citizen ID, a
// current member (cur) or a person in no household (stored); else a current
// member not yet matched with the same name and birth date. Neither means a
// new person.
func (tx *Tx) matchMember(h *household.Household, current []household.Member, matched map[int64]bool, p *household.Person, line int) (cur *household.Member, stored *household.Person, lineErr *coso.Error, err error) {
	if p.CitizenID != "" {
		found, code, err := tx.personByCitizenID(p.CitizenID)
		switch {
		case err != nil:
			return nil, nil, nil, err
		case found != nil && code == h.Code:
			for i := range current {
				if current[i].Person.ID == found.ID {
					return &current[i], nil, nil, nil
				}
			}
		case found != nil && code != "":
			return nil, nil, inOtherHousehold(code, line), nil
		case found != nil:
			return nil, found, nil, nil
		}
	}
	for i := range current {
		c := &current[i]
		if matched[c.Person.ID] || !household.SamePerson(&c.Person, p) {
			continue
		}
		if c.Person.CitizenID != "" && p.CitizenID != "" && c.Person.CitizenID != p.CitizenID {
			return nil, nil, &coso.Error{Code: coso.EInvalid, Field: "citizen_id", Line: line,
				VI: "Hộ đã có người cùng tên và ngày sinh với số định danh khác.",
				EN: "The household has a member with this name and birth date and another citizen ID."}, nil
		}
		return c, nil, nil, nil
	}
	return nil, nil, nil, nil
}

// importPerson writes the file's details over a stored person and counts it.
func (tx *Tx) importPerson(p *household.Person, line int, now time.Time, res *household.ImportResult) (coso.Errors, error) {
	if err := p.Validate(); err != nil {
		return linesOf(err, line), nil
	}
	changed, err := tx.updatePerson(p, now)
	if err != nil {
		return fileError(err, line)
	}
	if changed {
		res.Persons.Updated++
	} else {
		res.Persons.Unchanged++
	}
	return nil, nil
}

// mergePerson is the stored person with the file's details; an empty
// citizen ID or phone in the file keeps the stored one.
func mergePerson(stored, file *household.Person) household.Person {
	p := *stored
	p.FullName, p.BirthDate, p.Sex = file.FullName, file.BirthDate, file.Sex
	if file.CitizenID != "" {
		p.CitizenID = file.CitizenID
	}
	if file.Phone != "" {
		p.Phone = file.Phone
	}
	return p
}

// personByCitizenID returns the person holding a citizen ID, and the code
// of their current household ("" if none); nil when nobody holds it.
func (tx *Tx) personByCitizenID(citizenID string) (*household.Person, string, error) {
	if citizenID == "" {
		return nil, "", nil
	}
	var code string
	p, err := scanPerson(tx.QueryRow("SELECT "+personColumns+`, COALESCE((SELECT h.code FROM household_members m
		JOIN households h ON h.id = m.household_id WHERE m.person_id = p.id AND m.until_date IS NULL), '')
		FROM persons p WHERE p.citizen_id = $1`, citizenID), &code)
	if err == sql.ErrNoRows {
		return nil, "", nil
	}
	return p, code, err
}

func inOtherHousehold(code string, line int) *coso.Error {
	return &coso.Error{Code: coso.EInvalid, Field: "citizen_id", Line: line,
		VI: fmt.Sprintf("Người có số định danh này đang ở hộ %s: hãy chuyển hộ trước khi nhập.", code),
		EN: fmt.Sprintf("The person with this citizen ID is a member of household %s: move them before importing.", code)}
}

// linesOf stamps a line on each error of err (one or several).
func linesOf(err error, line int) coso.Errors {
	if err == nil {
		return nil
	}
	var es coso.Errors
	if errors.As(err, &es) {
		out := make(coso.Errors, len(es))
		for i, e := range es {
			out[i] = lineError(e, line)
		}
		return out
	}
	return coso.Errors{lineError(err, line)}
}

// fileError turns an error a person can fix into a line error and passes
// failures of the store through.
func fileError(err error, line int) (coso.Errors, error) {
	if coso.ErrorCode(err) == coso.EInternal {
		return nil, err
	}
	return linesOf(err, line), nil
}
