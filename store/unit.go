package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/place"
	"coso/viet"
)

const unitColumns = `u.id, u.code, u.name, u.kind, COALESCE(u.parent_id, 0), COALESCE(p.code, ''), u.remote,
	COALESCE(u.ended_on, ''), COALESCE(u.successor_id, 0), u.created_at, u.updated_at`

const unitFrom = ` FROM units u LEFT JOIN units p ON p.id = u.parent_id `

type scanner interface{ Scan(dest ...any) error }

func scanUnit(row scanner) (*place.Unit, error) {
	var u place.Unit
	var ended string
	err := row.Scan(&u.ID, &u.Code, &u.Name, &u.Kind, &u.ParentID, &u.ParentCode, &u.Remote,
		&ended, &u.SuccessorID, &u.CreatedAt, &u.UpdatedAt)
	if err != nil {
		return nil, err
	}
	u.EndedOn = parseDate(ended)
	return &u, nil
}

// Unit returns the unit with the given id.
func (s *Store) Unit(ctx context.Context, id int64) (*place.Unit, error) {
	u, err := scanUnit(s.r.QueryRowContext(ctx, "SELECT "+unitColumns+unitFrom+"WHERE u.id = $1", id))
	if err == sql.ErrNoRows {
		return nil, coso.NotFound(fmt.Sprintf("unit %d", id))
	}
	return u, err
}

// UnitByCode returns the unit with the given code.
func (s *Store) UnitByCode(ctx context.Context, code string) (*place.Unit, error) {
	u, err := scanUnit(s.r.QueryRowContext(ctx, "SELECT "+unitColumns+unitFrom+"WHERE u.code = $1", viet.NFC(code)))
	if err == sql.ErrNoRows {
		return nil, coso.Errorf(coso.ENotFound, "code", "Không có đơn vị mã %s.", "No unit has code %s.", code)
	}
	return u, err
}

// UnitFilter selects units for a list.
type UnitFilter struct {
	ParentID  int64        // 0: any parent
	TopLevel  bool         // only province-level units
	Kinds     []place.Kind // empty: any kind
	Query     string       // accent-insensitive words to match in the name
	WithEnded bool         // include merged and dissolved units
	Limit     int          // 0: no limit
	AfterID   int64        // cursor: only units with id > AfterID
}

// Units lists units matching f, in Vietnamese alphabetical order of name.
func (s *Store) Units(ctx context.Context, f UnitFilter) ([]*place.Unit, error) {
	q := "SELECT " + unitColumns + unitFrom + "WHERE 1=1"
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.ParentID != 0 {
		q += " AND u.parent_id = " + arg(f.ParentID)
	}
	if f.TopLevel {
		q += " AND u.parent_id IS NULL"
	}
	if len(f.Kinds) > 0 {
		q += " AND u.kind IN ("
		for i, k := range f.Kinds {
			if i > 0 {
				q += ", "
			}
			q += arg(string(k))
		}
		q += ")"
	}
	for _, w := range words(f.Query) {
		q += " AND u.name_folded LIKE " + arg("%"+w+"%")
	}
	if !f.WithEnded {
		q += " AND u.ended_on IS NULL"
	}
	if f.AfterID > 0 {
		q += " AND u.id > " + arg(f.AfterID)
	}
	q += " ORDER BY u.id"
	if f.Limit > 0 {
		// #nosec G202 -- arg binds the value and returns only a $N placeholder.
		q += " LIMIT " + arg(f.Limit)
	}
	out, err := queryAll(ctx, s.r, scanUnit, q, args...)
	if err != nil {
		return nil, err
	}
	if f.AfterID == 0 && f.Limit == 0 {
		viet.SortBy(out, func(u *place.Unit) string { return u.Name })
	}
	return out, nil
}

// Ancestors returns the chain of parents of the unit, the province first.
func (s *Store) Ancestors(ctx context.Context, u *place.Unit) ([]*place.Unit, error) {
	var chain []*place.Unit
	for id := u.ParentID; id != 0; {
		p, err := s.Unit(ctx, id)
		if err != nil {
			return nil, err
		}
		chain = append([]*place.Unit{p}, chain...)
		id = p.ParentID
		if len(chain) > 8 {
			break // a cycle cannot be created, but never loop for ever
		}
	}
	return chain, nil
}

// Within tells whether unit id lies in the subtree of ancestor (or is it).
func (s *Store) Within(ctx context.Context, id, ancestor int64) (bool, error) {
	for depth := 0; id != 0 && depth < 10; depth++ {
		if id == ancestor {
			return true, nil
		}
		var parent sql.NullInt64
		err := s.r.QueryRowContext(ctx, "SELECT parent_id FROM units WHERE id = $1", id).Scan(&parent)
		if err == sql.ErrNoRows {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		id = parent.Int64
	}
	return false, nil
}

// CreateUnit adds a unit under the parent named by u.ParentCode (or u.ParentID).
func (s *Store) CreateUnit(ctx context.Context, u *place.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		return tx.createUnit(u, s.now())
	})
}

func (tx *Tx) parentOf(u *place.Unit) (*place.Unit, error) {
	if u.ParentCode == "" && u.ParentID == 0 {
		return nil, nil
	}
	q, key := "SELECT "+unitColumns+unitFrom+"WHERE u.code = $1", any(u.ParentCode)
	if u.ParentCode == "" {
		q, key = "SELECT "+unitColumns+unitFrom+"WHERE u.id = $1", u.ParentID
	}
	p, err := scanUnit(tx.QueryRow(q, key))
	if err == sql.ErrNoRows {
		return nil, coso.Invalid("parent_code", "Không có đơn vị cấp trên mã %s.", "No parent unit has code %s.", u.ParentCode)
	}
	if err != nil {
		return nil, err
	}
	if err := u.ValidateParent(p); err != nil {
		return nil, err
	}
	return p, nil
}

func (tx *Tx) createUnit(u *place.Unit, now time.Time) error {
	p, err := tx.parentOf(u)
	if err != nil {
		return err
	}
	var parentID any
	if p != nil {
		u.ParentID, u.ParentCode, parentID = p.ID, p.Code, p.ID
	}
	var exists int
	if err := tx.QueryRow("SELECT COUNT(*) FROM units WHERE code = $1", u.Code).Scan(&exists); err != nil {
		return err
	}
	if exists > 0 {
		return coso.Errorf(coso.EConflict, "code", "Đã có đơn vị mã %s.", "A unit with code %s already exists.", u.Code)
	}
	u.CreatedAt, u.UpdatedAt = now, now
	u.ID, err = tx.Insert(`INSERT INTO units (code, name, name_folded, kind, parent_id, remote, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		u.Code, u.Name, viet.Fold(u.Name), string(u.Kind), parentID, u.Remote, now, now)
	if err != nil {
		return err
	}
	return tx.Audit(u.ID, "unit.create", "unit:"+u.Code, fmt.Sprintf("%s (%s)", u.Name, u.Kind))
}

// UpdateUnit changes a unit's name, parent or remote flag. A change of name
// is kept in the unit's history.
func (s *Store) UpdateUnit(ctx context.Context, u *place.Unit, on time.Time, note string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.updateUnit(u, on, note, s.now())
		return err
	})
}

// updateUnit reports whether anything changed.
func (tx *Tx) updateUnit(u *place.Unit, on time.Time, note string, now time.Time) (bool, error) {
	old, err := scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.code = $1", u.Code))
	if err == sql.ErrNoRows {
		return false, coso.Errorf(coso.ENotFound, "code", "Không có đơn vị mã %s.", "No unit has code %s.", u.Code)
	}
	if err != nil {
		return false, err
	}
	if u.ParentCode == "" && u.ParentID == 0 {
		u.ParentID, u.ParentCode = old.ParentID, old.ParentCode
	}
	if old.Name == u.Name && old.Kind == u.Kind && old.ParentCode == u.ParentCode && old.Remote == u.Remote {
		*u = *old
		return false, nil
	}
	if old.Ended() {
		return false, coso.Errorf(coso.EConflict, "code", "Đơn vị %s đã kết thúc, không sửa được.", "Unit %s has ended and cannot be changed.", u.Code)
	}
	p, err := tx.parentOf(u)
	if err != nil {
		return false, err
	}
	var parentID any
	if p != nil {
		parentID, u.ParentID = p.ID, p.ID
	}
	u.ID, u.CreatedAt, u.UpdatedAt = old.ID, old.CreatedAt, now
	if _, err := tx.Exec(`UPDATE units SET name = $1, name_folded = $2, kind = $3, parent_id = $4, remote = $5, updated_at = $6 WHERE id = $7`,
		u.Name, viet.Fold(u.Name), string(u.Kind), parentID, u.Remote, now, u.ID); err != nil {
		return false, err
	}
	if old.Name != u.Name {
		if err := tx.addEvent(place.Event{UnitID: u.ID, Kind: place.Renamed, OldName: old.Name, NewName: u.Name, On: on, Note: note}, now); err != nil {
			return false, err
		}
	}
	if old.ParentID != u.ParentID {
		if err := tx.addEvent(place.Event{UnitID: u.ID, Kind: place.Moved, OtherID: u.ParentID, On: on, Note: note}, now); err != nil {
			return false, err
		}
	}
	return true, tx.Audit(u.ID, "unit.update", "unit:"+u.Code, changeSummary(old, u))
}

func changeSummary(old, u *place.Unit) string {
	s := ""
	if old.Name != u.Name {
		s += fmt.Sprintf("name %q → %q; ", old.Name, u.Name)
	}
	if old.Kind != u.Kind {
		s += fmt.Sprintf("kind %s → %s; ", old.Kind, u.Kind)
	}
	if old.ParentCode != u.ParentCode {
		s += fmt.Sprintf("parent %s → %s; ", old.ParentCode, u.ParentCode)
	}
	if old.Remote != u.Remote {
		s += fmt.Sprintf("remote %t → %t; ", old.Remote, u.Remote)
	}
	return s
}

func (tx *Tx) addEvent(e place.Event, now time.Time) error {
	if e.On.IsZero() {
		e.On = now
	}
	_, err := tx.Exec(`INSERT INTO unit_events (unit_id, kind, old_name, new_name, other_id, on_date, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		e.UnitID, string(e.Kind), e.OldName, e.NewName, nullID(e.OtherID), formatDate(e.On), viet.NFC(e.Note), now)
	return err
}

// ImportUnits creates and updates the units of rows in one transaction:
// all or nothing. Rows may name parents that come later in the file or that
// are already stored. A second import of the same rows changes nothing.
func (s *Store) ImportUnits(ctx context.Context, rows []place.Row) (place.ImportResult, error) {
	var res place.ImportResult
	err := s.write(ctx, func(tx *Tx) error {
		res = place.ImportResult{}
		var errs coso.Errors
		for _, r := range orderParentsFirst(rows) {
			u := r.Unit
			created, changed, err := tx.upsertUnit(&u, s.now())
			if err != nil {
				if coso.ErrorCode(err) == coso.EInternal {
					return err
				}
				errs = append(errs, lineError(err, r.Line))
				continue
			}
			switch {
			case created:
				res.Created++
			case changed:
				res.Updated++
			default:
				res.Unchanged++
			}
		}
		if len(errs) > 0 {
			sortByLine(errs)
			return errs
		}
		if res.Created+res.Updated > 0 {
			return tx.Audit(0, "unit.import", "units", fmt.Sprintf("created %d, updated %d, unchanged %d", res.Created, res.Updated, res.Unchanged))
		}
		return nil
	})
	return res, err
}

func (tx *Tx) upsertUnit(u *place.Unit, now time.Time) (created, changed bool, err error) {
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM units WHERE code = $1", u.Code).Scan(&n); err != nil {
		return false, false, err
	}
	if n == 0 {
		return true, false, tx.createUnit(u, now)
	}
	changed, err = tx.updateUnit(u, time.Time{}, "import", now)
	return false, changed, err
}

// orderParentsFirst sorts rows so that a unit's parent, when it is in the
// same file, is imported before it.
func orderParentsFirst(rows []place.Row) []place.Row {
	byCode := make(map[string]place.Row, len(rows))
	for _, r := range rows {
		byCode[r.Unit.Code] = r
	}
	done := make(map[string]bool, len(rows))
	out := make([]place.Row, 0, len(rows))
	var visit func(r place.Row, depth int)
	visit = func(r place.Row, depth int) {
		if done[r.Unit.Code] || depth > 10 {
			return
		}
		if p, ok := byCode[r.Unit.ParentCode]; ok {
			visit(p, depth+1)
		}
		if !done[r.Unit.Code] {
			done[r.Unit.Code] = true
			out = append(out, r)
		}
	}
	for _, r := range rows {
		visit(r, 0)
	}
	return out
}
