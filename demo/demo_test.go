package demo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"coso/decision"
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
			if size := sizeOf(code); size > 0 && n != size {
				t.Errorf("village %s has %d households, want %d", code, n, size)
			} else if err != nil || size == 0 && (n < MinHouseholds || n > MaxHouseholds) {
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
		checkDecisions(t, s)
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

// checkDecisions finds the ward Hàm Rồng's decisions at every stage, with
// the deadlines its officials see.
func checkDecisions(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	ward, err := s.UnitByCode(ctx, "14758")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := s.Matters(ctx, store.MatterFilter{UnitID: ward.ID})
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[decision.Status]int{}
	for _, m := range ms {
		statuses[m.Status]++
	}
	want := map[decision.Status]int{decision.Draft: 1, decision.Open: 1, decision.Counted: 3, decision.Recognised: 2, decision.Refused: 1}
	for st, n := range want {
		if statuses[st] != n {
			t.Errorf("%d matters %s, want %d (%v)", statuses[st], st, n, statuses)
		}
	}
	items, err := s.DecisionsDue(ctx, []int64{ward.ID})
	if err != nil || len(items) != 3 {
		t.Fatalf("due: %v %+v", err, items)
	}
	// Hàm Rồng 2 met in two clusters whose counts add up.
	hr2, err := s.UnitByCode(ctx, "14758.04")
	if err != nil {
		t.Fatal(err)
	}
	big, err := s.Matters(ctx, store.MatterFilter{UnitID: hr2.ID})
	if err != nil || len(big) != 1 {
		t.Fatalf("matters of Hàm Rồng 2: %d %v", len(big), err)
	}
	ss, err := s.MeetingSessions(ctx, big[0].ID, 3)
	if err != nil || len(ss) != 2 || ss[0].Cluster == nil || ss[0].Present+ss[1].Present != 222 {
		t.Errorf("cluster meetings %v %+v", err, ss)
	}
	if _, o, err := s.Result(ctx, big[0].ID); err != nil || o.Text("vi") != "202 trên 236 hộ đồng ý, đạt ít nhất hai phần ba: thông qua" {
		t.Errorf("the clusters' result: %v %q", err, o.Text("vi"))
	}
	steps := map[decision.Step]int{}
	overdue := 0
	for _, it := range items {
		steps[it.Step]++
		if it.Clock.State == decision.Overdue {
			overdue++
		}
	}
	if steps[decision.StepSend] != 1 || steps[decision.StepAnswer] != 2 || overdue != 1 {
		t.Errorf("due steps %v, %d overdue", steps, overdue)
	}
}
