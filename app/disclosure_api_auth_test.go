package app_test

import (
	"coso"
	"strings"
	"testing"

	"coso/account"
	"coso/app"
	"coso/store"
	"coso/store/storetest"
)

// An officer's API token drafts, publishes, corrects and withdraws a
// disclosure of its commune and answers a request; the same token is
// refused on the other commune.
func TestDisclosureAPIWithToken(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		tok := r.token(r.official("canbo.api", account.CommuneOfficer, communeA))
		today := st.Now().In(coso.Zone).Format("2006-01-02")
		res := r.call(tok, "POST", "/api/v1/disclosures", map[string]any{"unit": communeA, "category": "7",
			"title": "Danh sách hộ được hỗ trợ tiền điện", "body": "Gồm **3 hộ**.", "decided_on": today})
		if res.status != 201 || !strings.Contains(res.body, `"status":"draft"`) || !strings.Contains(res.body, `"publish_due":"`) {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		id := jsonNumber(t, res.body, "id")
		for _, c := range []struct {
			action string
			body   map[string]any
			want   string
		}{
			{"publish", map[string]any{}, `"status":"published"`},
			{"correct", map[string]any{"title": "Danh sách hộ được hỗ trợ tiền điện", "body": "Gồm **4 hộ**.", "reason": "Bổ sung 1 hộ"}, `"status":"corrected"`},
			{"withdraw", map[string]any{"reason": "Thay bằng quyết định mới"}, `"withdrawn_reason":"Thay bằng quyết định mới"`},
		} {
			res := r.call(tok, "POST", "/api/v1/disclosures/"+id+"/"+c.action, c.body)
			if res.status != 200 || !strings.Contains(res.body, c.want) {
				t.Errorf("%s: %d %s", c.action, res.status, res.body)
			}
		}
		if res := r.call(tok, "POST", "/api/v1/disclosures", map[string]any{"unit": communeB, "category": "7",
			"title": "Không được phép", "decided_on": today}); res.status != 403 {
			t.Errorf("create in commune B: %d", res.status)
		}
		if res := r.call(tok, "POST", "/api/v1/disclosures", map[string]any{"unit": communeA, "category": "99",
			"title": "Lĩnh vực sai", "decided_on": today}); res.status != 400 || !strings.Contains(res.body, `"field":"category"`) {
			t.Errorf("bad category: %d %s", res.status, res.body)
		}
		res = r.call("", "POST", "/api/v1/units/"+communeA+"/information-requests", map[string]any{"name": "Người Hỏi Thử",
			"contact": "0912000777", "question": "Xin dự toán ngân sách xã năm nay."})
		if res.status != 201 {
			t.Fatalf("ask: %d %s", res.status, res.body)
		}
		rid := jsonNumber(t, res.body, "id")
		if res := r.call(tok, "POST", "/api/v1/information-requests/"+rid+"/extend", map[string]any{"reason": "Cần tổng hợp số liệu"}); res.status != 200 || !strings.Contains(res.body, `"extended":true`) {
			t.Errorf("extend: %d %s", res.status, res.body)
		}
		if res := r.call(tok, "POST", "/api/v1/information-requests/"+rid+"/answer", map[string]any{"status": "answered",
			"answer": "Dự toán đã được công khai.", "disclosure_id": 0}); res.status != 200 || !strings.Contains(res.body, `"status":"answered"`) {
			t.Errorf("answer: %d %s", res.status, res.body)
		}
	})
}

// jsonNumber reads a top-level number field of a JSON body as text.
func jsonNumber(t *testing.T, body, field string) string {
	t.Helper()
	i := strings.Index(body, `"`+field+`":`)
	if i < 0 {
		t.Fatalf("no %s in %s", field, body)
	}
	rest := body[i+len(field)+3:]
	j := strings.IndexAny(rest, ",}")
	return rest[:j]
}
