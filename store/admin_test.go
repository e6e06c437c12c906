package store_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"coso"
	"coso/account"
	"coso/notify"
	"coso/store"
	"coso/store/storetest"
)

func TestMarkDemo(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if demo, err := s.IsDemo(ctx); err != nil || demo {
			t.Fatalf("new store: demo=%t %v", demo, err)
		}
		for range 2 { // marking twice is harmless
			if err := s.MarkDemo(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if demo, err := s.IsDemo(ctx); err != nil || !demo {
			t.Fatalf("marked store: demo=%t %v", demo, err)
		}
		if !slices.Contains(auditLines(t, s), "store.demo settings:demo store marked as demo data") {
			t.Errorf("no audit line: %v", auditLines(t, s))
		}
	})
}

func TestCreateOfficial(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupAccounts(t, s)
		ctx := context.Background()
		u := &account.User{Username: "canbo.a", DisplayName: "Lò Văn Pọm", PasswordHash: fakeHash}
		g, err := s.CreateOfficial(ctx, u, account.CommuneOfficer, "14845")
		if err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || g.UserID != u.ID || g.UnitCode != "14845" || g.Role != account.CommuneOfficer {
			t.Fatalf("created %+v with %+v", u, g)
		}
		// Creation is audited on the unit, so its administrators see it.
		log, err := s.AuditLog(ctx, store.AuditFilter{Scope: store.Scope{Under: unitID(t, s, "14845")}, Action: "account.create"})
		if err != nil || len(log) != 1 || log[0].Object != "user:"+strconv.FormatInt(u.ID, 10) || log[0].UnitCode != "14845" {
			t.Fatalf("audit of the creation: %+v %v", log, err)
		}
		// Any error leaves nothing behind: no account without a unit.
		for _, tc := range []struct {
			name, unit string
			role       account.Role
			code       coso.Code
		}{
			{"unknown unit", "99999", account.CommuneOfficer, coso.EInvalid},
			{"wrong kind", "14845.01", account.CommuneOfficer, coso.EInvalid},
			{"unknown role", "14845", account.Role("mayor"), coso.EInvalid},
		} {
			v := &account.User{Username: "canbo.b", DisplayName: "Hà Thị Mai", PasswordHash: fakeHash}
			if _, err := s.CreateOfficial(ctx, v, tc.role, tc.unit); coso.ErrorCode(err) != tc.code || v.ID != 0 {
				t.Errorf("%s: %v (id %d)", tc.name, err, v.ID)
			}
			if _, err := s.UserByUsername(ctx, "canbo.b"); coso.ErrorCode(err) != coso.ENotFound {
				t.Errorf("%s: the account exists after a failed creation: %v", tc.name, err)
			}
		}
		dup := &account.User{Username: "canbo.a", DisplayName: "Other", PasswordHash: fakeHash}
		if _, err := s.CreateOfficial(ctx, dup, account.CommuneOfficer, "14846"); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("duplicate username: %v", err)
		}
	})
}

// auditAt writes one audit line at time at, by actor, on the unit with code
// (or none).
func auditAt(t *testing.T, s *store.Store, at time.Time, actor, action, code string) {
	t.Helper()
	s.SetClock(func() time.Time { return at })
	defer s.SetClock(coso.Now)
	var unit int64
	if code != "" {
		unit = unitID(t, s, code)
	}
	ctx := coso.WithActor(context.Background(), coso.Actor{UserID: 0, Username: actor, Role: "test"})
	if err := s.WriteForTest(ctx, func(tx *store.Tx) error { return tx.Audit(unit, action, "thing:1", action+" "+code) }); err != nil {
		t.Fatal(err)
	}
}

func TestAuditLogFilters(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupAccounts(t, s)
		ctx := context.Background()
		day := func(d int, hour int) time.Time { return time.Date(2026, 3, d, hour, 0, 0, 0, coso.Zone) }
		// 1 March, local 06:00 is 23:00 UTC on 28 February: dates are local.
		auditAt(t, s, day(1, 6), "an", "household.create", "14845.01")
		auditAt(t, s, day(2, 10), "binh", "account.grant", "14846")
		auditAt(t, s, day(3, 23), "an", "account.revoke", "14845")
		auditAt(t, s, day(4, 9), "an", "account.password", "")
		auditAt(t, s, day(5, 9), "chi", "account_x.grant", "38.A1")
		summaries := func(f store.AuditFilter) []string {
			t.Helper()
			f.From = day(1, 0).AddDate(0, 0, -1) // leave out the import of the units
			if f.To.IsZero() {
				f.To = day(31, 0)
			}
			log, err := s.AuditLog(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, e := range log {
				out = append(out, e.Summary)
			}
			return out
		}
		a, b, prov := unitID(t, s, "14845"), unitID(t, s, "14846"), unitID(t, s, "38")
		tests := []struct {
			name string
			f    store.AuditFilter
			want []string
		}{
			{"everything, newest first", store.AuditFilter{},
				[]string{"account_x.grant 38.A1", "account.password ", "account.revoke 14845", "account.grant 14846", "household.create 14845.01"}},
			{"commune A and below", store.AuditFilter{Scope: store.Scope{Under: a}},
				[]string{"account.revoke 14845", "household.create 14845.01"}},
			{"commune B", store.AuditFilter{Scope: store.Scope{Under: b}}, []string{"account.grant 14846"}},
			{"unitless lines only with Unitless", store.AuditFilter{Scope: store.Scope{Under: a, Unitless: true}},
				[]string{"account.password ", "account.revoke 14845", "household.create 14845.01"}},
			{"province covers all", store.AuditFilter{Scope: store.Scope{Under: prov}},
				[]string{"account_x.grant 38.A1", "account.revoke 14845", "account.grant 14846", "household.create 14845.01"}},
			{"person", store.AuditFilter{Username: " AN "}, []string{"account.password ", "account.revoke 14845", "household.create 14845.01"}},
			{"exact action", store.AuditFilter{Action: "account.grant"}, []string{"account.grant 14846"}},
			{"action prefix, _ is no wildcard", store.AuditFilter{Action: "account."},
				[]string{"account.password ", "account.revoke 14845", "account.grant 14846"}},
			{"to a local date, inclusive", store.AuditFilter{To: day(1, 0)}, []string{"household.create 14845.01"}},
			{"to the end of 3 March local", store.AuditFilter{To: day(3, 12), Username: "an"},
				[]string{"account.revoke 14845", "household.create 14845.01"}},
			{"cursor and limit", store.AuditFilter{Action: "account.", Limit: 2},
				[]string{"account.password ", "account.revoke 14845"}},
			{"nothing", store.AuditFilter{Username: "nobody"}, nil},
		}
		for _, tc := range tests {
			if got := summaries(tc.f); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
			}
		}
		// summaries sets From; From on its own starts at local midnight.
		from, err := s.AuditLog(ctx, store.AuditFilter{From: day(3, 0), To: day(31, 0)})
		if err != nil || len(from) != 3 || from[2].Summary != "account.revoke 14845" {
			t.Errorf("from 3 March: %+v %v", from, err)
		}
		page, _ := s.AuditLog(ctx, store.AuditFilter{Action: "account.", Limit: 2})
		rest, _ := s.AuditLog(ctx, store.AuditFilter{Action: "account.", Limit: 2, BeforeID: page[1].ID})
		if len(rest) != 1 || rest[0].Summary != "account.grant 14846" {
			t.Errorf("second page: %+v", rest)
		}
		e := from[0]
		if e.Username != "chi" || e.Role != "test" || e.UnitCode != "38.A1" || !e.At.Equal(day(5, 9)) || e.Object != "thing:1" {
			t.Errorf("entry %+v", e)
		}
		actions, err := s.AuditActions(ctx)
		if err != nil || !slices.Contains(actions, "account_x.grant") || !slices.Contains(actions, "unit.create") || !slices.IsSorted(actions) {
			t.Errorf("actions %v %v", actions, err)
		}
		// The engine refuses to change the trail, whatever the code does.
		if err := s.WriteForTest(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec("UPDATE audit_log SET summary = 'x'")
			return err
		}); err == nil {
			t.Error("audit lines were updated")
		}
		if err := s.WriteForTest(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec("DELETE FROM audit_log")
			return err
		}); err == nil {
			t.Error("audit lines were deleted")
		}
	})
}

func TestOutboxScope(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupAccounts(t, s)
		ctx := context.Background()
		sms := func(code string, secret bool) int64 {
			m := notify.Message{Channel: notify.ChannelSMS, To: "+84912345678", Body: "tin " + code, Secret: secret}
			if code != "" {
				m.UnitID = unitID(t, s, code)
			}
			id, err := s.Enqueue(ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		inA, inVillageA, inB, none := sms("14845", false), sms("14845.01", false), sms("14846", false), sms("", true)
		a := unitID(t, s, "14845")
		list, err := s.Outbox(ctx, store.OutboxFilter{Scope: store.Scope{Under: a}})
		if err != nil || len(list) != 2 || list[0].ID != inVillageA || list[1].ID != inA {
			t.Fatalf("commune A: %+v %v", list, err)
		}
		list, _ = s.Outbox(ctx, store.OutboxFilter{Scope: store.Scope{Under: unitID(t, s, "38"), Unitless: true}})
		if len(list) != 4 || list[0].ID != none || list[0].Body != notify.Hidden {
			t.Fatalf("province with unitless: %+v", list)
		}
		counts, err := s.OutboxCountsIn(ctx, store.Scope{Under: unitID(t, s, "14846")})
		if err != nil || counts[notify.Pending] != 1 || counts[notify.Sent] != 0 || counts[notify.Failed] != 0 {
			t.Fatalf("counts of B: %v %v", counts, err)
		}
		if all, _ := s.OutboxCounts(ctx); all[notify.Pending] != 4 {
			t.Fatalf("all counts: %v", all)
		}
		m, err := s.OutboxMessage(ctx, none)
		if err != nil || m.Body != notify.Hidden || m.Claim != "" {
			t.Fatalf("secret message: %+v %v", m, err)
		}
		if m, err := s.OutboxMessage(ctx, inB); err != nil || m.Body != "tin 14846" {
			t.Fatalf("message: %+v %v", m, err)
		}
		if _, err := s.OutboxMessage(ctx, 9999); coso.ErrorCode(err) != coso.ENotFound {
			t.Fatalf("missing message: %v", err)
		}
	})
}
