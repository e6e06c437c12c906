package app_test

import (
	"strconv"
	"strings"
	"testing"

	"coso/account"
	"coso/app"
	"coso/ratelimit"
	"coso/store"
	"coso/store/storetest"
)

func TestAPIAuthOfficials(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		admin := r.official("quantri.tinh", account.ProvinceAdmin, "38")
		officer := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		newVillage := map[string]any{"code": "10001.09", "name": "Thôn Mới", "kind": "village", "parent_code": communeA}

		res := r.call("", "POST", "/api/v1/units", newVillage)
		if res.status != 401 || !strings.HasPrefix(res.header.Get("WWW-Authenticate"), "Bearer") || !strings.Contains(res.body, "message_vi") {
			t.Errorf("no token: %d %v %s", res.status, res.header, res.body)
		}
		if res = r.call("coso_nottoken", "GET", "/api/v1/units", nil); res.status != 401 || !strings.Contains(res.header.Get("WWW-Authenticate"), "invalid_token") {
			t.Errorf("a bad token on a public call: %d %s", res.status, res.body)
		}
		for _, tc := range []struct {
			name   string
			body   map[string]string
			status int
			field  string
		}{
			{"wrong password", map[string]string{"username": "canbo.anhoa", "password": "sai mật khẩu rồi đấy nhé"}, 401, ""},
			{"unknown user", map[string]string{"username": "ai.do", "password": password}, 401, ""},
			{"code missing", map[string]string{"username": "canbo.anhoa", "password": password}, 401, "otp"},
			{"wrong code", map[string]string{"username": "canbo.anhoa", "password": password, "otp": "000000"}, 401, "otp"},
			{"neither", map[string]string{}, 400, "body"},
			{"both", map[string]string{"username": "canbo.anhoa", "password": password, "phone": "0912345678", "code": "123456"}, 400, "body"},
		} {
			res := r.call("", "POST", "/api/v1/auth/token", tc.body)
			if res.status != tc.status || tc.field != "" && !strings.Contains(res.body, `"field":"`+tc.field+`"`) {
				t.Errorf("%s: %d %s", tc.name, res.status, res.body)
			}
		}

		// An officer of commune A may not change the map, not even in A.
		tok := r.token(officer)
		if res := r.call(tok, "POST", "/api/v1/units", newVillage); res.status != 403 {
			t.Errorf("officer creates a unit: %d %s", res.status, res.body)
		}
		// The province administrator may: create, update, import.
		atok := r.token(admin)
		if res := r.call(atok, "POST", "/api/v1/units", newVillage); res.status != 201 || !strings.Contains(res.body, `"code":"10001.09"`) {
			t.Fatalf("admin creates a unit: %d %s", res.status, res.body)
		}
		res = r.call(atok, "PUT", "/api/v1/units/10001.09", map[string]any{"name": "Thôn Mới Lập", "note": "Nghị quyết 1/2026"})
		if res.status != 200 || !strings.Contains(res.body, "Thôn Mới Lập") {
			t.Errorf("admin renames a unit: %d %s", res.status, res.body)
		}
		csv := "code,name,kind,parent_code\n10002.02,Thôn Bắc,village,10002\n10002.03,Tổ 3,residential_group,10002\n"
		if res = r.call(atok, "POST", "/api/v1/units/import", csv); res.status != 200 || !strings.Contains(res.body, `"created":2`) {
			t.Errorf("admin imports: %d %s", res.status, res.body)
		}
		if res = r.call(tok, "POST", "/api/v1/units/import", "code,name,kind,parent_code\n10001.05,Thôn Năm,village,10001\n"); res.status != 403 {
			t.Errorf("officer imports: %d %s", res.status, res.body)
		}
		if res = r.call(atok, "POST", "/api/v1/units/import", "code,name,kind,parent_code\n10003,Xã Mới,commune,99\n"); res.status != 400 || !strings.Contains(res.body, `"line":2`) {
			t.Errorf("import under an unknown parent: %d %s", res.status, res.body)
		}
		// The audit trail names the administrator and the role used.
		var n int
		if err := st.DB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE username = 'quantri.tinh' AND role = 'province_admin'
			AND action LIKE 'unit.%'`).Scan(&n); err != nil || n < 3 {
			t.Errorf("%d audit lines by the administrator (%v)", n, err)
		}
		// Revoking the token ends it.
		if res = r.call(atok, "DELETE", "/api/v1/auth/token", nil); res.status != 204 {
			t.Errorf("revoke: %d %s", res.status, res.body)
		}
		if res = r.call(atok, "POST", "/api/v1/units", newVillage); res.status != 401 {
			t.Errorf("revoked token: %d", res.status)
		}
		if res = r.call("", "DELETE", "/api/v1/auth/token", nil); res.status != 401 {
			t.Errorf("revoke without a token: %d", res.status)
		}
	})
}

func TestAPIAuthCitizens(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		r.family(villageB, "10002.01-H01", "Trần Văn Bình", "0912 345 678", "038080001111")
		const phone = "+84912345678"
		for _, p := range []string{"0912 345 678", "12", "0241234567", "0987 654 321"} {
			// Valid or not, known or not: 202.
			if res := r.call("", "POST", "/api/v1/auth/otp", map[string]string{"phone": p}); res.status != 202 || !strings.Contains(res.body, "message_vi") {
				t.Errorf("code for %q: %d %s", p, res.status, res.body)
			}
		}
		code := r.smsCode(phone)
		if res := r.call("", "POST", "/api/v1/auth/token", map[string]string{"phone": phone, "code": wrongCode(code)}); res.status != 401 || !strings.Contains(res.body, `"field":"code"`) {
			t.Errorf("wrong code: %d %s", res.status, res.body)
		}
		res := r.call("", "POST", "/api/v1/auth/token", map[string]string{"phone": "0912.345.678", "code": code})
		if res.status != 200 || jsonField(t, res.body, "expires_at") == "" {
			t.Fatalf("citizen token: %d %s", res.status, res.body)
		}
		tok := jsonField(t, res.body, "token")
		if res := r.call(tok, "POST", "/api/v1/units", map[string]any{"code": "x1", "name": "Thôn X", "kind": "village", "parent_code": communeB}); res.status != 403 {
			t.Errorf("a citizen creates a unit: %d %s", res.status, res.body)
		}
		if res := r.call(tok, "GET", "/api/v1/units/"+communeB, nil); res.status != 200 {
			t.Errorf("a citizen reads a unit: %d %s", res.status, res.body)
		}
		if res := r.call(tok, "DELETE", "/api/v1/auth/token", nil); res.status != 204 {
			t.Errorf("citizen revokes: %d %s", res.status, res.body)
		}
		if res := r.call(tok, "GET", "/api/v1/units/"+communeB, nil); res.status != 401 {
			t.Errorf("revoked citizen token: %d", res.status)
		}
	})
}

// The 6th code request for one phone within the limit gets 429 with
// Retry-After; an unknown phone is limited alike, so 429 tells nothing
// about which phones have accounts.
func TestAPICodeLimits(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		r.family(villageB, "10002.01-H01", "Trần Văn Bình", "0912 345 678", "")
		for _, p := range []string{"0912 345 678", "0987 654 321"} {
			for i := 1; i <= ratelimit.CodePerPhone.Limit; i++ {
				if res := r.call("", "POST", "/api/v1/auth/otp", map[string]string{"phone": p}); res.status != 202 {
					t.Fatalf("request %d: %d %s", i, res.status, res.body)
				}
			}
			res := r.call("", "POST", "/api/v1/auth/otp", map[string]string{"phone": p})
			secs, _ := strconv.Atoi(res.header.Get("Retry-After"))
			if res.status != 429 || secs <= 0 || !strings.Contains(res.body, "message_vi") {
				t.Errorf("6th request for %s: %d Retry-After %q %s", p, res.status, res.header.Get("Retry-After"), res.body)
			}
		}
		// Password guesses are limited per username.
		var res answer
		for range ratelimit.SignInPerUser.Limit + 1 {
			res = r.call("", "POST", "/api/v1/auth/token", map[string]string{"username": "canbo.x", "password": "không phải mật khẩu"})
		}
		if res.status != 429 || res.header.Get("Retry-After") == "" {
			t.Errorf("11th sign-in: %d %v", res.status, res.header)
		}
	})
}

func wrongCode(code string) string { return string(rune('0'+(code[0]-'0'+1)%10)) + code[1:] }
