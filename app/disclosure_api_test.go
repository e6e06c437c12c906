package app_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/disclosure"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// unitsServer serves a store holding a few units and nothing else, so
// that lists and counts hold only what a test makes.
func unitsServer(t *testing.T, st *store.Store) *httptest.Server {
	t.Helper()
	rows, err := place.ReadCSV(strings.NewReader(`code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
14758,Phường Hàm Rồng,ward,38
14758.02,Tổ dân phố Nam Ngạn,residential_group,14758
14845,Xã Mường Lát,commune,38
`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportUnits(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	return newServer(t, st, false)
}

func TestDisclosureAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		srv := unitsServer(t, st)
		ctx := context.Background()
		st.SetClock(func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) })
		d := &disclosure.Disclosure{UnitCode: "14758", Category: "7", Title: "Danh sách hộ nghèo được hỗ trợ tiền điện",
			Body: "Gồm **12 hộ** ở tổ dân phố Nam Ngạn.", DecidedOn: time.Date(2026, 3, 6, 0, 0, 0, 0, coso.Zone)}
		if err := st.CreateDisclosure(ctx, d); err != nil {
			t.Fatal(err)
		}
		draft := &disclosure.Disclosure{UnitCode: "14758", Category: "1", Title: "Kế hoạch chưa công bố", DecidedOn: d.DecidedOn}
		if err := st.CreateDisclosure(ctx, draft); err != nil {
			t.Fatal(err)
		}
		if _, err := st.PublishDisclosure(ctx, d.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		private := &disclosure.Request{UnitCode: "14758", Name: "Lê Văn Tám", Contact: "0912000111", Question: "Xin danh sách hộ được hỗ trợ nhà ở."}
		if err := st.CreateInfoRequest(ctx, private); err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprint(d.ID)
		json := "application/json"
		for _, sc := range []scenario{
			{name: "categories", path: "/api/v1/disclosure-categories", status: 200,
				contains: []string{`"code":"7"`, `"loudspeaker_days":3`, `"code":"E1"`, `"deadline_days":15`}},
			{name: "list by unit", path: "/api/v1/disclosures?unit=38", status: 200, contains: []string{`"id":` + id, `"status":"published"`}, absent: []string{"Kế hoạch chưa công bố"}},
			{name: "search without diacritics", path: "/api/v1/disclosures?q=ho+ngheo+tien+dien", status: 200,
				contains: []string{`"id":` + id, `"snippet":[`, `"match":true`}},
			{name: "search and category", path: "/api/v1/disclosures?q=ho+ngheo&category=1", status: 200, contains: []string{`"disclosures":[]`}},
			{name: "bad date", path: "/api/v1/disclosures?from=10/03/2026", status: 422},
			{name: "unknown unit", path: "/api/v1/disclosures?unit=nope", status: 400, contains: []string{`"field":"unit"`}},
			{name: "one disclosure", path: "/api/v1/disclosures/" + id, status: 200,
				contains: []string{`"publish_due":"2026-03-13"`, `"posting_until":"2026-04-08"`, `"state":"on_time"`, `"versions":[`, `"channel":"portal"`}},
			{name: "a draft is not public", path: fmt.Sprintf("/api/v1/disclosures/%d", draft.ID), status: 404},
			{name: "compliance", path: "/api/v1/units/14758/disclosure-compliance?year=2026&quarter=1", status: 200,
				contains: []string{`"on_time":1`, `"loudspeaker_days_required":3`, `"loudspeaker_met":false`, `"published":[` + id + `]`, `"title":""`}},
			{name: "compliance bad quarter", path: "/api/v1/units/14758/disclosure-compliance?quarter=5", status: 422},
			{name: "create needs sign-in", method: "POST", path: "/api/v1/disclosures", ctype: json,
				body: `{"unit":"14758","category":"7","title":"Danh sách","decided_on":"2026-03-09"}`, status: 401, contains: []string{"message_vi"}},
			{name: "publish needs sign-in", method: "POST", path: fmt.Sprintf("/api/v1/disclosures/%d/publish", draft.ID), ctype: json, body: `{}`, status: 401},
			{name: "withdraw needs sign-in", method: "POST", path: "/api/v1/disclosures/" + id + "/withdraw", ctype: json, body: `{"reason":"x"}`, status: 401},
			{name: "correct needs sign-in", method: "POST", path: "/api/v1/disclosures/" + id + "/correct", ctype: json, body: `{"title":"abc","reason":"x"}`, status: 401},
			{name: "publish of nothing needs sign-in", method: "POST", path: "/api/v1/disclosures/99999/publish", ctype: json, body: `{}`, status: 401},
			{name: "answer needs sign-in", method: "POST", path: fmt.Sprintf("/api/v1/information-requests/%d/answer", private.ID), ctype: json,
				body: `{"status":"answered","answer":"abc"}`, status: 401},
			{name: "a citizen asks", method: "POST", path: "/api/v1/units/14758/information-requests", ctype: json,
				body:   `{"name":"Nguyễn Thị Hoa","contact":"hoa@example.vn","question":"Đề nghị cung cấp dự toán ngân sách phường năm 2026."}`,
				status: 201, contains: []string{`"due_on":"2026-03-24"`, `"status":"open"`}, absent: []string{"Hoa", "hoa@example.vn"}},
			{name: "a bad request names its fields", method: "POST", path: "/api/v1/units/14758/information-requests", ctype: json,
				body: `{"name":"","contact":"","question":"ngắn"}`, status: 400, contains: []string{`"field":"name"`, `"field":"question"`}},
			{name: "public requests", path: "/api/v1/units/14758/information-requests", status: 200,
				contains: []string{"dự toán ngân sách phường"}, absent: []string{"hỗ trợ nhà ở", "Hoa", "Tám"}},
			{name: "a private request is not shown", path: fmt.Sprintf("/api/v1/information-requests/%d", private.ID), status: 404},
		} {
			sc.run(t, srv.URL)
		}
	})
}
