package pdftext

import (
	"strings"
	"testing"
	"time"

	"coso"
	"coso/render"
	"coso/viet"
)

// The PDFs the platform prints (package render: embedded Liberation Serif,
// Vietnamese text) are read back, so an attached notice is searchable.
func TestExtractRenderedVietnamese(t *testing.T) {
	d := render.New(render.Letterhead{Issuer: "Ủy ban nhân dân\nxã Mường Lát", Place: "Mường Lát",
		Date: time.Date(2026, 3, 5, 0, 0, 0, 0, coso.Zone)})
	d.Title("Thông báo", "Về việc hỗ trợ tiền điện")
	d.Text("Danh sách hộ nghèo được hỗ trợ tiền điện năm 2026 gồm 12 hộ ở bản Pù Toong.")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	text, err := Extract(pdf)
	if err != nil {
		t.Fatal(err)
	}
	folded := viet.Fold(text)
	for _, want := range []string{"ho ngheo", "tien dien", "pu toong", "muong lat"} {
		if !strings.Contains(folded, want) {
			t.Errorf("the text read lacks %q:\n%s", want, text)
		}
	}
}
