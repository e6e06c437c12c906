package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"coso"
	"coso/account"
	"coso/app"
	"coso/app/apptest"
	"coso/auth"
	"coso/consultation"
	"coso/demo"
	"coso/household"
	"coso/notify"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// A commune officer pastes a draft, sees it split into its articles,
// publishes it for the law's 20 days; a resident signs in with a texted
// code from the consultation's page and comments on one article; after
// the period nobody can comment; the officer closes it, answers the
// group of opinions, records the outcomes and publishes the report, which
// the public page links and lists as a category-11 disclosure.
func TestJourneyConsultation(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateUnit(ctx, &place.Unit{Code: "15865.91", Name: "Thôn Góp Ý", Kind: place.Village, ParentCode: "15865"}); err != nil {
		t.Fatal(err)
	}
	born := time.Date(1968, 2, 3, 0, 0, 0, 0, coso.Zone)
	h := &household.Household{Code: "15865.91-H001", VillageCode: "15865.91", Members: []household.Member{{
		Person:   household.Person{FullName: "Lường Văn Sáng", BirthDate: born, Sex: household.Male, Phone: "0912 404 404"},
		Relation: "chủ hộ", Representative: true, Since: born.AddDate(25, 0, 0)}}}
	if err := st.CreateHousehold(ctx, h); err != nil {
		t.Fatal(err)
	}
	secret := officer(t, st, "canbo.nghiatrang", "15865")
	// The journey starts 25 days ago, so that its 20 days are over when the
	// clock comes back to today: web sessions follow the store's clock
	// back but not forward.
	st.SetClock(func() time.Time { return time.Now().UTC().Add(-25 * 24 * time.Hour) })
	sms := filepath.Join(t.TempDir(), "sms.jsonl")
	_, srv := apptest.Start(t, st, app.Config{Demo: true, SMS: notify.SMSConfig{Sender: "file:" + sms}})
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	b := Browser(t)
	signIn(t, b, srv.URL, st, "canbo.nghiatrang", secret)
	closes := consultation.EarliestClose(st.Now(), 20).Format("2006-01-02")
	err := chromedp.Do(b,
		chromedp.Navigate(srv.URL+"/admin/consultations/new?unit=15865"),
		chromedp.WaitVisible(css("#draft")),
		chromedp.SetValue(css("#subject"), "5"),
		chromedp.SendKeys(css("#title"), "Dự thảo quy định giờ mở cửa chợ xã"),
		chromedp.SetValue(css("#draft"), "Điều 1. Giờ mở cửa\nChợ mở từ 5 giờ sáng.\nĐiều 2. Giờ đóng cửa\nChợ đóng lúc 18 giờ.\nĐiều 3. Hiệu lực\nTừ ngày 1 tháng sau."),
		chromedp.Click(css(`button[name="preview"]`)),
		chromedp.WaitVisible(css("#preview")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := chromedp.Run(b, chromedp.Text(css("#preview"))); !strings.Contains(s, "3 phần") || !strings.Contains(s, "Điều 2. Giờ đóng cửa") {
		t.Fatalf("preview %q", s)
	}
	shot(t, b, "consultation_new")
	err = chromedp.Do(b,
		chromedp.Click(css(`input[name="forms"][value="meeting"]`)),
		chromedp.SetValue(css("#closes_on"), closes),
		chromedp.Click(css(`form[action="/admin/consultations"] button:not([name])`)),
		chromedp.WaitVisible(css("#status")),
		chromedp.Click(css(`form[action$="/step"] button`)),
		chromedp.WaitVisible(css("#extend_reason")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := chromedp.Run(b, chromedp.Text(css("#status"))); s != "Đang lấy ý kiến" {
		t.Fatalf("status %q", s)
	}
	link, err := chromedp.Run(b, chromedp.AttributeValue(css(`a[href^="/consultations/"]`), "href"))
	if err != nil {
		t.Fatal(err)
	}
	page := srv.URL + link.Value
	admin := srv.URL + "/admin" + link.Value

	// The resident, in a browser of their own.
	c := Browser(t)
	readCode := codeReader(t, st, sms, "+84912404404")
	err = chromedp.Do(c,
		chromedp.Navigate(page),
		chromedp.Click(css(`a[href^="/signin?next="]`)),
		chromedp.WaitVisible(css("#phone")),
		chromedp.SendKeys(css("#phone"), "0912 404 404"),
		chromedp.Click(css("#send-code")),
		chromedp.WaitVisible(css("#code")),
	)
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(c,
		chromedp.SendKeys(css("#code"), readCode()),
		chromedp.Click(css("#check-code")),
		chromedp.WaitVisible(css("#s2 details summary")),
		chromedp.Click(css("#s2 details summary")),
		chromedp.Click(css(`#s2 input[name="stance"][value="disagree"]`)),
		chromedp.SendKeys(css("#text2"), "Nên đóng lúc 19 giờ cho người đi làm về muộn."),
		chromedp.Submit(css("#text2")),
		chromedp.WaitVisible(css("#s2 .opinion")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := chromedp.Run(c, chromedp.Text(css("#s2"))); !strings.Contains(s, "19 giờ") || !strings.Contains(s, "Không đồng ý: 1") ||
		!strings.Contains(s, "Một người dân") {
		t.Fatalf("section 2 after the comment: %q", s)
	}
	shot(t, c, "consultation_comment")

	// The period is over.
	st.SetClock(func() time.Time { return time.Now().UTC() })
	err = chromedp.Do(c, chromedp.Navigate(page), chromedp.WaitVisible(css("#accepting")))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := chromedp.Run(c, chromedp.Text(css("#accepting"))); !strings.Contains(s, "Đã hết thời gian lấy ý kiến") {
		t.Fatalf("after the period: %q", s)
	}
	if n, _ := chromedp.Run(c, chromedp.Evaluate[int](`document.querySelectorAll('textarea[name="text"]').length`)); n != 0 {
		t.Errorf("%d comment forms after the period", n)
	}

	run(t, b, "close",
		chromedp.Navigate(admin),
		chromedp.Click(css(`form[action$="/step"] button`)),
		chromedp.WaitVisible(css(`a[href$="/report"]`)))
	run(t, b, "answer the group",
		chromedp.Navigate(admin+"/report"),
		chromedp.WaitVisible(css("#progress")),
		chromedp.SetValue(css(`select[name="response"]`), "explained"),
		chromedp.SendKeys(css(`textarea[id^="reason"]`), "Giờ đóng cửa theo quy định chung của tỉnh về chợ hạng 3."),
		chromedp.Submit(css(`textarea[id^="reason"]`)),
		chromedp.WaitReady(css(".answered")))
	run(t, b, "the outcome",
		chromedp.SetValue(css("#outcome2"), "kept"),
		chromedp.SendKeys(css("#oreason2"), "Theo quy định chung của tỉnh; ban quản lý chợ sẽ mở thêm cửa phụ đến 19 giờ."),
		chromedp.Submit(css("#oreason2")),
		chromedp.WaitReady(css(`#outcome2 option[value="kept"][selected]`)))
	run(t, b, "publish",
		chromedp.SendKeys(css("#conclusion"), "Giữ giờ đóng cửa 18 giờ."),
		chromedp.Submit(css("#conclusion")),
		chromedp.WaitVisible(css("#total")))
	report, _ := chromedp.Run(b, chromedp.Text(css("main")))
	for _, want := range []string{"Giải trình (không tiếp thu)", "chợ hạng 3", "khác với ý kiến của đa số", "Giữ giờ đóng cửa 18 giờ"} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	shot(t, b, "consultation_report")
	err = chromedp.Do(b, chromedp.Navigate(srv.URL+"/units/15865/disclosures?category=11"), chromedp.WaitVisible(css("main")))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := chromedp.Run(b, chromedp.Text(css("main"))); !strings.Contains(s, "tiếp thu, giải trình ý kiến nhân dân: Dự thảo quy định giờ mở cửa chợ xã") {
		t.Errorf("not among the disclosures of category 11:\n%s", s)
	}
}

// officer creates a commune officer with a TOTP secret and returns it.
func officer(t *testing.T, st *store.Store, username, unit string) string {
	t.Helper()
	ctx := context.Background()
	hash, _ := auth.HashPassword("một câu mật khẩu dài đủ 12 ký tự")
	u := &account.User{Username: username, DisplayName: "Cán bộ văn phòng", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, account.CommuneOfficer, unit); err != nil {
		t.Fatal(err)
	}
	en, err := auth.NewTOTP(username)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetTOTPSecret(ctx, u.ID, en.Secret); err != nil {
		t.Fatal(err)
	}
	return en.Secret
}

// signIn signs the officer in with the TOTP code of the store's time.
func signIn(t *testing.T, b context.Context, base string, st *store.Store, username, secret string) {
	t.Helper()
	code, err := auth.TOTPCode(secret, st.Now())
	if err != nil {
		t.Fatal(err)
	}
	run(t, b, "sign-in of "+username,
		chromedp.Navigate(base+"/admin/signin"),
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), "một câu mật khẩu dài đủ 12 ký tự"),
		chromedp.SendKeys(chromedp.CSS("#otp"), code),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/admin/consultations"]`)))
}

// run runs a step of a journey; on failure it shows what the page says.
func run(t *testing.T, b context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	// The first run on b opens its tab, bound to b: a run under a
	// shorter-lived context must not be the one that opens it.
	if err := chromedp.Do(b); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(b, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		page, _ := chromedp.Run(b, chromedp.Text(chromedp.CSS("main")))
		t.Fatalf("%s: %v\n%s", step, err, page)
	}
}
