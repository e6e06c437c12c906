package viet

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Text returns a multi-line text (a body, an answer) in its stored form:
// NFC, Unix line ends, no trailing spaces on any line, no blank lines at
// either end. Unlike NFC it keeps the lines, which Markdown needs.
func Text(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(norm.NFC.String(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\u00a0")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
