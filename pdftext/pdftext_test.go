package pdftext

import (
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	text, err := Extract(Minimal("Danh sach ho ngheo nam 2026", "Ho tro tien dien"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Danh sach ho ngheo") || !strings.Contains(text, "Ho tro tien dien") {
		t.Errorf("text %q", text)
	}
	for _, bad := range [][]byte{nil, []byte("%PDF-1.4\ngarbage"), []byte("not a pdf at all"), Minimal("x")[:200]} {
		if _, err := Extract(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
