package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// Every message exists in both languages.
func TestCataloguesMatch(t *testing.T) {
	load := func(name string) map[string]any {
		var m map[string]any
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := toml.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	vi, en := map[string]any{}, map[string]any{}
	files, _ := filepath.Glob("*.toml")
	for _, f := range files {
		dst := vi
		if f == "en.toml" || strings.HasSuffix(f, ".en.toml") {
			dst = en
		}
		for k, v := range load(f) {
			if _, dup := dst[k]; dup {
				t.Errorf("%s: message %s defined twice", f, k)
			}
			dst[k] = v
		}
	}
	for k := range vi {
		if _, ok := en[k]; !ok {
			t.Errorf("%s missing in en.toml", k)
		}
	}
	for k := range en {
		if _, ok := vi[k]; !ok {
			t.Errorf("%s missing in vi.toml", k)
		}
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Printer("en").T("search_none", "Query", "x"); got != "No unit matches “x”." {
		t.Errorf("T = %q", got)
	}
	if got := c.Printer("vi").T("nav_home"); got != "Trang chủ" {
		t.Errorf("T = %q", got)
	}
}
