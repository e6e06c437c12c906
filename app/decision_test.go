package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"coso/decision"
	"coso/household"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// TestDecisionAPI runs a matter through the store in a village of the demo and
// reads it over HTTP; every write is refused to anonymous callers.
func TestDecisionAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		srv := newServer(t, st, true)
		ctx := context.Background()
		households := demoHouseholds(t, st, "15865.90", 3)
		village, err := st.UnitByCode(ctx, "15865.90")
		if err != nil {
			t.Fatal(err)
		}
		m := &decision.Matter{UnitID: village.ID, Subject: decision.OtherMatter, Title: "Giờ đóng cổng nhà văn hoá",
			Question: "Đóng cổng lúc 22 giờ?", Forms: []decision.Form{decision.Meeting},
			Proposal: decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn"}}
		open := *m
		for _, x := range []*decision.Matter{m, &open} {
			if err := st.CreateMatter(ctx, x); err != nil {
				t.Fatal(err)
			}
			if err := st.OpenMatter(ctx, x.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.RecordAttendance(ctx, m.ID, households[:2], true); err != nil {
			t.Fatal(err)
		}
		takeProcedures(t, st, m.ID, village.ID, 2)
		if err := st.EnterCounts(ctx, m.ID, village.ID, []int{2, 0, 0}); err != nil {
			t.Fatal(err)
		}
		if err := st.CloseMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.CountMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		id, openID := fmt.Sprint(m.ID), fmt.Sprint(open.ID)
		for _, sc := range []scenario{
			{name: "matter", path: "/api/v1/matters/" + id, status: 200, contains: []string{"Giờ đóng cổng nhà văn hoá", `"status":"counted"`, `"households":3`, `"forms":["meeting"]`}},
			{name: "matters of a commune", path: "/api/v1/matters?unit=15865", status: 200, contains: []string{`"id":` + id, `"id":` + openID}},
			{name: "matters by status", path: "/api/v1/matters?status=open", status: 200, contains: []string{`"id":` + openID}, absent: []string{`"id":` + id + ","}},
			{name: "bad status", path: "/api/v1/matters?status=lost", status: 400, contains: []string{`"field":"status"`}},
			{name: "result", path: "/api/v1/matters/" + id + "/result", status: 200,
				contains: []string{"2 trên 3 hộ đồng ý, quá một nửa: thông qua", "2 of 3 households agreed, more than half: adopted", `"adopted":true`, `"participants":2`}},
			{name: "no result while open", path: "/api/v1/matters/" + openID + "/result", status: 409, contains: []string{"message_vi"}},
			{name: "unknown receipt", path: "/api/v1/matters/" + id + "/receipts/AAAA-AAAA-AAAA-AAAA", status: 200, contains: []string{`"found":false`}},
			{name: "unknown matter", path: "/api/v1/matters/99999", status: 404, contains: []string{"message_en"}},
			{name: "cast needs sign-in", method: "POST", path: "/api/v1/matters/" + openID + "/ballots", ctype: "application/json", body: `{"option":0}`, status: 401},
			{name: "create needs sign-in", method: "POST", path: "/api/v1/matters", ctype: "application/json", status: 401,
				body: `{"unit_code":"15865.90","subject":6,"title":"T","question":"Q","forms":["meeting"],"proposal":{"path":"village_head","proposer":"Trưởng thôn"}}`},
			{name: "open needs sign-in", method: "POST", path: "/api/v1/matters/" + openID + "/close", status: 401},
			{name: "conflicts need sign-in", path: "/api/v1/matters/" + id + "/conflicts", status: 401},
			{name: "opt-in needs sign-in", method: "POST", path: "/api/v1/villages/15865.90/online-optins", ctype: "application/json",
				body: `{"decided_on":"2025-01-01","households":3,"agreed":2}`, status: 401},
		} {
			sc.run(t, srv.URL)
		}
	})
}

// demoHouseholds adds n generated households to a new village of a demo
// commune (code is "COMMUNE.NN"; the demo's own villages have households
// already).
func demoHouseholds(t *testing.T, st *store.Store, code string, n int) []int64 {
	t.Helper()
	testVillage(t, st, code)
	r := rand.New(rand.NewPCG(6, 6))
	var ids []int64
	for i := range n {
		h := household.RandomFamily(r, code, i+1)
		h.VillageCode = code
		if err := st.CreateHousehold(context.Background(), &h); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, h.ID)
	}
	return ids
}

// testVillage adds the village code ("COMMUNE.NN") to its demo commune.
func testVillage(t testing.TB, st *store.Store, code string) {
	t.Helper()
	commune, _, _ := strings.Cut(code, ".")
	u := &place.Unit{Code: code, Name: "Thôn Thử Nghiệm", Kind: place.Village, ParentCode: commune}
	if err := st.CreateUnit(context.Background(), u); err != nil {
		t.Fatal(err)
	}
}
