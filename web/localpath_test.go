package web

import "testing"

// TestLocalPath holds the redirect targets that sign-in and the language
// switch accept: paths on this site only, whatever a browser makes of them.
func TestLocalPath(t *testing.T) {
	for next, want := range map[string]string{
		"/":                        "/",
		"/units/38":                "/units/38",
		"/search?q=ham+rong":       "/search?q=ham+rong",
		"/ok#frag":                 "/ok#frag",
		"/units/38?next=//evil.ex": "/units/38?next=//evil.ex",
		"/%0A/evil.example":        "/%0A/evil.example", // escaped: stays a path
		"":                         "",
		"units/38":                 "",
		"//evil.example":           "",
		"/\\evil.example":          "",
		"/\t/evil.example":         "",
		"/\n/evil.example":         "",
		"/\r\n/evil.example":       "",
		"\t//evil.example":         "",
		"\x00/":                    "",
		"https://evil.example/":    "",
		"https:/\\evil.example":    "",
		"javascript:alert(1)":      "",
	} {
		if got := localPath(next); got != want {
			t.Errorf("localPath(%q) = %q, want %q", next, got, want)
		}
	}
}
