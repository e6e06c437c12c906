package store_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"coso/household"
	"coso/store"
	"coso/store/storetest"
)

// BulkLoad drops the deferred indexes for its duration and builds them
// again at its end, with the writer's durability back to FULL; what was
// loaded meanwhile is found through them.
func TestBulkLoadBuildsIndexesAgain(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupDisclosures(t, s)
		before, err := s.IndexDefinitionsForTest(ctx, store.BulkDeferred)
		if err != nil || len(before) != len(store.BulkDeferred) {
			t.Fatalf("indexes before: %v, %v", before, err)
		}
		end, err := s.BulkLoad(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if during, err := s.IndexDefinitionsForTest(ctx, store.BulkDeferred); err != nil || len(during) != 0 {
			t.Fatalf("indexes during the load: %v, %v", during, err)
		}
		if s.Dialect() == store.SQLite {
			if v, err := s.WriterPragmaForTest(ctx, "synchronous"); err != nil || v != "0" {
				t.Errorf("synchronous during the load = %q, %v; want 0 (OFF)", v, err)
			}
		}
		r := rand.New(rand.NewPCG(3, 3))
		h := household.RandomFamily(r, "14845.01", 1)
		if _, err := s.AddNewHouseholds(ctx, store.NewVillage{Code: "14845.01", Households: []household.Household{h}}); err != nil {
			t.Fatal(err)
		}
		if err := end(); err != nil {
			t.Fatal(err)
		}
		after, err := s.IndexDefinitionsForTest(ctx, store.BulkDeferred)
		if err != nil || len(after) != len(before) {
			t.Fatalf("indexes after: %v, %v; want %v", after, err, before)
		}
		for i := range before {
			if after[i] != before[i] {
				t.Errorf("index built again as %q, was %q", after[i], before[i])
			}
		}
		if s.Dialect() == store.SQLite {
			if v, err := s.WriterPragmaForTest(ctx, "synchronous"); err != nil || v != "2" {
				t.Errorf("synchronous after the load = %q, %v; want 2 (FULL)", v, err)
			}
		}
	})
}
