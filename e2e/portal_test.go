package e2e

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"coso/app"
	"coso/app/apptest"
	"coso/demo"
	"coso/store/storetest"
)

func demoServer(t *testing.T) *httptest.Server {
	t.Helper()
	st := storetest.SQLite(t)
	if _, err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	_, srv := apptest.Start(t, st, app.Config{Demo: true})
	return srv
}

// A villager opens the portal, switches to English and back, finds a ward
// by typing its name without diacritics, and opens it.
func TestJourneyFindCommune(t *testing.T) {
	srv := demoServer(t)
	ctx := Browser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	htmlLang, err := chromedp.Run(ctx, chromedp.AttributeValue(css("html"), "lang"))
	if err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(css("h1")))
	if err != nil {
		t.Fatal(err)
	}
	if htmlLang.Value != "vi" || !strings.Contains(h1, "Thanh Ho") {
		t.Fatalf("home: lang=%q h1=%q", htmlLang.Value, h1)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css("#lang-switch")),
		chromedp.WaitVisible(css(`html[lang="en"] body`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	label, err := chromedp.Run(ctx, chromedp.Text(css(`label[for="q"]`)))
	if err != nil || !strings.Contains(label, "Find a commune") {
		t.Fatalf("English label %q (%v)", label, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(css("#lang-switch")),
		chromedp.WaitVisible(css(`html[lang="vi"] body`)),
		chromedp.SendKeys(css("#q"), "ham rong"),
		chromedp.Submit(css("#q")),
		chromedp.WaitVisible(css(".results")),
		chromedp.Click(css(`.results a[href="/units/14758"]`)),
		chromedp.WaitVisible(css(".facts")),
	)
	if err != nil {
		t.Fatal(err)
	}
	h1, _ = chromedp.Run(ctx, chromedp.Text(css("h1")))
	title, _ := chromedp.Run(ctx, chromedp.Title())
	if h1 != "Phường Hàm Rồng" || !strings.Contains(title, "Hàm Rồng") {
		t.Fatalf("unit page: h1=%q title=%q", h1, title)
	}
}
