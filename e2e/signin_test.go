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
	"coso/demo"
	"coso/household"
	"coso/notify"
	"coso/store"
	"coso/store/storetest"
)

const (
	officerName = "canbo.hamrong"
	password    = "một câu mật khẩu dài đủ 12 ký tự"
	phone       = "+84912345678"
)

// signinServer is the demo with a commune officer of Phường Hàm Rồng
// (TOTP enrolled), a household there whose representative gave the
// phone number above, and SMS written to a file.
func signinServer(t *testing.T) (url, secret string, readCode func() string) {
	t.Helper()
	ctx := context.Background()
	st := storetest.SQLite(t)
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	secret = addOfficer(t, st)
	born := time.Date(1975, 8, 20, 0, 0, 0, 0, coso.Zone)
	h := &household.Household{Code: "14758.02-H901", VillageCode: "14758.02", Members: []household.Member{{
		Person:   household.Person{FullName: "Trịnh Văn Hùng", BirthDate: born, Sex: household.Male, Phone: "0912 345 678"},
		Relation: "chủ hộ", Representative: true, Since: born.AddDate(25, 0, 0)}}}
	if err := st.CreateHousehold(ctx, h); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	_, srv := apptest.Start(t, st, app.Config{Demo: true, SMS: notify.SMSConfig{Sender: "file:" + path}})
	return srv.URL, secret, codeReader(t, st, path, phone)
}

func addOfficer(t *testing.T, st *store.Store) string {
	t.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	u := &account.User{Username: officerName, DisplayName: "Lê Thị Cán Bộ", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, account.CommuneOfficer, "14758"); err != nil {
		t.Fatal(err)
	}
	en, err := auth.NewTOTP(officerName)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetTOTPSecret(ctx, u.ID, en.Secret); err != nil {
		t.Fatal(err)
	}
	return en.Secret
}

// A citizen signs in with a code texted to the phone and finds the
// account not yet confirmed; a commune officer signs in with password
// and TOTP and confirms it; the citizen, signed in again, may now act for
// the household.
func TestJourneySignIn(t *testing.T) {
	base, secret, readCode := signinServer(t)
	ctx := Browser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return s
	}
	location := func() string {
		t.Helper()
		l, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimPrefix(l, base)
	}
	citizenSignIn := func() {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/"),
			chromedp.Click(css("#nav-citizen")),
			chromedp.WaitVisible(css("#phone")),
			chromedp.SendKeys(css("#phone"), "0912 345 678"),
			chromedp.Click(css("#send-code")),
			chromedp.WaitVisible(css("#code")),
		)
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx,
			chromedp.SendKeys(css("#code"), readCode()),
			chromedp.Click(css("#check-code")),
			chromedp.WaitVisible(css("#me-status")),
		); err != nil {
			t.Fatal(err)
		}
	}
	signOut := func() {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(css(".who button")), chromedp.WaitVisible(css("#nav-citizen"))); err != nil {
			t.Fatal(err)
		}
	}

	citizenSignIn()
	if l := location(); l != "/me" {
		t.Fatalf("after the code: %s", l)
	}
	if s, p, who := text("#me-status"), text("#me-phone"), text("#who-citizen"); !strings.Contains(s, "chưa xác nhận") || p != "0912 *** 678" || who != p {
		t.Fatalf("my page: status %q phone %q layout %q", s, p, who)
	}
	signOut()

	code, err := auth.TOTPCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/admin/signin"),
		chromedp.SendKeys(css("#username"), officerName),
		chromedp.SendKeys(css("#password"), password),
		chromedp.SendKeys(css("#otp"), code),
		chromedp.Submit(css("#username")),
		chromedp.WaitVisible(css(`a[href="/admin/citizens"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if l, h1 := location(), text("h1"); l != "/admin" || h1 != "Trang cán bộ" {
		t.Fatalf("officer after sign-in: %s %q", l, h1)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css(`a[href="/admin/citizens"]`)),
		chromedp.WaitVisible(css("table.matches button")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if row := text("table.matches tbody"); !strings.Contains(row, "Trịnh Văn Hùng") || !strings.Contains(row, "0912 345 678") {
		t.Fatalf("the account to confirm: %q", row)
	}
	if err := chromedp.Do(ctx, chromedp.Click(css("table.matches button")), chromedp.WaitVisible(css("#links-done"))); err != nil {
		t.Fatal(err)
	}
	signOut()

	citizenSignIn()
	if s, acts := text("#me-status"), text("main"); s != "Đã xác nhận" || !strings.Contains(acts, "đại diện hộ gia đình ở Tổ dân phố Nam Ngạn") {
		t.Fatalf("my page once confirmed: %q\n%s", s, acts)
	}
}
