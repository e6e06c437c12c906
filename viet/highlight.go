package viet

import (
	"strings"
	"unicode"
)

// Segment is a piece of a text shown in search results: Match marks the
// words the search matched.
type Segment struct {
	Text  string
	Match bool
}

// token is one word of a text: its byte span. Its folded form is found
// only when a match is looked for in it: a snippet looks at few words of
// a long body.
type token struct {
	start, end int
}

func tokens(text string) []token {
	var out []token
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, token{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{start, len(text)})
	}
	return out
}

// foldWord folds one word, quickly when it is plain ASCII.
func foldWord(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return Fold(w)
		}
	}
	return strings.ToLower(w)
}

// matcher tells whether a folded word matches the folded query words; the
// last query word also matches as a prefix when prefix is set (the person
// may not have finished typing it).
func matcher(words []string, prefix bool) func(string) bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	last := ""
	if prefix && len(words) > 0 {
		last = words[len(words)-1]
	}
	return func(f string) bool {
		return set[f] || last != "" && strings.HasPrefix(f, last)
	}
}

// Highlight splits text into segments, marking every word whose folded
// form matches one of the folded query words: the search runs on folded
// text, and the marks land on the original words, diacritics and all.
func Highlight(text string, words []string, prefix bool) []Segment {
	return mark(text, tokens(text), 0, len(text), matcher(words, prefix))
}

// Snippet returns about n words of text around its first match, with the
// matches marked and "…" where the text was cut.
func Snippet(text string, words []string, prefix bool, n int) []Segment {
	toks := tokens(text)
	if len(toks) == 0 {
		return nil
	}
	match := matcher(words, prefix)
	first := 0
	for i, t := range toks {
		if match(foldWord(text[t.start:t.end])) {
			first = i
			break
		}
	}
	from := max(0, first-n/3)
	to := min(len(toks), from+n)
	from = max(0, min(from, to-n))
	start, end := toks[from].start, toks[to-1].end
	if from == 0 {
		start = 0
	}
	if to == len(toks) {
		end = len(text)
	}
	segs := mark(text, toks[from:to], start, end, match)
	if from > 0 {
		segs = append([]Segment{{Text: "… "}}, segs...)
	}
	if to < len(toks) {
		segs = append(segs, Segment{Text: " …"})
	}
	return segs
}

func mark(text string, toks []token, start, end int, match func(string) bool) []Segment {
	var out []Segment
	add := func(s string, m bool) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Match == m {
			out[n-1].Text += s
			return
		}
		out = append(out, Segment{Text: s, Match: m})
	}
	pos := start
	for _, t := range toks {
		if !match(foldWord(text[t.start:t.end])) {
			continue
		}
		add(text[pos:t.start], false)
		add(text[t.start:t.end], true)
		pos = t.end
	}
	add(text[pos:end], false)
	return out
}
