package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"coso/app"
	"coso/app/apptest"
	"coso/demo"
	"coso/store"
	"coso/store/storetest"
)

// newServer starts the whole platform on a real listener over st.
func newServer(t *testing.T, st *store.Store, demoData bool) *httptest.Server {
	t.Helper()
	if demoData {
		if _, err := demo.Load(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	}
	_, srv := apptest.Start(t, st, app.Config{Demo: demoData})
	return srv
}

type scenario struct {
	name     string
	method   string
	path     string
	body     string
	ctype    string
	status   int
	contains []string
	absent   []string
}

func (sc scenario) run(t *testing.T, base string) {
	t.Helper()
	var body io.Reader
	if sc.body != "" {
		body = strings.NewReader(sc.body)
	}
	method := sc.method
	if method == "" {
		method = "GET"
	}
	req, _ := http.NewRequest(method, base+sc.path, body)
	if sc.ctype != "" {
		req.Header.Set("Content-Type", sc.ctype)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", sc.name, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != sc.status {
		t.Errorf("%s: status %d, want %d\n%s", sc.name, res.StatusCode, sc.status, truncate(b))
	}
	for _, c := range sc.contains {
		if !strings.Contains(string(b), c) {
			t.Errorf("%s: body lacks %q\n%s", sc.name, c, truncate(b))
		}
	}
	for _, c := range sc.absent {
		if strings.Contains(string(b), c) {
			t.Errorf("%s: body has %q", sc.name, c)
		}
	}
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

func TestPortalAndAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		srv := newServer(t, st, true)
		for _, sc := range []scenario{
			{name: "home is Vietnamese and names the province", path: "/", status: 200,
				contains: []string{`<html lang="vi">`, "Tỉnh Thanh Hoá", "Phường Hàm Rồng", "DỮ LIỆU MẪU"}},
			{name: "home in English", path: "/?lang=en", status: 200, contains: []string{`<html lang="en">`, "DEMO DATA", "Communes, wards"}},
			{name: "search without diacritics", path: "/search?q=ham+rong", status: 200, contains: []string{"Phường Hàm Rồng", "/units/14758"}},
			{name: "search old tone placement", path: "/search?q=Thanh+Hóa", status: 200, contains: []string{"Tỉnh Thanh Hoá"}},
			{name: "search nothing", path: "/search?q=zzzz", status: 200, contains: []string{"Không tìm thấy"}},
			{name: "unit page", path: "/units/14758", status: 200, contains: []string{"Phường Hàm Rồng", "Tổ dân phố Nam Ngạn", "Tỉnh Thanh Hoá", "/units/14758/consultations", "/units/14758/decisions", "/units/14758/petitions", "/units/14758/ratings"}},
			{name: "unknown unit", path: "/units/nope", status: 404, contains: []string{"nope"}},
			{name: "healthz", path: "/healthz", status: 200, contains: []string{`"ok"`}},
			{name: "metrics", path: "/metrics", status: 200, contains: []string{"coso_http_request_duration_seconds"}},
			{name: "openapi", path: "/api/openapi.json", status: 200, contains: []string{`"openapi":"3.1`, "/api/v1/units"}},
			{name: "api list communes", path: "/api/v1/units?parent=38&q=ham+rong", status: 200, contains: []string{`"code":"14758"`}},
			{name: "api unit", path: "/api/v1/units/14845", status: 200, contains: []string{`"remote":true`, `"name":"Xã Mường Lát"`}},
			{name: "api unknown unit", path: "/api/v1/units/00000", status: 404, contains: []string{"message_vi", "message_en", "00000"}},
			{name: "api bad kind", path: "/api/v1/units?kind=county", status: 400, contains: []string{`"field":"kind"`, "message_vi"}},
			{name: "api bad limit", path: "/api/v1/units?limit=100000", status: 422, contains: []string{"query.limit", "message_vi"}},
			{name: "api bad cursor", path: "/api/v1/units?cursor=abc", status: 400, contains: []string{`"field":"cursor"`}},
			{name: "api write needs sign-in", method: "POST", path: "/api/v1/units", ctype: "application/json",
				body: `{"code":"x1","name":"Thôn X","kind":"village","parent_code":"14758"}`, status: 401, contains: []string{"message_vi"}},
			{name: "api malformed json", method: "POST", path: "/api/v1/units", ctype: "application/json", body: `{"code":`, status: 400},
		} {
			sc.run(t, srv.URL)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	srv := newServer(t, storetest.SQLite(t), false)
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") == "" {
		t.Errorf("headers %v", res.Header)
	}
	// A cross-site form post is refused before any handler runs.
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/units", strings.NewReader("{}"))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d", res.StatusCode)
	}
}

func TestHealthzWithoutDatabase(t *testing.T) {
	st := storetest.SQLite(t)
	srv := newServer(t, st, false)
	st.Close()
	res, err := http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz with a closed database: %d", res.StatusCode)
	}
}

// The OpenAPI document is generated from the code; this golden file holds
// it so every change to the API shows up in review. Regenerate with
// COSO_UPDATE_GOLDEN=1 go test ./app/.
func TestOpenAPIGolden(t *testing.T) {
	srv := newServer(t, storetest.SQLite(t), false)
	res, err := http.Get(srv.URL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var doc map[string]any
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	pretty, _ := json.MarshalIndent(doc, "", "  ")
	const golden = "testdata/openapi.json"
	if os.Getenv("COSO_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, append(pretty, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(want)) != strings.TrimSpace(string(pretty)) {
		t.Error("the OpenAPI document changed; review and regenerate with COSO_UPDATE_GOLDEN=1 go test ./app/")
	}
}
