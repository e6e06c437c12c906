package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"coso/account"
	"coso/app"
	"coso/pdftext"
	"coso/store"
	"coso/store/storetest"
)

// The API: anyone sends a case and gets its tracking code; the status by
// code is public and shows no personal data; officials of the unit take
// the steps with a token, officials of another commune cannot; an
// officer's intake may give the channel and day of receipt.
func TestPetitionAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{})
		res := r.call("", "POST", "/api/v1/petitions", map[string]any{"unit": communeA, "kind": "complaint",
			"subject": "Khiếu nại việc cấp sổ đỏ chậm", "content": "Hồ sơ cấp giấy chứng nhận nộp từ tháng trước vẫn chưa được giải quyết.",
			"name": "Lương Văn Sổ", "phone": "0904 112 233", "address": "Thôn Tây, xã An Hoà",
			"files": []map[string]any{{"name": "giay-hen.pdf", "content": pdftext.Minimal("Giay hen")}}})
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		var created struct {
			Code      string `json:"code"`
			Stage     string `json:"stage"`
			Deadlines []struct {
				Clock, Due, Article string
			} `json:"deadlines"`
		}
		if err := json.Unmarshal([]byte(res.body), &created); err != nil || len(created.Code) != 14 || created.Stage != "received" ||
			len(created.Deadlines) != 1 || created.Deadlines[0].Clock != "accept" || !strings.Contains(created.Deadlines[0].Article, "Khiếu nại") {
			t.Fatalf("created %+v %v", created, err)
		}
		for _, bad := range []map[string]any{
			{"unit": communeA, "kind": "denunciation", "subject": "Tố cáo nặc danh", "content": "Nội dung tố cáo không ghi tên người gửi.", "anonymous": true},
			{"unit": communeA, "kind": "feedback", "subject": "Phản ánh", "content": "Đường hỏng nhiều chỗ cần sửa chữa.", "anonymous": true, "channel": "paper"},
		} {
			if res := r.call("", "POST", "/api/v1/petitions", bad); res.status != 400 && res.status != 401 {
				t.Errorf("refused case: %d %s", res.status, res.body)
			}
		}
		status := r.call("", "GET", "/api/v1/petitions/"+created.Code+"/status", nil)
		if status.status != 200 || strings.Contains(status.body, "Lương") || strings.Contains(status.body, "904112233") || strings.Contains(status.body, "Thôn Tây") {
			t.Errorf("status: %d %s", status.status, status.body)
		}
		tokA := r.token(r.official("canbo.api.a", account.CommuneOfficer, communeA))
		tokB := r.token(r.official("canbo.api.b", account.CommuneOfficer, communeB))
		if res := r.call(tokB, "POST", "/api/v1/petitions/"+created.Code+"/accept", map[string]any{}); res.status != 403 {
			t.Errorf("officer of B accepts: %d", res.status)
		}
		if res := r.call(tokB, "GET", "/api/v1/petitions/"+created.Code, nil); res.status != 403 || strings.Contains(res.body, "Lương") {
			t.Errorf("officer of B reads: %d", res.status)
		}
		got := r.call(tokA, "GET", "/api/v1/petitions/"+created.Code, nil)
		if got.status != 200 || !strings.Contains(got.body, `"name":"Lương Văn Sổ"`) || !strings.Contains(got.body, `"files":1`) {
			t.Errorf("officer of A reads: %d %s", got.status, got.body)
		}
		if res := r.call(tokA, "POST", "/api/v1/petitions/"+created.Code+"/accept", map[string]any{"complex": true}); res.status != 200 || !strings.Contains(res.body, `"stage":"accepted"`) {
			t.Errorf("accept: %d %s", res.status, res.body)
		}
		if res := r.call(tokA, "POST", "/api/v1/petitions/"+created.Code+"/extend", map[string]any{"reason": "Cần thêm thời gian."}); res.status != 409 {
			t.Errorf("a complaint extended: %d %s", res.status, res.body)
		}
		if res := r.call(tokA, "POST", "/api/v1/petitions/"+created.Code+"/resolve", map[string]any{"answer": "Đã cấp giấy chứng nhận ngày 5."}); res.status != 200 {
			t.Errorf("resolve: %d %s", res.status, res.body)
		}
		list := r.call(tokA, "GET", "/api/v1/units/"+communeA+"/petitions", nil)
		if list.status != 200 || !strings.Contains(list.body, created.Code) || strings.Contains(list.body, "Lương") {
			t.Errorf("list: %d %s", list.status, list.body)
		}
		intake := r.call(tokA, "POST", "/api/v1/petitions", map[string]any{"unit": communeA, "kind": "feedback", "channel": "phone",
			"subject": "Mất điện kéo dài", "content": "Thôn Đông mất điện từ sáng đến chiều không có thông báo.", "anonymous": true})
		if intake.status != 201 || !strings.Contains(intake.body, `"channel":"phone"`) {
			t.Errorf("officer intake: %d %s", intake.status, intake.body)
		}
		if res := r.call(tokB, "POST", "/api/v1/petitions", map[string]any{"unit": communeA, "kind": "feedback", "channel": "phone",
			"subject": "Mất điện", "content": "Thôn Đông mất điện từ sáng đến chiều.", "anonymous": true}); res.status != 403 {
			t.Errorf("officer of B takes in for A: %d", res.status)
		}
		figures := r.call("", "GET", "/api/v1/units/"+communeA+"/petition-figures", nil)
		if figures.status != 200 || !strings.Contains(figures.body, `"finished":1`) {
			t.Errorf("figures: %d %s", figures.status, figures.body)
		}
	})
}
