package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// piece is a run of text in one style ("", "B", "I" or "BI").
type piece struct {
	text  string
	style string
}

// word is what sits between two spaces; "**Mường** Lát," has two words,
// and a word may change style inside ("**đ**ồng").
type word []piece

// parseInline splits text into words, reading **bold** and *italic*. A
// marker without its closing twin is text.
func parseInline(s string) []word {
	p := inlineParser{src: s}
	for p.i < len(s) {
		p.step()
	}
	p.endWord()
	return p.words
}

type inlineParser struct {
	src          string
	i            int
	bold, italic bool
	buf          strings.Builder
	cur          word
	words        []word
}

func (p *inlineParser) step() {
	rest := p.src[p.i:]
	switch {
	case strings.HasPrefix(rest, "**") && p.toggles(rest[2:], "**", p.bold):
		p.endPiece()
		p.bold = !p.bold
		p.i += 2
	case rest[0] == '*' && p.toggles(rest[1:], "*", p.italic):
		p.endPiece()
		p.italic = !p.italic
		p.i++
	default:
		r, n := utf8.DecodeRuneInString(rest)
		if unicode.IsSpace(r) {
			p.endWord()
		} else {
			p.buf.WriteRune(r)
		}
		p.i += n
	}
}

// toggles says a marker changes the style: it closes an open style, or
// opens one when text follows it directly and a closing marker comes later.
func (p *inlineParser) toggles(after, marker string, on bool) bool {
	if on {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	return after != "" && !unicode.IsSpace(r) && strings.Contains(after, marker)
}

func (p *inlineParser) endPiece() {
	if p.buf.Len() == 0 {
		return
	}
	style := ""
	if p.bold {
		style += "B"
	}
	if p.italic {
		style += "I"
	}
	p.cur = append(p.cur, piece{p.buf.String(), style})
	p.buf.Reset()
}

func (p *inlineParser) endWord() {
	p.endPiece()
	if len(p.cur) > 0 {
		p.words = append(p.words, p.cur)
		p.cur = nil
	}
}

// plainWords makes words of plain text in one style.
func plainWords(s, style string) []word {
	var words []word
	for _, f := range strings.Fields(s) {
		words = append(words, word{{f, style}})
	}
	return words
}

// textLine is one line of a laid out paragraph.
type textLine struct {
	words []word
	width float64 // the words' widths, without the spaces
}

// wordWidth measures a word at size.
func (w *writer) wordWidth(wd word, size float64) float64 {
	total := 0.0
	for _, p := range wd {
		w.font(p.style, size)
		total += w.width(p.text)
	}
	return total
}

// breakLines fills lines of the given widths (the first line may differ:
// an indent) greedily, word by word.
func (w *writer) breakLines(words []word, size, first, rest float64) []textLine {
	w.font("", size)
	space := w.width(" ")
	var lines []textLine
	cur := textLine{}
	limit := first
	for _, wd := range w.fitWords(words, size, min(first, rest)) {
		ww := w.wordWidth(wd, size)
		gaps := float64(len(cur.words)) * space
		if len(cur.words) > 0 && cur.width+gaps+ww > limit {
			lines = append(lines, cur)
			cur, limit = textLine{}, rest
		}
		cur.words = append(cur.words, wd)
		cur.width += ww
	}
	if len(cur.words) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// fitWords cuts any word wider than a line (a long address) into pieces
// that fit.
func (w *writer) fitWords(words []word, size, limit float64) []word {
	var out []word
	for _, wd := range words {
		if len(wd) != 1 || w.wordWidth(wd, size) <= limit {
			out = append(out, wd)
			continue
		}
		w.font(wd[0].style, size)
		for _, part := range w.pdf.SplitText(wd[0].text, limit) {
			out = append(out, word{{part, wd[0].style}})
		}
	}
	return out
}

// drawLine draws one line from x at y; a justified line spreads its words
// over width, others keep single spaces. Each word but the last carries a
// real space, so text extraction and screen readers see the words apart.
func (w *writer) drawLine(l textLine, x, y, width, size float64, justify bool) {
	w.font("", size)
	space := w.width(" ")
	gap := space
	if justify && len(l.words) > 1 {
		gap = (width - l.width) / float64(len(l.words)-1)
	}
	h := lineHeight(size)
	for i, wd := range l.words {
		for j, p := range wd {
			w.font(p.style, size)
			pw := w.width(p.text)
			text := p.text
			if j == len(wd)-1 && i < len(l.words)-1 {
				text += " "
			}
			w.pdf.SetXY(x, y)
			w.pdf.CellFormat(pw, h, text, "", 0, "L", false, 0, "")
			x += pw
		}
		x += gap
	}
}

// centerLine draws a line centered in [x, x+width].
func (w *writer) centerLine(l textLine, x, y, width, size float64) {
	w.font("", size)
	full := l.width + float64(len(l.words)-1)*w.width(" ")
	w.drawLine(l, x+(width-full)/2, y, width, size, false)
}
