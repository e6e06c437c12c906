package oidclogin_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"coso"
	"coso/oidclogin"
	"coso/oidclogin/oidctest"
)

const callback = "https://coso.example/dang-nhap/oidc"

// persons is the register of persons the test knows.
type persons map[string]int64

func (p persons) PersonByCitizenID(_ context.Context, id string) (int64, error) {
	if pid, ok := p[id]; ok {
		return pid, nil
	}
	return 0, coso.NotFound("person")
}

func setup(t *testing.T) (*oidctest.Provider, *oidclogin.Provider) {
	op := oidctest.Start(t, "coso-thanhhoa", "client-secret")
	op.SetClaims(map[string]any{"sub": "vneid-1", "citizen_id": "038090001234"})
	p, err := oidclogin.New(context.Background(), oidclogin.Config{
		Issuer: op.Issuer(), ClientID: "coso-thanhhoa", ClientSecret: "client-secret", RedirectURL: callback,
	}, persons{"038090001234": 42})
	if err != nil {
		t.Fatal(err)
	}
	return op, p
}

// browse follows the auth URL as a browser would, up to the redirect back
// to this site, and returns the callback's query.
func browse(t *testing.T, authURL string) url.Values {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize answered %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	if loc.Scheme+"://"+loc.Host+loc.Path != callback {
		t.Fatalf("redirected to %s", loc)
	}
	return loc.Query()
}

func TestSignIn(t *testing.T) {
	_, p := setup(t)
	authURL, pend := p.AuthURL()
	u, _ := url.Parse(authURL)
	q := u.Query()
	if q.Get("state") != pend.State || q.Get("nonce") != pend.Nonce || q.Get("code_challenge_method") != "S256" || q.Get("scope") != "openid" {
		t.Fatalf("auth URL %s", authURL)
	}
	id, err := p.Finish(context.Background(), pend, browse(t, authURL))
	if err != nil {
		t.Fatal(err)
	}
	if id.PersonID != 42 || id.CitizenID != "038090001234" || id.Subject != "vneid-1" {
		t.Fatalf("identity %+v", id)
	}
	// Each sign-in gets its own state and nonce.
	_, pend2 := p.AuthURL()
	if pend2.State == pend.State || pend2.Nonce == pend.Nonce || pend2.Verifier == pend.Verifier {
		t.Error("state, nonce or verifier repeated")
	}
}

func TestRefusals(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		setup func(op *oidctest.Provider, pend *oidclogin.Pending, q url.Values)
		step  string
		code  coso.Code
	}{
		{"forged state", func(_ *oidctest.Provider, _ *oidclogin.Pending, q url.Values) { q.Set("state", "forged") }, "state", coso.EUnauthenticated},
		{"no pending state", func(_ *oidctest.Provider, p *oidclogin.Pending, q url.Values) { p.State = ""; q.Set("state", "") }, "state", coso.EUnauthenticated},
		{"stolen code without verifier", func(_ *oidctest.Provider, p *oidclogin.Pending, _ url.Values) { p.Verifier = "x" + p.Verifier[1:] }, "exchange", coso.EUnauthenticated},
		{"replayed token (other nonce)", func(_ *oidctest.Provider, p *oidclogin.Pending, _ url.Values) { p.Nonce = "other" }, "nonce", coso.EUnauthenticated},
		{"expired token", func(op *oidctest.Provider, _ *oidclogin.Pending, _ url.Values) {
			op.Tamper(func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() })
		}, "verify", coso.EUnauthenticated},
		{"token for another client", func(op *oidctest.Provider, _ *oidclogin.Pending, _ url.Values) {
			op.Tamper(func(c map[string]any) { c["aud"] = "another-site" })
		}, "verify", coso.EUnauthenticated},
		{"token from another issuer", func(op *oidctest.Provider, _ *oidclogin.Pending, _ url.Values) {
			op.Tamper(func(c map[string]any) { c["iss"] = "https://evil.example" })
		}, "verify", coso.EUnauthenticated},
		{"token signed with an unknown key", func(op *oidctest.Provider, _ *oidclogin.Pending, _ url.Values) {
			if err := op.SignWithUnknownKey(); err != nil {
				panic(err)
			}
		}, "verify", coso.EUnauthenticated},
		{"no citizen id", func(op *oidctest.Provider, _ *oidclogin.Pending, _ url.Values) {
			op.SetClaims(map[string]any{"sub": "vneid-1"})
		}, "", coso.EUnauthenticated},
		{"malformed citizen id", func(op *oidctest.Provider, _ *oidclogin.Pending, _ url.Values) {
			op.SetClaims(map[string]any{"sub": "vneid-1", "citizen_id": "03809000123"})
		}, "", coso.EUnauthenticated},
		{"unknown person", func(op *oidctest.Provider, _ *oidclogin.Pending, _ url.Values) {
			op.SetClaims(map[string]any{"sub": "vneid-2", "citizen_id": "038090009999"})
		}, "", coso.ENotFound},
		{"user said no", func(_ *oidctest.Provider, _ *oidclogin.Pending, q url.Values) { q.Set("error", "access_denied") }, "", coso.EUnauthenticated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			op, p := setup(t)
			authURL, pend := p.AuthURL()
			q := browse(t, authURL)
			tc.setup(op, &pend, q)
			id, err := p.Finish(ctx, pend, q)
			if err == nil {
				t.Fatalf("signed in as %+v", id)
			}
			if coso.ErrorCode(err) != tc.code || oidclogin.Step(err) != tc.step {
				t.Fatalf("error %v: code %s step %q, want %s %q", err, coso.ErrorCode(err), oidclogin.Step(err), tc.code, tc.step)
			}
			if e := coso.AsError(err); e.VI == "" || e.EN == "" {
				t.Errorf("error without messages: %+v", e)
			}
		})
	}
}

func TestCustomClaimAndConfig(t *testing.T) {
	op := oidctest.Start(t, "c", "s")
	op.SetClaims(map[string]any{"sub": "x", "so_dinh_danh": "038090001234"})
	p, err := oidclogin.New(context.Background(), oidclogin.Config{Issuer: op.Issuer(), ClientID: "c", ClientSecret: "s",
		RedirectURL: callback, Claim: "so_dinh_danh", Scopes: []string{"profile"}}, persons{"038090001234": 7})
	if err != nil {
		t.Fatal(err)
	}
	authURL, pend := p.AuthURL()
	if u, _ := url.Parse(authURL); u.Query().Get("scope") != "openid profile" {
		t.Errorf("scope %q", u.Query().Get("scope"))
	}
	id, err := p.Finish(context.Background(), pend, browse(t, authURL))
	if err != nil || id.PersonID != 7 {
		t.Fatalf("%+v %v", id, err)
	}
	if _, err := oidclogin.New(context.Background(), oidclogin.Config{Issuer: op.Issuer()}, nil); coso.ErrorCode(err) != coso.EInvalid {
		t.Errorf("incomplete config: %v", err)
	}
	if _, err := oidclogin.New(context.Background(), oidclogin.Config{Issuer: op.Issuer() + "/other", ClientID: "c", ClientSecret: "s", RedirectURL: callback}, nil); err == nil {
		t.Error("a wrong issuer was accepted")
	}
}
