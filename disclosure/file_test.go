package disclosure_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"coso/disclosure"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func zipWith(names ...string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		f, _ := w.Create(n)
		if n == "mimetype" {
			f.Write([]byte("application/vnd.oasis.opendocument.text"))
		} else {
			f.Write([]byte("<x/>"))
		}
	}
	w.Close()
	return b.Bytes()
}

func TestSniff(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"quyet-dinh.pdf", []byte("%PDF-1.4\n1 0 obj\n"), "application/pdf"},
		{"anh.txt", png, "image/png"}, // the name lies; the content decides
		{"a.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "image/jpeg"},
		{"a.docx", zipWith("[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"a.xlsx", zipWith("[Content_Types].xml", "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"a.odt", zipWith("mimetype", "content.xml"), "application/vnd.oasis.opendocument.text"},
		{"a.doc", ole, "application/msword"},
		{"a.xls", ole, "application/vnd.ms-excel"},
		{"a.pdf", []byte("<html><script>alert(1)</script>"), ""},
		{"a.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00"), ""},
		{"a.zip", zipWith("readme.txt"), ""},
		{"a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>`), ""},
		{"a.exe", ole, ""}, // an OLE file that claims neither Word nor Excel
		{"empty.pdf", nil, ""},
		{"big.pdf", append([]byte("%PDF-1.4\n"), make([]byte, disclosure.MaxFileSize)...), ""},
	} {
		got, err := disclosure.Sniff(c.name, c.data)
		if got != c.want || (c.want == "") != (err != nil) {
			t.Errorf("%s: %q %v, want %q", c.name, got, err, c.want)
		}
		if err != nil && field(err) != "file" {
			t.Errorf("%s: error field %q", c.name, field(err))
		}
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		`C:\Users\a\Quyết định 12.PDF`: "Quyết định 12.pdf",
		"../../etc/passwd":             "passwd.pdf",
		"a\"b\r\nc.pdf":                "ab c.pdf",
		".pdf":                         "tep.pdf",
		"photo.jpeg":                   "photo.pdf",
	} {
		if got := disclosure.CleanName(in, "application/pdf"); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := disclosure.CleanName("x.jpeg", "image/jpeg"); got != "x.jpeg" {
		t.Errorf("jpeg keeps its own extension: %q", got)
	}
}
