package store

import (
	"context"
)

// Stats counts what lies in a unit's subtree.
type Stats struct {
	Communes   int
	Villages   int
	Households int
}

// subtreeVillages selects the ids of a unit ($1), its children and its
// grandchildren: units form a shallow tree (province, commune, village), so
// two levels below a unit reach every village under it.
const subtreeVillages = `SELECT id FROM units WHERE id = $1
	UNION SELECT id FROM units WHERE parent_id = $1
	UNION SELECT v.id FROM units v JOIN units c ON c.id = v.parent_id WHERE c.parent_id = $1`

// UnitStats counts the live communes, villages and households below a
// unit, in one query (the home page shows them on every visit).
func (s *Store) UnitStats(ctx context.Context, unitID int64) (Stats, error) {
	var st Stats
	err := s.r.QueryRowContext(ctx, unitStatsSQL, unitID).Scan(&st.Communes, &st.Villages, &st.Households)
	return st, err
}
