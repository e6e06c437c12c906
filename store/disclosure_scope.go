package store

import (
	"context"
	"strconv"
	"strings"
)

// unitScope selects what a unit and the units under it published or were
// asked (in disclosures, disclosure_search, the FTS5 index and
// information_requests): by the partition key for a province or commune,
// by the unit itself otherwise (villages, agencies and enterprises have
// nothing below them that publishes). A unit's scope also holds the units
// merged into it: a merger moves villages and households, but what the
// old commune published stays its record, under its own commune_id, and
// shows under its successor too.
type unitScope struct {
	col string  // province_id, commune_id or unit_id
	ids []int64 // the unit, then the units merged into it, at any depth
}

// maxMergeDepth bounds how many mergers in a row are followed back.
const maxMergeDepth = 10

// scopeOf returns the scope of a unit's subtree.
func (s *Store) scopeOf(ctx context.Context, unitID int64) (unitScope, error) {
	u, err := s.Unit(ctx, unitID)
	if err != nil {
		return unitScope{}, err
	}
	sc := unitScope{col: "unit_id", ids: []int64{u.ID}}
	switch {
	case u.Kind.IsProvinceLevel():
		sc.col = "province_id"
	case u.Kind.IsCommuneLevel():
		sc.col = "commune_id"
	}
	for frontier, depth := sc.ids, 0; len(frontier) > 0 && depth < maxMergeDepth; depth++ {
		in, args := inList(frontier)
		rows, err := s.r.QueryContext(ctx, "SELECT id FROM units WHERE successor_id IN ("+in+") ORDER BY id", args...) // #nosec G202 -- only $n placeholders are joined
		if err != nil {
			return unitScope{}, err
		}
		if frontier, err = scanIDs(rows); err != nil {
			return unitScope{}, err
		}
		sc.ids = append(sc.ids, frontier...)
	}
	return sc, nil
}

// where is the SQL condition of the scope on the table aliased alias,
// with its values added through arg.
func (sc unitScope) where(alias string, arg func(any) string) string {
	if len(sc.ids) == 1 {
		return alias + "." + sc.col + " = " + arg(sc.ids[0])
	}
	ps := make([]string, len(sc.ids))
	for i, id := range sc.ids {
		ps[i] = arg(id)
	}
	return alias + "." + sc.col + " IN (" + strings.Join(ps, ", ") + ")"
}

// fts is the scope as an FTS5 query on the index's scope tokens (u<unit>,
// c<commune>, p<province>).
func (sc unitScope) fts() string {
	ts := make([]string, len(sc.ids))
	for i, id := range sc.ids {
		ts[i] = sc.col[:1] + strconv.FormatInt(id, 10)
	}
	if len(ts) == 1 {
		return "scope : " + ts[0]
	}
	return "scope : (" + strings.Join(ts, " OR ") + ")"
}
