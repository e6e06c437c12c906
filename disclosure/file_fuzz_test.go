package disclosure

import (
	"path"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSniff: an upload is an accepted type or refused with a message; its
// shown name never holds a directory, a quote or a control character, and
// ends with its type's extension.
func FuzzSniff(f *testing.F) {
	f.Add("bien-ban.pdf", []byte("%PDF-1.4\n"))
	f.Add("../../etc/passwd.docx", []byte("PK\x03\x04"))
	f.Add("a.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, 0))
	f.Add("ảnh \"x\".png", []byte("\x89PNG\r\n\x1a\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		typ, err := Sniff(name, data)
		if err != nil {
			if typ != "" {
				t.Fatalf("refused with a type %q", typ)
			}
			return
		}
		i := slices.IndexFunc(fileTypes, func(ft fileType) bool { return ft.Type == typ })
		if i < 0 {
			t.Fatalf("accepted unknown type %q", typ)
		}
		clean := CleanName(name, typ)
		if strings.ContainsAny(clean, "/\\\"") || strings.ContainsFunc(clean, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("CleanName(%q) = %q", name, clean)
		}
		if !utf8.ValidString(clean) || !slices.Contains(fileTypes[i].Ext, strings.ToLower(path.Ext(clean))) {
			t.Fatalf("CleanName(%q, %s) = %q", name, typ, clean)
		}
	})
}
