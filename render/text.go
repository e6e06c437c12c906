package render

import "strings"

// Title adds the document's name, centered in bold capitals ("THÔNG
// BÁO"), and an optional subtitle (the summary, "Về việc ...") with a
// short rule under it.
func (d *Doc) Title(title, subtitle string) {
	title, subtitle = clean(title), clean(subtitle)
	if d.title == "" {
		d.title = strings.TrimSpace(title + " " + subtitle)
	}
	d.add(func(w *writer) { w.titleBlock(title, subtitle) })
}

func (w *writer) titleBlock(title, subtitle string) {
	w.font("B", sizeTitle)
	upper := w.lines(strings.ToUpper(title), textWidth)
	lines := w.lines(subtitle, textWidth*0.85)
	if subtitle == "" {
		lines = nil
	}
	w.ensure(float64(len(upper)+len(lines)+2) * lineHeight(sizeTitle))
	y := w.centered(upper, marginLeft, w.pdf.GetY(), textWidth, sizeTitle)
	if len(lines) > 0 {
		y = w.centered(lines, marginLeft, y, textWidth, sizeTitle)
		w.rule(marginLeft+textWidth/2, y+headGap, ruleShare*w.widest(lines))
	}
	w.pdf.SetY(y + titleAfter)
}

// Text adds body text written in a little Markdown: paragraphs separated
// by blank lines, "- " bullets, "1. " and "a) " items, "# " headings,
// **bold** and *italic*. HTML is printed as it is, never interpreted.
func (d *Doc) Text(markdown string) {
	blocks := parseBlocks(clean(markdown))
	d.add(func(w *writer) {
		for _, b := range blocks {
			w.block(b)
		}
	})
}

// Paragraph adds one paragraph of plain text in a style: "" regular, "B"
// bold, "I" italic; align is "J" (justified, indented), "L" or "C".
func (d *Doc) Paragraph(text, style, align string) {
	words := plainWords(clean(text), style)
	d.add(func(w *writer) { w.paragraph(words, align) })
}

// Gap adds vertical space, in millimetres.
func (d *Doc) Gap(mm float64) {
	d.add(func(w *writer) {
		if !w.ensure(mm) {
			w.pdf.SetY(w.pdf.GetY() + mm)
		}
	})
}

func (w *writer) block(b block) {
	words := parseInline(b.text)
	switch b.kind {
	case heading:
		for _, wd := range words {
			for i := range wd {
				wd[i].style = "B"
			}
		}
		w.paragraph(words, "L")
	case listItem:
		w.listItem(b.marker, words)
	default:
		w.paragraph(words, "J")
	}
}

// paragraph lays out words: "J" justified with its first line indented,
// "L" left, "C" centered; the last line of a paragraph is never stretched.
func (w *writer) paragraph(words []word, align string) {
	indent := 0.0
	if align == "J" {
		indent = firstIndent
	}
	lines := w.breakLines(words, sizeBody, textWidth-indent, textWidth)
	w.flow(lines, func(i int, l textLine, y float64) {
		x, width := marginLeft, textWidth
		if i == 0 {
			x, width = x+indent, width-indent
		}
		if align == "C" {
			w.centerLine(l, x, y, width, sizeBody)
			return
		}
		w.drawLine(l, x, y, width, sizeBody, align == "J" && i < len(lines)-1)
	})
}

// listItem draws the marker in the indent and the text hanging after it.
func (w *writer) listItem(marker string, words []word) {
	x := marginLeft + firstIndent
	width := textWidth - firstIndent - listIndent
	lines := w.breakLines(words, sizeBody, width, width)
	w.flow(lines, func(i int, l textLine, y float64) {
		if i == 0 {
			w.font("", sizeBody)
			w.pdf.SetXY(x, y)
			w.pdf.CellFormat(listIndent, lineHeight(sizeBody), marker, "", 0, "L", false, 0, "")
		}
		w.drawLine(l, x+listIndent, y, width, sizeBody, i < len(lines)-1)
	})
}

// flow draws lines one under the other, moving to a new page when one
// does not fit, then leaves the space between paragraphs.
func (w *writer) flow(lines []textLine, draw func(i int, l textLine, y float64)) {
	h := lineHeight(sizeBody)
	for i, l := range lines {
		w.ensure(h)
		y := w.pdf.GetY()
		draw(i, l, y)
		w.pdf.SetY(y + h)
	}
	w.pdf.SetY(w.pdf.GetY() + paraAfter)
}

// Choices adds tick boxes, one option a line, for ballots and opinion
// sheets ("Đồng ý", "Không đồng ý", "Ý kiến khác").
func (d *Doc) Choices(options ...string) {
	options = cleanAll(options)
	d.add(func(w *writer) {
		h := lineHeight(sizeBody) + boxGap
		for _, o := range options {
			w.ensure(h)
			y := w.pdf.GetY()
			w.pdf.SetLineWidth(ruleWidth)
			w.pdf.Rect(marginLeft+firstIndent, y+(h-boxSize)/2, boxSize, boxSize, "D")
			w.font("", sizeBody)
			w.pdf.SetXY(marginLeft+firstIndent+boxSize+boxGap, y)
			w.pdf.CellFormat(textWidth-firstIndent-boxSize-boxGap, h, o, "", 0, "LM", false, 0, "")
			w.pdf.SetY(y + h)
		}
		w.pdf.SetY(w.pdf.GetY() + paraAfter)
	})
}
