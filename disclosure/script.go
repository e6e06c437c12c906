package disclosure

import (
	"regexp"
	"strings"

	"coso/viet"
)

// Script writes what the commune's announcer reads on the loudspeakers
// (art. 13.3): plain text in short paragraphs, the title said twice,
// numbers, dates and abbreviations spelled out as spoken (viet.Speakable),
// no Markdown marks. issuer is who speaks ("Ủy ban nhân dân xã Mường Lát").
func Script(d *Disclosure, issuer string) string {
	var b strings.Builder
	b.WriteString(issuer + " xin thông báo.\n\n")
	b.WriteString(sentence(d.Title) + "\n\n")
	if body := PlainText(d.Body); body != "" {
		b.WriteString(body + "\n\n")
	}
	r := d.Rule()
	switch {
	case d.PublishedOn.IsZero():
	case r.Permanent():
		b.WriteString("Thông tin này được niêm yết thường xuyên tại trụ sở và đăng trên cổng thông tin điện tử.\n\n")
	default:
		b.WriteString("Thông tin này được niêm yết tại trụ sở và nhà văn hóa các thôn, tổ dân phố từ " + viet.SpellDate(d.PublishedOn) +
			" đến hết " + viet.SpellDate(d.PostingUntil) + ", và đăng trên cổng thông tin điện tử.\n\n")
	}
	b.WriteString("Mọi ý kiến, thắc mắc xin gửi về " + issuer + ".\n\n")
	b.WriteString("Xin nhắc lại: " + sentence(d.Title) + "\n\n")
	b.WriteString("Xin trân trọng thông báo.\n")
	return viet.Speakable(quarters(b.String()))
}

// quarter is how notices name a quarter: "quý I/2026", "Quý IV năm 2025".
var quarter = regexp.MustCompile(`([Qq]uý) (IV|I{1,3})(/| năm )`)

// quarters reads the Roman numbers of quarters ("quý I/2026" is "quý một
// năm 2026"), which Speakable does not know from letters.
func quarters(s string) string {
	roman := map[string]string{"I": "một", "II": "hai", "III": "ba", "IV": "bốn"}
	return quarter.ReplaceAllStringFunc(s, func(m string) string {
		p := quarter.FindStringSubmatch(m)
		return p[1] + " " + roman[p[2]] + " năm "
	})
}

// sentence ends s with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

var (
	mdLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarks  = strings.NewReplacer("**", "", "__", "", "`", "", "~~", "")
	mdPrefix = regexp.MustCompile(`^\s*(#{1,6}\s+|[-*+]\s+|>\s*|\d+[.)]\s+)`)
	mdRule   = regexp.MustCompile(`^\s*([-*_]\s*){3,}$|^\s*\|?\s*:?-{3,}`)
	htmlTag  = regexp.MustCompile(`<[^>]*>`)
)

// PlainText takes the Markdown marks (and any HTML tag) off a body,
// keeping its paragraphs: what is read aloud or shown as a snippet.
func PlainText(md string) string {
	var out []string
	for _, line := range strings.Split(md, "\n") {
		if mdRule.MatchString(line) {
			continue
		}
		line = mdPrefix.ReplaceAllString(line, "")
		line = mdLink.ReplaceAllString(line, "$1")
		line = htmlTag.ReplaceAllString(line, "") // pages never render HTML either
		line = strings.Trim(strings.ReplaceAll(mdMarks.Replace(line), "|", ", "), " ,")
		out = append(out, line)
	}
	return strings.TrimSpace(regexp.MustCompile(`\n{3,}`).ReplaceAllString(strings.Join(out, "\n"), "\n\n"))
}
