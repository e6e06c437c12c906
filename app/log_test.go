package app_test

import (
	"net/url"
	"strings"
	"testing"

	"coso/account"
	"coso/app"
	"coso/app/apptest"
	"coso/store/storetest"
)

// The request log line names the route pattern, the method, the status
// and the time: never the path's values, the query string or the form,
// which carry what people type.
func TestRequestLogHoldsNoInput(t *testing.T) {
	r := newRig(t, storetest.SQLite(t), app.Config{})
	r.family(villageA, "10001.01-H01", "Nguyễn Thị Hồng Nhung", "0977 123 456", "038080004444")
	secret := apptest.NewData()
	secret.Add("Nguyễn Thị Hồng Nhung", "0977 123 456", "038080004444")
	before := len(apptest.Logged())

	b := r.browser()
	b.get("/search?q=" + url.QueryEscape("Nguyễn Thị Hồng Nhung 0977123456"))
	b.get("/units/038080004444")                             // a citizen ID where a unit code goes: 404
	b.get("/nguyen-thi-hong-nhung/0977123456")               // no such route
	b.post("/signin", url.Values{"phone": {"0977 123 456"}}) // a code request
	b.post("/signin/code", url.Values{"code": {"123456"}})
	r.call("", "POST", "/api/v1/auth/otp", map[string]string{"phone": "+84977123456"})
	r.call("", "POST", "/api/v1/auth/token", map[string]string{"username": "038080004444", "password": "Nguyễn Thị Hồng Nhung"})
	o := r.browser()
	o.signIn(r.official("canbo.log", account.CommuneOfficer, communeA))
	o.post("/admin/citizens/search", url.Values{"phone": {"0977.123.456"}})

	logged := apptest.Logged()[before:]
	for _, want := range []string{"path=/search", "path=/units/{code}", "path=unmatched", "path=/signin/code", "path=/admin/citizens/search", "path=/api/v1/auth/otp"} {
		if !strings.Contains(logged, want) {
			t.Errorf("the request log lacks %s:\n%s", want, logged)
		}
	}
	if found := secret.Find(logged); len(found) > 0 {
		t.Errorf("the request log holds %v:\n%s", found, logged)
	}
	if strings.Contains(logged, "?") {
		t.Errorf("the request log holds a query string:\n%s", logged)
	}
}
