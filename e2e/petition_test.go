package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"coso/account"
	"coso/app"
	"coso/app/apptest"
	"coso/auth"
	"coso/demo"
	"coso/store/storetest"
)

// A resident sends a complaint from the ward's page on a phone and keeps
// the tracking code; an officer of the ward signs in with an authenticator
// code, sees the complainant on the case's page, accepts the complaint and
// records the answer; the resident looks the code up, reads the answer on
// a page that names nobody, and rates the handling.
func TestJourneyComplaint(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
	ctx := context.Background()
	st := storetest.SQLite(t)
	// The demo's cases need the keys that seal identities: the same key
	// directory the platform then runs with. The demo loads before the
	// server starts, as it moves the store's clock to date its cases.
	keyDir := t.TempDir()
	keys, err := app.LoadIdentityKeys(keyDir)
	if err != nil {
		t.Fatal(err)
	}
	st.SetSealer(keys)
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	_, srv := apptest.Start(t, st, app.Config{Demo: true, KeyDir: keyDir})
	const pw = "đồng lúa Hàm Rồng mùa gặt"
	hash, _ := auth.HashPassword(pw)
	u := &account.User{Username: "motcua.hamrong", DisplayName: "Nguyễn Thị Một Cửa", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, account.CommuneOfficer, "14758"); err != nil {
		t.Fatal(err)
	}
	e, _ := auth.NewTOTP(u.Username)
	if err := st.SetTOTPSecret(ctx, u.ID, e.Secret); err != nil {
		t.Fatal(err)
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	const subject = "Khiếu nại việc thu tiền vệ sinh môi trường"
	const answer = "Tổ dân phố đã hoàn trả khoản thu vượt mức quy định cho các hộ."

	resident := Browser(t)
	err = chromedp.Do(resident,
		chromedp.Navigate(srv.URL+"/units/14758/petitions"),
		chromedp.Click(css("#send-petition")),
		chromedp.WaitVisible(css("#subject")),
		chromedp.Click(css(`input[name="kind"][value="complaint"]`)),
		chromedp.SendKeys(css("#subject"), subject),
		chromedp.SendKeys(css("#body"), "Tổ dân phố thu tiền vệ sinh 50.000 đồng mỗi tháng, cao hơn mức Hội đồng nhân dân quyết định."),
		chromedp.SendKeys(css("#name"), "Đoàn Văn Hành"),
		chromedp.SendKeys(css("#address"), "Tổ dân phố Nam Ngạn, phường Hàm Rồng"),
		chromedp.SendKeys(css("#phone"), "0913 579 246"),
		chromedp.Submit(css("#subject")),
		chromedp.WaitVisible(css("#tracking-code")),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, resident, "petition_sent")
	code, err := chromedp.Run(resident, chromedp.Text(css("#tracking-code")))
	if err != nil || len(code) != 14 {
		t.Fatalf("tracking code %q: %v", code, err)
	}
	c, err := st.PetitionByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}

	officer := Browser(t)
	otp, _ := auth.TOTPCode(e.Secret, st.Now())
	page := srv.URL + "/admin/petitions/" + strconv.FormatInt(c.ID, 10)
	err = chromedp.Do(officer,
		chromedp.Navigate(srv.URL+"/admin/signin"),
		chromedp.SendKeys(css("#username"), u.Username),
		chromedp.SendKeys(css("#password"), pw),
		chromedp.SendKeys(css("#otp"), otp),
		chromedp.Submit(css("#username")),
		chromedp.WaitVisible(css(`a[href="/admin/petitions"]`)),
		chromedp.Click(css(`a[href="/admin/petitions"]`)),
		chromedp.WaitVisible(css(`a[href="/admin/petitions/`+strconv.FormatInt(c.ID, 10)+`"]`)),
		chromedp.Click(css(`a[href="/admin/petitions/`+strconv.FormatInt(c.ID, 10)+`"]`)),
		chromedp.WaitVisible(css("#identity")),
	)
	if err != nil {
		t.Fatal(err)
	}
	who, _ := chromedp.Run(officer, chromedp.Text(css("#identity")))
	if !strings.Contains(who, "Đoàn Văn Hành") || !strings.Contains(who, "0913 579 246") {
		t.Fatalf("the officer does not see the complainant: %q", who)
	}
	err = chromedp.Do(officer,
		chromedp.Click(css(`form[action$="/accept"] button`)),
		chromedp.WaitVisible(css("#answer")),
		chromedp.SendKeys(css("#answer"), answer),
		chromedp.Click(css(`form[action$="/resolve"] button`)),
		chromedp.WaitVisible(css(".stage-resolved")),
		chromedp.Navigate(page),
		chromedp.WaitVisible(css(".stage-resolved")),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, officer, "petition_case")

	err = chromedp.Do(resident,
		chromedp.Navigate(srv.URL+"/petitions"),
		chromedp.SendKeys(css("#code"), strings.ToLower(strings.ReplaceAll(code, "-", " "))),
		chromedp.Submit(css("#code")),
		chromedp.WaitVisible(css("#answer")),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, resident, "petition_status")
	got, _ := chromedp.Run(resident, chromedp.Text(css("#answer")))
	body, _ := chromedp.Run(resident, chromedp.Text(css("main")))
	if got != answer || strings.Contains(body, "Đoàn Văn Hành") || strings.Contains(body, "579") || strings.Contains(body, "Nam Ngạn") {
		t.Fatalf("status page: answer %q; page %q", got, body)
	}
	err = chromedp.Do(resident,
		chromedp.Click(css(`a[href$="/rating"]`)),
		chromedp.WaitVisible(css(`input[name="score"][value="5"]`)),
		chromedp.Click(css(`input[name="score"][value="5"]`)),
		chromedp.SendKeys(css("#comment"), "Giải quyết nhanh."),
		chromedp.Submit(css("#comment")),
		chromedp.WaitVisible(css("#rated")),
	)
	if err != nil {
		t.Fatal(err)
	}
}
