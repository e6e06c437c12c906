package app_test

import (
	"context"
	"coso"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"coso/account"
	"coso/auth"
	"coso/store"
	"coso/store/storetest"
)

// browserless is a client that keeps cookies and does not follow redirects.
func browserless(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func post(t *testing.T, c *http.Client, u string, form url.Values) (int, string, string) {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, string(b)
}

// TestDecisionPages: a village head runs a meeting vote through the back
// office without JavaScript, and the public page shows the result.
func TestDecisionPages(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := newServer(t, st, true)
		hs := demoHouseholds(t, st, "15865.90", 3)
		village, _ := st.UnitByCode(ctx, "15865.90")
		hash, _ := auth.HashPassword("ruộng lúa xanh bên sông")
		u := &account.User{Username: "truongthon", DisplayName: "Trưởng thôn", PasswordHash: hash}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Grant(ctx, u.ID, account.VillageHead, "15865.90"); err != nil {
			t.Fatal(err)
		}
		c := browserless(t)
		if code, _ := get(t, c, srv.URL+"/admin/matters"); code != http.StatusSeeOther {
			t.Fatalf("anonymous back office: %d", code)
		}
		if code, loc, _ := post(t, c, srv.URL+"/admin/signin", url.Values{"username": {"truongthon"}, "password": {"ruộng lúa xanh bên sông"}}); code != http.StatusSeeOther || loc != "/admin" {
			t.Fatalf("sign-in: %d %s", code, loc)
		}
		code, body := get(t, c, srv.URL+"/admin/matters/new?unit=15865.90&lang=en")
		if code != 200 || !strings.Contains(body, "Only other self-governing matters (item 6) may be voted online") || !strings.Contains(body, "no valid decision") {
			t.Fatalf("new matter form: %d\n%s", code, body)
		}
		form := url.Values{"unit": {"15865.90"}, "subject": {"3"}, "title": {"Hương ước thôn"}, "question": {"Thông qua hương ước?"},
			"forms": {"online"}, "path": {"village_head"}, "proposer": {"Trưởng thôn"}}
		if code, _, body := post(t, c, srv.URL+"/admin/matters", form); code != 400 || !strings.Contains(body, "Nghị định 59") {
			t.Fatalf("online for subject 3: %d\n%s", code, body)
		}
		form.Set("subject", "6")
		form.Set("forms", "meeting")
		code, loc, _ := post(t, c, srv.URL+"/admin/matters", form)
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/matters/") {
			t.Fatalf("create: %d %s", code, loc)
		}
		page := srv.URL + loc
		steps := []struct {
			path string
			form url.Values
		}{
			{"/step", url.Values{"do": {"open"}}},
			{"/invitation", url.Values{"issued_on": {st.Now().AddDate(0, 0, -2).In(coso.Zone).Format("2006-01-02")}, "meeting_on": {st.Now().In(coso.Zone).Format("2006-01-02")},
				"hour": {"19:30"}, "place": {"Nhà văn hoá thôn"}}},
			{"/meeting", url.Values{"meeting_on": {st.Now().In(coso.Zone).Format("2006-01-02")}, "place": {"Nhà văn hoá thôn"}}},
			{"/attendance", url.Values{"present": {fmt.Sprint(hs[0]), fmt.Sprint(hs[1])}, "listed": {fmt.Sprint(hs[0]), fmt.Sprint(hs[1]), fmt.Sprint(hs[2])}}},
		}
		// The meeting is not recorded before an invitation, nor the day
		// after it.
		if code, _, body := post(t, c, page+"/step", url.Values{"do": {"open"}}); code != http.StatusSeeOther {
			t.Fatalf("open: %d\n%s", code, body)
		}
		steps = steps[1:]
		if code, _, body := post(t, c, page+"/meeting", steps[1].form); code != 409 || !strings.Contains(body, "Chưa ghi nhận giấy mời họp") {
			t.Errorf("a meeting without an invitation: %d", code)
		}
		early := url.Values{"issued_on": {st.Now().AddDate(0, 0, -1).In(coso.Zone).Format("2006-01-02")}, "meeting_on": {st.Now().In(coso.Zone).Format("2006-01-02")},
			"place": {"Nhà văn hoá thôn"}}
		if code, _, body := post(t, c, page+"/invitation", early); code != 400 || !strings.Contains(body, "ít nhất 2 ngày") ||
			!strings.Contains(body, `<span class="field-error">meeting_on</span>`) {
			t.Errorf("an invitation the day before: %d\n%s", code, body)
		}
		for _, s := range steps {
			if code, _, body := post(t, c, page+s.path, s.form); code != http.StatusSeeOther {
				t.Fatalf("%s %v: %d\n%s", s.path, s.form, code, body)
			}
		}
		if code, body := get(t, c, page); code != 200 || !strings.Contains(body, `id="invitation"`) || !strings.Contains(body, "Giờ họp: 19:30.") {
			t.Errorf("the invitation on the page: %d", code)
		}
		// The procedural votes: a board of 2, or approved by 1 of the 2
		// present, is refused with the field named; the counts wait for them.
		vid := fmt.Sprint(village.ID)
		proc := func(kind, names, method, approve string) url.Values {
			return url.Values{"village": {vid}, "cluster": {"0"}, "kind": {kind}, "names": {names}, "method": {method}, "approve": {approve}}
		}
		for _, bad := range []struct {
			form url.Values
			want string
		}{
			{proc("counting_board", "Hà Văn Một\nLò Thị Hai", "", "2"), "Tổ kiểm phiếu gồm từ 3 đến 5 người (đã ghi 2)."},
			{proc("counting_board", "A\nB\nC\nD\nE\nF", "", "2"), "Tổ kiểm phiếu gồm từ 3 đến 5 người (đã ghi 6)."},
			{proc("secretary", "Lò Thị Thư", "", "1"), "cần ít nhất 2 trên 2, mới có 1"},
		} {
			if code, _, body := post(t, c, page+"/procedure", bad.form); code != 400 || !strings.Contains(body, bad.want) || !strings.Contains(body, "field-error") {
				t.Errorf("procedure %v: %d, want 400 with %q", bad.form, code, bad.want)
			}
		}
		if code, _, body := post(t, c, page+"/counts", url.Values{"village": {vid}, "count_0": {"2"}, "count_1": {"0"}, "count_2": {"0"}}); code != 409 ||
			!strings.Contains(body, "Hội nghị chưa biểu quyết thủ tục") {
			t.Errorf("counts before the procedural votes: %d", code)
		}
		for _, s := range []struct {
			path string
			form url.Values
		}{
			{"/procedure", proc("secretary", "Lò Thị Thư", "", "2")},
			{"/procedure", proc("method", "", "hands", "2")},
			{"/procedure", proc("counting_board", "Hà Văn Một\nLò Thị Hai\nVi Văn Ba", "", "2")},
			{"/procedure", proc("witnesses", "Lường Văn Bốn\nPhạm Thị Năm", "", "2")},
			{"/counts", url.Values{"village": {vid}, "count_0": {"2"}, "count_1": {"0"}, "count_2": {"0"}}},
			{"/step", url.Values{"do": {"close"}}},
			{"/step", url.Values{"do": {"count"}}},
		} {
			if code, _, body := post(t, c, page+s.path, s.form); code != http.StatusSeeOther {
				t.Fatalf("%s %v: %d\n%s", s.path, s.form, code, body)
			}
		}
		if code, _, body := post(t, c, page+"/counts", url.Values{"village": {fmt.Sprint(village.ID)}, "count_0": {"9"}}); code != http.StatusConflict || !strings.Contains(body, "role=\"alert\"") {
			t.Errorf("counts after the count: %d", code)
		}
		code, body = get(t, c, page)
		if code != 200 || !strings.Contains(body, "2 trên 3 hộ đồng ý, quá một nửa: thông qua") ||
			!strings.Contains(body, "✓ Tổ kiểm phiếu: Hà Văn Một, Lò Thị Hai, Vi Văn Ba (2 trên 2 hộ có mặt tán thành)") {
			t.Errorf("admin page: %d\n%s", code, body)
		}
		// The commune recognises; a village head may not.
		if code, _, _ := post(t, c, page+"/decision", url.Values{"decision": {"recognised"}}); code != http.StatusForbidden {
			t.Errorf("village head recognising: %d", code)
		}
		public := srv.URL + strings.TrimPrefix(loc, "/admin")
		code, body = get(t, http.DefaultClient, public+"?lang=en")
		if code != 200 || !strings.Contains(body, "2 of 3 households agreed, more than half: adopted") {
			t.Errorf("public page: %d\n%s", code, body)
		}
	})
}
