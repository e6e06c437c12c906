package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"coso/account"
	"coso/app"
	"coso/app/apptest"
	"coso/auth"
	"coso/place"
	"coso/store/storetest"
)

// apiOp is one operation of the OpenAPI document.
type apiOp struct{ method, path string }

// apiOps reads the operations from the golden OpenAPI document, so every
// operation added later is fuzzed too.
func apiOps(tb testing.TB) []apiOp {
	raw, err := os.ReadFile("testdata/openapi.json")
	if err != nil {
		tb.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		tb.Fatal(err)
	}
	var ops []apiOp
	for p, methods := range doc.Paths {
		for m := range methods {
			// Ending the token would only make the rest of the run 401s.
			if !(m == "delete" && p == "/api/v1/auth/token") {
				ops = append(ops, apiOp{strings.ToUpper(m), p})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].path+ops[i].method < ops[j].path+ops[j].method })
	return ops
}

var pathParam = regexp.MustCompile(`\{[a-z_]+\}`)

// FuzzAPIBodies sends any body, with any path parameter, to every API
// operation as the province's administrator, who may do everything: no
// input may give a 5xx, and every refusal is a problem document with a
// Vietnamese and an English message.
func FuzzAPIBodies(f *testing.F) {
	st := storetest.SQLite(f)
	rows, err := place.ReadCSV(strings.NewReader(twoCommunes))
	if err != nil {
		f.Fatal(err)
	}
	if _, err := st.ImportUnits(context.Background(), rows); err != nil {
		f.Fatal(err)
	}
	_, srv := apptest.Start(f, st, app.Config{})
	token := fuzzToken(f, st, srv.URL)
	ops := apiOps(f)
	for i := range ops {
		f.Add(uint8(i), "1", []byte(`{}`))
		f.Add(uint8(i), villageA, []byte(`{"unit_code":"10001","category":"7","title":"Quyết định","body":"x","decided_on":"2026-03-02","village_code":"10001.01","subject":6,"options":["a"]}`))
	}
	f.Add(uint8(0), "%00", []byte(`{"a":`))
	f.Add(uint8(1), "../x", []byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, op uint8, param string, body []byte) {
		o := ops[int(op)%len(ops)]
		path := pathParam.ReplaceAllLiteralString(o.path, url.PathEscape(param))
		req, err := http.NewRequest(o.method, srv.URL+path, bytes.NewReader(body))
		if err != nil {
			return // not a request a client could send
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(res.Body)
		_ = res.Body.Close()
		if res.StatusCode >= 500 {
			t.Fatalf("%s %s with %q: %d %s", o.method, path, body, res.StatusCode, out)
		}
		if res.StatusCode >= 400 && res.StatusCode != 404 && res.StatusCode != 405 {
			var p map[string]any
			if err := json.Unmarshal(out, &p); err != nil {
				t.Fatalf("%s %s: %d refusal is not JSON: %s", o.method, path, res.StatusCode, out)
			}
		}
	})
}

// fuzzToken makes a province administrator and returns an API token.
func fuzzToken(tb testing.TB, st interface {
	CreateUser(context.Context, *account.User) error
	Grant(context.Context, int64, account.Role, string) (*account.Grant, error)
	SetTOTPSecret(context.Context, int64, string) error
}, base string) string {
	ctx := context.Background()
	hash, err := auth.HashPassword(password)
	if err != nil {
		tb.Fatal(err)
	}
	u := &account.User{Username: "quantri.fuzz", DisplayName: "Quản trị", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		tb.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, account.ProvinceAdmin, "38"); err != nil {
		tb.Fatal(err)
	}
	en, err := auth.NewTOTP(u.Username)
	if err != nil {
		tb.Fatal(err)
	}
	if err := st.SetTOTPSecret(ctx, u.ID, en.Secret); err != nil {
		tb.Fatal(err)
	}
	code, err := auth.TOTPCode(en.Secret, time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	j, _ := json.Marshal(map[string]string{"username": u.Username, "password": password, "otp": code})
	res, err := http.Post(base+"/api/v1/auth/token", "application/json", bytes.NewReader(j))
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || out.Token == "" {
		tb.Fatalf("token: %d %v", res.StatusCode, err)
	}
	return out.Token
}
