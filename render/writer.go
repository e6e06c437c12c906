package render

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// writer draws on one PDF during one pass.
type writer struct {
	pdf    *fpdf.Fpdf
	totals []int // pages of each document, from the first pass
	pages  []int // pages of each document, counted on this pass
	part   int   // the current document, from 0
	first  int   // its first page
	url    string
}

func newWriter(totals []int) *writer {
	w := &writer{pdf: newPDF(), totals: totals, part: -1}
	w.pdf.SetFooterFunc(w.footer)
	return w
}

// begin starts a document on a new page and draws its letterhead.
func (w *writer) begin(head Letterhead) {
	w.closePart()
	w.pdf.AddPage()
	w.part++
	w.first = w.pdf.PageNo()
	w.url = head.URL
	w.letterhead(head)
}

// end counts the last document's pages; the footer of the last page is
// drawn when the PDF is closed.
func (w *writer) end() { w.closePart() }

func (w *writer) closePart() {
	if w.part >= 0 {
		w.pages = append(w.pages, w.pdf.PageNo()-w.first+1)
	}
}

// pageOf is the current page's number in its document and the document's
// page count (a guess on the first pass, where it does not matter).
func (w *writer) pageOf() (int, int) {
	n := w.pdf.PageNo() - w.first + 1
	if w.part < len(w.totals) {
		return n, w.totals[w.part]
	}
	return n, n
}

// ensure moves to a new page unless h millimetres fit above the footer,
// and says whether it did.
func (w *writer) ensure(h float64) bool {
	if w.pdf.GetY()+h <= bodyBottom || w.pdf.GetY() <= marginTop {
		return false
	}
	w.pdf.AddPage()
	w.pdf.SetY(marginTop)
	return true
}

// font sets the current font; style is "", "B", "I" or "BI".
func (w *writer) font(style string, size float64) {
	w.pdf.SetFont(fontFamily, style, size)
}

// width measures s in the current font.
func (w *writer) width(s string) float64 { return w.pdf.GetStringWidth(s) }

// lines wraps s (which may hold "\n") to width in the current font.
func (w *writer) lines(s string, width float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		split := w.pdf.SplitText(strings.TrimSpace(para), width)
		if len(split) == 0 {
			split = []string{""}
		}
		for _, l := range split {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

// centered writes each line centered in [x, x+width] from y and returns
// the y below the last line.
func (w *writer) centered(lines []string, x, y, width, size float64) float64 {
	h := lineHeight(size)
	for _, l := range lines {
		w.pdf.SetXY(x, y)
		w.pdf.CellFormat(width, h, l, "", 0, "C", false, 0, "")
		y += h
	}
	return y
}

// rule draws a horizontal line of the given length centered on cx.
func (w *writer) rule(cx, y, length float64) {
	w.pdf.SetLineWidth(ruleWidth)
	w.pdf.Line(cx-length/2, y, cx+length/2, y)
}

// footer draws the QR code and short address of the document's online
// page on the left and "Trang n/N" on the right of every page.
func (w *writer) footer() {
	top := pageHeight - marginBottom - footerHeight
	if w.url != "" {
		w.qr(w.url, marginLeft, top+(footerHeight-qrSize)/2, qrSize)
		w.font("I", sizeFooter)
		w.pdf.SetXY(marginLeft+qrSize+qrGap, top)
		w.pdf.CellFormat(textWidth/2, footerHeight, onlineLabel+shortURL(w.url), "", 0, "LM", false, 0, "")
	}
	n, total := w.pageOf()
	w.font("", sizeFooter)
	w.pdf.SetXY(marginLeft+textWidth/2, top)
	w.pdf.CellFormat(textWidth/2, footerHeight, fmt.Sprintf(pageLabel, n, total), "", 0, "RM", false, 0, "")
}

// shortURL is the address as a person types it: no scheme, no trailing
// slash.
func shortURL(u string) string {
	for _, p := range []string{"https://", "http://"} {
		u = strings.TrimPrefix(u, p)
	}
	return strings.TrimSuffix(u, "/")
}
