package decision

import (
	"fmt"

	"coso"
)

// Tally is what was counted for one village.
type Tally struct {
	Households   int   // all households of the village (the denominator)
	Participants int   // households that took part by any form
	Counts       []int // per option, in the order of Matter.Options
}

// Check refuses counts that cannot be: negative numbers, more answers than
// households taking part, more taking part than there are households.
func (t Tally) Check() error {
	sum := 0
	for _, c := range t.Counts {
		if c < 0 {
			return coso.Invalid("counts", "Số phiếu không được âm.", "Counts cannot be negative.")
		}
		sum += c
	}
	if t.Participants < 0 || t.Participants > t.Households {
		return coso.Invalid("participants", "Số hộ tham gia (%d) phải từ 0 đến tổng số hộ (%d).",
			"Households taking part (%d) must be from 0 to all households (%d).", t.Participants, t.Households)
	}
	if sum > t.Participants {
		return coso.Invalid("counts", "Tổng số phiếu (%d) vượt số hộ tham gia (%d).",
			"The counts add up to %d, more than the %d households taking part.", sum, t.Participants)
	}
	return nil
}

// Result is the outcome for one village.
type Result struct {
	Tally
	Threshold Threshold
	Need      int  // yes votes needed
	Choice    int  // the option that reached the threshold, else the leading one
	Yes       int  // its count
	Adopted   bool // it reached the threshold
	yesNo     bool // agree / disagree / other: only "agree" adopts
	label     Option
}

// Decide applies subject's threshold to a tally of matter m. For a yes-or-
// no matter the "agree" count decides; for choices, the option with the
// most votes (only one can reach a threshold above one half).
func Decide(m *Matter, t Tally) Result {
	th := m.Subject.Threshold()
	opts := m.Options()
	r := Result{Tally: t, Threshold: th, Need: th.Need(t.Households), yesNo: len(m.Choices) == 0}
	for i := range opts {
		if i < len(t.Counts) && (i == 0 || !r.yesNo) && t.Counts[i] > r.Yes {
			r.Choice, r.Yes = i, t.Counts[i]
		}
	}
	r.label = opts[r.Choice]
	r.Adopted = Adopted(r.Yes, t.Households, th)
	return r
}

// Text writes the decision out in words with its arithmetic, in lang:
// "62 trên 100 hộ đồng ý, quá một nửa: thông qua".
func (r Result) Text(lang string) string {
	words := r.Threshold.Words(r.Yes, r.Households, lang)
	switch {
	case lang == "en" && r.yesNo:
		return fmt.Sprintf("%d of %d households agreed, %s: %s", r.Yes, r.Households, words, verdict(r.Adopted, lang))
	case lang == "en":
		return fmt.Sprintf("Choice “%s”: %d of %d households chose it, %s: %s", r.label.EN, r.Yes, r.Households, words, verdict(r.Adopted, lang))
	case r.yesNo:
		return fmt.Sprintf("%d trên %d hộ đồng ý, %s: %s", r.Yes, r.Households, words, verdict(r.Adopted, lang))
	}
	return fmt.Sprintf("Phương án “%s”: %d trên %d hộ chọn, %s: %s", r.label.VI, r.Yes, r.Households, words, verdict(r.Adopted, lang))
}

func verdict(adopted bool, lang string) string {
	switch {
	case lang == "en" && adopted:
		return "adopted"
	case lang == "en":
		return "not adopted"
	case adopted:
		return "thông qua"
	}
	return "không thông qua"
}

// VillageResult is one village's result in a commune-wide matter.
type VillageResult struct {
	VillageID int64
	Name      string
	Result
}

// CommuneResult is the outcome of a commune-wide matter: it passes when at
// least two thirds of the villages adopt it (LAW.md "Dân quyết").
type CommuneResult struct {
	Villages []VillageResult
	Adopting int // villages that adopted
	Adopted  bool
}

// DecideCommune counts the villages that adopted against all villages.
func DecideCommune(vs []VillageResult) CommuneResult {
	c := CommuneResult{Villages: vs}
	for _, v := range vs {
		if v.Adopted {
			c.Adopting++
		}
	}
	c.Adopted = Adopted(c.Adopting, len(vs), TwoThirds)
	return c
}

// Text writes the commune-wide decision out in words, in lang.
func (c CommuneResult) Text(lang string) string {
	words := TwoThirds.Words(c.Adopting, len(c.Villages), lang)
	if lang == "en" {
		return fmt.Sprintf("%d of %d villages adopted it, %s: %s", c.Adopting, len(c.Villages), words, verdict(c.Adopted, lang))
	}
	return fmt.Sprintf("%d trên %d thôn thông qua, %s: %s", c.Adopting, len(c.Villages), words, verdict(c.Adopted, lang))
}

// Outcome is the result of a matter: one village's result, or every
// village's result and the commune's for a commune-wide matter.
type Outcome struct {
	CommuneWide bool
	Villages    []VillageResult
}

// Commune is the commune-wide count of adopting villages.
func (o Outcome) Commune() CommuneResult { return DecideCommune(o.Villages) }

// Adopted tells whether the matter was adopted.
func (o Outcome) Adopted() bool {
	if o.CommuneWide {
		return o.Commune().Adopted
	}
	return len(o.Villages) == 1 && o.Villages[0].Adopted
}

// Text writes the outcome in words with its arithmetic, in lang.
func (o Outcome) Text(lang string) string {
	if o.CommuneWide {
		return o.Commune().Text(lang)
	}
	if len(o.Villages) != 1 {
		return ""
	}
	return o.Villages[0].Text(lang)
}

// Total adds up the villages' tallies.
func (o Outcome) Total() Tally {
	var t Tally
	for _, v := range o.Villages {
		t.Households += v.Households
		t.Participants += v.Participants
		for i, c := range v.Counts {
			for len(t.Counts) <= i {
				t.Counts = append(t.Counts, 0)
			}
			t.Counts[i] += c
		}
	}
	return t
}
