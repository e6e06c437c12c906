package render

import (
	"coso"
)

// Table is a ruled table whose cells wrap; when it runs onto another page
// its header row is repeated there.
type Table struct {
	Header []string
	Widths []float64 // relative widths, one per column; nil for equal columns
	Align  string    // one letter per column, L, C or R; missing letters are L
	Rows   [][]string
}

// Table adds a table across the text width. A row with more cells than
// the header, or widths that do not match the header, make Bytes fail.
func (d *Doc) Table(t Table) {
	t.Header = cleanAll(t.Header)
	rows := make([][]string, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = cleanAll(r)
	}
	t.Rows = rows
	widths, err := t.columnWidths()
	if err != nil {
		d.fail(err)
		return
	}
	d.add(func(w *writer) { w.table(t, widths) })
}

// columnWidths scales the relative widths to the text width.
func (t Table) columnWidths() ([]float64, error) {
	n := len(t.Header)
	if n == 0 {
		return nil, coso.Invalid("header", "Bảng phải có dòng tiêu đề.", "A table needs a header row.")
	}
	rel := t.Widths
	if rel == nil {
		rel = make([]float64, n)
		for i := range rel {
			rel[i] = 1
		}
	}
	if len(rel) != n {
		return nil, coso.Invalid("widths", "Bảng có %d cột nhưng %d độ rộng.", "The table has %d columns but %d widths.", n, len(rel))
	}
	total := 0.0
	for _, r := range rel {
		if r <= 0 {
			return nil, coso.Invalid("widths", "Độ rộng cột phải lớn hơn 0.", "Column widths must be greater than 0.")
		}
		total += r
	}
	for i, row := range t.Rows {
		if len(row) > n {
			return nil, coso.Invalid("rows", "Dòng %d có %d ô, nhiều hơn %d cột.", "Row %d has %d cells, more than the %d columns.", i+1, len(row), n)
		}
	}
	out := make([]float64, n)
	for i, r := range rel {
		out[i] = r / total * textWidth
	}
	return out, nil
}

// align is the alignment of column i.
func (t Table) align(i int) string {
	if i < len(t.Align) {
		return t.Align[i : i+1]
	}
	return "L"
}

func (w *writer) table(t Table, widths []float64) {
	header := func() {
		w.font("B", sizeTable)
		w.row(t.Header, widths, func(int) string { return "C" })
	}
	w.font("B", sizeTable)
	w.ensure(w.rowHeight(t.Header, widths) + w.firstRowHeight(t, widths))
	header()
	for _, r := range t.Rows {
		w.font("", sizeTable)
		if w.ensure(w.rowHeight(r, widths)) {
			header()
			w.font("", sizeTable)
		}
		w.row(r, widths, t.align)
	}
	w.pdf.SetY(w.pdf.GetY() + paraAfter)
}

// firstRowHeight keeps the header with at least one row.
func (w *writer) firstRowHeight(t Table, widths []float64) float64 {
	if len(t.Rows) == 0 {
		return 0
	}
	w.font("", sizeTable)
	return w.rowHeight(t.Rows[0], widths)
}

// rowHeight is the height of a row's tallest cell in the current font.
func (w *writer) rowHeight(cells []string, widths []float64) float64 {
	most := 1
	for i, c := range cells {
		most = max(most, len(w.lines(c, widths[i]-2*cellPad)))
	}
	return float64(most)*lineHeight(sizeTable) + 2*cellPad
}

// row draws one row of framed cells in the current font.
func (w *writer) row(cells []string, widths []float64, align func(int) string) {
	h := w.rowHeight(cells, widths)
	x, y := marginLeft, w.pdf.GetY()
	w.pdf.SetLineWidth(ruleWidth)
	for i, width := range widths {
		w.pdf.Rect(x, y, width, h, "D")
		if i < len(cells) {
			w.cell(cells[i], x, y, width, align(i))
		}
		x += width
	}
	w.pdf.SetY(y + h)
}

// cell writes wrapped text in a cell whose top left corner is (x, y).
func (w *writer) cell(text string, x, y, width float64, align string) {
	lh := lineHeight(sizeTable)
	y += cellPad
	for _, l := range w.lines(text, width-2*cellPad) {
		w.pdf.SetXY(x+cellPad, y)
		w.pdf.CellFormat(width-2*cellPad, lh, l, "", 0, align, false, 0, "")
		y += lh
	}
}
