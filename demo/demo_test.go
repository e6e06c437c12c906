package demo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"coso/household"
	"coso/store"
	"coso/store/storetest"
)

// The demo is the same on every machine: the same seed gives the same
// families.
func TestHouseholdsDeterministic(t *testing.T) {
	a, b := household.NewDistinct(), household.NewDistinct()
	for i, code := range Villages() {
		if x, y := villageRows(i, code, a), villageRows(i, code, b); !reflect.DeepEqual(x, y) {
			t.Fatalf("village %s: two runs differ", code)
		}
	}
}

func TestLoad(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		start := time.Now()
		loaded, err := Load(ctx, s)
		if err != nil || !loaded {
			t.Fatalf("Load: %v %v", loaded, err)
		}
		t.Logf("demo loaded in %v", time.Since(start).Round(time.Millisecond))
		total := 0
		for _, code := range Villages() {
			u, err := s.UnitByCode(ctx, code)
			if err != nil {
				t.Fatal(err)
			}
			n, err := s.CountHouseholds(ctx, u.ID)
			if err != nil || n < MinHouseholds || n > MaxHouseholds {
				t.Errorf("village %s has %d households (%v), want %d–%d", code, n, err, MinHouseholds, MaxHouseholds)
			}
			total += n
		}
		province, err := s.UnitByCode(ctx, ProvinceCode)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.UnitStats(ctx, province.ID)
		if err != nil || st.Households != total || st.Villages != len(Villages()) {
			t.Errorf("province stats %+v %v, want %d households", st, err, total)
		}
		// A second Load, as when a demo server restarts, changes nothing.
		loaded, err = Load(ctx, s)
		if err != nil || loaded {
			t.Errorf("second Load: %v %v", loaded, err)
		}
		if again, _ := s.UnitStats(ctx, province.ID); again != st {
			t.Errorf("after a second Load: %+v, want %+v", again, st)
		}
	})
}
