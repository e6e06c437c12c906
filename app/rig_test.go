package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/app"
	"coso/app/apptest"
	"coso/auth"
	"coso/household"
	"coso/notify"
	"coso/place"
	"coso/store"
)

// twoCommunes is a province with commune A (10001) and commune B (10002),
// a village in each, and a second village in A.
const twoCommunes = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
10001,Xã An Hoà,commune,38
10001.01,Thôn Đông,village,10001
10001.02,Thôn Tây,village,10001
10002,Xã Bình Minh,commune,38
10002.01,Thôn Nam,village,10002
`

const (
	communeA, villageA = "10001", "10001.01"
	communeB, villageB = "10002", "10002.01"
	password           = "một câu mật khẩu dài đủ 12 ký tự"
)

// clock is the store's clock in these tests: real time, moved on by hand
// when a test needs a fresh TOTP step.
type clock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().UTC().Add(c.off)
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.off += d
}

// rig is a running platform over a store with two communes.
type rig struct {
	t     *testing.T
	st    *store.Store
	app   *app.App
	url   string
	clock *clock
	sms   *notify.Worker
	smsAt string
}

func newRig(t *testing.T, st *store.Store, cfg app.Config) *rig {
	t.Helper()
	c := &clock{}
	st.SetClock(c.Now)
	rows, err := place.ReadCSV(strings.NewReader(twoCommunes))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportUnits(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	cfg.SMS = notify.SMSConfig{Sender: "file:" + path}
	a, srv := apptest.StartFunc(t, st, func(base string) app.Config {
		if cfg.OIDC.Issuer != "" {
			cfg.OIDC.RedirectURL = base + "/signin/oidc/callback"
		}
		return cfg
	})
	return &rig{t: t, st: st, app: a, url: srv.URL, clock: c, smsAt: path,
		sms: &notify.Worker{Outbox: st, SMS: &notify.FileSMS{Path: path}, Now: st.Now, Log: apptest.Logger()}}
}

func (r *rig) unit(code string) *place.Unit {
	r.t.Helper()
	u, err := r.st.UnitByCode(context.Background(), code)
	if err != nil {
		r.t.Fatal(err)
	}
	return u
}

// official is an account with one role on one unit, and its TOTP secret
// when the role needs one.
type official struct {
	user   *account.User
	secret string
}

func (r *rig) official(username string, role account.Role, unit string) *official {
	r.t.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword(password)
	if err != nil {
		r.t.Fatal(err)
	}
	u := &account.User{Username: username, DisplayName: "Cán bộ " + username, PasswordHash: hash}
	if err := r.st.CreateUser(ctx, u); err != nil {
		r.t.Fatal(err)
	}
	if _, err := r.st.Grant(ctx, u.ID, role, unit); err != nil {
		r.t.Fatal(err)
	}
	o := &official{user: u}
	if role.RequiresTOTP() {
		en, err := auth.NewTOTP(username)
		if err != nil {
			r.t.Fatal(err)
		}
		if err := r.st.SetTOTPSecret(ctx, u.ID, en.Secret); err != nil {
			r.t.Fatal(err)
		}
		o.secret = en.Secret
	}
	return o
}

// otp moves the clock to the next TOTP step (a code works once) and
// returns the official's code for it.
func (r *rig) otp(o *official) string {
	r.t.Helper()
	if o.secret == "" {
		return ""
	}
	r.clock.Add(30 * time.Second)
	code, err := auth.TOTPCode(o.secret, r.st.Now())
	if err != nil {
		r.t.Fatal(err)
	}
	return code
}

// token gets an API token for the official through POST /api/v1/auth/token.
func (r *rig) token(o *official) string {
	r.t.Helper()
	res := r.call("", "POST", "/api/v1/auth/token", map[string]string{
		"username": o.user.Username, "password": password, "otp": r.otp(o)})
	if res.status != 200 {
		r.t.Fatalf("token for %s: %d %s", o.user.Username, res.status, res.body)
	}
	return jsonField(r.t, res.body, "token")
}

// family creates a household in village with a representative whose phone
// and citizen ID are given, and returns the representative.
func (r *rig) family(village, code, name, phone, citizenID string) household.Person {
	r.t.Helper()
	born := time.Date(1980, 5, 1, 0, 0, 0, 0, coso.Zone)
	h := &household.Household{Code: code, VillageCode: village, Members: []household.Member{
		{Person: household.Person{FullName: name, BirthDate: born, Sex: household.Male, Phone: phone, CitizenID: citizenID},
			Relation: "chủ hộ", Representative: true, Since: born.AddDate(30, 0, 0)},
	}}
	if err := r.st.CreateHousehold(context.Background(), h); err != nil {
		r.t.Fatal(err)
	}
	return h.Members[0].Person
}

var codeRE = regexp.MustCompile(`là (\d{6})\.`)

// smsCode sends the outbox and returns the last code texted to phone
// (+84…), as the citizen reads it on the phone.
func (r *rig) smsCode(phone string) string {
	r.t.Helper()
	if _, err := r.sms.RunOnce(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	lines, err := notify.ReadSMSFile(r.smsAt)
	if err != nil {
		r.t.Fatal(err)
	}
	for i := len(lines) - 1; i >= 0; i-- {
		if m := codeRE.FindStringSubmatch(lines[i].Text); lines[i].To == phone && m != nil {
			return m[1]
		}
	}
	r.t.Fatalf("no code was texted to the phone")
	return ""
}

// browser is an HTTP client with its own cookies that does not follow
// redirects, so tests see each answer.
type browser struct {
	r      *rig
	client *http.Client
}

func (r *rig) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{r: r, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type answer struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (b *browser) get(path string) answer { return b.do("GET", path, nil) }

func (b *browser) post(path string, form url.Values) answer { return b.do("POST", path, form) }

func (b *browser) do(method, path string, form url.Values) answer {
	b.r.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.r.url+path, body)
	if err != nil {
		b.r.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return b.r.send(b.client, req)
}

func (r *rig) send(client *http.Client, req *http.Request) answer {
	r.t.Helper()
	res, err := client.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, body: string(b), location: res.Header.Get("Location"), header: res.Header}
}

// signIn signs an official in through the form.
func (b *browser) signIn(o *official) {
	b.r.t.Helper()
	res := b.post("/admin/signin", url.Values{"username": {o.user.Username}, "password": {password}, "otp": {b.r.otp(o)}})
	if res.status != http.StatusSeeOther || res.location != "/admin" {
		b.r.t.Fatalf("sign-in of %s: %d %s %s", o.user.Username, res.status, res.location, truncate([]byte(res.body)))
	}
}

// citizenSignIn signs a citizen in with a phone code read from the SMS file.
func (b *browser) citizenSignIn(phone string) {
	b.r.t.Helper()
	res := b.post("/signin", url.Values{"phone": {phone}})
	if res.status != http.StatusSeeOther || res.location != "/signin/code" {
		b.r.t.Fatalf("code request: %d %s", res.status, truncate([]byte(res.body)))
	}
	stored := "+84" + strings.TrimPrefix(strings.ReplaceAll(phone, " ", ""), "0")
	res = b.post("/signin/code", url.Values{"code": {b.r.smsCode(stored)}})
	if res.status != http.StatusSeeOther || res.location != "/me" {
		b.r.t.Fatalf("code: %d %s", res.status, truncate([]byte(res.body)))
	}
}

// call sends an API request with a bearer token (if any) and a JSON body
// (if any; a string is sent as it is, as text/csv).
func (r *rig) call(token, method, path string, body any) answer {
	r.t.Helper()
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case string:
		rd, ctype = strings.NewReader(b), "text/csv"
	default:
		j, err := json.Marshal(b)
		if err != nil {
			r.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, r.url+path, rd)
	if err != nil {
		r.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return r.send(http.DefaultClient, req)
}

func jsonField(t *testing.T, body, field string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	s, _ := m[field].(string)
	return s
}

// failedMessage puts a failed SMS about the commune in the outbox and
// returns its id.
func (r *rig) failedMessage(commune string) int64 {
	r.t.Helper()
	ctx := context.Background()
	u, err := r.st.UnitByCode(ctx, commune)
	if err != nil {
		r.t.Fatal(err)
	}
	id, err := r.st.Enqueue(ctx, notify.Message{Channel: notify.ChannelSMS, To: "+84912000999", Body: "Thông báo họp thôn", UnitID: u.ID})
	if err != nil {
		r.t.Fatal(err)
	}
	msgs, err := r.st.ClaimMessages(ctx, r.st.Now(), 10, time.Minute)
	if err != nil {
		r.t.Fatal(err)
	}
	for _, m := range msgs {
		if err := r.st.MarkFailed(ctx, m.ID, m.Claim, "gateway refused", time.Time{}); err != nil {
			r.t.Fatal(err)
		}
	}
	return id
}

// householdID is the id of the household with the given code.
func (r *rig) householdID(code string) int64 {
	r.t.Helper()
	h, err := r.st.HouseholdByCode(context.Background(), code)
	if err != nil {
		r.t.Fatal(err)
	}
	return h.ID
}
