package viet

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzFold: folding is idempotent, leaves no mark, no capital and no đ, and
// never joins two words.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Phường Hàm Rồng", "Thanh Hoá", "ĐẮK LẮK", "  a\tb  ", "\xff\xfe", "ǅ", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Fatalf("Fold(%q) = %q, folded again %q", s, got, again)
		}
		for _, r := range got {
			if unicode.Is(unicode.Mn, r) || r == 'đ' || unicode.ToLower(r) != r {
				t.Fatalf("Fold(%q) = %q keeps %q", s, got, r)
			}
		}
		if strings.Contains(got, "  ") || strings.HasPrefix(got, " ") {
			t.Fatalf("Fold(%q) = %q has stray spaces", s, got)
		}
	})
}

// FuzzHighlight: the segments of a highlighted text are the text, in order.
func FuzzHighlight(f *testing.F) {
	f.Add("Hộ nghèo, cận nghèo năm 2026", "ho ngheo", true)
	f.Add("Đường làng", "duong", false)
	f.Fuzz(func(t *testing.T, text, query string, prefix bool) {
		var b strings.Builder
		for _, seg := range Highlight(text, strings.Fields(Fold(query)), prefix) {
			b.WriteString(seg.Text)
		}
		if b.String() != text {
			t.Fatalf("segments of %q make %q", text, b.String())
		}
		for _, seg := range Snippet(text, strings.Fields(Fold(query)), prefix, 20) {
			if seg.Text != "… " && seg.Text != " …" && !strings.Contains(text, seg.Text) {
				t.Fatalf("snippet segment %q not in %q", seg.Text, text)
			}
		}
	})
}
