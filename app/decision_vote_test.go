package app_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"coso"
	"coso/account"
	"coso/app"
	"coso/decision"
	"coso/store"
	"coso/store/storetest"
)

var receiptRE = regexp.MustCompile(`id="receipt-code">([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})<`)

// onlineMatter records village's decision to vote online (every household
// agreed) and opens an online vote of subject 6 there.
func (r *rig) onlineMatter(village string) *decision.Matter {
	r.t.Helper()
	ctx := r.t.Context()
	v := r.unit(village)
	n, err := r.st.CountHouseholds(ctx, v.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	if err := r.st.RecordOptIn(ctx, &decision.OptIn{VillageID: v.ID, DecidedOn: r.st.Now().In(coso.Zone), Households: n, Agreed: n}); err != nil {
		r.t.Fatal(err)
	}
	m := &decision.Matter{UnitID: v.ID, Subject: decision.OtherMatter, Title: "Giờ đóng cổng nhà văn hoá",
		Question: "Đóng cổng nhà văn hoá lúc 22 giờ?", Forms: []decision.Form{decision.Online},
		Proposal: decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn"}}
	if err := r.st.CreateMatter(ctx, m); err != nil {
		r.t.Fatal(err)
	}
	if err := r.st.OpenMatter(ctx, m.ID); err != nil {
		r.t.Fatal(err)
	}
	return m
}

// citizenToken gets a citizen's API token with a code texted to phone.
func (r *rig) citizenToken(phone string) string {
	r.t.Helper()
	if res := r.call("", "POST", "/api/v1/auth/otp", map[string]string{"phone": phone}); res.status != 202 {
		r.t.Fatalf("code request: %d %s", res.status, res.body)
	}
	stored := "+84" + strings.TrimPrefix(strings.ReplaceAll(phone, " ", ""), "0")
	res := r.call("", "POST", "/api/v1/auth/token", map[string]string{"phone": phone, "code": r.smsCode(stored)})
	if res.status != 200 {
		r.t.Fatalf("citizen token: %d %s", res.status, res.body)
	}
	return jsonField(r.t, res.body, "token")
}

// TestCitizenVotesOnline: the confirmed representative of a household
// votes on the matter's public page and over the API, gets a receipt
// once and checks it; nobody else may vote, and no household votes twice.
func TestCitizenVotesOnline(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		an := r.family(villageA, "10001.01-H01", "Lê Văn An", "0912 111 222", "")
		binh := r.family(villageA, "10001.01-H02", "Trần Thị Bình", "0912 555 666", "")
		r.family(villageA, "10001.01-H03", "Đỗ Văn Cường", "0912 777 888", "")
		nam := r.family(villageB, "10002.01-H01", "Phạm Văn Nam", "0912 333 444", "")
		m := r.onlineMatter(villageA)
		page := "/matters/" + strconv.FormatInt(m.ID, 10)

		anon := r.browser()
		contains(t, "anonymous", anon.get(page), 200, `href="/signin?next=/matters/`+strconv.FormatInt(m.ID, 10)+`"`)
		if res := anon.post(page+"/ballot", url.Values{"option": {"0"}}); res.status != 401 {
			t.Errorf("anonymous ballot: %d", res.status)
		}

		// Citizens sign in with a code; the village head confirms two of them.
		citizenAn, citizenBinh, citizenNam := r.browser(), r.browser(), r.browser()
		citizenAn.citizenSignIn("0912 111 222")
		contains(t, "before confirmation", citizenAn.get(page), 200, "đã được cán bộ xác nhận tài khoản")
		if res := citizenAn.post(page+"/ballot", url.Values{"option": {"0"}}); res.status != 403 {
			t.Errorf("unconfirmed citizen's ballot: %d", res.status)
		}
		citizenBinh.citizenSignIn("0912 555 666")
		citizenNam.citizenSignIn("0912 333 444")
		head := r.browser()
		headAccount := r.official("truongthon.dong", account.VillageHead, villageA)
		head.signIn(headAccount)
		for _, p := range []struct {
			phone  string
			person int64
		}{{"+84912111222", an.ID}, {"+84912555666", binh.ID}} {
			c, err := st.CitizenByPhone(t.Context(), p.phone)
			if err != nil {
				t.Fatal(err)
			}
			res := head.post("/admin/citizens/link", url.Values{"citizen": {strconv.FormatInt(c.ID, 10)}, "person": {strconv.FormatInt(p.person, 10)}})
			if res.status != 303 {
				t.Fatalf("confirm: %d %s", res.status, truncate([]byte(res.body)))
			}
		}
		cn, _ := st.CitizenByPhone(t.Context(), "+84912333444")
		if err := st.LinkCitizen(t.Context(), cn.ID, nam.ID, r.unit(villageB).ID); err != nil {
			t.Fatal(err)
		}

		// The representative of a household of the village sees the form.
		contains(t, "the form", citizenAn.get(page), 200, `action="`+page+`/ballot"`, `name="option" value="0"`,
			`name="option" value="2"`, "Ý kiến của hộ 10001.01-H01", "Phiếu đã bỏ không sửa được")
		contains(t, "the form in English", citizenAn.get(page+"?lang=en"), 200, "The opinion of household 10001.01-H01")
		contains(t, "no option", citizenAn.post(page+"/ballot", url.Values{}), 400, "Hãy chọn một phương án", `name="option"`)
		contains(t, "an option that is not", citizenAn.post(page+"/ballot", url.Values{"option": {"7"}}), 400, `role="alert"`, `name="option"`)
		// The representative of a household of another village may not.
		contains(t, "a representative of commune B", citizenNam.get(page), 200, "đã được cán bộ xác nhận tài khoản")
		if res := citizenNam.post(page+"/ballot", url.Values{"option": {"1"}}); res.status != 403 {
			t.Errorf("a representative of another village: %d", res.status)
		}
		// Nor an official.
		if res := head.post(page+"/ballot", url.Values{"option": {"1"}}); res.status != 403 {
			t.Errorf("the village head casting: %d", res.status)
		}

		res := citizenAn.post(page+"/ballot", url.Values{"option": {"0"}})
		contains(t, "the ballot", res, 201, "Đã ghi nhận phiếu của hộ 10001.01-H01", "chỉ hiện một lần")
		if res.header.Get("Cache-Control") != "no-store" {
			t.Errorf("the receipt page may be cached: %q", res.header.Get("Cache-Control"))
		}
		found := receiptRE.FindStringSubmatch(res.body)
		if found == nil {
			t.Fatalf("no receipt shown:\n%s", truncate([]byte(res.body)))
		}
		receipt := found[1]
		after := citizenAn.get(page)
		contains(t, "after voting", after, 200, "Hộ 10001.01-H01 đã biểu quyết về việc này")
		if strings.Contains(after.body, `name="option"`) || strings.Contains(after.body, receipt) {
			t.Error("after voting the page offers the form again or shows the receipt again")
		}
		contains(t, "a second ballot", citizenAn.post(page+"/ballot", url.Values{"option": {"1"}}), 409, "đã biểu quyết", "Hộ 10001.01-H01 đã biểu quyết về việc này")
		contains(t, "the receipt checked by anyone", anon.get(page+"/receipt?code="+url.QueryEscape(strings.ToLower(receipt))), 200,
			"Có một phiếu với mã này")
		contains(t, "a wrong receipt", anon.get(page+"/receipt?code=AAAA-AAAA-AAAA-AAAA"), 200, "Không có phiếu nào với mã này")

		// Over the API: the second representative casts with a citizen token.
		id := strconv.FormatInt(m.ID, 10)
		tok := r.citizenToken("0912 555 666")
		cast := func(token string, option int) answer {
			return r.call(token, "POST", "/api/v1/matters/"+id+"/ballots", map[string]int{"option": option})
		}
		if res := cast(r.token(headAccount), 1); res.status != 403 {
			t.Errorf("an official's token: %d %s", res.status, res.body)
		}
		if res := cast(r.citizenToken("0912 777 888"), 1); res.status != 403 {
			t.Errorf("a citizen not confirmed: %d %s", res.status, res.body)
		}
		if res := cast(r.citizenToken("0912 333 444"), 1); res.status != 403 {
			t.Errorf("a representative of another village: %d %s", res.status, res.body)
		}
		if res := cast(tok, 9); res.status != 400 || !strings.Contains(res.body, `"field":"option"`) {
			t.Errorf("a bad option: %d %s", res.status, res.body)
		}
		res = cast(tok, 1)
		if res.status != 201 {
			t.Fatalf("API ballot: %d %s", res.status, res.body)
		}
		apiReceipt := jsonField(t, res.body, "receipt")
		if res := cast(tok, 0); res.status != 409 || !strings.Contains(res.body, "already voted") {
			t.Errorf("a second API ballot: %d %s", res.status, res.body)
		}
		contains(t, "the web page knows the API ballot", citizenBinh.get(page), 200, "Hộ 10001.01-H02 đã biểu quyết")
		for _, code := range []string{receipt, apiReceipt} {
			if res := r.call("", "GET", "/api/v1/matters/"+id+"/receipts/"+code, nil); res.status != 200 || !strings.Contains(res.body, `"found":true`) {
				t.Errorf("receipt %s: %d %s", code, res.status, res.body)
			}
		}
		if res := r.call("", "GET", "/api/v1/matters/"+id+"/result", nil); res.status != 409 {
			t.Errorf("result while open: %d", res.status)
		}

		// The audit trail names the representative's role and village, not the household.
		var n int
		if err := st.DB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'matter.online_ballot' AND role = 'household_rep' AND unit_id = $1
			AND summary NOT LIKE '%H0%'`, r.unit(villageA).ID).Scan(&n); err != nil || n != 2 {
			t.Errorf("%d audit lines of online ballots (%v)", n, err)
		}
		if err := st.CloseMatter(t.Context(), m.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.CountMatter(t.Context(), m.ID); err != nil {
			t.Fatal(err)
		}
		contains(t, "after the count", citizenAn.get(page+"?lang=en"), 200, "1 of 3 households agreed, not more than half: not adopted")
		if strings.Contains(citizenAn.get(page).body, `id="ballot"`) {
			t.Error("the ballot is offered after the close")
		}
	})
}
