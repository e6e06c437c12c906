package viet

import (
	"strings"
	"testing"
)

// render shows segments as text with [marks].
func render(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Match {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	for _, c := range []struct {
		text   string
		words  []string
		prefix bool
		want   string
	}{
		{"Danh sách hộ nghèo, hộ cận nghèo năm 2026", []string{"ho", "ngheo"}, false, "Danh sách [hộ] [nghèo], [hộ] cận [nghèo] năm 2026"},
		// Decomposed marks and the old tone placement match all the same.
		{"Thanh Hoa\u0301 – Thanh Hóa", []string{"thanh", "hoa"}, false, "[Thanh] [Hoa\u0301] – [Thanh] [Hóa]"},
		// The last word matches as a prefix only when asked.
		{"thanh toán, thanh tra", []string{"thanh", "t"}, true, "[thanh] [toán], [thanh] [tra]"},
		{"thanh toán, thanh tra", []string{"thanh", "t"}, false, "[thanh] toán, [thanh] tra"},
		{"Đường làng", []string{"duong"}, false, "[Đường] làng"},
	} {
		if got := render(Highlight(c.text, c.words, c.prefix)); got != c.want {
			t.Errorf("Highlight(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	text := "một hai ba bốn năm sáu bảy tám chín mười mười một mười hai hỗ trợ mười ba mười bốn mười lăm"
	if got := render(Snippet(text, []string{"ho", "tro"}, false, 6)); got != "… mười hai [hỗ] [trợ] mười ba …" {
		t.Errorf("Snippet = %q", got)
	}
	if got := render(Snippet(text, []string{"mot"}, false, 3)); got != "[một] hai ba …" {
		t.Errorf("Snippet at the start = %q", got)
	}
	if got := render(Snippet("ngắn thôi", []string{"x"}, false, 30)); got != "ngắn thôi" {
		t.Errorf("short text without a match = %q", got)
	}
	if Snippet("", []string{"x"}, false, 30) != nil {
		t.Error("empty text")
	}
}
