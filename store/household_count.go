package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"coso/household"
	"coso/place"
	"coso/viet"
)

// ChildHouseholdCounts counts the households that exist now under each
// child of a unit: a village child counts its own, a commune child those of
// its villages. Children without households are absent from the map. One
// query, for the portal's unit pages.
func (s *Store) ChildHouseholdCounts(ctx context.Context, parentID int64) (map[int64]int, error) {
	rows, err := s.r.QueryContext(ctx, childCountsSQL, parentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// VillageCount is a live village or residential group with the number of
// households that exist in it now and of their members.
type VillageCount struct {
	Village    *place.Unit
	Commune    string // the name of the village's commune
	Households int
	Persons    int
}

// maxVillages bounds VillageCounts: a province has a few thousand villages.
const maxVillages = 5000

// VillageCounts lists the live villages and residential groups in the
// subtrees of roots (each a village, a commune or a province), with their
// counts, sorted by commune and village name in Vietnamese order. query,
// when not empty, keeps villages whose name has every word (accents
// ignored).
func (s *Store) VillageCounts(ctx context.Context, roots []int64, query string) ([]VillageCount, error) {
	if len(roots) == 0 {
		return nil, nil
	}
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	marks := make([]string, len(roots))
	for i, id := range roots {
		marks[i] = arg(id)
	}
	in := "(" + strings.Join(marks, ", ") + ")"
	// #nosec G202 -- only column lists, fixed SQL and $N placeholders are joined; values go in args
	q := "SELECT " + unitColumns + `, COALESCE(p.name, ''),
		(SELECT COUNT(*) FROM households h WHERE h.village_id = u.id AND h.ended_on IS NULL),
		(SELECT COUNT(*) FROM household_members m JOIN households h ON h.id = m.household_id
			WHERE h.village_id = u.id AND m.until_date IS NULL)` + unitFrom +
		`WHERE u.kind IN ('village', 'residential_group') AND u.ended_on IS NULL
		AND (u.id IN ` + in + ` OR u.parent_id IN ` + in + ` OR u.parent_id IN (SELECT id FROM units WHERE parent_id IN ` + in + `))`
	for _, w := range words(query) {
		q += " AND u.name_folded LIKE " + arg("%"+w+"%")
	}
	q += " ORDER BY u.id LIMIT " + arg(maxVillages)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []VillageCount
	for rows.Next() {
		var c VillageCount
		var u place.Unit
		var ended string
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.Kind, &u.ParentID, &u.ParentCode, &u.Remote,
			&ended, &u.SuccessorID, &u.CreatedAt, &u.UpdatedAt, &c.Commune, &c.Households, &c.Persons); err != nil {
			return nil, err
		}
		c.Village = &u
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := viet.Compare(out[i].Commune, out[j].Commune); c != 0 {
			return c < 0
		}
		return viet.Compare(out[i].Village.Name, out[j].Village.Name) < 0
	})
	return out, nil
}

// VillageRegister returns the households that exist now in a village, in
// order of creation, each with its current members (two queries, whatever
// the number of households): what an export writes.
func (s *Store) VillageRegister(ctx context.Context, villageID int64) ([]household.Household, error) {
	hs, err := s.Households(ctx, HouseholdFilter{VillageID: villageID})
	if err != nil {
		return nil, err
	}
	ms, err := s.members(ctx, "SELECT "+memberColumns+memberFrom+
		"WHERE h.village_id = $1 AND m.until_date IS NULL ORDER BY m.since_date, m.id", villageID)
	if err != nil {
		return nil, err
	}
	out := make([]household.Household, len(hs))
	index := make(map[int64]int, len(hs))
	for i, h := range hs {
		out[i] = *h
		index[h.ID] = i
	}
	for _, m := range ms {
		if i, ok := index[m.HouseholdID]; ok {
			out[i].Members = append(out[i].Members, m)
		}
	}
	return out, nil
}
