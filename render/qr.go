package render

import (
	"image"

	"github.com/boombuler/barcode/qr"
)

// qr draws a QR code of content as vector squares, so it stays sharp on
// any printer; each run of dark modules in a row is one rectangle.
func (w *writer) qr(content string, x, y, size float64) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		w.pdf.SetError(err)
		return
	}
	n := code.Bounds().Dx()
	module := size / float64(n)
	w.pdf.SetFillColor(0, 0, 0)
	for row := range n {
		for col := 0; col < n; {
			run := darkRun(code, col, row, n)
			if run > 0 {
				w.pdf.Rect(x+float64(col)*module, y+float64(row)*module, float64(run)*module, module, "F")
				col += run
				continue
			}
			col++
		}
	}
}

// darkRun counts the dark modules of a row from col rightwards.
func darkRun(code image.Image, col, row, n int) int {
	run := 0
	for col+run < n {
		if r, _, _, _ := code.At(col+run, row).RGBA(); r >= 0x8000 {
			break
		}
		run++
	}
	return run
}
