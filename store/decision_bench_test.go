package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"coso/decision"
	"coso/place"
	"coso/store"
)

// benchMatter makes a village of n households that decided to vote
// online, and opens an online matter there.
func benchMatter(b *testing.B, s *store.Store, n int) (*decision.Matter, []int64) {
	b.Helper()
	ctx := context.Background()
	s.SetClock(func() time.Time { return theDay })
	rows, err := place.ReadCSV(strings.NewReader(peopleUnits))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.ImportUnits(ctx, rows); err != nil {
		b.Fatal(err)
	}
	u := map[string]int64{}
	for _, code := range []string{"38", "14845", "14845.01"} {
		unit, err := s.UnitByCode(ctx, code)
		if err != nil {
			b.Fatal(err)
		}
		u[code] = unit.ID
	}
	v := decisionVillage(b, s, u, "14845.01", n)
	if err := s.RecordOptIn(ctx, &decision.OptIn{VillageID: v.id, DecidedOn: day(2025, 7, 1), Households: n, Agreed: n/2 + 1}); err != nil {
		b.Fatal(err)
	}
	m := newMatter(v, decision.OtherMatter, decision.Online)
	if err := s.CreateMatter(ctx, m); err != nil {
		b.Fatal(err)
	}
	if err := s.OpenMatter(ctx, m.ID); err != nil {
		b.Fatal(err)
	}
	return m, v.households
}
