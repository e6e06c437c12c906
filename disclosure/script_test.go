package disclosure_test

import (
	"strings"
	"testing"

	"coso/disclosure"
)

func TestScript(t *testing.T) {
	d := &disclosure.Disclosure{Category: "7", Title: "Danh sách hộ nghèo được hỗ trợ tiền điện quý I/2026",
		Body:        "Gồm **12 hộ**, mỗi hộ 46.000 đồng/tháng.\n\n- Thôn Đông: 5 hộ\n- Thôn Đoài: 7 hộ\n\n[Xem chi tiết](https://coso.example/d/1)",
		PublishedOn: d(2026, 3, 10), PostingUntil: d(2026, 4, 8), Status: disclosure.Published}
	s := disclosure.Script(d, "Ủy ban nhân dân xã Mường Lát")
	for _, want := range []string{
		"Ủy ban nhân dân xã Mường Lát xin thông báo.",
		"Danh sách hộ nghèo được hỗ trợ tiền điện quý một năm hai nghìn không trăm hai mươi sáu.",
		"Gồm mười hai hộ, mỗi hộ bốn mươi sáu nghìn đồng mỗi tháng.",
		"Thôn Đông: năm hộ",
		"Xem chi tiết",
		"từ ngày mùng mười tháng ba năm hai nghìn không trăm hai mươi sáu đến hết ngày mùng tám tháng tư năm hai nghìn không trăm hai mươi sáu",
		"Xin nhắc lại: Danh sách hộ nghèo",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the script lacks %q:\n%s", want, s)
		}
	}
	if strings.ContainsAny(s, "0123456789*#[]") || strings.Contains(s, "https") {
		t.Errorf("the script holds digits or marks:\n%s", s)
	}
}
