// Package pdftext reads the text of PDFs in tests, with pdftotext -layout
// from Debian's poppler-utils (`apt-get install poppler-utils`; .ci/run
// installs it), so tests can check what a printed document says.
package pdftext

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Text returns the text of pdf laid out as on the page, NFC-normalised,
// pages separated by form feeds. A missing pdftotext, or a PDF it cannot
// read, fails the test.
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext is not installed: the PDF tests need Debian's poppler-utils (apt-get install poppler-utils; .ci/run installs it)")
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-") // from stdin to stdout
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(pdf), &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext could not read the PDF (%d bytes): %v: %s", len(pdf), err, stderr.String())
	}
	return norm.NFC.String(out.String())
}

// Pages returns the text of each page of pdf.
func Pages(t testing.TB, pdf []byte) []string {
	t.Helper()
	pages := strings.Split(Text(t, pdf), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// Flat collapses every run of white space, line breaks included, into one
// space, so a phrase that wrapped or was justified still matches.
func Flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// Contains reports, as test errors, each of wants that the text lacks.
// Text and wants are compared NFC-normalised and flattened.
func Contains(t testing.TB, text string, wants ...string) {
	t.Helper()
	flat := Flat(norm.NFC.String(text))
	missing := 0
	for _, want := range wants {
		if !strings.Contains(flat, Flat(norm.NFC.String(want))) {
			t.Errorf("the PDF's text lacks %q", want)
			missing++
		}
	}
	if missing > 0 {
		t.Logf("the PDF's text:\n%s", text)
	}
}
