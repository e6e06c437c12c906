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

// UnitStats counts the live communes and villages below a unit. Units form
// a shallow tree (province, commune, village), so two levels are read.
func (s *Store) UnitStats(ctx context.Context, unitID int64) (Stats, error) {
	var st Stats
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM units c WHERE c.parent_id = $1 AND c.ended_on IS NULL AND c.kind IN ('commune', 'ward', 'special_zone')),
		(SELECT COUNT(*) FROM units v WHERE v.ended_on IS NULL AND v.kind IN ('village', 'residential_group')
			AND (v.parent_id = $1 OR v.parent_id IN (SELECT id FROM units WHERE parent_id = $1)))`,
		unitID).Scan(&st.Communes, &st.Villages)
	return st, err
}
