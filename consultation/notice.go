package consultation

import (
	"fmt"
	"strings"
)

// DraftNotice is the title and text under which an opened consultation's
// draft is published as a disclosure (art. 11.11 for a commune): what is
// asked, the period, how to give an opinion, and every section of the
// draft, with the address of its page.
func (c *Consultation) DraftNotice(pageURL string) (title, body string) {
	who := "Lấy ý kiến nhân dân"
	if Staff(c.UnitKind) {
		who = "Lấy ý kiến cán bộ, người lao động"
	}
	title = who + ": " + c.Title
	var b strings.Builder
	fmt.Fprintf(&b, "%s về %s (%s).\n", c.UnitName, strings.ToLower(c.Subject.Name("vi")), c.Subject.Article())
	if c.Summary != "" {
		b.WriteString("\n" + c.Summary + "\n")
	}
	fmt.Fprintf(&b, "\nThời gian lấy ý kiến: từ ngày %s đến hết ngày %s.\n", c.OpensOn.Format("02/01/2006"), c.ClosesOn.Format("02/01/2006"))
	fmt.Fprintf(&b, "Đối tượng: %s.\n", c.Audience.Name("vi"))
	var forms []string
	for _, f := range c.Forms {
		forms = append(forms, f.NameFor(c.UnitKind, "vi"))
	}
	fmt.Fprintf(&b, "Hình thức: %s.\n", strings.Join(forms, "; "))
	b.WriteString("\nDỰ THẢO\n")
	for _, s := range c.Sections {
		b.WriteString("\n" + s.Title() + "\n")
		if s.Text != "" {
			b.WriteString(s.Text + "\n")
		}
	}
	if pageURL != "" {
		fmt.Fprintf(&b, "\nToàn văn và góp ý: %s\n", pageURL)
	}
	return title, b.String()
}
