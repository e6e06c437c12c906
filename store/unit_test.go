package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coso"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

const provinceCSV = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
14758,Phường Hàm Rồng,ward,38
14797,Phường Hạc Thành,ward,38
14845,Xã Mường Lát,commune,38
14845.01,Bản Lát,village,14845
`

func importCSV(t testing.TB, s *store.Store, text string) (place.ImportResult, error) {
	t.Helper()
	rows, err := place.ReadCSV(strings.NewReader(text))
	if err != nil {
		return place.ImportResult{}, err
	}
	return s.ImportUnits(context.Background(), rows)
}

func TestImportUnits(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		res, err := importCSV(t, s, provinceCSV)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 5 || res.Updated != 0 {
			t.Fatalf("first import: %+v", res)
		}
		res, err = importCSV(t, s, provinceCSV)
		if err != nil || res.Created != 0 || res.Updated != 0 || res.Unchanged != 5 {
			t.Fatalf("second import: %+v %v", res, err)
		}
		u, err := s.UnitByCode(context.Background(), "14845.01")
		if err != nil || u.ParentCode != "14845" || u.Kind != place.Village {
			t.Fatalf("village: %+v %v", u, err)
		}
	})
}

func TestImportUnitsAllOrNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		bad := provinceCSV + "99999,Xã Ma,commune,77\n" // line 7: unknown parent
		_, err := importCSV(t, s, bad)
		if err == nil {
			t.Fatal("import with an unknown parent succeeded")
		}
		var es coso.Errors
		if e, ok := err.(coso.Errors); ok {
			es = e
		} else if e, ok := err.(*coso.Error); ok {
			es = coso.Errors{e}
		}
		if len(es) != 1 || es[0].Line != 7 || es[0].Field != "parent_code" {
			t.Fatalf("error %#v, want line 7 parent_code", err)
		}
		units, err := s.Units(context.Background(), store.UnitFilter{WithEnded: true})
		if err != nil || len(units) != 0 {
			t.Fatalf("%d units stored after a failed import (%v)", len(units), err)
		}
	})
}

func TestReadCSVReportsLines(t *testing.T) {
	text := "code,name,kind,parent_code\n38,Tỉnh Thanh Hoá,province,\n14758,,ward,38\n14759,Xã X,county,38\n38,Dup,province,\n"
	_, err := place.ReadCSV(strings.NewReader(text))
	es, ok := err.(coso.Errors)
	if !ok || len(es) != 3 {
		t.Fatalf("got %v, want 3 errors", err)
	}
	want := []struct {
		line  int
		field string
	}{{3, "name"}, {4, "kind"}, {5, "code"}}
	for i, w := range want {
		if es[i].Line != w.line || es[i].Field != w.field || es[i].VI == "" || es[i].EN == "" {
			t.Errorf("error %d = %+v, want line %d field %s", i, es[i], w.line, w.field)
		}
	}
}

func TestSearchAndOrder(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		if _, err := importCSV(t, s, provinceCSV); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		found, err := s.Units(ctx, store.UnitFilter{Query: "ham rong"})
		if err != nil || len(found) != 1 || found[0].Name != "Phường Hàm Rồng" {
			t.Fatalf("search ham rong: %v %v", found, err)
		}
		found, _ = s.Units(ctx, store.UnitFilter{Query: "thanh hóa"})
		if len(found) != 1 || found[0].Code != "38" {
			t.Fatalf("new tone placement does not find the old one: %v", found)
		}
		p, _ := s.UnitByCode(ctx, "38")
		kids, err := s.Units(ctx, store.UnitFilter{ParentID: p.ID})
		if err != nil || len(kids) != 3 {
			t.Fatalf("children: %v %v", kids, err)
		}
		// Vietnamese order compares base letters first: "Hạc" < "Hàm" since c < m.
		if kids[0].Name != "Phường Hạc Thành" || kids[2].Name != "Xã Mường Lát" {
			t.Errorf("order: %s, %s, %s", kids[0].Name, kids[1].Name, kids[2].Name)
		}
		in, _ := s.Within(ctx, found[0].ID, p.ID)
		v, _ := s.UnitByCode(ctx, "14845.01")
		in2, _ := s.Within(ctx, v.ID, kids[0].ID)
		if !in || in2 {
			t.Errorf("Within: province contains itself %v; Hàm Rồng contains Bản Lát %v", in, in2)
		}
	})
}

func TestRenameAndMerge(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := importCSV(t, s, provinceCSV); err != nil {
			t.Fatal(err)
		}
		on := time.Date(2025, 7, 1, 0, 0, 0, 0, coso.Zone)
		u, _ := s.UnitByCode(ctx, "14797")
		u.Name = "Phường Hạc Thành Mới"
		if err := s.UpdateUnit(ctx, u, on, "test rename"); err != nil {
			t.Fatal(err)
		}
		err := s.MergeUnits(ctx, place.Merge{SuccessorCode: "14797", MergedCodes: []string{"14758"}, On: on, Note: "Nghị quyết 1686/NQ-UBTVQH15"})
		if err != nil {
			t.Fatal(err)
		}
		old, _ := s.UnitByCode(ctx, "14758")
		if !old.Ended() || old.SuccessorID != u.ID {
			t.Fatalf("merged unit not ended: %+v", old)
		}
		live, _ := s.Units(ctx, store.UnitFilter{ParentID: old.ParentID})
		if len(live) != 2 {
			t.Errorf("live communes after merge: %d, want 2", len(live))
		}
		hist, err := s.History(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := ""
		for _, e := range hist {
			kinds += string(e.Kind) + " "
		}
		if !strings.Contains(kinds, "renamed") || !strings.Contains(kinds, "absorbed") || !strings.Contains(kinds, "merged_into") {
			t.Errorf("history of successor: %s", kinds)
		}
		if err := s.MergeUnits(ctx, place.Merge{SuccessorCode: "14797", MergedCodes: []string{"14758"}, On: on}); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("merging an ended unit again: %v", err)
		}
	})
}

func TestAuditIsAppendOnly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		if _, err := importCSV(t, s, provinceCSV); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB().Exec("UPDATE audit_log SET summary = 'x'"); err == nil {
			t.Error("audit_log row was updated")
		}
		if _, err := s.DB().Exec("DELETE FROM audit_log"); err == nil {
			t.Error("audit_log row was deleted")
		}
	})
}

// A data directory whose name holds URI characters opens the right file.
func TestOpenOddDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a#1?b%20")
	s, err := store.Open(context.Background(), store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(filepath.Join(dir, "coso.db")); err != nil {
		t.Fatalf("database not inside %s: %v", dir, err)
	}
}
