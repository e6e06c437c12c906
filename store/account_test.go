package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// Commune A (14845) has villages A1 and A2; commune B (14846) has village B1.
const accountsCSV = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
14845,Xã Mường Lát,commune,38
14845.01,Bản Lát,village,14845
14845.02,Bản Pù Toong,village,14845
14846,Xã Tam Chung,commune,38
14846.01,Bản Tân Tiến,village,14846
38.A1,Sở Nội vụ,agency,38
`

const fakeHash = "$argon2id$v=19$m=65536,t=2,p=2$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5"

func setupAccounts(t *testing.T, s *store.Store) {
	t.Helper()
	if _, err := importCSV(t, s, accountsCSV); err != nil {
		t.Fatal(err)
	}
}

func newUser(t *testing.T, s *store.Store, username string) *account.User {
	t.Helper()
	u := &account.User{Username: username, DisplayName: "Nguyễn Văn " + username, PasswordHash: fakeHash}
	if err := s.CreateUser(context.Background(), u); err != nil {
		t.Fatalf("create %s: %v", username, err)
	}
	return u
}

func unitID(t *testing.T, s *store.Store, code string) int64 {
	t.Helper()
	u, err := s.UnitByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// auditLines returns "action object summary" for every audit row.
func auditLines(t *testing.T, s *store.Store) []string {
	t.Helper()
	rows, err := s.DB().Query("SELECT action, object, summary FROM audit_log ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a, o, sum string
		if err := rows.Scan(&a, &o, &sum); err != nil {
			t.Fatal(err)
		}
		out = append(out, a+" "+o+" "+sum)
	}
	return out
}

func TestCreateUser(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := &account.User{Username: "An.Nguyen", DisplayName: "Nguyễn Văn An", Email: "an@example.vn",
			Phone: "0912 345 678", PasswordHash: fakeHash}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.Username != "an.nguyen" || u.CreatedAt.IsZero() {
			t.Fatalf("created %+v", u)
		}
		got, err := s.UserByUsername(ctx, "AN.NGUYEN")
		if err != nil || got.ID != u.ID || got.PasswordHash != fakeHash || got.Phone != "0912345678" || got.Disabled {
			t.Fatalf("by username: %+v %v", got, err)
		}
		if got, err = s.User(ctx, u.ID); err != nil || got.DisplayName != "Nguyễn Văn An" || !got.CreatedAt.Equal(u.CreatedAt) {
			t.Fatalf("by id: %+v %v", got, err)
		}
		dup := &account.User{Username: "an.nguyen", DisplayName: "Another"}
		if err := s.CreateUser(ctx, dup); coso.ErrorCode(err) != coso.EConflict {
			t.Fatalf("duplicate username: %v", err)
		}
		if err := s.CreateUser(ctx, &account.User{Username: "x", DisplayName: "X"}); coso.ErrorCode(err) != coso.EInvalid {
			t.Fatalf("bad username: %v", err)
		}
		if _, err := s.User(ctx, 999); coso.ErrorCode(err) != coso.ENotFound {
			t.Fatalf("missing user: %v", err)
		}
		if _, err := s.UserByUsername(ctx, "nobody"); coso.ErrorCode(err) != coso.ENotFound {
			t.Fatalf("missing username: %v", err)
		}
	})
}

func TestUsersFilter(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		setupAccounts(t, s)
		a, b, c := newUser(t, s, "officer.a"), newUser(t, s, "head.b1"), newUser(t, s, "admin")
		mustGrant(t, s, a.ID, account.CommuneOfficer, "14845")
		mustGrant(t, s, b.ID, account.VillageHead, "14846.01")
		mustGrant(t, s, c.ID, account.ProvinceAdmin, "38")
		list := func(f store.UserFilter) string {
			us, err := s.Users(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, u := range us {
				if u.PasswordHash != "" || u.TOTPSecret != "" {
					t.Errorf("Users returned secrets of %s", u.Username)
				}
				names = append(names, u.Username)
			}
			return strings.Join(names, ",")
		}
		cases := []struct {
			f    store.UserFilter
			want string
		}{
			{store.UserFilter{}, "officer.a,head.b1,admin"},
			{store.UserFilter{UnitID: unitID(t, s, "38")}, "officer.a,head.b1,admin"},
			{store.UserFilter{UnitID: unitID(t, s, "14846")}, "head.b1"},
			{store.UserFilter{UnitID: unitID(t, s, "14845.01")}, ""},
			{store.UserFilter{Role: account.VillageHead}, "head.b1"},
			{store.UserFilter{Query: "nguyen van head"}, "head.b1"},
			{store.UserFilter{Query: "OFFICER"}, "officer.a"},
			{store.UserFilter{Limit: 2}, "officer.a,head.b1"},
			{store.UserFilter{AfterID: a.ID}, "head.b1,admin"},
		}
		for _, tc := range cases {
			if got := list(tc.f); got != tc.want {
				t.Errorf("Users(%+v) = %q, want %q", tc.f, got, tc.want)
			}
		}
		if err := s.DisableUser(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		if got := list(store.UserFilter{}); got != "officer.a,admin" {
			t.Errorf("after disabling: %q", got)
		}
		if got := list(store.UserFilter{WithDisabled: true, Role: account.VillageHead}); got != "head.b1" {
			t.Errorf("with disabled: %q", got)
		}
	})
}

func mustGrant(t *testing.T, s *store.Store, userID int64, role account.Role, unit string) *account.Grant {
	t.Helper()
	g, err := s.Grant(context.Background(), userID, role, unit)
	if err != nil {
		t.Fatalf("grant %s on %s: %v", role, unit, err)
	}
	return g
}

func TestGrantRevoke(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupAccounts(t, s)
		admin, officer := newUser(t, s, "admin"), newUser(t, s, "officer")
		ctx := coso.WithActor(context.Background(), coso.Actor{UserID: admin.ID, Username: "admin", Role: "province_admin"})
		g, err := s.Grant(ctx, officer.ID, account.CommuneOfficer, "14845")
		if err != nil {
			t.Fatal(err)
		}
		if g.ID == 0 || g.GrantedBy != admin.ID || g.UnitCode != "14845" || !g.Active() {
			t.Fatalf("grant %+v", g)
		}
		bad := []struct {
			role  account.Role
			unit  string
			code  coso.Code
			field string
		}{
			{account.CommuneOfficer, "14845", coso.EConflict, "role"},   // already held
			{account.CommuneOfficer, "14845.01", coso.EInvalid, "unit"}, // a village is not commune level
			{account.VillageHead, "99999", coso.EInvalid, "unit"},       // no such unit
			{account.Role("mayor"), "14845", coso.EInvalid, "role"},     // no such role
			{account.AgencyAdmin, "14845", coso.EInvalid, "unit"},       // only on an agency
			{account.ProvinceAdmin, "14845", coso.EInvalid, "unit"},     // only on a province
			{account.InspectionBoard, "38", coso.EInvalid, "unit"},      // commune level only
			{account.EnterpriseAdmin, "38.A1", coso.EInvalid, "unit"},   // an agency is not an enterprise
			{account.VillageFront, "14846", coso.EInvalid, "unit"},      // village level only
			{account.Supervisor, "14846.01", coso.EInvalid, "unit"},     // province level only
			{account.AgencyAdmin, "38.A1", "", ""},                      // fits
			{account.InspectionBoard, "14846", "", ""},                  // fits
			{account.Supervisor, "38", "", ""},                          // fits
			{account.VillageHead, "14845.02", "", ""},                   // fits
		}
		for _, b := range bad {
			_, err := s.Grant(ctx, officer.ID, b.role, b.unit)
			if e := coso.AsError(err); err != nil && (e.Code != b.code || e.Field != b.field) || err == nil && b.code != "" {
				t.Errorf("grant %s on %s: %v, want %s on %q", b.role, b.unit, err, b.code, b.field)
			}
		}
		if _, err := s.Grant(ctx, 999, account.VillageHead, "14845.01"); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("grant to a missing user: %v", err)
		}
		grants, err := s.Grants(ctx, officer.ID)
		if err != nil || len(grants) != 5 {
			t.Fatalf("grants: %d %v", len(grants), err)
		}
		within := s.WithinFunc(ctx)
		officerOnly := grants[:1]
		if !account.Allowed(officerOnly, account.HouseholdRead, unitID(t, s, "14845.02"), within) {
			t.Error("officer of A denied on a village of A")
		}
		if account.Allowed(officerOnly, account.HouseholdRead, unitID(t, s, "14846.01"), within) {
			t.Error("officer of A allowed on a village of B")
		}
		if err := s.Revoke(ctx, officer.ID, account.CommuneOfficer, "14845"); err != nil {
			t.Fatal(err)
		}
		if err := s.Revoke(ctx, officer.ID, account.CommuneOfficer, "14845"); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("second revoke: %v", err)
		}
		grants, _ = s.Grants(ctx, officer.ID)
		for _, g := range grants {
			if g.Role == account.CommuneOfficer {
				t.Error("revoked grant still listed as active")
			}
		}
		history, err := s.GrantHistory(ctx, officer.ID)
		if err != nil || len(history) != 5 || history[0].Active() || history[0].RevokedAt.IsZero() {
			t.Fatalf("history: %+v %v", history, err)
		}
		if account.Allowed(history[:1], account.HouseholdRead, unitID(t, s, "14845"), within) {
			t.Error("a revoked grant allowed an action")
		}
		if _, err := s.Grant(ctx, officer.ID, account.CommuneOfficer, "14845"); err != nil {
			t.Errorf("grant again after revoke: %v", err)
		}
		lines := strings.Join(auditLines(t, s), "\n")
		for _, want := range []string{"account.grant user:2 grant commune_officer on 14845", "account.revoke user:2 revoke commune_officer on 14845"} {
			if !strings.Contains(lines, want) {
				t.Errorf("audit lacks %q:\n%s", want, lines)
			}
		}
	})
}

func TestGrantOnEndedUnit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupAccounts(t, s)
		u := newUser(t, s, "head")
		ctx := context.Background()
		err := s.MergeUnits(ctx, place.Merge{SuccessorCode: "14845.01", MergedCodes: []string{"14845.02"}, On: time.Date(2026, 1, 1, 0, 0, 0, 0, coso.Zone)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Grant(ctx, u.ID, account.VillageHead, "14845.02"); coso.ErrorCode(err) != coso.EInvalid {
			t.Fatalf("grant on a merged unit: %v", err)
		}
	})
}

func TestPasswordTOTPDisable(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newUser(t, s, "officer")
		if err := s.SetPassword(ctx, u.ID, "$argon2id$new"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPassword(ctx, 999, "$argon2id$new"); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("password of a missing user: %v", err)
		}
		if err := s.SetTOTPSecret(ctx, u.ID, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.User(ctx, u.ID)
		if got.PasswordHash != "$argon2id$new" || !got.HasTOTP() {
			t.Fatalf("after updates: %+v", got)
		}
		if ok, err := s.UseTOTPStep(ctx, u.ID, 100); !ok || err != nil {
			t.Fatalf("first step: %t %v", ok, err)
		}
		// A new secret forgets the steps of the old one.
		if err := s.SetTOTPSecret(ctx, u.ID, "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.UseTOTPStep(ctx, u.ID, 100); !ok {
			t.Error("step refused after a new secret")
		}
		if err := s.DisableUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.User(ctx, u.ID); !got.Disabled {
			t.Error("not disabled")
		}
		if err := s.EnableUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.User(ctx, u.ID); got.Disabled {
			t.Error("not enabled")
		}
		// No secret reaches the audit trail.
		for _, line := range auditLines(t, s) {
			if strings.Contains(line, "argon2") || strings.Contains(line, "JBSWY3") || strings.Contains(line, "KRSXG5") ||
				strings.Contains(line, "Nguyễn") || strings.Contains(line, "officer") {
				t.Errorf("audit line holds a secret or personal data: %s", line)
			}
		}
	})
}

func TestUseTOTPStep(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := newUser(t, s, "officer")
		steps := []struct {
			step int64
			want bool
		}{{1000, true}, {1000, false}, {999, false}, {1001, true}, {1001, false}}
		for _, st := range steps {
			if got, err := s.UseTOTPStep(ctx, u.ID, st.step); got != st.want || err != nil {
				t.Errorf("step %d: %t %v, want %t", st.step, got, err, st.want)
			}
		}
		// Racing requests with one code: exactly one wins.
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := s.UseTOTPStep(ctx, u.ID, 2000)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Errorf("%d racing requests won with one code, want 1", wins)
		}
	})
}

func TestTokens(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		u := newUser(t, s, "api.user")
		hash := strings.Repeat("ab", 32)
		tok, err := s.CreateToken(ctx, u.ID, hash, now.Add(time.Hour))
		if err != nil || tok.ID == 0 {
			t.Fatal(tok, err)
		}
		if _, err := s.CreateToken(ctx, u.ID, "short", now.Add(time.Hour)); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("bad hash: %v", err)
		}
		got, err := s.TokenUser(ctx, hash)
		if err != nil || got.ID != u.ID {
			t.Fatalf("token user: %+v %v", got, err)
		}
		if _, err := s.TokenUser(ctx, strings.Repeat("cd", 32)); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Errorf("unknown token: %v", err)
		}
		now = now.Add(time.Hour + time.Second)
		if _, err := s.TokenUser(ctx, hash); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Errorf("expired token: %v", err)
		}
		h2, h3 := strings.Repeat("ef", 32), strings.Repeat("01", 32)
		if _, err := s.CreateToken(ctx, u.ID, h2, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateToken(ctx, u.ID, h3, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, h2); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, h2); err != nil {
			t.Errorf("second revoke: %v", err)
		}
		if _, err := s.TokenUser(ctx, h2); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Errorf("revoked token: %v", err)
		}
		if _, err := s.TokenUser(ctx, h3); err != nil {
			t.Fatalf("live token: %v", err)
		}
		if err := s.DisableUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.EnableUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TokenUser(ctx, h3); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Errorf("token survived disabling its account: %v", err)
		}
		for _, line := range auditLines(t, s) {
			if strings.Contains(line, hash) || strings.Contains(line, h2) || strings.Contains(line, h3) {
				t.Errorf("audit line holds a token hash: %s", line)
			}
		}
	})
}
