package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
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
	"coso/decision"
	"coso/demo"
	"coso/household"
	"coso/notify"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// A village head signs in, puts a matter to the village's meeting and to
// online voting, records the invitation, opens the vote, records the
// meeting, ticks the roster, takes the procedural votes and enters the
// counting board's counts; a household representative signs in with a
// texted code on the matter's page, votes online and checks the receipt;
// the village head closes and counts the vote and records the day the
// written decision went to the commune; a commune officer finds it due on
// the back office's home page and recognises it; the public page and the
// portal's list show the decision in force, and the representative is
// told by SMS.
func TestJourneyVillageDecision(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
	ctx := context.Background()
	st := storetest.SQLite(t)
	if _, err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	// A village of its own: the demo's villages have households already.
	if err := st.CreateUnit(ctx, &place.Unit{Code: "15865.90", Name: "Thôn Thử Nghiệm", Kind: place.Village, ParentCode: "15865"}); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var hs []int64
	for i := range 3 {
		h := household.RandomFamily(r, "15865.90", i+1)
		h.VillageCode = "15865.90"
		if err := st.CreateHousehold(ctx, &h); err != nil {
			t.Fatal(err)
		}
		hs = append(hs, h.ID)
	}
	village, _ := st.UnitByCode(ctx, "15865.90")
	rep := representative(t, st)
	if err := st.RecordOptIn(ctx, &decision.OptIn{VillageID: village.ID, DecidedOn: st.Now().In(coso.Zone), Households: 4, Agreed: 3}); err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword("ruộng lúa xanh bên sông")
	u := &account.User{Username: "truongthon", DisplayName: "Trưởng thôn Nghĩa Trang", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, account.VillageHead, "15865.90"); err != nil {
		t.Fatal(err)
	}
	sms := filepath.Join(t.TempDir(), "sms.jsonl")
	_, srv := apptest.Start(t, st, app.Config{Demo: true, SMS: notify.SMSConfig{Sender: "file:" + sms}})

	b := Browser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	step := func(button string) chromedp.Action[chromedp.Void] {
		return chromedp.Click(css(`form[action$="/step"] input[value="` + button + `"] + button`))
	}
	err := chromedp.Do(b,
		chromedp.Navigate(srv.URL+"/admin/signin"),
		chromedp.SendKeys(css("#username"), "truongthon"),
		chromedp.SendKeys(css("#password"), "ruộng lúa xanh bên sông"),
		chromedp.Submit(css("#password")),
		chromedp.WaitVisible(css(`a[href="/admin/matters"]`)),
		chromedp.Click(css(`a[href="/admin/matters"]`)),
		chromedp.WaitVisible(css(`a[href="/admin/matters/new"]`)),
		chromedp.Navigate(srv.URL+"/admin/matters/new?unit=15865.90"),
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
		chromedp.Click(css(`input[name="forms"][value="online"]`)),
		chromedp.SendKeys(css("#proposer"), "Trưởng thôn"),
		chromedp.Submit(css("#title")),
		chromedp.WaitVisible(css("#status")),
		// The invitation went out three days ago, for today's meeting.
		chromedp.WaitVisible(css("#inv_issued_on")),
		chromedp.SetValue(css("#inv_issued_on"), st.Now().AddDate(0, 0, -3).In(coso.Zone).Format("2006-01-02")),
		chromedp.SetValue(css("#inv_meeting_on"), st.Now().In(coso.Zone).Format("2006-01-02")),
		chromedp.SetValue(css("#inv_hour"), "19:30"),
		chromedp.SendKeys(css("#inv_place"), "Nhà văn hoá thôn"),
		chromedp.Submit(css("#inv_place")),
		chromedp.WaitVisible(css("#invitation")),
		step("open"),
		chromedp.WaitVisible(css("#meeting_on")),
		chromedp.SetValue(css("#meeting_on"), st.Now().In(coso.Zone).Format("2006-01-02")),
		chromedp.SetValue(css("#place"), "Nhà văn hoá thôn"),
		chromedp.Submit(css("#place")),
		chromedp.WaitVisible(css("#held")),
		chromedp.Click(css(fmt.Sprintf("#h%d", hs[0]))),
		chromedp.Click(css(fmt.Sprintf("#h%d", hs[1]))),
		chromedp.Submit(css(fmt.Sprintf("#h%d", hs[1]))),
		chromedp.WaitVisible(css(fmt.Sprintf("#h%d[checked]", hs[1]))),
	)
	if err != nil {
		t.Fatal(err)
	}
	procedures(t, b, village.ID)
	err = chromedp.Do(b,
		chromedp.SetValue(css(fmt.Sprintf("#c%d_0", village.ID)), "2"),
		chromedp.Submit(css(fmt.Sprintf("#c%d_0", village.ID))),
		chromedp.WaitVisible(css(fmt.Sprintf(`#c%d_0[value="2"]`, village.ID))),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, b, "matter_meeting")
	page, err := chromedp.Run(b, chromedp.AttributeValue(css(`a[href^="/matters/"]`), "href"))
	if err != nil {
		t.Fatal(err)
	}
	voteOnline(t, srv.URL+page.Value, st, rep, codeReader(t, st, sms, repPhone))
	err = chromedp.Do(b,
		chromedp.Reload(),
		step("close"),
		chromedp.WaitReady(css(`input[value="count"]`)),
		step("count"),
		// The closed page shows the result too; only the counted one asks
		// for the day the written decision is sent to the commune.
		chromedp.WaitVisible(css("#sent_on")),
	)
	if err != nil {
		t.Fatal(err)
	}
	result, err := chromedp.Run(b, chromedp.Text(css("#result")))
	if err != nil || result != "3 trên 4 hộ đồng ý, quá một nửa: thông qua" {
		t.Fatalf("result %q (%v)", result, err)
	}
	// The village head records the day the written decision went to the
	// commune; the public page shows the result, not yet in force.
	err = chromedp.Do(b,
		chromedp.Click(css(`form[action$="/send"] button`)),
		chromedp.WaitVisible(css("#sent")),
		chromedp.Click(css(`a[href^="/matters/"]`)),
		chromedp.WaitVisible(css(".notice")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if public, _ := chromedp.Run(b, chromedp.Text(css(".notice"))); !strings.Contains(public, "3 trên 4 hộ đồng ý") {
		t.Fatalf("public page %q", public)
	}
	if n, _ := chromedp.Run(b, chromedp.Evaluate[int](`document.querySelectorAll("#effective, #decision-pdf").length`)); n != 0 {
		t.Fatalf("the public page shows the decision in force before the commune answered")
	}
	recognise(t, srv.URL, st, page.Value)
	// The public page and the portal's list show the decision in force.
	err = chromedp.Do(b,
		chromedp.Navigate(srv.URL+page.Value),
		chromedp.WaitVisible(css("#effective")),
		chromedp.WaitVisible(css("#decision-pdf")),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, b, "matter_public")
	err = chromedp.Do(b,
		chromedp.Navigate(srv.URL+"/units/15865"),
		chromedp.Click(css(`a[href="/units/15865/decisions"]`)),
		chromedp.WaitVisible(css("#recognised")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if list, _ := chromedp.Run(b, chromedp.Text(css("#recognised"))); !strings.Contains(list, "Giờ đóng cổng nhà văn hoá") ||
		!strings.Contains(list, "3 trên 4 hộ đồng ý, quá một nửa: thông qua") {
		t.Fatalf("the portal's decisions: %q", list)
	}
	// The representative is told by SMS, once.
	msgs, err := st.Outbox(ctx, store.OutboxFilter{Channel: notify.ChannelSMS})
	if err != nil {
		t.Fatal(err)
	}
	told := 0
	for _, m := range msgs {
		if m.To == repPhone && strings.Contains(m.Body, "“Giờ đóng cổng nhà văn hoá” đã được công nhận") {
			told++
		}
	}
	if told != 1 {
		t.Errorf("the representative was told %d times", told)
	}
}

// recognise is the commune officer's part, in a browser of their own:
// signed in with a TOTP code, the officer finds the decision due on the
// back office's home page and recognises it.
func recognise(t *testing.T, base string, st *store.Store, public string) {
	t.Helper()
	ctx := context.Background()
	const pw = "cánh đồng lúa Nghĩa Trang"
	hash, _ := auth.HashPassword(pw)
	u := &account.User{Username: "canbo.nghiatrang", DisplayName: "Lê Thị Cán Bộ", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Grant(ctx, u.ID, account.CommuneOfficer, "15865"); err != nil {
		t.Fatal(err)
	}
	e, _ := auth.NewTOTP(u.Username)
	if err := st.SetTOTPSecret(ctx, u.ID, e.Secret); err != nil {
		t.Fatal(err)
	}
	code, _ := auth.TOTPCode(e.Secret, st.Now())
	admin := "/admin" + public
	b := Browser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(b,
		chromedp.Navigate(base+"/admin/signin"),
		chromedp.SendKeys(css("#username"), u.Username),
		chromedp.SendKeys(css("#password"), pw),
		chromedp.SendKeys(css("#otp"), code),
		chromedp.Submit(css("#username")),
		chromedp.WaitVisible(css("#decisions-due")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if due, _ := chromedp.Run(b, chromedp.Text(css("#decisions-due"))); !strings.Contains(due, "Giờ đóng cổng nhà văn hoá") ||
		!strings.Contains(due, "Ủy ban nhân dân cấp xã công nhận hoặc trả lời") {
		t.Fatalf("due on the officer's home page: %q", due)
	}
	shot(t, b, "admin_decisions_due")
	err = chromedp.Do(b,
		chromedp.Click(css(`#decisions-due a[href="`+admin+`"]`)),
		chromedp.WaitVisible(css("#decided_on")),
		chromedp.SetValue(css("#decision"), "recognised"),
		chromedp.SendKeys(css("#reason"), "Quyết định số 5/QĐ-UBND"),
		chromedp.Submit(css("#reason")),
		chromedp.WaitVisible(css("#effective")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if answer, _ := chromedp.Run(b, chromedp.Text(css("#answer"))); !strings.Contains(answer, "Đã được công nhận") || !strings.Contains(answer, "Quyết định số 5/QĐ-UBND") {
		t.Fatalf("the answer: %q", answer)
	}
}

// procedures takes the meeting's procedural votes through their forms,
// both present households approving each: the counts' form appears then.
func procedures(t *testing.T, b context.Context, village int64) {
	t.Helper()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	key := fmt.Sprint(village)
	names := map[string]string{"secretary": "Lò Thị Thư", "counting_board": "Hà Văn Một\nLò Thị Hai\nVi Văn Ba",
		"witnesses": "Lường Văn Bốn\nPhạm Thị Năm"}
	for _, kind := range []string{"secretary", "method", "counting_board", "witnesses"} {
		form := "#proc-" + key + "-" + kind
		var fill chromedp.Action[chromedp.Void]
		if kind == "method" {
			fill = chromedp.SetValue(css("#m"+key), "secret")
		} else {
			fill = chromedp.SetValue(css("#n"+key+"-"+kind), names[kind])
		}
		err := chromedp.Do(b,
			fill,
			chromedp.SetValue(css("#a"+key+"-"+kind), "2"),
			chromedp.Submit(css("#a"+key+"-"+kind)),
			chromedp.WaitVisible(css(form+" .done")),
		)
		if err != nil {
			t.Fatalf("procedural vote %s: %v", kind, err)
		}
	}
}

const repPhone = "+84912345678"

// representative adds a household to the village whose representative
// has a phone, and returns the representative's person id.
func representative(t *testing.T, st *store.Store) int64 {
	t.Helper()
	born := time.Date(1975, 8, 20, 0, 0, 0, 0, coso.Zone)
	h := &household.Household{Code: "15865.90-H901", VillageCode: "15865.90", Members: []household.Member{{
		Person:   household.Person{FullName: "Trịnh Văn Hùng", BirthDate: born, Sex: household.Male, Phone: "0912 345 678"},
		Relation: "chủ hộ", Representative: true, Since: born.AddDate(25, 0, 0)}}}
	if err := st.CreateHousehold(context.Background(), h); err != nil {
		t.Fatal(err)
	}
	return h.Members[0].Person.ID
}

// voteOnline is the representative's part, in a browser of their own:
// the matter's page asks them to sign in, and brings them back; once an
// official confirmed the account, the page offers the ballot; the
// receipt, shown once, is found by the receipt check.
func voteOnline(t *testing.T, page string, st *store.Store, person int64, readCode func() string) {
	t.Helper()
	b := Browser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	err := chromedp.Do(b,
		chromedp.Navigate(page),
		chromedp.Click(css(`#ballot a[href^="/signin"]`)),
		chromedp.WaitVisible(css("#phone")),
		chromedp.SendKeys(css("#phone"), "0912 345 678"),
		chromedp.Click(css("#send-code")),
		chromedp.WaitVisible(css("#code")),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Read once the code was asked for: arguments are evaluated before Do runs.
	err = chromedp.Do(b,
		chromedp.SendKeys(css("#code"), readCode()),
		chromedp.Click(css("#check-code")),
		chromedp.WaitVisible(css("#ballot")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := chromedp.Run(b, chromedp.Text(css("#ballot"))); !strings.Contains(s, "đã được cán bộ xác nhận") {
		t.Fatalf("before the confirmation the page says %q", s)
	}
	// The confirmation itself is TestJourneySignIn's; here it is recorded directly.
	c, err := st.CitizenByPhone(context.Background(), repPhone)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.LinkCitizen(context.Background(), c.ID, person, 0); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(b,
		chromedp.Reload(),
		chromedp.WaitVisible(css(`#ballot input[name="option"][value="0"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, b, "matter_ballot")
	err = chromedp.Do(b,
		chromedp.Click(css(`#ballot input[name="option"][value="0"]`)),
		chromedp.Submit(css(`#ballot form`)),
		chromedp.WaitVisible(css("#receipt-code")),
	)
	if err != nil {
		t.Fatal(err)
	}
	receipt, err := chromedp.Run(b, chromedp.Text(css("#receipt-code")))
	if err != nil || len(receipt) != 19 {
		t.Fatalf("receipt %q (%v)", receipt, err)
	}
	shot(t, b, "matter_receipt")
	err = chromedp.Do(b,
		chromedp.Navigate(page),
		chromedp.WaitVisible(css("#code")),
		chromedp.SendKeys(css("#code"), receipt),
		chromedp.Submit(css("#code")),
		chromedp.WaitVisible(css(`p[role="status"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := chromedp.Run(b, chromedp.Text(css(`p[role="status"]`))); !strings.Contains(s, "Có một phiếu với mã này") {
		t.Fatalf("receipt check: %q", s)
	}
	if s, _ := chromedp.Run(b, chromedp.Text(css("#ballot"))); !strings.Contains(s, "đã biểu quyết") {
		t.Fatalf("after voting the page says %q", s)
	}
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
