package render

// RosterLine is one line of a printed roster: a QR code to scan, a few
// lines of text (the first in bold) and a box to tick by hand.
type RosterLine struct {
	QR   string
	Text []string
}

// rosterQR is the side of each line's QR code, in millimetres: large
// enough for a phone's camera at arm's length.
const rosterQR = 16.0

// Roster adds the lines of a roster, one under the other, each ruled off
// below: the QR code on the left, the text beside it, the tick box on the
// right. A line never splits across pages.
func (d *Doc) Roster(lines []RosterLine) {
	d.add(func(w *writer) {
		textX := marginLeft + rosterQR + boxGap
		boxX := marginLeft + textWidth - boxSize*2
		for _, l := range lines {
			h := max(rosterQR, float64(len(l.Text))*lineHeight(sizeNote)) + 2*boxGap
			w.ensure(h)
			y := w.pdf.GetY()
			if l.QR != "" {
				w.qr(l.QR, marginLeft, y+boxGap, rosterQR)
			}
			ty := y + boxGap
			for i, t := range l.Text {
				style := ""
				if i == 0 {
					style = "B"
				}
				w.font(style, sizeNote)
				w.pdf.SetXY(textX, ty)
				w.pdf.CellFormat(boxX-textX-boxGap, lineHeight(sizeNote), t, "", 0, "L", false, 0, "")
				ty += lineHeight(sizeNote)
			}
			w.pdf.SetLineWidth(ruleWidth)
			w.pdf.Rect(boxX, y+(h-boxSize*1.5)/2, boxSize*1.5, boxSize*1.5, "D")
			w.pdf.Line(marginLeft, y+h, marginLeft+textWidth, y+h)
			w.pdf.SetY(y + h)
		}
		w.pdf.SetY(w.pdf.GetY() + paraAfter)
	})
}
