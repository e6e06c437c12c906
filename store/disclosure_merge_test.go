package store_test

import (
	"context"
	"slices"
	"testing"

	"coso/disclosure"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// When communes (or villages) merge, what the merged units published stays
// their record and shows under the successor: in its list, its search
// with every filter, its quarterly checklist and its requests for
// information; the old commune's own list keeps it too.
func TestDisclosuresOfMergedUnits(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupDisclosures(t, s)
		// Before the merger: Tam Chung, its village and Mường Lát publish.
		oldCommune := published(t, s, "14846", "7", "Danh sách hộ nghèo xã Tam Chung", "Hộ được hỗ trợ tiền điện.", ymd(2026, 1, 5), ymd(2026, 1, 6))
		oldVillage := published(t, s, "14846.01", "12", "Mức thu quỹ bản Tân Tiến", "Hộ nghèo được miễn.", ymd(2026, 1, 12), ymd(2026, 1, 13))
		own := published(t, s, "14845", "7", "Danh sách hộ nghèo xã Mường Lát", "", ymd(2026, 2, 2), ymd(2026, 2, 3))
		ask := &disclosure.Request{UnitCode: "14846", Name: "Lò Văn Pâng", Contact: "0912000111", Public: true, Question: "Xin cung cấp dự toán ngân sách xã."}
		if err := s.CreateInfoRequest(ctx, ask); err != nil {
			t.Fatal(err)
		}
		// Tam Chung merges into Mường Lát; Bản Pù Toong into Bản Lát.
		if err := s.MergeUnits(ctx, place.Merge{SuccessorCode: "14845", MergedCodes: []string{"14846"}, On: ymd(2026, 2, 16)}); err != nil {
			t.Fatal(err)
		}
		villageItem := published(t, s, "14845.02", "12", "Mức đóng góp làm đường bản Pù Toong", "Hộ nghèo được miễn.", ymd(2026, 2, 20), ymd(2026, 2, 23))
		if err := s.MergeUnits(ctx, place.Merge{SuccessorCode: "14845.01", MergedCodes: []string{"14845.02"}, On: ymd(2026, 3, 1)}); err != nil {
			t.Fatal(err)
		}
		// After: the moved village publishes under its new commune.
		after := published(t, s, "14846.01", "7", "Danh sách hộ nghèo bản Tân Tiến bổ sung", "", ymd(2026, 3, 2), ymd(2026, 3, 3))

		succ, gone := unitID(t, s, "14845"), unitID(t, s, "14846")
		for _, c := range []struct {
			name string
			f    store.DisclosureFilter
			want []int64
		}{
			{"the successor's list", store.DisclosureFilter{UnitID: succ}, []int64{after.ID, villageItem.ID, own.ID, oldVillage.ID, oldCommune.ID}},
			{"the merged commune's own list", store.DisclosureFilter{UnitID: gone}, []int64{oldVillage.ID, oldCommune.ID}},
			{"the successor village", store.DisclosureFilter{UnitID: unitID(t, s, "14845.01")}, []int64{villageItem.ID}},
			{"the province", store.DisclosureFilter{UnitID: unitID(t, s, "38")}, []int64{after.ID, villageItem.ID, own.ID, oldVillage.ID, oldCommune.ID}},
			{"search", store.DisclosureFilter{UnitID: succ, Query: "tam chung"}, []int64{oldCommune.ID}},
			{"search and category", store.DisclosureFilter{UnitID: succ, Query: "ho ngheo", Category: "12"}, []int64{villageItem.ID, oldVillage.ID}},
			{"search, category and period", store.DisclosureFilter{UnitID: succ, Query: "ho ngheo", Category: "12", From: ymd(2026, 1, 1), To: ymd(2026, 1, 31)}, []int64{oldVillage.ID}},
			{"search and period", store.DisclosureFilter{UnitID: succ, Query: "ho ngheo", From: ymd(2026, 3, 1)}, []int64{after.ID}},
			{"search in the successor village", store.DisclosureFilter{UnitID: unitID(t, s, "14845.01"), Query: "lam duong"}, []int64{villageItem.ID}},
			{"category", store.DisclosureFilter{UnitID: succ, Category: "7", To: ymd(2026, 2, 28)}, []int64{own.ID, oldCommune.ID}},
		} {
			got := ids(list(t, s, c.f))
			if c.f.Query != "" {
				sortIDs(got) // ranked: compare the sets
				sortIDs(c.want)
			}
			if !equalIDs(got, c.want) {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
		rep, err := s.DisclosureReport(ctx, succ, 2026, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Published) != 5 {
			t.Errorf("the successor's quarter: %d published, want 5", len(rep.Published))
		}
		rs, err := s.InfoRequests(ctx, store.InfoRequestFilter{UnitID: succ, PublicOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].ID != ask.ID {
			t.Errorf("the successor's requests: %d", len(rs))
		}
	})
}

func ids(p *store.DisclosurePage) []int64 {
	var out []int64
	for _, h := range p.Hits {
		out = append(out, h.ID)
	}
	return out
}

func sortIDs(xs []int64) { slices.Sort(xs) }
