package auth

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
)

const uri = "otpauth://totp/coso:an.nguyen?algorithm=SHA1&digits=6&issuer=coso&period=30&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

func TestQRPNG(t *testing.T) {
	b, err := QRPNG(uri, 256)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 256 || img.Bounds().Dy() != 256 {
		t.Errorf("image is %v, want 256×256", img.Bounds())
	}
	dark := func(x, y int) bool { r, _, _, _ := img.At(x, y).RGBA(); return r < 0x8000 }
	inked := 0
	for y := 0; y < 256; y++ {
		for x := 0; x < 256; x++ {
			edge := x < 25 || y < 25 || x >= 231 || y >= 231
			if dark(x, y) && edge {
				t.Fatalf("pixel (%d,%d) of the quiet zone is dark", x, y)
			}
			if dark(x, y) {
				inked++
			}
		}
	}
	if inked < 256*256/5 {
		t.Errorf("only %d dark pixels: no code drawn", inked)
	}
}

// The terminal drawing must hold exactly the QR modules, two rows a line,
// inside a quiet zone.
func TestTerminalQR(t *testing.T) {
	code, err := qr.Encode(uri, qr.M, qr.Auto)
	if err != nil {
		t.Fatal(err)
	}
	n := code.Bounds().Dx()
	for _, darkOnLight := range []bool{false, true} {
		text, err := TerminalQR(uri, darkOnLight)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		side := n + 2*quiet
		if len(lines) != (side+1)/2 {
			t.Fatalf("%d lines for %d module rows", len(lines), side)
		}
		for ly, line := range lines {
			cells := []rune(line)
			if len(cells) != side {
				t.Fatalf("line %d has %d cells, want %d", ly, len(cells), side)
			}
			for x, c := range cells {
				for half, y := range []int{2 * ly, 2*ly + 1} {
					if y >= side {
						continue
					}
					mx, my := x-quiet, y-quiet
					dark := mx >= 0 && my >= 0 && mx < n && my < n && isDark(code, mx, my)
					drawn := c == '█' || half == 0 && c == '▀' || half == 1 && c == '▄'
					if drawn != (dark == darkOnLight) {
						t.Fatalf("darkOnLight=%t: cell (%d,%d) is %q, module dark=%t", darkOnLight, x, y, c, dark)
					}
				}
			}
		}
	}
}
