package consultation

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"coso"
	"coso/viet"
)

// Section is one numbered part of the draft: an article, a clause, or one
// line. Each has its own address on the public page (#s3).
type Section struct {
	N       int    // 1, 2, … in the order of the draft
	Label   string // "Điều 3", "2."; empty for a part without a heading of its own
	Heading string // the rest of the heading line: "Mức hỗ trợ"
	Text    string // the body, lines kept
}

// MaxSectionText bounds one section's body.
const MaxSectionText = 20_000

// WholeDraft is the section number of an opinion on the draft as a whole.
const WholeDraft = 0

// Anchor is the section's fragment on the public page.
func (s Section) Anchor() string { return fmt.Sprintf("s%d", s.N) }

// Title is how the section is named in lists and the report: its label
// and heading, or its number and first words.
func (s Section) Title() string {
	switch {
	case s.Label != "" && s.Heading != "" && !strings.ContainsAny(s.Label[len(s.Label)-1:], ".)"):
		return s.Label + ". " + s.Heading
	case s.Label != "" || s.Heading != "":
		return strings.TrimSpace(s.Label + " " + s.Heading)
	}
	return fmt.Sprintf("%d. %s", s.N, firstWords(s.Text, 12))
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) <= n {
		return strings.Join(w, " ")
	}
	return strings.Join(w[:n], " ") + " …"
}

// Normalize puts the section's strings in their stored form.
func (s *Section) Normalize() {
	s.Label, s.Heading, s.Text = viet.NFC(s.Label), viet.NFC(s.Heading), viet.Text(s.Text)
}

// Validate checks one section.
func (s Section) Validate() *coso.Error {
	switch {
	case s.Label == "" && s.Heading == "" && s.Text == "":
		return coso.Invalid("sections", "Phần %d trống.", "Section %d is empty.", s.N)
	case utf8.RuneCountInString(s.Heading) > MaxTitle || utf8.RuneCountInString(s.Label) > 40:
		return coso.Invalid("sections", "Tiêu đề phần %d dài quá %d ký tự.", "The heading of section %d is longer than %d characters.", s.N, MaxTitle)
	case utf8.RuneCountInString(s.Text) > MaxSectionText:
		return coso.Invalid("sections", "Phần %d dài quá %d ký tự.", "Section %d is longer than %d characters.", s.N, MaxSectionText)
	}
	return nil
}

// Headings a draft is split on, strongest first: articles ("Điều 3.",
// "Article 3:"), then numbered headings ("1.", "2)", "III."). The
// heading's own words follow the label.
var (
	articleLine  = regexp.MustCompile(`^((?i:điều|dieu|article)\s+\d+[a-zđ]?)\s*[.:–—-]?\s*(.*)$`)
	numberedLine = regexp.MustCompile(`^(\d{1,3}[.)]|[IVXLC]{1,6}[.)])\s+(.*)$`)
)

// Split cuts a draft typed or pasted as text into sections: at every
// "Điều N" line when there is one, else at every numbered heading ("1.",
// "II."), else one section per non-empty line. Text before the first
// heading becomes a section of its own, so nothing typed is lost.
func Split(text string) []Section {
	lines := strings.Split(viet.Text(text), "\n")
	for _, re := range []*regexp.Regexp{articleLine, numberedLine} {
		if out := splitOn(lines, re); out != nil {
			return out
		}
	}
	return SplitLines(text)
}

// SplitLines makes one section of every non-empty line.
func SplitLines(text string) []Section {
	var out []Section
	for _, l := range strings.Split(viet.Text(text), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, Section{N: len(out) + 1, Text: l})
		}
	}
	return out
}

// splitOn splits at the lines matching re; nil when there are fewer than
// two such headings (one heading is not a structure to split on).
func splitOn(lines []string, re *regexp.Regexp) []Section {
	n := 0
	for _, l := range lines {
		if re.MatchString(strings.TrimSpace(l)) {
			n++
		}
	}
	if n < 2 {
		return nil
	}
	var out []Section
	var cur *Section
	var body []string
	flush := func() {
		if cur != nil {
			cur.Text = strings.Trim(strings.Join(body, "\n"), "\n ")
			if cur.Label != "" || cur.Text != "" {
				cur.N = len(out) + 1
				out = append(out, *cur)
			}
		}
		body = nil
	}
	cur = &Section{}
	for _, l := range lines {
		if m := re.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			flush()
			cur = &Section{Label: strings.TrimSpace(m[1]), Heading: strings.TrimSpace(m[2])}
			continue
		}
		body = append(body, l)
	}
	flush()
	return out
}
