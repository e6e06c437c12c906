package app_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"coso/account"
	"coso/app"
	"coso/decision"
	"coso/render/pdftext"
	"coso/store"
	"coso/store/storetest"
)

// pdf checks that an answer is a PDF and returns its pages' text.
func pdf(t *testing.T, what string, res answer) []string {
	t.Helper()
	if res.status != 200 || res.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(res.body, "%PDF-") {
		t.Fatalf("%s: %d %s %s", what, res.status, res.header.Get("Content-Type"), truncate([]byte(res.body)))
	}
	return pdftext.Pages(t, []byte(res.body))
}

// TestDecisionPapers runs a matter of a village of 6 households through a
// meeting (3 present, 2 agree) and household ballots (2 more agree on
// paper), and reads each printed paper's numbers: Forms 01–04 and the
// ballot sheets, and the public decision once the commune recognised it.
func TestDecisionPapers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st, app.Config{PublicURL: "https://dancu.example.vn"})
		ctx := t.Context()
		names := []string{"Lê Văn An", "Trần Thị Bình", "Đỗ Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Gấm"}
		var households []int64
		for i, n := range names {
			r.family(villageA, fmt.Sprintf("10001.01-H%02d", i+1), n, fmt.Sprintf("0912 000 %03d", i+1), "")
			h, err := st.HouseholdByCode(ctx, fmt.Sprintf("10001.01-H%02d", i+1))
			if err != nil {
				t.Fatal(err)
			}
			households = append(households, h.ID)
		}
		village := r.unit(villageA)
		m := &decision.Matter{UnitID: village.ID, Subject: decision.OtherMatter, Title: "Giờ đóng cổng nhà văn hoá",
			Question: "Đóng cổng nhà văn hoá lúc 22 giờ?", Forms: []decision.Form{decision.Meeting, decision.Ballot},
			Documents: []decision.Document{{Title: "Nội quy nhà văn hoá"}}, Deadline: r.st.Now().AddDate(0, 0, 7),
			Proposal: decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn"}}
		if err := st.CreateMatter(ctx, m); err != nil {
			t.Fatal(err)
		}
		head := r.browser()
		head.signIn(r.official("truongthon.dong", account.VillageHead, villageA))
		base := "/admin/matters/" + strconv.FormatInt(m.ID, 10)

		// Before the vote opens: the invitation only.
		contains(t, "admin page of a draft", head.get(base), 200, `href="`+base+`/form01.pdf"`, `href="`+base+`/form01.pdf?posting=1"`)
		if strings.Contains(head.get(base).body, "form02.pdf") {
			t.Error("the draft offers the meeting's minutes")
		}
		contains(t, "minutes of a draft", head.get(base+"/form02.pdf"), 409, "chưa mở biểu quyết")
		contains(t, "decision of a draft", head.get(base+"/form03.pdf"), 409, "chưa được chốt")
		contains(t, "no sheets yet", head.get(base+"/ballots.pdf"), 409, "Chưa có phiếu")
		if err := st.OpenMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		invite(t, st, m.ID, "Nhà văn hoá thôn Đông")
		if err := st.HoldMeeting(ctx, m.ID, r.st.Now(), "Nhà văn hoá thôn Đông"); err != nil {
			t.Fatal(err)
		}
		pages := pdf(t, "Form 01", head.get(base+"/form01.pdf"))
		if len(pages) != 6 {
			t.Fatalf("Form 01: %d pages for 6 households", len(pages))
		}
		for i, p := range pages {
			pdftext.Contains(t, p, "GIẤY MỜI", "THÔN ĐÔNG", "Kính gửi: Ông/Bà "+names[i]+", đại diện hộ gia đình mã "+fmt.Sprintf("10001.01-H%02d", i+1),
				"Giờ đóng cổng nhà văn hoá", "Nhà văn hoá thôn Đông", "quá một nửa tổng số hộ gia đình", "Nội quy nhà văn hoá",
				"Thời gian: 19 giờ 30 ngày",
				"dancu.example.vn/matters/"+strconv.FormatInt(m.ID, 10))
		}
		posting := pdf(t, "Form 01 to post", head.get(base+"/form01.pdf?posting=1"))
		pdftext.Contains(t, strings.Join(posting, ""), "Kính gửi: Các hộ gia đình thôn Đông (bản niêm yết).")

		// The ballot sheets: one per household, each with its serial and QR address.
		sheets, err := st.Sheets(ctx, m.ID)
		if err != nil || len(sheets) != 6 {
			t.Fatalf("%d sheets (%v)", len(sheets), err)
		}
		pages = pdf(t, "ballot sheets", head.get(base+"/ballots.pdf"))
		if len(pages) != 6 {
			t.Fatalf("%d ballot pages for 6 households", len(pages))
		}
		for i, p := range pages {
			pdftext.Contains(t, p, "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH", "Số phiếu: "+sheets[i].Serial, "Hộ gia đình mã: "+sheets[i].HouseholdCode,
				"Họ và tên người đại diện hộ: "+names[i], "Đóng cổng nhà văn hoá lúc 22 giờ?", "Đồng ý", "Không đồng ý", "Ý kiến khác (ghi rõ):",
				"Hạn nộp phiếu: trước hết ngày", "ĐẠI DIỆN HỘ GIA ĐÌNH", "(Ký tên hoặc đóng dấu)",
				"dancu.example.vn/admin/matters/"+strconv.FormatInt(m.ID, 10)+"?serial="+sheets[i].Serial, "Trang 1/1")
		}
		// The address in the QR code fills in the serial to record the sheet.
		contains(t, "the page the QR code opens", head.get(base+"?serial="+url.QueryEscape(sheets[3].Serial)), 200,
			`value="`+sheets[3].Serial+`"`)

		// The roster: a line and a QR code per household; the code opens the
		// page ready to mark the household present.
		roster := strings.Join(pdf(t, "roster", head.get(base+"/roster.pdf")), "\n")
		pdftext.Contains(t, roster, "DANH SÁCH HỘ GIA ĐÌNH DỰ HỌP", "Tổng số hộ trong danh sách: 6 (sáu) hộ.",
			"1. Hộ 10001.01-H01", "Đại diện: Lê Văn An", "6. Hộ 10001.01-H06", "Đại diện: Vũ Thị Gấm")
		scan := base + "?household=" + strconv.FormatInt(households[0], 10)
		contains(t, "the page the roster's QR code opens", head.get(scan), 200, `id="mark"`, "Hộ 10001.01-H01", "Đánh dấu hộ có mặt")
		if res := head.post(base+"/attendance", url.Values{"cluster": {"0"}, "present": {strconv.FormatInt(households[0], 10)},
			"listed": {strconv.FormatInt(households[0], 10)}}); res.status != 303 {
			t.Fatalf("marked from the scan: %d", res.status)
		}
		contains(t, "scanned again", head.get(scan), 200, "Hộ đã được đánh dấu có mặt.")

		// The meeting: 3 present, 2 agree, 1 disagrees; on paper 2 of the others agree.
		if err := st.RecordAttendance(ctx, m.ID, households[:3], true); err != nil {
			t.Fatal(err)
		}
		takeProcedures(t, st, m.ID, village.ID, 3)
		if err := st.EnterCounts(ctx, m.ID, village.ID, []int{2, 1, 0}); err != nil {
			t.Fatal(err)
		}
		for _, b := range sheets[3:5] {
			if err := st.RegisterBallot(ctx, m.ID, b.Serial, 0); err != nil {
				t.Fatal(err)
			}
		}
		pdftext.Contains(t, strings.Join(pdf(t, "Form 02", head.get(base+"/form02.pdf")), "\n"),
			"BIÊN BẢN KIỂM PHIẾU", "Biểu quyết tại hội nghị cộng đồng dân cư thôn Đông",
			"Tổng số hộ gia đình: 6 (sáu) hộ. Số hộ có mặt: 3 (ba) hộ. Số hộ vắng mặt: 3 (ba) hộ.",
			"Đồng ý 2 33,3%", "Không đồng ý 1 16,7%", "Ý kiến khác 0 0,0%",
			"quá một nửa tổng số hộ gia đình (Điều 21 Luật Thực hiện dân chủ ở cơ sở), tức ít nhất 4 trên 6 hộ.",
			"Kết quả tại hội nghị: 2 trên 6 hộ đồng ý, không quá một nửa: không thông qua.",
			"Tổ kiểm phiếu: Hà Văn Một, Lò Thị Hai, Vi Văn Ba (3 trên 3 hộ có mặt tán thành).")
		pdftext.Contains(t, strings.Join(pdf(t, "Form 04", head.get(base+"/form04.pdf")), "\n"),
			"Lấy ý kiến hộ gia đình thôn Đông",
			"Số phiếu phát ra: 6. Số phiếu thu về hợp lệ: 2. Số phiếu hủy: 0. Số phiếu không thu về: 4.",
			"Đồng ý 2 33,3%", "tức ít nhất 4 trên 6 hộ",
			"Kết quả theo phiếu lấy ý kiến: 2 trên 6 hộ đồng ý, không quá một nửa: không thông qua.")

		if err := st.CloseMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.CountMatter(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
		contains(t, "admin page once counted", head.get(base), 200, `href="`+base+`/form03.pdf"`)
		decided := strings.Join(pdf(t, "Form 03", head.get(base+"/form03.pdf")), "\n")
		pdftext.Contains(t, decided, "QUYẾT ĐỊNH CỦA CỘNG ĐỒNG DÂN CƯ", "Về việc giờ đóng cổng nhà văn hoá",
			"Hình thức: hội nghị cộng đồng dân cư, phiếu lấy ý kiến hộ gia đình.",
			"Tổng số hộ gia đình: 6 (sáu) hộ.", "Số hộ có mặt tại hội nghị: 3 (ba) hộ; số hộ vắng mặt: 3 (ba) hộ.",
			"Số hộ tham gia biểu quyết: 5 (năm) hộ.", "Đồng ý 4 66,7%", "Không đồng ý 1 16,7%", "tức ít nhất 4 trên 6 hộ",
			"Kết quả: 4 trên 6 hộ đồng ý, quá một nửa: thông qua.",
			"TRƯỞNG THÔN", "TRƯỞNG BAN", "MẶT TRẬN", "ĐẠI DIỆN", "Ủy ban nhân dân Xã An Hoà (để công nhận);")
		if n := strings.Count(pdftext.Flat(decided), "ĐẠI DIỆN"); n != 2 {
			t.Errorf("Form 03 has %d household representatives' signatures, want 2", n)
		}

		// The public copy waits for the commune's recognition.
		public := "/matters/" + strconv.FormatInt(m.ID, 10)
		anon := r.browser()
		if res := anon.get(public + "/decision.pdf"); res.status != 404 {
			t.Errorf("the decision before recognition: %d", res.status)
		}
		if strings.Contains(anon.get(public).body, "decision.pdf") {
			t.Error("the public page links the decision before recognition")
		}
		if err := st.SendMatter(ctx, m.ID, r.st.Now()); err != nil {
			t.Fatal(err)
		}
		if err := st.RecogniseMatter(ctx, m.ID, r.st.Now(), ""); err != nil {
			t.Fatal(err)
		}
		contains(t, "public page once recognised", anon.get(public), 200, `href="`+public+`/decision.pdf"`)
		pdftext.Contains(t, strings.Join(pdf(t, "public Form 03", anon.get(public+"/decision.pdf")), "\n"),
			"Kết quả: 4 trên 6 hộ đồng ý, quá một nửa: thông qua.", "đã công nhận quyết định này ngày", "quyết định có hiệu lực từ ngày",
			"Văn bản đã được gửi Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam")
		// Papers that name households are the back office's.
		for _, f := range []string{"form01.pdf", "form02.pdf", "form03.pdf", "form04.pdf", "ballots.pdf", "roster.pdf"} {
			if res := anon.get(base + "/" + f); res.status != 303 {
				t.Errorf("anonymous %s: %d", f, res.status)
			}
		}
	})
}
