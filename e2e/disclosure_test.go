package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"coso"
	"coso/account"
	"coso/app"
	"coso/auth"
	"coso/demo"
	"coso/store/storetest"
)

// An officer signs in with an authenticator code, drafts and publishes a
// category-7 decision; a villager finds it by typing without diacritics
// and opens it; the quarterly checklist shows it.
func TestJourneyPublishDisclosure(t *testing.T) {
	st := storetest.SQLite(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
	const pw = "ruộng lúa xanh bên sông Mã"
	hash, _ := auth.HashPassword(pw)
	u := &account.User{Username: "canbo", DisplayName: "Lê Thị Cán Bộ", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, account.CommuneOfficer, "14758"); err != nil {
		t.Fatal(err)
	}
	e, _ := auth.NewTOTP("canbo")
	if err := st.SetTOTPSecret(ctx, u.ID, e.Secret); err != nil {
		t.Fatal(err)
	}
	a, err := app.NewWithStore(st, app.Config{Demo: true, KeyDir: t.TempDir(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler)
	t.Cleanup(srv.Close)

	b := Browser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	code, _ := auth.TOTPCode(e.Secret, st.Now())
	today := st.Now().In(coso.Zone).Format("2006-01-02")
	title := "Danh sách hộ nghèo được hỗ trợ sửa chữa nhà ở đợt 2"
	err = chromedp.Do(b,
		chromedp.Navigate(srv.URL+"/admin/signin"),
		chromedp.SendKeys(css("#username"), "canbo"),
		chromedp.SendKeys(css("#password"), pw),
		chromedp.SendKeys(css("#otp"), code),
		chromedp.Submit(css("#username")),
		chromedp.WaitVisible(css(`a[href="/admin/disclosures"]`)),
		chromedp.Navigate(srv.URL+"/admin/units/14758/disclosures/new"),
		chromedp.SetValue(css("#category"), "7"),
		chromedp.SendKeys(css("#title"), title),
		chromedp.SetValue(css("#decided_on"), today),
		chromedp.SendKeys(css("#body"), "Gồm 5 hộ ở tổ dân phố Nam Ngạn."),
		chromedp.Submit(css("#title")),
		chromedp.WaitVisible(css(`form[action$="/publish"] button`)),
		chromedp.Click(css(`form[action$="/publish"] button`)),
		chromedp.WaitVisible(css(`p.notice[role="status"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	notice, _ := chromedp.Run(b, chromedp.Text(css(`p.notice[role="status"]`)))
	if !strings.Contains(notice, "Đã công khai") {
		t.Fatalf("after publishing: %q", notice)
	}

	// A villager on another phone.
	v := Browser(t)
	err = chromedp.Do(v,
		chromedp.Navigate(srv.URL+"/disclosures"),
		chromedp.SendKeys(css("#q"), "ho ngheo sua chua nha"),
		chromedp.Submit(css("#q")),
		chromedp.WaitVisible(css(".results")),
		chromedp.Click(css(".results li a")),
		chromedp.WaitVisible(css(".facts")),
	)
	if err != nil {
		t.Fatal(err)
	}
	h1, _ := chromedp.Run(v, chromedp.Text(css("h1")))
	facts, _ := chromedp.Run(v, chromedp.Text(css(".facts")))
	if h1 != title || !strings.Contains(facts, "Đúng hạn") || !strings.Contains(facts, "Phải phát ít nhất 3 ngày liên tục") {
		t.Fatalf("public page: h1=%q facts=%q", h1, facts)
	}
	err = chromedp.Do(v,
		chromedp.Navigate(srv.URL+"/units/14758/disclosures/compliance"),
		chromedp.WaitVisible(css("table.checklist")),
	)
	if err != nil {
		t.Fatal(err)
	}
	table, _ := chromedp.Run(v, chromedp.Text(css("table.checklist")))
	if !strings.Contains(table, title) {
		t.Fatalf("the checklist lacks the new disclosure: %q", table)
	}
}
