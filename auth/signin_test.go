package auth_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// setup makes a province with a commune and a village, and makes
// password hashes cheap for the test (the cost is tested in
// password_test.go; under the race detector each default hash takes
// seconds).
func setup(t *testing.T, s *store.Store) {
	t.Helper()
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
	rows, err := place.ReadCSV(strings.NewReader("code,name,kind,parent_code\n38,Tỉnh Thanh Hoá,province,\n14845,Xã Mường Lát,commune,38\n14845.01,Bản Lát,village,14845\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportUnits(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
}

func official(t *testing.T, s *store.Store, username, password string, role account.Role, unit string) *account.User {
	t.Helper()
	if err := account.CheckPassword(password); err != nil {
		t.Fatal(err)
	}
	h, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	u := &account.User{Username: username, DisplayName: "Cán bộ " + username, PasswordHash: h}
	if err := s.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Grant(context.Background(), u.ID, role, unit); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestTOTPReplay(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setup(t, s)
		u := official(t, s, "officer", "ruộng lúa xanh bên sông", account.CommuneOfficer, "14845")
		e, err := auth.NewTOTP(u.Username)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(e.URL, "otpauth://totp/coso:officer?") || !strings.Contains(e.URL, "issuer=coso") || !strings.Contains(e.URL, "secret="+e.Secret) {
			t.Fatalf("enrolment URL %q", e.URL)
		}
		now := time.Date(2026, 3, 1, 8, 0, 10, 0, time.UTC)
		code := func(at time.Time) string {
			c, err := auth.TOTPCode(e.Secret, at)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		check := func(c string, at time.Time) error { return auth.VerifyTOTP(ctx, s, u.ID, e.Secret, c, at) }
		if err := check(code(now), now); err != nil {
			t.Fatalf("current code: %v", err)
		}
		if err := check(code(now), now.Add(5*time.Second)); !errors.Is(err, auth.ErrUsedCode) {
			t.Fatalf("replayed code: %v", err)
		}
		if err := check(code(now.Add(-30*time.Second)), now); !errors.Is(err, auth.ErrUsedCode) {
			t.Fatalf("older code after a newer one: %v", err)
		}
		// Skew 1: the next step's code works now (a phone clock ahead), once.
		if err := check(code(now.Add(30*time.Second)), now); err != nil {
			t.Fatalf("next step's code: %v", err)
		}
		if err := check(code(now.Add(30*time.Second)), now.Add(30*time.Second)); !errors.Is(err, auth.ErrUsedCode) {
			t.Fatalf("next step's code reused: %v", err)
		}
		if err := check(code(now.Add(90*time.Second)), now); !errors.Is(err, auth.ErrWrongCode) {
			t.Fatalf("code 3 steps ahead: %v", err)
		}
		wrong := "000000"
		if wrong == code(now.Add(60*time.Second)) {
			wrong = "111111"
		}
		for _, c := range []string{wrong, "12345", "abcdef", ""} {
			if err := check(c, now.Add(60*time.Second)); !errors.Is(err, auth.ErrWrongCode) {
				t.Errorf("code %q: %v", c, err)
			}
		}
		if err := check(code(now.Add(60*time.Second)), now.Add(60*time.Second)); err != nil {
			t.Fatalf("a later code after wrong ones: %v", err)
		}
	})
}

func TestSignIn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setup(t, s)
		now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		const pw = "ruộng lúa xanh bên sông"
		head := official(t, s, "head", pw, account.VillageHead, "14845.01")
		officer := official(t, s, "officer", pw, account.CommuneOfficer, "14845")

		// A village head signs in with a password alone.
		u, grants, err := auth.SignIn(ctx, s, "HEAD", pw, "", now)
		if err != nil || u.ID != head.ID || len(grants) != 1 || grants[0].Role != account.VillageHead {
			t.Fatalf("village head: %+v %+v %v", u, grants, err)
		}
		for _, c := range []struct{ user, pw string }{{"head", "ruộng lúa xanh bên sông!"}, {"nobody", pw}, {"", ""}} {
			if _, _, err := auth.SignIn(ctx, s, c.user, c.pw, "", now); !errors.Is(err, auth.ErrBadCredentials) {
				t.Errorf("%s/%s: %v, want bad credentials", c.user, c.pw, err)
			}
		}
		// A commune officer reads petitions: TOTP first.
		if u, _, err := auth.SignIn(ctx, s, "officer", pw, "", now); !errors.Is(err, auth.ErrEnrolTOTP) || u == nil || u.ID != officer.ID {
			t.Fatalf("officer without TOTP: %v", err)
		}
		e, _ := auth.NewTOTP("officer")
		if err := s.SetTOTPSecret(ctx, officer.ID, e.Secret); err != nil {
			t.Fatal(err)
		}
		if _, _, err := auth.SignIn(ctx, s, "officer", pw, "", now); !errors.Is(err, auth.ErrCodeRequired) {
			t.Fatalf("officer without a code: %v", err)
		}
		code, _ := auth.TOTPCode(e.Secret, now)
		if _, _, err := auth.SignIn(ctx, s, "officer", "wrong password here", code, now); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("wrong password with a right code: %v", err)
		}
		u, grants, err = auth.SignIn(ctx, s, "officer", pw, code, now)
		if err != nil || u.ID != officer.ID || !account.RequiresTOTP(grants) {
			t.Fatalf("officer with a code: %v", err)
		}
		if _, _, err := auth.SignIn(ctx, s, "officer", pw, code, now); !errors.Is(err, auth.ErrUsedCode) {
			t.Fatalf("the same code twice: %v", err)
		}
		if err := s.DisableUser(ctx, head.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := auth.SignIn(ctx, s, "head", pw, "", now); !errors.Is(err, auth.ErrDisabled) || coso.ErrorCode(err) != coso.EForbidden {
			t.Fatalf("disabled account: %v", err)
		}
		// Revoking the officer's role leaves an enrolled TOTP in force.
		if err := s.Revoke(ctx, officer.ID, account.CommuneOfficer, "14845"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := auth.SignIn(ctx, s, "officer", pw, "", now); !errors.Is(err, auth.ErrCodeRequired) {
			t.Fatalf("enrolled user without a code: %v", err)
		}
	})
}
