package app_test

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"coso/account"
	"coso/app"
	"coso/auth"
	"coso/consultation"
	"coso/store"
	"coso/store/storetest"
)

// cheapPasswords makes argon2 fast for a test.
func cheapPasswords(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
}

const threeArticles = "Điều 1. Vị trí\nKhu đất ven suối Đông.\nĐiều 2. Diện tích\n3,5 ha.\nĐiều 3. Tiến độ\nNăm 2026–2027."

// TestConsultationPages: a commune officer prepares a consultation in the
// back office (the draft pasted as text and split at its articles), opens
// it for the law's 20 days, extends it with a reason; the public page
// shows every section at its own address, and the commune's list shows
// the consultation; a draft is nobody else's business.
func TestConsultationPages(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		o := r.official("canbo.anhoa", account.CommuneOfficer, communeA)
		b := r.browser()
		b.signIn(o)
		today := r.st.Now()
		earliest := consultation.EarliestClose(today, 20).Format("2006-01-02")
		tooSoon := consultation.EarliestClose(today, 19).Format("2006-01-02")

		if res := b.get("/admin/consultations/new?unit=" + communeA); res.status != 200 || !strings.Contains(res.body, earliest) {
			t.Fatalf("new form: %d\n%s", res.status, res.body)
		}
		form := url.Values{"unit": {communeA}, "subject": {"2"}, "title": {"Quy hoạch khu dân cư thôn Đông"},
			"summary": {"Xin ý kiến về phương án quy hoạch."}, "draft": {threeArticles}, "split": {"auto"},
			"forms": {"meeting", "sheet"}, "audience": {"unit"}, "documents": {"Bản đồ quy hoạch | ban-do.pdf"}, "closes_on": {tooSoon}}
		form.Set("preview", "1")
		if res := b.post("/admin/consultations", form); res.status != 200 || !strings.Contains(res.body, "3 phần") || !strings.Contains(res.body, "Điều 2. Diện tích") {
			t.Fatalf("preview: %d\n%s", res.status, res.body)
		}
		form.Del("preview")
		res := b.post("/admin/consultations", form)
		if res.status != 400 || !strings.Contains(res.body, "ít nhất 20 ngày") || !strings.Contains(res.body, "Quy hoạch khu dân cư thôn Đông") {
			t.Fatalf("19 days: %d\n%s", res.status, res.body)
		}
		form.Set("closes_on", earliest)
		res = b.post("/admin/consultations", form)
		if res.status != 303 || !strings.HasPrefix(res.location, "/admin/consultations/") {
			t.Fatalf("create: %d %s\n%s", res.status, res.location, res.body)
		}
		page := res.location
		id := strings.TrimPrefix(page, "/admin/consultations/")

		// A draft: the public and other officers see nothing.
		if res := r.browser().get("/consultations/" + id); res.status != 404 {
			t.Errorf("anonymous on a draft: %d", res.status)
		}
		if res := b.get("/consultations/" + id); res.status != 200 || !strings.Contains(res.body, "Dự thảo chưa công bố") {
			t.Errorf("the officer previews the draft: %d", res.status)
		}
		if res := b.post(page+"/step", url.Values{"do": {"open"}, "closes_on": {tooSoon}}); res.status != 400 || !strings.Contains(res.body, earliest[8:]+"/") {
			t.Errorf("opening for 19 days: %d\n%s", res.status, res.body)
		}
		if res := b.post(page+"/step", url.Values{"do": {"open"}, "closes_on": {earliest}}); res.status != 303 {
			t.Fatalf("open: %d\n%s", res.status, res.body)
		}
		if res := b.post(page+"/step", url.Values{"do": {"close"}}); res.status != 409 || !strings.Contains(res.body, "Chưa hết thời gian") {
			t.Errorf("closing early: %d\n%s", res.status, res.body)
		}
		later := consultation.EarliestClose(today, 30).Format("2006-01-02")
		if res := b.post(page+"/extend", url.Values{"closes_on": {later}}); res.status != 400 || !strings.Contains(res.body, "lý do") {
			t.Errorf("extension without reason: %d", res.status)
		}
		if res := b.post(page+"/extend", url.Values{"closes_on": {later}, "reason": {"Mùa gặt, nhiều hộ chưa kịp góp ý"}}); res.status != 303 {
			t.Fatalf("extend: %d\n%s", res.status, res.body)
		}

		anon := r.browser()
		res = anon.get("/consultations/" + id)
		for _, want := range []string{`id="s1"`, `id="s2"`, `id="s3"`, `href="#s2"`, "3,5 ha.", "Mùa gặt, nhiều hộ chưa kịp góp ý", "Bản đồ quy hoạch", "Hội nghị cộng đồng dân cư"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("public page lacks %q", want)
			}
		}
		if res := anon.get("/units/" + communeA + "/consultations"); !strings.Contains(res.body, "/consultations/"+id) {
			t.Errorf("the commune's list lacks it:\n%s", res.body)
		}
		if res := anon.get("/units/" + communeB + "/consultations"); strings.Contains(res.body, "/consultations/"+id) {
			t.Error("commune B's list shows commune A's consultation")
		}
		if res := anon.get("/units/" + villageA + "/consultations?lang=en"); !strings.Contains(res.body, "/consultations/"+id) {
			t.Error("a village's list shows its commune's consultations")
		}
	})
}

// TestConsultationAPI: create from text, open, list and get with
// sections over the API; commune B's officer is refused.
func TestConsultationAPI(t *testing.T) {
	cheapPasswords(t)
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		officerA := r.official("canbo.a", account.CommuneOfficer, communeA)
		tokA := r.token(officerA)
		tokB := r.token(r.official("canbo.b", account.CommuneOfficer, communeB))
		closes := consultation.EarliestClose(r.st.Now(), 20).Format("2006-01-02")
		body := map[string]any{"unit_code": communeA, "subject": 7, "title": "Quy chế dân chủ xã An Hoà", "draft": threeArticles,
			"forms": []string{"meeting"}, "closes_on": closes}
		if res := r.call(tokB, "POST", "/api/v1/consultations", body); res.status != 403 {
			t.Errorf("commune B creates for A: %d", res.status)
		}
		res := r.call(tokA, "POST", "/api/v1/consultations", body)
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		var c struct {
			ID       int64
			Status   string
			Sections []struct {
				N     int
				Label string
				URL   string
			}
			Forms []string
		}
		if err := json.Unmarshal([]byte(res.body), &c); err != nil {
			t.Fatal(err)
		}
		if c.Status != "draft" || len(c.Sections) != 3 || c.Sections[2].Label != "Điều 3" || !strings.HasSuffix(c.Sections[2].URL, "#s3") ||
			strings.Join(c.Forms, ",") != "portal,meeting" {
			t.Fatalf("created: %+v", c)
		}
		path := "/api/v1/consultations/" + itoa(c.ID)
		if res := r.call("", "GET", path, nil); res.status != 404 {
			t.Errorf("anonymous reads a draft: %d", res.status)
		}
		if res := r.call(tokB, "POST", path+"/open", map[string]any{}); res.status != 403 {
			t.Errorf("commune B opens A's consultation: %d", res.status)
		}
		if res := r.call(tokA, "POST", path+"/open", map[string]any{}); res.status != 200 || !strings.Contains(res.body, `"accepting":true`) {
			t.Fatalf("open: %d %s", res.status, res.body)
		}
		if res := r.call("", "GET", "/api/v1/consultations?unit="+communeA, nil); !strings.Contains(res.body, `"title":"Quy chế dân chủ xã An Hoà"`) {
			t.Errorf("list: %s", res.body)
		}
		if res := r.call("", "GET", "/api/v1/consultations?unit="+communeB, nil); strings.Contains(res.body, "An Hoà") {
			t.Errorf("B's list: %s", res.body)
		}
		if res := r.call("", "GET", path, nil); res.status != 200 || !regexp.MustCompile(`"n":2,"label":"Điều 2","heading":"Diện tích","text":"3,5 ha."`).MatchString(res.body) {
			t.Errorf("get: %d %s", res.status, res.body)
		}
		if res := r.call(tokA, "POST", path+"/close", nil); res.status != 409 {
			t.Errorf("close before the end: %d %s", res.status, res.body)
		}
		r.clock.Add(21 * 24 * time.Hour)
		tokA = r.token(officerA) // the first one has expired
		if res := r.call(tokA, "POST", path+"/close", nil); res.status != 200 || !strings.Contains(res.body, `"status":"closed"`) {
			t.Errorf("close: %d %s", res.status, res.body)
		}
	})
}
