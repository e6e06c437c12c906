package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"coso/app"
	"coso/oidclogin"
	"coso/oidclogin/oidctest"
	"coso/store"
	"coso/store/storetest"
)

// A citizen signs in through the identity provider; the verified citizen
// ID names a person, whom the session then carries.
func TestOIDCSignIn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		op := oidctest.Start(t, "coso-test", "client-secret")
		r := newRig(t, st, app.Config{OIDC: oidclogin.Config{Issuer: op.Issuer(), ClientID: "coso-test", ClientSecret: "client-secret"}})
		r.family(villageB, "10002.01-H01", "Đỗ Văn Cường", "0912 555 666", "038080002222")

		b := r.browser()
		contains(t, "the sign-in page offers the provider", b.get("/signin"), 200, `href="/signin/oidc"`)
		op.SetClaims(map[string]any{"sub": "vneid-7", "citizen_id": "038080002222"})
		res := b.get(providerRoundTrip(t, b, "/signin/oidc"))
		if res.status != 303 || res.location != "/me" {
			t.Fatalf("callback: %d %s %s", res.status, res.location, truncate([]byte(res.body)))
		}
		contains(t, "my page", b.get("/me"), 200, "Tài khoản định danh điện tử", "Đã xác nhận", "đại diện hộ gia đình ở Thôn Nam")
		contains(t, "the layout", b.get("/"), 200, `id="who-citizen"`, "tài khoản định danh điện tử")

		// A citizen ID that is in no household: refused, and said so.
		op.SetClaims(map[string]any{"sub": "vneid-8", "citizen_id": "038099009999"})
		b2 := r.browser()
		contains(t, "unknown person", b2.get(providerRoundTrip(t, b2, "/signin/oidc")), 404, "chưa có trong danh sách nhân khẩu")
		if res := b2.get("/me"); res.status != 303 {
			t.Errorf("/me after a refused sign-in: %d", res.status)
		}
		// A forged callback (a state this browser was never given).
		op.SetClaims(map[string]any{"sub": "vneid-7", "citizen_id": "038080002222"})
		b3 := r.browser()
		back := providerRoundTrip(t, b, "/signin/oidc") // another browser's sign-in
		contains(t, "forged callback", b3.get(back), 401, "không thành công")
	})
}

// providerRoundTrip starts the sign-in in b, lets the provider sign the
// user in, and returns the path (with query) it sends the browser back to.
func providerRoundTrip(t *testing.T, b *browser, start string) string {
	t.Helper()
	res := b.get(start)
	if res.status != http.StatusSeeOther {
		t.Fatalf("%s: %d %s", start, res.status, res.body)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	pres, err := client.Get(res.location)
	if err != nil {
		t.Fatal(err)
	}
	pres.Body.Close()
	back, err := url.Parse(pres.Header.Get("Location"))
	if err != nil || !strings.HasSuffix(back.Path, "/signin/oidc/callback") {
		t.Fatalf("provider sent the browser to %q", pres.Header.Get("Location"))
	}
	return back.RequestURI()
}
