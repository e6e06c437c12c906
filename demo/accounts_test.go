package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"coso/account"
	"coso/auth"
	"coso/demo"
	"coso/store"
	"coso/store/storetest"
)

// cheapHashes makes argon2 fast: these tests are about the accounts, not
// the cost of hashing.
func cheapHashes(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
}

func TestAccountsSignIn(t *testing.T) {
	cheapHashes(t)
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		signins, err := demo.Accounts(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if isDemo, err := s.IsDemo(ctx); err != nil || !isDemo {
			t.Fatalf("store not marked as demo: %t %v", isDemo, err)
		}
		if err := account.CheckPassword(demo.Password); err != nil {
			t.Fatalf("the demo password fails the policy: %v", err)
		}
		var roles []account.Role
		now := time.Now()
		for _, si := range signins {
			roles = append(roles, si.Role)
			code := ""
			if si.TOTP {
				if code, err = auth.TOTPCode(demo.TOTPSecret(si.Username), now); err != nil {
					t.Fatal(err)
				}
			}
			u, grants, err := auth.SignIn(ctx, s, si.Username, demo.Password, code, now)
			if err != nil {
				t.Errorf("%s (%s on %s) cannot sign in: %v", si.Username, si.Role, si.UnitCode, err)
				continue
			}
			if len(grants) != 1 || grants[0].Role != si.Role || grants[0].UnitCode != si.UnitCode || si.UnitName == "" {
				t.Errorf("%s: grants %+v, listed as %+v", si.Username, grants, si)
			}
			if si.TOTP != si.Role.RequiresTOTP() || demo.IsDemoSecret(u.Username, u.TOTPSecret) != si.TOTP {
				t.Errorf("%s: TOTP listed %t, enrolled %q", si.Username, si.TOTP, u.TOTPSecret)
			}
		}
		if !slices.Equal(roles, account.OfficialRoles()) {
			t.Errorf("demo roles %v, want one account for each of %v", roles, account.OfficialRoles())
		}
		for _, code := range []string{demo.AgencyCode, demo.EnterpriseCode} {
			if u, err := s.UnitByCode(ctx, code); err != nil || u.ParentCode != "14758" {
				t.Errorf("demo unit %s: %+v %v", code, u, err)
			}
		}
		// Running it again changes nothing.
		before, _ := s.Users(ctx, store.UserFilter{})
		again, err := demo.Accounts(ctx, s)
		after, _ := s.Users(ctx, store.UserFilter{})
		if err != nil || !slices.Equal(again, signins) || len(after) != len(before) {
			t.Errorf("second run: %v, %d accounts then %d", err, len(before), len(after))
		}
	})
}

func TestTOTPSecret(t *testing.T) {
	a, b := demo.TOTPSecret("quantri.tinh"), demo.TOTPSecret("giamsat.tinh")
	if len(a) != 32 || a == b || a != demo.TOTPSecret("QuanTri.Tinh") {
		t.Fatalf("secrets %q %q", a, b)
	}
	if _, err := auth.TOTPCode(a, time.Now()); err != nil {
		t.Fatalf("not a usable secret: %v", err)
	}
	if demo.IsDemoSecret("quantri.tinh", b) || demo.IsDemoSecret("quantri.tinh", "") || !demo.IsDemoSecret("quantri.tinh", a) {
		t.Error("IsDemoSecret")
	}
}
