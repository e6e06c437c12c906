// Package oidclogin signs citizens in through an OpenID Connect provider
// (the national or a provincial identity service) and maps the verified
// citizen ID number in the ID token to a person.
package oidclogin

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"coso"
)

// Config names the provider and this client.
type Config struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string   // this site's callback, registered with the provider
	Claim        string   // the ID token claim holding the 12-digit citizen ID; default "citizen_id"
	Scopes       []string // besides "openid"; default none
	HTTPClient   *http.Client
}

// Persons finds the person who holds a citizen ID number; it returns an
// error with code ENotFound when nobody does.
type Persons interface {
	PersonByCitizenID(ctx context.Context, id string) (int64, error)
}

// Provider is one configured identity provider.
type Provider struct {
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	claim    string
	persons  Persons
	client   *http.Client
}

// New discovers the provider's endpoints and keys at cfg.Issuer.
func New(ctx context.Context, cfg Config, persons Persons) (*Provider, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.ClientSecret == "" || cfg.RedirectURL == "" {
		return nil, coso.Invalid("oidc", "Cần issuer, client id, client secret và redirect URL của nhà cung cấp định danh.",
			"The identity provider needs an issuer, client id, client secret and redirect URL.")
	}
	if cfg.Claim == "" {
		cfg.Claim = "citizen_id"
	}
	client := cfg.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}
	op, err := oidc.NewProvider(oidc.ClientContext(ctx, client), cfg.Issuer)
	if err != nil {
		return nil, err
	}
	return &Provider{
		oauth: oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
			Endpoint: op.Endpoint(), Scopes: append([]string{oidc.ScopeOpenID}, cfg.Scopes...)},
		verifier: op.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
		claim:    cfg.Claim,
		persons:  persons,
		client:   client,
	}, nil
}

// Pending is what the site keeps (in the session, or a short-lived
// HttpOnly cookie) between sending the browser to the provider and its
// return: the state against forged callbacks, the nonce against replayed
// ID tokens, and the PKCE verifier against stolen codes.
type Pending struct {
	State    string
	Nonce    string
	Verifier string
}

// AuthURL returns where to send the browser, and what to keep until it
// comes back.
func (p *Provider) AuthURL() (string, Pending) {
	pend := Pending{State: randomString(), Nonce: randomString(), Verifier: oauth2.GenerateVerifier()}
	u := p.oauth.AuthCodeURL(pend.State, oidc.Nonce(pend.Nonce), oauth2.S256ChallengeOption(pend.Verifier))
	return u, pend
}

// Identity is a verified sign-in.
type Identity struct {
	Subject   string // the provider's id of the user
	CitizenID string // the 12-digit personal identification number
	PersonID  int64
}

// Finish handles the browser's return to the redirect URL (its query is
// q): it checks the state, exchanges the code, verifies the ID token
// (signature, issuer, audience, expiry, nonce) and finds the person.
func (p *Provider) Finish(ctx context.Context, pend Pending, q url.Values) (*Identity, error) {
	if q.Get("error") != "" {
		return nil, refused()
	}
	if pend.State == "" || subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(pend.State)) != 1 {
		return nil, failed("state")
	}
	ctx = oidc.ClientContext(ctx, p.client)
	tok, err := p.oauth.Exchange(context.WithValue(ctx, oauth2.HTTPClient, p.client), q.Get("code"), oauth2.VerifierOption(pend.Verifier))
	if err != nil {
		return nil, failed("exchange")
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return nil, failed("id_token")
	}
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, failed("verify")
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(pend.Nonce)) != 1 {
		return nil, failed("nonce")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, failed("claims")
	}
	cid, _ := claims[p.claim].(string)
	cid = strings.TrimSpace(cid)
	if !validCitizenID(cid) {
		return nil, coso.Errorf(coso.EUnauthenticated, "", "Nhà cung cấp định danh không gửi số định danh cá nhân hợp lệ.",
			"The identity provider did not send a valid personal identification number.")
	}
	pid, err := p.persons.PersonByCitizenID(ctx, cid)
	if coso.ErrorCode(err) == coso.ENotFound {
		return nil, coso.Errorf(coso.ENotFound, "", "Số định danh của bạn chưa có trong danh sách nhân khẩu. Vui lòng liên hệ trưởng thôn hoặc cán bộ xã.",
			"Your identification number is not in the residents' list yet. Please contact your village head or commune officer.")
	}
	if err != nil {
		return nil, err
	}
	return &Identity{Subject: idt.Subject, CitizenID: cid, PersonID: pid}, nil
}

// failedStep names the step that failed; the person sees one message, the
// step is there for tests and debugging (it holds no personal data).
type failedStep struct {
	err  *coso.Error
	step string
}

func (f *failedStep) Error() string { return f.err.Error() }
func (f *failedStep) Unwrap() error { return f.err }

func failed(step string) error {
	return &failedStep{step: step, err: coso.Errorf(coso.EUnauthenticated, "",
		"Đăng nhập qua nhà cung cấp định danh không thành công. Vui lòng thử lại.",
		"Signing in through the identity provider failed. Please try again.")}
}

func refused() error {
	return coso.Errorf(coso.EUnauthenticated, "", "Bạn đã không cho phép đăng nhập qua nhà cung cấp định danh.",
		"You did not allow the identity provider to sign you in.")
}

// Step returns the step at which err failed ("state", "exchange",
// "id_token", "verify", "nonce", "claims"), or "".
func Step(err error) string {
	var f *failedStep
	if errors.As(err, &f) {
		return f.step
	}
	return ""
}

// validCitizenID checks a 12-digit personal identification number (số
// định danh cá nhân, printed on the citizen identity card).
func validCitizenID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func randomString() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
