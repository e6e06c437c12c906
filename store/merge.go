package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"coso"
	"coso/place"
	"coso/viet"
)

// MergeUnits carries out a merger: every merged unit is marked ended on the
// given date with the successor recorded, its children move to the
// successor, and both sides get a history event. Records made in a merged
// unit keep pointing at it, so nothing is lost; the successor's pages show
// the merged units' history.
func (s *Store) MergeUnits(ctx context.Context, m place.Merge) error {
	if m.SuccessorCode == "" {
		return coso.Invalid("successor_code", "Cần mã đơn vị kế thừa.", "The successor unit code is required.")
	}
	if len(m.MergedCodes) == 0 {
		return coso.Invalid("merged_codes", "Cần ít nhất một đơn vị được sáp nhập.", "At least one merged unit is required.")
	}
	if m.On.IsZero() {
		return coso.Invalid("on", "Cần ngày sáp nhập có hiệu lực.", "The date the merger takes effect is required.")
	}
	return s.write(ctx, func(tx *Tx) error {
		now := s.now()
		succ, err := scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.code = $1", viet.NFC(m.SuccessorCode)))
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if err != nil {
			return coso.Invalid("successor_code", "Không có đơn vị mã %s.", "No unit has code %s.", m.SuccessorCode)
		}
		if succ.Ended() {
			return coso.Invalid("successor_code", "Đơn vị kế thừa %s đã kết thúc.", "Successor unit %s has ended.", succ.Code)
		}
		for _, code := range m.MergedCodes {
			code = viet.NFC(code)
			if code == succ.Code {
				continue // the successor may be one of the merged units; it keeps existing
			}
			old, err := scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.code = $1", code))
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			if err != nil {
				return coso.Invalid("merged_codes", "Không có đơn vị mã %s.", "No unit has code %s.", code)
			}
			if old.Ended() {
				return coso.Invalid("merged_codes", "Đơn vị %s đã kết thúc từ trước.", "Unit %s has already ended.", code)
			}
			if old.Kind.IsProvinceLevel() != succ.Kind.IsProvinceLevel() || old.Kind.IsCommuneLevel() != succ.Kind.IsCommuneLevel() {
				return coso.Invalid("merged_codes", "Đơn vị %s không cùng cấp với đơn vị kế thừa.", "Unit %s is not of the same level as the successor.", code)
			}
			if err := tx.mergeOne(old, succ, m, now); err != nil {
				return err
			}
		}
		return tx.Audit(succ.ID, "unit.merge", "unit:"+succ.Code,
			fmt.Sprintf("merged %s into %s on %s", strings.Join(m.MergedCodes, ", "), succ.Code, formatDate(m.On)))
	})
}

func (tx *Tx) mergeOne(old, succ *place.Unit, m place.Merge, now time.Time) error {
	if _, err := tx.Exec("UPDATE units SET ended_on = $1, successor_id = $2, updated_at = $3 WHERE id = $4",
		formatDate(m.On), succ.ID, now, old.ID); err != nil {
		return err
	}
	// Villages and agencies of the merged unit now belong to the successor.
	if _, err := tx.Exec("UPDATE units SET parent_id = $1, updated_at = $2 WHERE parent_id = $3 AND ended_on IS NULL",
		succ.ID, now, old.ID); err != nil {
		return err
	}
	if err := tx.addEvent(place.Event{UnitID: old.ID, Kind: place.MergedInto, OtherID: succ.ID, On: m.On, Note: m.Note}, now); err != nil {
		return err
	}
	if err := tx.followMerge(old, succ, m.On, m.Note, now); err != nil {
		return err
	}
	return tx.addEvent(place.Event{UnitID: succ.ID, Kind: place.Absorbed, OtherID: old.ID, OldName: old.Name, On: m.On, Note: m.Note}, now)
}

// History returns a unit's events, and those of the units merged into it,
// oldest first.
func (s *Store) History(ctx context.Context, unitID int64) ([]place.Event, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT e.id, e.unit_id, e.kind, e.old_name, e.new_name, COALESCE(e.other_id, 0),
		COALESCE(o.code, ''), COALESCE(o.name, ''), e.on_date, e.note, e.created_at
		FROM unit_events e LEFT JOIN units o ON o.id = e.other_id
		WHERE e.unit_id = $1 OR e.unit_id IN (SELECT id FROM units WHERE successor_id = $1)
		ORDER BY e.on_date, e.id`, unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []place.Event
	for rows.Next() {
		var e place.Event
		var on string
		if err := rows.Scan(&e.ID, &e.UnitID, &e.Kind, &e.OldName, &e.NewName, &e.OtherID, &e.OtherCode, &e.OtherName, &on, &e.Note, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.On = parseDate(on)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Predecessors lists the units merged into the given one.
func (s *Store) Predecessors(ctx context.Context, unitID int64) ([]*place.Unit, error) {
	return queryAll(ctx, s.r, scanUnit, "SELECT "+unitColumns+unitFrom+"WHERE u.successor_id = $1 ORDER BY u.id", unitID)
}
