package app_test

import (
	"context"
	"strconv"

	"coso"
	"coso/app/apptest"
	"coso/pdftext"
	"coso/petition"
	"coso/store"
)

// petitionRecords makes a commune's complaint with a scanned letter, and a
// denunciation (of no official) with a reveal asked for by the commune's
// chair; the senders join the commune's personal data, which no one else
// may see and no public page may show.
func (r *rig) petitionRecords(commune string, personal *apptest.Data) map[string]string {
	r.t.Helper()
	ctx := context.Background()
	c := &petition.Case{UnitCode: commune, Kind: petition.Complaint, Channel: petition.Portal, Consent: true,
		Subject: "Khiếu nại việc thu phí vệ sinh", Body: "Tổ dân phố thu phí vệ sinh cao hơn mức Hội đồng nhân dân quyết định.",
		Identity: petition.Identity{Name: "Đinh Văn Khiếu " + commune, Phone: "0911 " + commune[2:] + " 123", Address: "Xóm Chợ, xã " + commune}}
	if err := r.st.CreatePetition(ctx, c, []store.Upload{{Name: "don.pdf", Data: pdftext.Minimal("Don khieu nai")}}); err != nil {
		r.t.Fatal(err)
	}
	files, err := r.st.PetitionFiles(ctx, c.ID)
	if err != nil || len(files) != 1 {
		r.t.Fatalf("files %v", err)
	}
	d := &petition.Case{UnitCode: commune, Kind: petition.Denunciation, Channel: petition.Portal,
		Subject: "Tố cáo đổ trộm rác thải", Body: "Một cơ sở sản xuất đổ trộm rác thải ra bờ sông vào ban đêm.",
		Identity: petition.Identity{Name: "Cao Thị Tố " + commune, Phone: "0922 " + commune[2:] + " 234", Address: "Xóm Bãi, xã " + commune}}
	if err := r.st.CreatePetition(ctx, d, nil); err != nil {
		r.t.Fatal(err)
	}
	chair, err := r.st.UserByUsername(ctx, "chutich."+commune)
	if err != nil {
		r.t.Fatal(err)
	}
	as := coso.WithActor(ctx, coso.Actor{UserID: chair.ID, Username: chair.Username, Role: "commune_chair"})
	rv, err := r.st.RequestReveal(as, d.ID, "Cần liên hệ người tố cáo để xác minh.")
	if err != nil {
		r.t.Fatal(err)
	}
	cal, err := r.st.Calendar(ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	rs := &petition.Session{UnitCode: commune, On: cal.AddWorkingDays(r.st.Now(), 1), Starts: "07:30", Ends: "11:00",
		Host: "Chủ tịch UBND xã", Place: "Phòng tiếp công dân"}
	if err := r.st.CreateSession(ctx, rs); err != nil {
		r.t.Fatal(err)
	}
	online := &petition.Session{UnitCode: commune, On: cal.AddWorkingDays(r.st.Now(), 10), Starts: "14:00", Ends: "16:30",
		Host: "Chủ tịch UBND xã", Place: "Phòng họp trực tuyến của UBND xã", Online: true}
	if err := r.st.CreateSession(ctx, online); err != nil {
		r.t.Fatal(err)
	}
	rq := &petition.ReceptionRequest{Name: "Mai Văn Đăng " + commune, Phone: "0933 " + commune[2:] + " 345",
		Matter: "Đề nghị được trình bày về việc cấp nước sinh hoạt cho xóm."}
	if err := r.st.CreateReceptionRequest(ctx, commune, online.ID, rq); err != nil {
		r.t.Fatal(err)
	}
	personal.Add(rq.Name, rq.Phone, "")
	personal.Add(c.Identity.Name, c.Identity.Phone, "")
	personal.Add(d.Identity.Name, d.Identity.Phone, "")
	return map[string]string{"petition": strconv.FormatInt(c.ID, 10), "pdenunciation": strconv.FormatInt(d.ID, 10),
		"pfile": strconv.FormatInt(files[0].ID, 10), "reveal": strconv.FormatInt(rv.ID, 10), "tracking": c.Code,
		"session": strconv.FormatInt(rs.ID, 10), "rrequest": strconv.FormatInt(rq.ID, 10)}
}

// The petition routes for the route-walking test: which record each {id}
// is, the fields of the back office's forms, and the API's bodies.
func init() {
	for _, route := range []string{"GET /admin/petitions/{id}", "GET /admin/petitions/{id}/files/{pfile}",
		"POST /admin/petitions/{id}/accept", "POST /admin/petitions/{id}/reject", "POST /admin/petitions/{id}/forward",
		"POST /admin/petitions/{id}/transfer", "POST /admin/petitions/{id}/assign", "POST /admin/petitions/{id}/extend",
		"POST /admin/petitions/{id}/resolve", "POST /admin/petitions/{id}/close"} {
		idOf[route] = "petition"
		formFields[route] = []string{}
	}
	for _, route := range []string{"POST /admin/petitions/{id}/reveals", "POST /admin/petitions/{id}/reveals/{reveal}/decide",
		"GET /admin/petitions/{id}/reveals/{reveal}"} {
		idOf[route] = "pdenunciation"
		formFields[route] = []string{}
	}
	apiBodies["POST /api/v1/petitions"] = func(s side) any {
		return map[string]any{"unit": s.values["code"], "kind": "feedback", "subject": "Cống thoát nước tắc",
			"content": "Cống thoát nước đầu xóm bị tắc, nước tràn vào nhà dân mỗi khi mưa.", "anonymous": true}
	}
	apiBodies["POST /api/v1/petitions/{code}/accept"] = func(side) any { return map[string]any{} }
	apiBodies["POST /api/v1/petitions/{code}/reject"] = func(side) any { return map[string]any{"reason": "Không thuộc thẩm quyền."} }
	apiBodies["POST /api/v1/petitions/{code}/forward"] = func(side) any {
		return map[string]any{"to": "Tòa án nhân dân", "reason": "Thuộc thẩm quyền của tòa án."}
	}
	apiBodies["POST /api/v1/petitions/{code}/transfer"] = func(s side) any {
		return map[string]any{"unit": s.values["code"], "reason": "Chuyển đúng nơi."}
	}
	apiBodies["POST /api/v1/petitions/{code}/assign"] = func(side) any { return map[string]any{"username": ""} }
	apiBodies["POST /api/v1/petitions/{code}/extend"] = func(side) any { return map[string]any{"reason": "Vụ việc phức tạp."} }
	apiBodies["POST /api/v1/petitions/{code}/resolve"] = func(side) any { return map[string]any{"answer": "Đã giải quyết xong."} }
	apiBodies["POST /api/v1/petitions/{code}/rating"] = func(side) any { return map[string]any{"score": 4} }
	apiBodies["POST /api/v1/units/{code}/ratings"] = func(side) any { return map[string]any{"procedure": "Đăng ký khai sinh", "score": 5} }
	formFields["POST /admin/units/{code}/reception/requests/{rrequest}/decide"] = []string{}
	apiBodies["POST /api/v1/units/{code}/reception/requests"] = func(side) any {
		return map[string]any{"session": 1, "name": "Lê Văn Hỏi", "phone": "0912 000 111", "matter": "Hỏi về lịch tiếp công dân trực tuyến."}
	}
	apiBodies["POST /api/v1/units/{code}/reception/requests/{rrequest}/decide"] = func(side) any {
		return map[string]any{"accept": false, "reason": "Trùng lịch công tác của lãnh đạo."}
	}
	apiBodies["POST /api/v1/petitions/{code}/close"] = func(side) any { return map[string]any{"reason": "Người gửi rút đơn."} }
}
