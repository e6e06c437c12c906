package pdftext_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"coso/render"
	"coso/render/pdftext"
)

// fatalRecorder is a test whose Fatalf is recorded and stops the caller.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Helper() {}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func run(t *testing.T, pdf []byte) string {
	rec := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		pdftext.Text(rec, pdf)
	}()
	<-done
	return rec.msg
}

func TestMissingPdftotextSaysWhatToInstall(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if msg := run(t, []byte("%PDF-1.4")); !strings.Contains(msg, "poppler-utils") {
		t.Errorf("message %q does not say to install poppler-utils", msg)
	}
}

func TestUnreadablePDF(t *testing.T) {
	if msg := run(t, []byte("not a pdf")); !strings.Contains(msg, "could not read") {
		t.Errorf("message %q", msg)
	}
}

func TestPagesAndFlat(t *testing.T) {
	d := render.New(render.Letterhead{Issuer: "Thôn Pha Đanh"})
	d.Text("Trang đầu")
	d.Append(render.Letterhead{Issuer: "Thôn Pha Đanh"})
	d.Text("Trang sau")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages := pdftext.Pages(t, pdf)
	if len(pages) != 2 || !strings.Contains(pages[0], "Trang đầu") || !strings.Contains(pages[1], "Trang sau") {
		t.Errorf("pages %q", pages)
	}
	if got := pdftext.Flat(" a\n\n b  c\t"); got != "a b c" {
		t.Errorf("Flat = %q", got)
	}
}
