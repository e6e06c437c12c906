package app_test

import (
	"coso"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"coso/account"
	"coso/app"
	"coso/decision"
	"coso/household"
	"coso/render/pdftext"
	"coso/store"
	"coso/store/storetest"
)

// TestDecisionClusters: a village of 205 households meets in two clusters
// through the back office and the API; each cluster has its roster,
// procedural votes and counts, Form 02 prints a page per cluster and one
// adding them up, and the result counts the sum against all households.
func TestDecisionClusters(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		ctx := t.Context()
		village := r.unit(villageA)
		var rows []household.Row
		rnd, distinct := rand.New(rand.NewPCG(2, 5)), household.NewDistinct()
		for k := 1; k <= 205; k++ {
			h := household.RandomFamily(rnd, villageA, k)
			distinct.Fix(rnd, &h)
			for _, mb := range h.Members {
				rows = append(rows, household.Row{Line: len(rows) + 2, HouseholdCode: h.Code, Member: mb})
			}
		}
		if _, err := st.ImportHouseholds(ctx, villageA, rows); err != nil {
			t.Fatal(err)
		}
		hs, err := st.Households(ctx, store.HouseholdFilter{VillageID: village.ID})
		if err != nil || len(hs) != 205 {
			t.Fatalf("%d households (%v)", len(hs), err)
		}
		m := &decision.Matter{UnitID: village.ID, Subject: decision.OtherMatter, Title: "Giờ tắt đèn đường", Question: "Tắt đèn đường lúc 23 giờ?",
			Forms: []decision.Form{decision.Meeting}, Proposal: decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn"}}
		if err := st.CreateMatter(ctx, m); err != nil {
			t.Fatal(err)
		}
		if err := st.OpenMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		invite(t, st, m.ID, "Nhà văn hoá thôn Đông")
		head := r.browser()
		head.signIn(r.official("truongthon.dong", account.VillageHead, villageA))
		page := "/admin/matters/" + strconv.FormatInt(m.ID, 10)
		contains(t, "the page of a village of 205", head.get(page), 200, `id="add-cluster"`, "Họp theo cụm dân cư")
		today := r.st.Now().In(coso.Zone).Format("2006-01-02")
		cluster := func(name, held string) url.Values {
			return url.Values{"village": {fmt.Sprint(village.ID)}, "name": {name}, "held_on": {held}, "place": {"Nhà văn hoá " + name}}
		}
		contains(t, "a cluster tomorrow", head.post(page+"/clusters", cluster("Cụm 1", r.st.Now().AddDate(0, 0, 1).In(coso.Zone).Format("2006-01-02"))), 400,
			"meeting_on", "Ngày họp phải là một ngày đã qua hoặc hôm nay.")
		for _, name := range []string{"Cụm 1: xóm Trên", "Cụm 2: xóm Dưới"} {
			if res := head.post(page+"/clusters", cluster(name, today)); res.status != 303 {
				t.Fatalf("cluster %s: %d %s", name, res.status, truncate([]byte(res.body)))
			}
		}
		ss, err := st.MeetingSessions(ctx, m.ID, 3)
		if err != nil || len(ss) != 2 {
			t.Fatalf("sessions %v %+v", err, ss)
		}
		c1, c2 := ss[0].ClusterID, ss[1].ClusterID
		roster := func(cluster int64, from, to int) url.Values {
			f := url.Values{"cluster": {fmt.Sprint(cluster)}}
			for _, h := range hs[from:to] {
				f.Add("present", fmt.Sprint(h.ID))
				f.Add("listed", fmt.Sprint(h.ID))
			}
			return f
		}
		if res := head.post(page+"/attendance", roster(c1, 0, 100)); res.status != 303 {
			t.Fatalf("roster of cluster 1: %d %s", res.status, truncate([]byte(res.body)))
		}
		contains(t, "a household at both clusters", head.post(page+"/attendance", roster(c2, 99, 101)), 409, "đã được điểm danh ở một cụm họp khác")
		if res := head.post(page+"/attendance", roster(c2, 100, 180)); res.status != 303 {
			t.Fatalf("roster of cluster 2: %d", res.status)
		}
		contains(t, "the village's own roster", head.post(page+"/attendance", roster(0, 190, 191)), 400, "Thôn này họp theo cụm")
		// Cluster 1 through the back office, cluster 2 through the API.
		vid := fmt.Sprint(village.ID)
		for _, p := range []url.Values{
			{"kind": {"secretary"}, "names": {"Lò Thị Thư"}},
			{"kind": {"method"}, "method": {"hands"}},
			{"kind": {"counting_board"}, "names": {"Hà Văn Một\nLò Thị Hai\nVi Văn Ba"}},
			{"kind": {"witnesses"}, "names": {"Lường Văn Bốn\nPhạm Thị Năm"}},
		} {
			p.Set("village", vid)
			p.Set("cluster", fmt.Sprint(c1))
			p.Set("approve", "90")
			if res := head.post(page+"/procedure", p); res.status != 303 {
				t.Fatalf("procedure %v: %d %s", p, res.status, truncate([]byte(res.body)))
			}
		}
		if res := head.post(page+"/counts", url.Values{"village": {vid}, "cluster": {fmt.Sprint(c1)}, "count_0": {"80"}, "count_1": {"15"}, "count_2": {"5"}}); res.status != 303 {
			t.Fatalf("counts of cluster 1: %d %s", res.status, truncate([]byte(res.body)))
		}
		tok := r.token(r.official("canbo.anhoa", account.CommuneOfficer, communeA))
		id := strconv.FormatInt(m.ID, 10)
		for _, p := range []map[string]any{
			{"kind": "secretary", "names": []string{"Mai Thị Thu"}},
			{"kind": "method", "method": "secret"},
			{"kind": "counting_board", "names": []string{"Đinh Văn Sáu", "Mai Thị Bảy", "Cầm Văn Tám"}},
			{"kind": "witnesses", "names": []string{"Lò Văn Chín", "Hà Thị Mười"}},
		} {
			p["village_code"], p["cluster_id"], p["approve"] = villageA, c2, 41
			if res := r.call(tok, "POST", "/api/v1/matters/"+id+"/procedures", p); res.status != 200 {
				t.Fatalf("procedure over the API: %d %s", res.status, res.body)
			}
		}
		if res := r.call(tok, "PUT", "/api/v1/matters/"+id+"/counts", map[string]any{"village_code": villageA, "cluster_id": c2, "counts": []int{40, 30, 10}}); res.status != 200 {
			t.Fatalf("counts of cluster 2: %d %s", res.status, res.body)
		}
		res := r.call(tok, "GET", "/api/v1/matters/"+id+"/meetings", nil)
		if res.status != 200 || !strings.Contains(res.body, `"cluster":"Cụm 2: xóm Dưới"`) || !strings.Contains(res.body, `"counts":[40,30,10]`) ||
			!strings.Contains(res.body, `"present":80`) {
			t.Errorf("meetings: %d %s", res.status, res.body)
		}
		contains(t, "the page with two clusters", head.get(page), 200, "Thôn Đông · Cụm 1: xóm Trên", "Thôn Đông · Cụm 2: xóm Dưới",
			"(Cụm 1: xóm Trên)", `value="80"`)
		form02 := strings.Join(pdf(t, "Form 02", head.get(page+"/form02.pdf")), "\n")
		pdftext.Contains(t, form02, "Hội nghị cụm 1: xóm Trên, thôn Đông", "Hội nghị cụm 2: xóm Dưới, thôn Đông",
			"Tổ kiểm phiếu: Đinh Văn Sáu, Mai Thị Bảy, Cầm Văn Tám (41 trên 80 hộ có mặt tán thành).", "BIÊN BẢN TỔNG HỢP KẾT QUẢ",
			"Cộng 180 120 45 15", "Kết quả tại các cụm: 120 trên 205 hộ đồng ý, quá một nửa: thông qua.")
		if err := st.CloseMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.CountMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		contains(t, "the result", r.browser().get("/matters/"+id), 200, "120 trên 205 hộ đồng ý, quá một nửa: thông qua")
	})
}
