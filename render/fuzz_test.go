package render_test

import (
	"bytes"
	"testing"
	"time"

	"coso"
	"coso/render"
)

// FuzzText: any Markdown body and title (what officers and citizens type)
// gives a PDF: never a panic, never an error.
func FuzzText(f *testing.F) {
	f.Add("Thông báo", noticeBody)
	f.Add("", "- a\n- b\n\n1. c\n\n| x | y |\n|---|---|\n| 1 | 2 |\n")
	f.Add("\x00\xff", "**\n\n# \n\n```\ncode\n```\n> quote\n\n\t\t\t"+tones)
	f.Fuzz(func(t *testing.T, title, body string) {
		d := render.New(render.Letterhead{Issuer: "Ủy ban nhân dân\nxã Mường Lát", Place: "Mường Lát",
			Date: time.Date(2026, 3, 5, 0, 0, 0, 0, coso.Zone), URL: "https://coso.example.vn/d/1"})
		d.Title(title, body)
		d.Text(body)
		pdf, err := d.Bytes()
		if err != nil {
			t.Fatalf("title %q, body %q: %v", title, body, err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("not a PDF")
		}
	})
}
