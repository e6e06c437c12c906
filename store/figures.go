package store

// The aggregate queries behind the unit pages, each taking the unit's id
// as $1. They are named here so the benchmark runner (bench/run, B3) can
// time the very same SQL outside the platform, in the sqlite3 shell and
// in psql, over a generated province.
const (
	unitStatsSQL = `SELECT
		(SELECT COUNT(*) FROM units c WHERE c.parent_id = $1 AND c.ended_on IS NULL AND c.kind IN ('commune', 'ward', 'special_zone')),
		(SELECT COUNT(*) FROM units v WHERE v.ended_on IS NULL AND v.kind IN ('village', 'residential_group')
			AND (v.parent_id = $1 OR v.parent_id IN (SELECT id FROM units WHERE parent_id = $1))),
		(SELECT COUNT(*) FROM households h WHERE h.ended_on IS NULL AND h.village_id IN (` + subtreeVillages + `))`

	childCountsSQL = `SELECT c.id, COUNT(h.id) FROM units c
		JOIN units v ON v.id = c.id OR v.parent_id = c.id
		JOIN households h ON h.village_id = v.id AND h.ended_on IS NULL
		WHERE c.parent_id = $1 GROUP BY c.id`
)

// Figure is one named aggregate query taking a unit id as $1.
type Figure struct {
	Name, SQL string
}

// Figures lists the aggregate queries of the unit pages.
func Figures() []Figure {
	return []Figure{
		{"unit-stats (communes, villages, households below a unit)", unitStatsSQL},
		{"child-household-counts (households per commune of a province)", childCountsSQL},
	}
}
