package render

import (
	"strings"

	"coso/viet"
)

// letterhead draws the two columns of the first page: the issuing body
// and its number on the left, the national motto and the place and date on
// the right, the number and the date on one line (Decree 30/2020/NĐ-CP,
// appendix I, areas 1–4).
func (w *writer) letterhead(h Letterhead) {
	left := w.issuer(h, marginTop)
	right := w.motto(marginTop)
	y := max(left, right) + headGap
	if h.Number != "" {
		w.font("", sizeHead)
		w.centered([]string{numberLabel + h.Number}, marginLeft, y, headLeftWidth, sizeHead)
	}
	w.font("I", sizeDate)
	end := w.centered(w.lines(placeDate(h), headRightWidth), marginLeft+headLeftWidth, y, headRightWidth, sizeDate)
	w.pdf.SetY(end + headAfter)
}

// issuer draws the governing body (regular) over the issuing body (bold),
// both in capitals, with a short rule under them; it returns the y below.
func (w *writer) issuer(h Letterhead, y float64) float64 {
	if h.Parent != "" {
		w.font("", sizeHead)
		y = w.centered(w.lines(strings.ToUpper(h.Parent), headLeftWidth), marginLeft, y, headLeftWidth, sizeHead)
	}
	if h.Issuer == "" {
		return y
	}
	w.font("B", sizeHead)
	lines := w.lines(strings.ToUpper(h.Issuer), headLeftWidth)
	y = w.centered(lines, marginLeft, y, headLeftWidth, sizeHead)
	w.rule(marginLeft+headLeftWidth/2, y+headGap/2, ruleShare*w.widest(lines))
	return y + headGap
}

// motto draws the national name and motto, the second line underlined
// along its whole length; it returns the y below.
func (w *writer) motto(y float64) float64 {
	x := marginLeft + headLeftWidth
	w.font("B", sizeHead)
	y = w.centered([]string{mottoCountry}, x, y, headRightWidth, sizeHead)
	w.font("B", sizeMotto)
	y = w.centered([]string{mottoIdeals}, x, y, headRightWidth, sizeMotto)
	w.rule(x+headRightWidth/2, y+headGap/2, w.width(mottoIdeals))
	return y + headGap
}

// placeDate is "Mường Lát, ngày 05 tháng 3 năm 2026", with dots to fill
// in by hand when the date is not known yet.
func placeDate(h Letterhead) string {
	date := "ngày ..... tháng ..... năm ........"
	if !h.Date.IsZero() {
		date = viet.WrittenDate(h.Date)
	}
	if h.Place == "" {
		return strings.ToUpper(date[:1]) + date[1:]
	}
	return h.Place + ", " + date
}

// widest is the width of the longest of lines in the current font.
func (w *writer) widest(lines []string) float64 {
	m := 0.0
	for _, l := range lines {
		m = max(m, w.width(l))
	}
	return m
}
