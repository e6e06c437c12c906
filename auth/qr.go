package auth

import (
	"bytes"
	"image/png"
	"strings"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
)

// QRPNG draws content (an otpauth:// URI) as a PNG QR code size pixels
// wide, for the enrolment page.
func QRPNG(content string, size int) ([]byte, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	if code, err = barcode.Scale(code, size, size); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, code); err != nil {
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
