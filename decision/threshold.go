package decision

// Threshold is a share of ALL households of the village that the yes votes
// must reach (art. 21.1: counted against every household, not those
// present). Arithmetic is in integers: yes/total compared with Num/Den by
// cross-multiplying, so no rounding can decide a vote.
type Threshold struct {
	Num, Den int
	Strict   bool // more than Num/Den; otherwise at least Num/Den
	VI, EN   string
	NotVI    string // the words when the share is not reached
	NotEN    string
}

var (
	// TwoThirds is "at least two thirds" (art. 21.1.a, subjects 1–2).
	TwoThirds = Threshold{Num: 2, Den: 3, VI: "đạt ít nhất hai phần ba", EN: "at least two thirds",
		NotVI: "chưa đạt hai phần ba", NotEN: "less than two thirds"}
	// MoreThanHalf is "more than half" (art. 21.1.b, subjects 3–6).
	MoreThanHalf = Threshold{Num: 1, Den: 2, Strict: true, VI: "quá một nửa", EN: "more than half",
		NotVI: "không quá một nửa", NotEN: "not more than half"}
)

// Adopted tells whether yes of total meets t. Nothing is adopted in a
// village without households, and counts outside 0..total are not a vote.
func Adopted(yes, total int, t Threshold) bool {
	if total <= 0 || yes < 0 || yes > total || t.Den <= 0 {
		return false
	}
	if t.Strict {
		return yes*t.Den > total*t.Num
	}
	return yes*t.Den >= total*t.Num
}

// Need is the smallest number of yes votes of total that meets t (0 when
// total is 0: nothing can be adopted then).
func (t Threshold) Need(total int) int {
	if total <= 0 || t.Den <= 0 {
		return 0
	}
	if t.Strict {
		return total*t.Num/t.Den + 1
	}
	return (total*t.Num + t.Den - 1) / t.Den
}

// Words returns how yes of total stands against t, in lang.
func (t Threshold) Words(yes, total int, lang string) string {
	met := Adopted(yes, total, t)
	switch {
	case lang == "en" && met:
		return t.EN
	case lang == "en":
		return t.NotEN
	case met:
		return t.VI
	}
	return t.NotVI
}
