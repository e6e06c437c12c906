package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/notify"
	"coso/phonecode"
	"coso/store"
	"coso/store/storetest"
)

// newCitizen signs a phone in for the first time, as phonecode does.
func newCitizen(t *testing.T, s *store.Store, phone string) *phonecode.Citizen {
	t.Helper()
	ctx := context.Background()
	hash := strings.Repeat("7", 64)
	if err := s.IssuePhoneCode(ctx, phone, hash, notify.Message{Channel: notify.ChannelSMS, To: phone, Body: "code"}); err != nil {
		t.Fatal(err)
	}
	c, err := s.UsePhoneCode(ctx, phone, hash)
	if err != nil || c.Outcome != phonecode.Right {
		t.Fatalf("sign-in: %+v %v", c, err)
	}
	return c.Citizen
}

func TestCitizenMatchesAndGrants(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ids := peopleStore(t, s)
		h := thangFamily(ids["14845.01"])
		if err := s.CreateHousehold(ctx, h); err != nil {
			t.Fatal(err)
		}
		thang, hoa := h.Members[0].Person, h.Members[1].Person
		c := newCitizen(t, s, "+84912345678")
		other := newCitizen(t, s, "+84987654321") // nobody in the register has this phone

		place, err := s.PersonPlace(ctx, thang.ID)
		if err != nil || place.VillageID != ids["14845.01"] || place.CommuneID != ids["14845"] || place.ProvinceID != ids["38"] {
			t.Fatalf("place %+v %v", place, err)
		}
		if _, err := s.PersonPlace(ctx, 9999); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("unknown person: %v", err)
		}

		for _, tc := range []struct {
			name  string
			f     store.CitizenMatchFilter
			match bool
		}{
			{"the commune", store.CitizenMatchFilter{Roots: []int64{ids["14845"]}}, true},
			{"the village", store.CitizenMatchFilter{Roots: []int64{ids["14845.01"]}}, true},
			{"the province", store.CitizenMatchFilter{Roots: []int64{ids["38"]}}, true},
			{"another commune", store.CitizenMatchFilter{Roots: []int64{ids["14848"]}}, false},
			{"a sibling village", store.CitizenMatchFilter{Roots: []int64{ids["14845.02"]}}, false},
			{"no roots", store.CitizenMatchFilter{}, false},
			{"by phone", store.CitizenMatchFilter{Roots: []int64{ids["14845"]}, Phone: "+84912345678"}, true},
			{"by another phone", store.CitizenMatchFilter{Roots: []int64{ids["14845"]}, Phone: other.Phone}, false},
		} {
			ms, err := s.CitizenMatches(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.match && len(ms) != 0 || tc.match && (len(ms) != 1 || ms[0].Citizen.ID != c.ID || ms[0].Person.ID != thang.ID ||
				ms[0].VillageCode != "14845.01" || ms[0].VillageName != "Bản Lát") {
				t.Errorf("%s: %+v", tc.name, ms)
			}
		}

		// Not confirmed: citizen on the province, nothing more.
		g, err := s.CitizenGrants(ctx, 0)
		if err != nil || len(g) != 1 || g[0].Role != account.Citizen || g[0].UnitID != ids["38"] {
			t.Fatalf("grants of an unconfirmed account: %+v %v", g, err)
		}
		officer := coso.WithActor(ctx, coso.Actor{UserID: 3, Username: "canbo", Role: "commune_officer", UnitID: ids["14845"]})
		if err := s.LinkCitizen(officer, c.ID, thang.ID, ids["14845.01"]); err != nil {
			t.Fatal(err)
		}
		if ms, _ := s.CitizenMatches(ctx, store.CitizenMatchFilter{Roots: []int64{ids["38"]}}); len(ms) != 0 {
			t.Errorf("a linked account is still to confirm: %+v", ms)
		}
		if ms, _ := s.CitizenMatches(ctx, store.CitizenMatchFilter{Roots: []int64{ids["38"]}, WithLinked: true}); len(ms) != 1 || ms[0].Citizen.PersonID != thang.ID {
			t.Errorf("with linked: %+v", ms)
		}
		// The representative acts for the household's village.
		g, _ = s.CitizenGrants(ctx, thang.ID)
		want := []account.Grant{{Role: account.Citizen, UnitID: ids["38"]}, {Role: account.HouseholdRep, UnitID: ids["14845.01"]}}
		if len(g) != 2 || g[0] != want[0] || g[1] != want[1] {
			t.Errorf("grants of the representative: %+v", g)
		}
		// A new representative: the role follows the register at once.
		if err := s.SetRepresentative(ctx, h.ID, hoa.ID, day(2025, 7, 1), "đổi"); err != nil {
			t.Fatal(err)
		}
		if g, _ = s.CitizenGrants(ctx, thang.ID); len(g) != 1 {
			t.Errorf("grants after the representative changed: %+v", g)
		}
		if g, _ = s.CitizenGrants(ctx, hoa.ID); len(g) != 2 || g[1].Role != account.HouseholdRep {
			t.Errorf("grants of the new representative: %+v", g)
		}
	})
}

func TestCitizenTokens(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		c := newCitizen(t, s, "+84912345678")
		hash, h2 := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
		tok, err := s.CreateCitizenToken(ctx, c.ID, hash, now.Add(time.Hour))
		if err != nil || tok.ID == 0 || tok.CitizenID != c.ID || tok.UserID != 0 {
			t.Fatal(tok, err)
		}
		if _, err := s.CreateCitizenToken(ctx, 999, h2, now.Add(time.Hour)); coso.ErrorCode(err) != coso.ENotFound {
			t.Errorf("unknown citizen: %v", err)
		}
		if _, err := s.CreateCitizenToken(ctx, c.ID, "short", now.Add(time.Hour)); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("bad hash: %v", err)
		}
		if got, err := s.TokenCitizen(ctx, hash); err != nil || got.ID != c.ID || got.Phone != c.Phone {
			t.Fatalf("token citizen: %+v %v", got, err)
		}
		// A citizen's token opens no official's account.
		if _, err := s.TokenUser(ctx, hash); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Errorf("citizen token as an official's: %v", err)
		}
		if _, err := s.CreateCitizenToken(ctx, c.ID, h2, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, h2); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TokenCitizen(ctx, h2); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Errorf("revoked: %v", err)
		}
		if _, err := s.TokenCitizen(ctx, hash); err != nil {
			t.Errorf("the other token was revoked too: %v", err)
		}
		now = now.Add(time.Hour)
		if _, err := s.TokenCitizen(ctx, hash); coso.ErrorCode(err) != coso.EUnauthenticated {
			t.Errorf("expired: %v", err)
		}
		var n int
		if err := s.DB().QueryRow("SELECT COUNT(*) FROM audit_log WHERE action IN ('token.create', 'token.revoke') AND object = $1",
			fmt.Sprintf("citizen:%d", c.ID)).Scan(&n); err != nil || n != 3 {
			t.Errorf("%d token audit lines (%v)", n, err)
		}
	})
}
