package store_test

import (
	"context"
	"strings"
	"testing"

	"coso"
	"coso/account"
	"coso/store"
	"coso/store/storetest"
)

// A finished case is rated once; the rating counts for the unit and the
// official who handled it, and nothing in it, nor in the audit line, leads
// back to the case.
func TestRatings(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		officer := official(t, s, "canbo.tamchung", account.CommuneOfficer, "14846", "")
		outsider := official(t, s, "canbo.muonglat", account.CommuneOfficer, "14845", "")
		c := complaint("14846")
		if err := s.CreatePetition(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.RatePetition(ctx, c.Code, 4, ""); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("rated before it finished: %v", err)
		}
		if _, err := s.AssignPetition(ctx, c.ID, officer.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RejectPetition(ctx, c.ID, "Đã quá thời hiệu khiếu nại."); err != nil {
			t.Fatal(err)
		}
		before, _ := s.Petition(ctx, c.ID)
		if err := s.RatePetition(ctx, c.Code, 0, ""); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("score 0: %v", err)
		}
		if err := s.RatePetition(ctx, c.Code, 2, "Trả lời nhanh nhưng chưa giải thích rõ."); err != nil {
			t.Fatal(err)
		}
		if err := s.RatePetition(ctx, c.Code, 5, ""); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("rated twice: %v", err)
		}
		after, _ := s.Petition(ctx, c.ID)
		if !after.Rated || !after.UpdatedAt.Equal(before.UpdatedAt) {
			t.Errorf("rated %t, updated %v → %v", after.Rated, before.UpdatedAt, after.UpdatedAt)
		}
		if err := s.RateProcedure(ctx, "14846", outsider.ID, "Chứng thực bản sao", 5, ""); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("rated an official of another commune: %v", err)
		}
		if err := s.RateProcedure(ctx, "14846", officer.ID, "Đăng ký khai sinh", 5, "Nhanh, chu đáo."); err != nil {
			t.Fatal(err)
		}
		if err := s.RateProcedure(ctx, "14846", 0, "Chứng thực bản sao", 3, ""); err != nil {
			t.Fatal(err)
		}
		commune := unitID(t, s, "14846")
		f, err := s.Ratings(ctx, commune, "2026-01", "2026-12")
		if err != nil {
			t.Fatal(err)
		}
		if f.Total.Count != 3 || f.Total.Sum != 10 || f.ByOfficial[officer.ID].Count != 2 || f.ByMonth["2026-03"].Count != 3 ||
			f.Officials[officer.ID] != officer.DisplayName || len(f.Comments) != 2 {
			t.Errorf("figures %+v", f)
		}
		total, _, err := s.PetitionFigures(ctx, unitID(t, s, "38"), ymd(2026, 1, 1), ymd(2026, 12, 31))
		if err != nil || total.Ratings != 3 || total.Score < 3.33 || total.Score > 3.34 {
			t.Errorf("petition figures %+v %v", total, err)
		}
		var cols []string
		rows, err := s.DB().Query("SELECT * FROM ratings LIMIT 1")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ = rows.Columns()
		_ = rows.Close()
		for _, c := range cols {
			if strings.Contains(c, "petition") || strings.Contains(c, "case") || strings.HasSuffix(c, "_at") || c == "created" {
				t.Errorf("ratings has a column %q that could lead back to the case or its time", c)
			}
		}
		trail, _ := s.AuditLog(ctx, store.AuditFilter{Action: "rating.create"})
		for _, e := range trail {
			if strings.Contains(e.Object, "petition") || strings.Contains(e.Summary, "petition:") {
				t.Errorf("the audit line leads to the case: %+v", e)
			}
		}
	})
}

func TestMonths(t *testing.T) {
	if got := strings.Join(store.Months(ymd(2026, 2, 15), 3), " "); got != "2025-12 2026-01 2026-02" {
		t.Errorf("months %s", got)
	}
}
