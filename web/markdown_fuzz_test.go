package web

import (
	"strings"
	"testing"
)

// FuzzRenderMarkdown: whatever an officer types, the page gets no script,
// no event handler, no raw HTML and no javascript: link.
func FuzzRenderMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Quyết định\n\n**Điều 1.** Hỗ trợ [hộ nghèo](https://thanhhoa.gov.vn).",
		"<script>alert(1)</script>",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) ![z](vbscript:x)",
		"<img src=x onerror=alert(1)>",
		"| a | b |\n|---|---|\n| <b>1</b> | 2 |",
		"[a](&#x6A;avascript:alert(1))",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := strings.ToLower(string(renderMarkdown(src)))
		for _, bad := range []string{"<script", "<img src=x onerror", "<iframe", "<object", "<style", "href=\"javascript:", "src=\"javascript:", "href=\"vbscript:", "href=\"data:"} {
			if strings.Contains(out, bad) {
				t.Fatalf("markdown %q renders %q", src, out)
			}
		}
	})
}
