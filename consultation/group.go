package consultation

import (
	"sort"
	"strings"

	"coso/viet"
)

// Grouping like opinions, so the authority answers each idea once and a
// campaign of 500 identical comments is one group of 500, not 500 lines.
//
// Two opinions on the same section with the same stance are the same idea
// when their normalised texts (lower case, marks removed, đ → d,
// punctuation and runs of spaces collapsed: package viet's folding) share
// at least SameIdea of their word pairs (Jaccard similarity of the sets of
// two-word shingles). Identical texts, however typed ("Nhà văn hoá!",
// "nha van hoa"), always fall together. The rule is mechanical on purpose:
// officers see every member of a group and answer the group as a whole.

// SameIdea is the least Jaccard similarity of two normalised texts'
// two-word shingles for them to be grouped.
const SameIdea = 0.6

// Normalise is the form in which texts are compared.
func Normalise(text string) string { return strings.Join(strings.Fields(viet.Fold(text)), " ") }

// shingles are the text's pairs of consecutive words; a one-word text is
// its word.
func shingles(norm string) map[string]bool {
	w := strings.Fields(norm)
	out := map[string]bool{}
	if len(w) == 1 {
		out[w[0]] = true
	}
	for i := 0; i+1 < len(w); i++ {
		out[w[i]+" "+w[i+1]] = true
	}
	return out
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := 0
	for s := range a {
		if b[s] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// Similarity is the Jaccard similarity of two texts' normalised shingles.
func Similarity(a, b string) float64 {
	return jaccard(shingles(Normalise(a)), shingles(Normalise(b)))
}

// Item is one opinion to group.
type Item struct {
	ID      int64
	Section int
	Stance  Stance
	Text    string
}

// Cluster is a group of like opinions: the section and stance they share,
// the representative text (the earliest opinion of the commonest wording)
// and its normalised form, and the members' ids in order.
type Cluster struct {
	Section int
	Stance  Stance
	Text    string
	Key     string
	Members []int64
}

// GroupItems clusters items by section and stance, near-duplicates together.
// It is deterministic: the same opinions give the same groups in the same
// order (by section, stance, then the representative's first opinion).
func GroupItems(items []Item) []Cluster {
	type bucket struct {
		section int
		stance  Stance
	}
	type wording struct {
		key   string
		text  string
		first int64
		ids   []int64
	}
	buckets := map[bucket]map[string]*wording{}
	for _, it := range items {
		b := bucket{it.Section, it.Stance}
		if buckets[b] == nil {
			buckets[b] = map[string]*wording{}
		}
		k := Normalise(it.Text)
		w := buckets[b][k]
		if w == nil {
			w = &wording{key: k, text: it.Text, first: it.ID}
			buckets[b][k] = w
		}
		if it.ID < w.first {
			w.first, w.text = it.ID, it.Text
		}
		w.ids = append(w.ids, it.ID)
	}
	var out []Cluster
	for b, ws := range buckets {
		list := make([]*wording, 0, len(ws))
		for _, w := range ws {
			list = append(list, w)
		}
		// The commonest wording leads its group.
		sort.Slice(list, func(i, j int) bool {
			if len(list[i].ids) != len(list[j].ids) {
				return len(list[i].ids) > len(list[j].ids)
			}
			return list[i].first < list[j].first
		})
		var cs []Cluster
		var reps []map[string]bool
		for _, w := range list {
			sh := shingles(w.key)
			best, bestSim := -1, 0.0
			for i, r := range reps {
				if s := jaccard(sh, r); s >= SameIdea && s > bestSim && (w.key == "") == (cs[i].Key == "") {
					best, bestSim = i, s
				}
			}
			if best < 0 {
				cs = append(cs, Cluster{Section: b.section, Stance: b.stance, Text: w.text, Key: w.key})
				reps = append(reps, sh)
				best = len(cs) - 1
			}
			cs[best].Members = append(cs[best].Members, w.ids...)
		}
		out = append(out, cs...)
	}
	for i := range out {
		sort.Slice(out[i].Members, func(a, b int) bool { return out[i].Members[a] < out[i].Members[b] })
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Section != b.Section {
			return a.Section < b.Section
		}
		if a.Stance != b.Stance {
			return stanceOrder(a.Stance) < stanceOrder(b.Stance)
		}
		return a.Members[0] < b.Members[0]
	})
	return out
}

func stanceOrder(s Stance) int {
	for i, x := range Stances() {
		if x == s {
			return i
		}
	}
	return len(Stances())
}

// Nearest is the index of the cluster (among keys, the normalised texts of
// groups of one section and stance) that text belongs to, or -1 for a new
// idea: how an opinion entered after the close joins the fixed groups.
func Nearest(text string, keys []string) int {
	k := Normalise(text)
	sh := shingles(k)
	best, bestSim := -1, 0.0
	for i, key := range keys {
		if (k == "") != (key == "") {
			continue
		}
		if s := jaccard(sh, shingles(key)); s >= SameIdea && s > bestSim {
			best, bestSim = i, s
		}
	}
	return best
}
