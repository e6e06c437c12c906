package consultation

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"coso"
	"coso/viet"
)

// Response is the authority's answer to a group of opinions (tiếp thu,
// giải trình; art. 28).
type Response string

const (
	Accepted  Response = "accepted"  // tiếp thu: the draft changes as asked
	Partly    Response = "partly"    // tiếp thu một phần
	Explained Response = "explained" // giải trình: not taken, with the reasons
)

// responses is the table of answers and whether each needs reasons.
var responses = []struct {
	Response    Response
	VI, EN      string
	NeedsReason bool
}{
	{Accepted, "Tiếp thu", "Accepted", false},
	{Partly, "Tiếp thu một phần", "Partly accepted", true},
	{Explained, "Giải trình (không tiếp thu)", "Explained (not accepted)", true},
}

// Responses lists the answers in display order.
func Responses() []Response {
	out := make([]Response, len(responses))
	for i, r := range responses {
		out[i] = r.Response
	}
	return out
}

// Name returns the answer's name in lang.
func (r Response) Name(lang string) string {
	for _, x := range responses {
		if x.Response == r {
			if lang == "en" {
				return x.EN
			}
			return x.VI
		}
	}
	return ""
}

// CheckResponse checks an answer to a group and returns its reason in its
// stored form: only a full acceptance may go without reasons.
func CheckResponse(r Response, reason string) (string, error) {
	reason = strings.TrimSpace(viet.Text(reason))
	for _, x := range responses {
		if x.Response != r {
			continue
		}
		switch {
		case x.NeedsReason && reason == "":
			return "", coso.Invalid("reason", "Tiếp thu một phần hoặc giải trình phải nêu lý do.", "A partial acceptance or an explanation needs its reasons.")
		case utf8.RuneCountInString(reason) > MaxReason:
			return "", coso.Invalid("reason", "Lý do dài quá %d ký tự.", "The reason is longer than %d characters.", MaxReason)
		}
		return reason, nil
	}
	return "", coso.Invalid("response", "Chọn tiếp thu, tiếp thu một phần hoặc giải trình.", "Choose accepted, partly accepted or explained.")
}

// Outcome is what the authority decided on a section after hearing the
// opinions.
type Outcome string

const (
	Kept    Outcome = "kept"    // kept as drafted
	Amended Outcome = "amended" // amended
	Dropped Outcome = "dropped" // taken out
)

// Outcomes lists the outcomes in display order.
func Outcomes() []Outcome { return []Outcome{Kept, Amended, Dropped} }

// Name returns the outcome's name in lang.
func (o Outcome) Name(lang string) string {
	names := map[Outcome][2]string{Kept: {"Giữ nguyên như dự thảo", "Kept as drafted"}, Amended: {"Sửa đổi, bổ sung", "Amended"},
		Dropped: {"Bỏ khỏi dự thảo", "Taken out"}}
	if lang == "en" {
		return names[o][1]
	}
	return names[o][0]
}

// ParseOutcome checks an outcome.
func ParseOutcome(s string) (Outcome, error) {
	if slices.Contains(Outcomes(), Outcome(s)) {
		return Outcome(s), nil
	}
	return "", coso.Invalid("outcome", "Chọn giữ nguyên, sửa đổi hoặc bỏ.", "Choose kept, amended or taken out.")
}

// Group is a stored group of like opinions with the authority's answer.
type Group struct {
	ID         int64
	Section    int
	Stance     Stance
	Text       string // the representative wording
	Count      int    // opinions in the group (hidden ones leave it)
	Response   Response
	Reason     string
	AnsweredBy string
	AnsweredAt time.Time
	Members    []*Opinion
}

// Answered tells whether the group has its answer.
func (g *Group) Answered() bool { return g.Response != "" }

// Tally counts the opinions on a section.
type Tally struct {
	Agree, Disagree, Other int
	Hidden                 map[HideReason]int // hidden opinions: counted, not answered
}

// Total is every opinion, hidden ones included.
func (t Tally) Total() int { return t.Agree + t.Disagree + t.Other + t.HiddenCount() }

// HiddenCount is how many opinions were hidden.
func (t Tally) HiddenCount() int {
	n := 0
	for _, c := range t.Hidden {
		n += c
	}
	return n
}

// Majority is the stance of more of the visible opinions that agree or
// disagree; "" when neither has more (or there are none).
func (t Tally) Majority() Stance {
	switch {
	case t.Disagree > t.Agree:
		return Disagree
	case t.Agree > t.Disagree:
		return Agree
	}
	return ""
}

// ReportSection is one section (0: the draft as a whole) in the report.
type ReportSection struct {
	N       int
	Title   string
	Tally   Tally
	Groups  []*Group
	Outcome Outcome
	Reason  string // the reasons of the outcome
}

// AgainstMajority tells whether the outcome goes against the majority of
// the opinions on the section: kept while most disagreed, or taken out
// while most agreed. The law then requires the reasons (art. 28).
func (s *ReportSection) AgainstMajority() bool {
	m := s.Tally.Majority()
	return m == Disagree && s.Outcome == Kept || m == Agree && s.Outcome == Dropped
}

// HasOpinions tells whether anyone gave an opinion on the section.
func (s *ReportSection) HasOpinions() bool { return s.Tally.Total() > 0 }

// Report is the summary of the opinions with the authority's answers.
type Report struct {
	C        *Consultation
	Sections []*ReportSection // the draft as a whole first, then each section
	Channels map[Form]int     // opinions by channel
}

// Totals are the report's counts over every section.
func (r *Report) Totals() Tally {
	t := Tally{Hidden: map[HideReason]int{}}
	for _, s := range r.Sections {
		t.Agree += s.Tally.Agree
		t.Disagree += s.Tally.Disagree
		t.Other += s.Tally.Other
		for k, v := range s.Tally.Hidden {
			t.Hidden[k] += v
		}
	}
	return t
}

// Groups counts the groups and those answered.
func (r *Report) Groups() (all, answered int) {
	for _, s := range r.Sections {
		for _, g := range s.Groups {
			all++
			if g.Answered() {
				answered++
			}
		}
	}
	return all, answered
}

// Missing lists what stops the report from being published, in both
// languages: unanswered groups, sections with opinions but no outcome,
// and outcomes against the majority without reasons.
func (r *Report) Missing() coso.Errors {
	var out coso.Errors
	all, answered := r.Groups()
	if all > answered {
		out = append(out, coso.Errorf(coso.EConflict, "groups", "Còn %d trên %d nhóm ý kiến chưa được trả lời (tiếp thu hoặc giải trình).",
			"%d of %d opinion groups have no answer yet (accepted or explained).", all-answered, all))
	}
	for _, s := range r.Sections {
		switch {
		case s.HasOpinions() && s.Outcome == "":
			out = append(out, coso.Errorf(coso.EConflict, "outcome", "%s: chưa ghi kết quả (giữ nguyên, sửa đổi hay bỏ).",
				"%s: no outcome yet (kept, amended or taken out).", s.Title))
		case s.AgainstMajority() && s.Reason == "":
			out = append(out, coso.Errorf(coso.EConflict, "reason", "%s: kết quả trái với ý kiến của đa số nên phải nêu lý do (Điều 28).",
				"%s: the outcome goes against the majority, so it needs its reasons (art. 28).", s.Title))
		}
	}
	return out
}

// CheckPublish tells whether the report may be published.
func (r *Report) CheckPublish() error {
	if r.C.Status != Closed {
		return coso.Errorf(coso.EConflict, "status", "Chỉ công bố báo cáo khi đã kết thúc lấy ý kiến và chưa công bố.",
			"The report is published once, after the close.")
	}
	m := r.Missing()
	if len(m) == 1 {
		return m[0]
	}
	return m.Err()
}

// CheckOutcome checks an outcome and its reason for the report section s
// (the majority decides whether the reason is required; it may also be
// given at publication, see Missing).
func CheckOutcome(o Outcome, reason string) (string, error) {
	if _, err := ParseOutcome(string(o)); err != nil {
		return "", err
	}
	reason = strings.TrimSpace(viet.Text(reason))
	if utf8.RuneCountInString(reason) > MaxReason {
		return "", coso.Invalid("reason", "Lý do dài quá %d ký tự.", "The reason is longer than %d characters.", MaxReason)
	}
	return reason, nil
}

// SectionTitle names section n of c in the report.
func (c *Consultation) SectionTitle(n int, lang string) string {
	if s, ok := c.Section(n); ok {
		return s.Title()
	}
	if lang == "en" {
		return "The draft as a whole"
	}
	return "Toàn bộ dự thảo"
}

// Summary is the report as Markdown: what the category-11 disclosure
// publishes (the full report with every opinion is on its page and PDF).
func (r *Report) Summary(url string) string {
	var b strings.Builder
	t := r.Totals()
	fmt.Fprintf(&b, "Ủy ban nhân dân %s công khai kết quả tổng hợp, tiếp thu, giải trình ý kiến nhân dân về **%s** "+
		"(lấy ý kiến từ ngày %s đến ngày %s; Điều 28 Luật Thực hiện dân chủ ở cơ sở).\n\n",
		r.C.UnitName, r.C.Title, r.C.OpensOn.Format("02/01/2006"), r.C.ClosesOn.Format("02/01/2006"))
	fmt.Fprintf(&b, "Tổng số ý kiến: %d (đồng ý %d, không đồng ý %d, ý kiến khác %d, bị ẩn %d).\n\n", t.Total(), t.Agree, t.Disagree, t.Other, t.HiddenCount())
	if r.C.Conclusion != "" {
		b.WriteString(r.C.Conclusion + "\n\n")
	}
	for _, s := range r.Sections {
		if !s.HasOpinions() {
			continue
		}
		fmt.Fprintf(&b, "**%s**: %d ý kiến (đồng ý %d, không đồng ý %d, khác %d). Kết quả: %s.", s.Title, s.Tally.Total(),
			s.Tally.Agree, s.Tally.Disagree, s.Tally.Other, strings.ToLower(s.Outcome.Name("vi")))
		if s.Reason != "" {
			fmt.Fprintf(&b, " Lý do: %s", s.Reason)
		}
		b.WriteString("\n\n")
		for _, g := range s.Groups {
			fmt.Fprintf(&b, "- %d ý kiến %s: “%s” — %s", g.Count, strings.ToLower(g.Stance.Name("vi")), GroupText(g, "vi"), g.Response.Name("vi"))
			if g.Reason != "" {
				fmt.Fprintf(&b, ": %s", g.Reason)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Toàn văn báo cáo, từng ý kiến: %s\n", url)
	return b.String()
}

// GroupText is a group's wording for display; a group of opinions that
// gave no text says so.
func GroupText(g *Group, lang string) string {
	if g.Text != "" {
		return g.Text
	}
	if lang == "en" {
		return "(" + g.Stance.Name("en") + ", without comment)"
	}
	return "(" + g.Stance.Name("vi") + ", không nêu ý kiến cụ thể)"
}
