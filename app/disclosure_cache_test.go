package app_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"coso/account"
	"coso/auth"
	"coso/disclosure"
	"coso/place"
	"coso/store"
	"coso/store/storetest"
)

// The page cache (web/pagecache.go) serves the public pages of Dân biết
// from memory: what the readers of a page see must be exactly what a fresh
// rendering would show them. Every change through the store shows at once,
// and nothing of a signed-in official's page, another language or another
// query reaches anyone else.
func TestPageCache(t *testing.T) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1
	t.Cleanup(func() { auth.Params = old })
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		srv := unitsServer(t, st)
		ctx := context.Background()
		today := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
		st.SetClock(func() time.Time { return today })
		officer := signedInOfficial(t, st, srv.URL, "canbo.cache", account.CommuneOfficer, "14758")
		reader := newVisitor(t, srv.URL)
		list := "/units/14758/disclosures"

		first := publish(t, st, "7", "Danh sách hộ được hỗ trợ tiền điện quý I")
		s, body := reader.get(list)
		must(t, "the list", s, body, 200, []string{"Danh sách hộ được hỗ trợ tiền điện quý I"})
		s, body = reader.get(list)
		must(t, "the list again (kept)", s, body, 200, []string{"Danh sách hộ được hỗ trợ tiền điện quý I"})

		// An officer's pages are theirs: signed in, drafts and their name.
		draft := &disclosure.Disclosure{UnitCode: "14758", Category: "12", Title: "Dự thảo mức thu phí vệ sinh", Body: "Dự thảo.", DecidedOn: today}
		if err := st.CreateDisclosure(ctx, draft); err != nil {
			t.Fatal(err)
		}
		draftPage := "/disclosures/" + itoa(draft.ID)
		s, body = officer.get(draftPage)
		must(t, "the officer previews the draft", s, body, 200, []string{"Dự thảo mức thu phí vệ sinh"})
		s, body = officer.get(list)
		must(t, "the officer's list", s, body, 200, []string{"Cán bộ canbo.cache"})
		s, _ = reader.get(draftPage)
		must(t, "the draft stays private", s, "", 404, nil)
		s, body = reader.get(list)
		must(t, "the reader's list", s, body, 200, []string{"Danh sách hộ được hỗ trợ tiền điện quý I"}, "Cán bộ canbo.cache", "Dự thảo mức thu phí")

		// Publishing, correcting and withdrawing show at once.
		act(t, officer, itoa(draft.ID), "publish", url.Values{"published_on": {""}})
		s, body = reader.get(draftPage)
		must(t, "published", s, body, 200, []string{"Dự thảo mức thu phí vệ sinh"})
		s, body = reader.get(list)
		must(t, "the list after publishing", s, body, 200, []string{"Dự thảo mức thu phí vệ sinh", "Danh sách hộ được hỗ trợ tiền điện quý I"})
		s, body = reader.get("/units/14758/disclosures.atom")
		must(t, "the feed", s, body, 200, []string{"Dự thảo mức thu phí vệ sinh"})
		act(t, officer, itoa(first), "withdraw", url.Values{"reason": {"Thay bằng danh sách quý II"}})
		s, body = reader.get("/disclosures/" + itoa(first))
		must(t, "withdrawn", s, body, 200, []string{"Thay bằng danh sách quý II"})
		s, body = reader.get(list)
		must(t, "the list after withdrawing", s, body, 200, []string{"Đã thu hồi"})
		s, body = reader.get("/units/14758/disclosures.atom")
		must(t, "the feed after withdrawing", s, body, 200, []string{"Thay bằng danh sách quý II"})

		// Languages, queries and filters each have their own page.
		s, body = reader.get(list + "?lang=en")
		must(t, "English", s, body, 200, []string{`<html lang="en">`, "Withdrawn"}, `<html lang="vi">`)
		english := newVisitor(t, srv.URL)
		english.c.Jar.SetCookies(mustURL(t, srv.URL), []*http.Cookie{{Name: "lang", Value: "en"}})
		s, body = english.get(list)
		must(t, "English by cookie", s, body, 200, []string{`<html lang="en">`}, `<html lang="vi">`)
		s, body = reader.get(list)
		must(t, "Vietnamese again", s, body, 200, []string{`<html lang="vi">`}, `<html lang="en">`)
		s, body = reader.get(list + "?category=7")
		must(t, "category 7", s, body, 200, []string{"/disclosures/" + itoa(first)}, "Dự thảo mức thu phí vệ sinh")
		s, body = reader.get(list + "?category=12")
		must(t, "category 12", s, body, 200, []string{"Dự thảo mức thu phí vệ sinh"}, "/disclosures/"+itoa(first)+`"`)
		s, body = reader.get("/disclosures?q=phi+ve+sinh")
		must(t, "a search", s, body, 200, []string{"<mark>phí</mark>"}, "tiền điện")
		s, body = reader.get("/disclosures?q=tien+dien")
		must(t, "another search", s, body, 200, []string{"<mark>điện</mark>"}, "Dự thảo mức thu phí")

		// A unit's new name shows at once.
		u, err := st.UnitByCode(ctx, "14758")
		if err != nil {
			t.Fatal(err)
		}
		renamed := *u
		renamed.Name = "Phường Hàm Rồng Mới"
		if err := st.UpdateUnit(ctx, &renamed, today, "đổi tên"); err != nil {
			t.Fatal(err)
		}
		s, body = reader.get(list)
		must(t, "renamed", s, body, 200, []string{"Phường Hàm Rồng Mới"})

		// The next day, posting windows and deadlines move: the page is
		// made again.
		s, body = reader.get("/units/14758/disclosures/compliance?year=2026&quarter=1")
		must(t, "compliance", s, body, 200, []string{"Dự thảo mức thu phí vệ sinh"})
		today = today.AddDate(0, 1, 0)
		s, body = reader.get("/disclosures/" + itoa(draft.ID))
		must(t, "a month later", s, body, 200, []string{"Dự thảo mức thu phí vệ sinh"})

		// A client holding the page gets 304.
		req := mustRequest(t, "GET", srv.URL+list)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		etag := res.Header.Get("ETag")
		req = mustRequest(t, "GET", srv.URL+list)
		req.Header.Set("If-None-Match", etag)
		if res, err = http.DefaultClient.Do(req); err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if etag == "" || res.StatusCode != http.StatusNotModified {
			t.Errorf("conditional GET: ETag %q, %d", etag, res.StatusCode)
		}
	})
}

// publish records a published disclosure of the ward directly in the store.
func publish(t *testing.T, st *store.Store, category, title string) int64 {
	t.Helper()
	ctx := context.Background()
	d := &disclosure.Disclosure{UnitCode: "14758", Category: category, Title: title, Body: "Nội dung.", DecidedOn: st.Now()}
	if err := st.CreateDisclosure(ctx, d); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PublishDisclosure(ctx, d.ID, st.Now()); err != nil {
		t.Fatal(err)
	}
	return d.ID
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// A merged commune's information shows under its successor, which says
// so; the merged commune's page points to the successor.
func TestMergedUnitDisclosures(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		srv := unitsServer(t, st)
		ctx := context.Background()
		st.SetClock(func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) })
		d := &disclosure.Disclosure{UnitCode: "14845", Category: "7", Title: "Danh sách hộ nghèo xã Mường Lát", Body: "Gồm 40 hộ.", DecidedOn: st.Now()}
		if err := st.CreateDisclosure(ctx, d); err != nil {
			t.Fatal(err)
		}
		if _, err := st.PublishDisclosure(ctx, d.ID, st.Now()); err != nil {
			t.Fatal(err)
		}
		reader := newVisitor(t, srv.URL)
		s, body := reader.get("/units/14758/disclosures")
		must(t, "before the merger", s, body, 200, nil, "Danh sách hộ nghèo xã Mường Lát")
		if err := st.MergeUnits(ctx, place.Merge{SuccessorCode: "14758", MergedCodes: []string{"14845"}, On: st.Now()}); err != nil {
			t.Fatal(err)
		}
		s, body = reader.get("/units/14758/disclosures")
		must(t, "the successor's list", s, body, 200, []string{"Danh sách hộ nghèo xã Mường Lát", "các đơn vị đã sáp nhập vào đây", `href="/units/14845/disclosures"`})
		s, body = reader.get("/units/14758/disclosures?q=muong+lat&category=7")
		must(t, "the successor's search", s, body, 200, []string{"<mark>Mường</mark> <mark>Lát</mark>"})
		s, body = reader.get("/disclosures?unit=14758&q=ho+ngheo&from=2026-03-01&to=2026-03-31")
		must(t, "search with a unit and a period", s, body, 200, []string{"/disclosures/" + itoa(d.ID), "<mark>nghèo</mark>"})
		s, body = reader.get("/units/14845/disclosures")
		must(t, "the merged commune's list", s, body, 200, []string{"Danh sách hộ nghèo xã Mường Lát", "Đơn vị này đã kết thúc ngày 10/03/2026", `href="/units/14758/disclosures"`})
	})
}
