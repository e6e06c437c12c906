package app_test

import (
	"context"
	"strconv"

	"coso/app/apptest"
	"coso/disclosure"
	"coso/pdftext"
)

// disclosureRecords makes a commune's published disclosure with an
// attachment, and a public request for information whose requester's name
// and contact join the commune's personal data, which no one else may see.
func (r *rig) disclosureRecords(commune string, personal *apptest.Data) map[string]string {
	r.t.Helper()
	ctx := context.Background()
	d := &disclosure.Disclosure{UnitCode: commune, Category: "7", Title: "Danh sách hộ được hỗ trợ tiền điện",
		Body: "Gồm 12 hộ.", DecidedOn: r.st.Now()}
	if err := r.st.CreateDisclosure(ctx, d); err != nil {
		r.t.Fatal(err)
	}
	if _, err := r.st.PublishDisclosure(ctx, d.ID, r.st.Now()); err != nil {
		r.t.Fatal(err)
	}
	f, err := r.st.AddDisclosureFile(ctx, d.ID, disclosure.Attachment, "danh-sach.pdf", pdftext.Minimal("Danh sach"), "Danh sach")
	if err != nil {
		r.t.Fatal(err)
	}
	name, contact := "Đỗ Thị Yêu Cầu "+commune, "yeucau"+commune+"@example.vn"
	q := &disclosure.Request{UnitCode: commune, Name: name, Contact: contact, Public: true,
		Question: "Xin cung cấp dự toán ngân sách xã năm nay."}
	if err := r.st.CreateInfoRequest(ctx, q); err != nil {
		r.t.Fatal(err)
	}
	personal.Add(name, "", contact)
	return map[string]string{"disclosure": strconv.FormatInt(d.ID, 10), "file": strconv.FormatInt(f.ID, 10),
		"request": strconv.FormatInt(q.ID, 10)}
}

// The disclosure routes for the route-walking test: which record each
// {id} is, and the bodies of the API's writes.
func init() {
	for _, route := range []string{"GET /disclosures/{id}", "GET /disclosures/{id}/print", "GET /disclosures/{id}/files/{file}",
		"GET /disclosures/{id}/notice.pdf", "GET /disclosures/{id}/loudspeaker.txt", "GET /d/{id}",
		"GET /admin/disclosures/{id}", "POST /admin/disclosures/{id}", "POST /admin/disclosures/{id}/publish",
		"POST /admin/disclosures/{id}/correct", "POST /admin/disclosures/{id}/withdraw", "POST /admin/disclosures/{id}/extend",
		"POST /admin/disclosures/{id}/uses", "POST /admin/disclosures/{id}/files",
		"GET /api/v1/disclosures/{id}", "POST /api/v1/disclosures/{id}/publish", "POST /api/v1/disclosures/{id}/correct",
		"POST /api/v1/disclosures/{id}/withdraw"} {
		idOf[route] = "disclosure"
	}
	for _, route := range []string{"GET /information-requests/{id}", "GET /admin/information-requests/{id}",
		"POST /admin/information-requests/{id}/answer", "POST /admin/information-requests/{id}/extend",
		"GET /api/v1/information-requests/{id}", "POST /api/v1/information-requests/{id}/answer", "POST /api/v1/information-requests/{id}/extend"} {
		idOf[route] = "request"
	}
	for _, route := range []string{"GET /admin/disclosures/{id}", "POST /admin/disclosures/{id}", "POST /admin/disclosures/{id}/publish",
		"POST /admin/disclosures/{id}/correct", "POST /admin/disclosures/{id}/withdraw", "POST /admin/disclosures/{id}/extend",
		"POST /admin/disclosures/{id}/uses", "POST /admin/disclosures/{id}/files", "GET /admin/information-requests/{id}",
		"POST /admin/information-requests/{id}/answer", "POST /admin/information-requests/{id}/extend"} {
		formFields[route] = []string{}
	}
	apiBodies["POST /api/v1/disclosures"] = func(s side) any {
		return map[string]any{"unit": s.values["code"], "category": "1", "title": "Kế hoạch năm", "decided_on": "2026-01-05"}
	}
	apiBodies["POST /api/v1/disclosures/{id}/publish"] = func(side) any { return map[string]any{} }
	apiBodies["POST /api/v1/disclosures/{id}/correct"] = func(side) any { return map[string]any{"title": "Tiêu đề mới", "reason": "Sửa lỗi"} }
	apiBodies["POST /api/v1/disclosures/{id}/withdraw"] = func(side) any { return map[string]any{"reason": "Thay thế"} }
	apiBodies["POST /api/v1/units/{code}/information-requests"] = func(side) any {
		return map[string]any{"name": "Người hỏi", "contact": "0912000000", "question": "Xin thông tin về kế hoạch năm nay."}
	}
	apiBodies["POST /api/v1/information-requests/{id}/answer"] = func(side) any { return map[string]any{"status": "answered", "answer": "Đã trả lời."} }
	apiBodies["POST /api/v1/information-requests/{id}/extend"] = func(side) any { return map[string]any{"reason": "Cần thêm thời gian"} }
}
