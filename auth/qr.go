package auth

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"strings"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
)

// QRPNG draws content (an otpauth:// URI) as a PNG QR code size pixels
// wide with a white margin, for the enrolment page.
func QRPNG(content string, size int) ([]byte, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	margin := size / 10
	if code, err = barcode.Scale(code, size-2*margin, size-2*margin); err != nil {
		return nil, err
	}
	img := image.NewGray(image.Rect(0, 0, size, size))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(img, code.Bounds().Add(image.Pt(margin, margin)), code, image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// quiet is the margin of light modules scanners need around a code.
const quiet = 2

// TerminalQR draws content as a QR code in text, two rows of modules per
// line with half-block characters, for the command line. Light modules are
// drawn as blocks and dark ones as spaces, which reads right on the usual
// light-on-dark terminal; set darkOnLight for a terminal with a light
// background.
func TerminalQR(content string, darkOnLight bool) (string, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return "", err
	}
	n := code.Bounds().Dx()
	// ink tells whether the cell at (x, y), quiet zone included, is drawn.
	ink := func(x, y int) bool {
		x, y = x-quiet, y-quiet
		dark := x >= 0 && y >= 0 && x < n && y < n && isDark(code, x, y)
		return dark == darkOnLight
	}
	var b strings.Builder
	side := n + 2*quiet
	for y := 0; y < side; y += 2 {
		for x := 0; x < side; x++ {
			b.WriteRune(halfBlock(ink(x, y), y+1 < side && ink(x, y+1)))
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

func isDark(code barcode.Barcode, x, y int) bool {
	r, _, _, _ := code.At(x, y).RGBA()
	return r < 0x8000
}

func halfBlock(top, bottom bool) rune {
	switch {
	case top && bottom:
		return '█'
	case top:
		return '▀'
	case bottom:
		return '▄'
	}
	return ' '
}
