package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"coso/account"
	"coso/app"
	"coso/auth"
	"coso/demo"
	"coso/household"
	"coso/store/storetest"
)

// A village head signs in, puts a matter to the village's meeting, ticks
// the roster, enters the counting board's counts, closes and counts the
// vote; the public page shows the decision in words.
func TestJourneyVillageDecision(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
	ctx := context.Background()
	st := storetest.SQLite(t)
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var hs []int64
	for i := range 3 {
		h := household.RandomFamily(r, "15865.01", i+1)
		h.VillageCode = "15865.01"
		if err := st.CreateHousehold(ctx, &h); err != nil {
			t.Fatal(err)
		}
		hs = append(hs, h.ID)
	}
	village, _ := st.UnitByCode(ctx, "15865.01")
	hash, _ := auth.HashPassword("ruộng lúa xanh bên sông")
	u := &account.User{Username: "truongthon", DisplayName: "Trưởng thôn Nghĩa Trang", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, account.VillageHead, "15865.01"); err != nil {
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
	step := func(button string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(css(`form[action$="/step"] input[value="` + button + `"] + button`))
	}
	err = chromedp.Do(b,
		chromedp.Navigate(srv.URL+"/admin/signin"),
		chromedp.SendKeys(css("#username"), "truongthon"),
		chromedp.SendKeys(css("#password"), "ruộng lúa xanh bên sông"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css(`a[href="/admin/matters"]`)),
		chromedp.Click(css(`a[href="/admin/matters"]`)),
		chromedp.WaitVisible(css(`a[href="/admin/matters/new"]`)),
		chromedp.Navigate(srv.URL+"/admin/matters/new?unit=15865.01"),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, b, "matter_new")
	err = chromedp.Do(b,
		chromedp.SetValue(css("#subject"), "6"),
		chromedp.SendKeys(css("#title"), "Giờ đóng cổng nhà văn hoá"),
		chromedp.SendKeys(css("#question"), "Đóng cổng nhà văn hoá lúc 22 giờ?"),
		chromedp.Click(css(`input[name="forms"][value="meeting"]`)),
		chromedp.SendKeys(css("#proposer"), "Trưởng thôn"),
		chromedp.Submit(css("#title")),
		chromedp.WaitVisible(css("#status")),
		step("open"),
		chromedp.WaitVisible(css("#meeting_on")),
		chromedp.SetValue(css("#meeting_on"), st.Now().Format("2006-01-02")),
		chromedp.SendKeys(css("#place"), "Nhà văn hoá thôn"),
		chromedp.Submit(css("#place")),
		chromedp.WaitVisible(css(`#place[value="Nhà văn hoá thôn"]`)),
		chromedp.Click(css(fmt.Sprintf("#h%d", hs[0]))),
		chromedp.Click(css(fmt.Sprintf("#h%d", hs[1]))),
		chromedp.Submit(css(fmt.Sprintf("#h%d", hs[1]))),
		chromedp.WaitVisible(css(fmt.Sprintf("#h%d[checked]", hs[1]))),
		chromedp.SetValue(css(fmt.Sprintf("#c%d_0", village.ID)), "2"),
		chromedp.Submit(css(fmt.Sprintf("#c%d_0", village.ID))),
		chromedp.WaitVisible(css(fmt.Sprintf(`#c%d_0[value="2"]`, village.ID))),
		step("close"),
		chromedp.WaitReady(css(`input[value="count"]`)),
		step("count"),
		// The closed page shows the result too; only the counted one asks
		// for the commune's recognition.
		chromedp.WaitVisible(css("#decided_on")),
	)
	if err != nil {
		t.Fatal(err)
	}
	result, err := chromedp.Run(b, chromedp.Text(css("#result")))
	if err != nil || result != "2 trên 3 hộ đồng ý, quá một nửa: thông qua" {
		t.Fatalf("result %q (%v)", result, err)
	}
	err = chromedp.Do(b, chromedp.Click(css(`a[href^="/matters/"]`)), chromedp.WaitVisible(css(".notice")))
	if err != nil {
		t.Fatal(err)
	}
	public, _ := chromedp.Run(b, chromedp.Text(css(".notice")))
	if !strings.Contains(public, "2 trên 3 hộ đồng ý") {
		t.Fatalf("public page %q", public)
	}
	shot(t, b, "matter_public")
}

// shot saves a screenshot of the page when COSO_SCREENSHOTS names a
// directory, for people to look at.
func shot(t *testing.T, b context.Context, name string) {
	if dir := os.Getenv("COSO_SCREENSHOTS"); dir != "" {
		png, err := chromedp.Run(b, chromedp.FullScreenshot(100))
		if err == nil {
			err = os.WriteFile(dir+"/"+name+".png", png, 0o644)
		}
		if err != nil {
			t.Log(err)
		}
	}
}
