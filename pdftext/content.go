package pdftext

import (
	"bytes"
	"encoding/hex"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// pageText walks a page's content stream and decodes its text with each
// font's ToUnicode map. The library's own decoder mishandles ranges of
// two-byte codes (it adds only the last byte, so U+1ED3 "ồ" comes out as
// U+00D3 "Ó"), which spoils almost every Vietnamese PDF: Word and the
// platform's own notices write Identity-H fonts. Fonts without a ToUnicode
// map fall back to the library's encodings.
func pageText(p pdf.Page) string {
	decoders := map[string]func(string) string{}
	decoder := func(name string) func(string) string {
		if d, ok := decoders[name]; ok {
			return d
		}
		f := p.Font(name)
		d := f.Encoder().Decode
		if tu := f.V.Key("ToUnicode"); tu.Kind() == pdf.Stream {
			if m := readCMap(tu.Reader()); m != nil {
				d = m.decode
			}
		}
		decoders[name] = d
		return d
	}
	var b strings.Builder
	dec := func(s string) string { return s }
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "Tf":
			if n >= 1 {
				dec = decoder(args[0].Name())
			}
		case "Tj", "'", "\"":
			if op != "Tj" {
				b.WriteByte('\n')
			}
			if n >= 1 {
				b.WriteString(dec(args[n-1].RawString()))
			}
		case "TJ":
			if n < 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				v := a.Index(i)
				if v.Kind() == pdf.String {
					b.WriteString(dec(v.RawString()))
				} else if v.Float64() < -200 || v.Int64() < -200 {
					b.WriteByte(' ') // a wide kern is a space between words
				}
			}
		case "Td", "TD", "T*", "Tm", "ET":
			b.WriteByte('\n')
		}
	})
	return b.String()
}

// cmap is a ToUnicode map: single codes and ranges of codes, of width
// bytes each.
type cmap struct {
	width  int
	chars  map[uint32][]rune
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	dst    uint32   // the first code point, for a range mapped by offset
	list   [][]rune // or one string per code
}

// readCMap parses the bfchar and bfrange sections of a ToUnicode stream.
func readCMap(r io.ReadCloser) *cmap {
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return nil
	}
	m := &cmap{width: 2, chars: map[uint32][]rune{}}
	toks := cmapTokens(data)
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "begincodespacerange":
			if i+1 < len(toks) && strings.HasPrefix(toks[i+1], "<") {
				m.width = max(1, len(hexBytes(toks[i+1])))
			}
		case "beginbfchar":
			for i++; i+1 < len(toks) && toks[i] != "endbfchar"; i += 2 {
				m.chars[code(toks[i])] = runes(toks[i+1])
			}
		case "beginbfrange":
			for i++; i+2 < len(toks) && toks[i] != "endbfrange"; i += 3 {
				rg := cmapRange{lo: code(toks[i]), hi: code(toks[i+1])}
				if toks[i+2] == "[" {
					for i += 3; i < len(toks) && toks[i] != "]"; i++ {
						rg.list = append(rg.list, runes(toks[i]))
					}
					i -= 2 // the loop's step lands after "]"
				} else {
					// #nosec G115 -- the value is bounded by its source (a counter, or a code point below 0x110000)
					rg.dst = uint32(firstRune(runes(toks[i+2])))
				}
				m.ranges = append(m.ranges, rg)
			}
		}
	}
	return m
}

func (m *cmap) decode(raw string) string {
	var out []rune
	for len(raw) >= m.width {
		c := code("<" + hex.EncodeToString([]byte(raw[:m.width])) + ">")
		raw = raw[m.width:]
		if r, ok := m.chars[c]; ok {
			out = append(out, r...)
			continue
		}
		for _, rg := range m.ranges {
			if c < rg.lo || c > rg.hi {
				continue
			}
			if rg.list != nil {
				if k := int(c - rg.lo); k < len(rg.list) {
					out = append(out, rg.list[k]...)
				}
			} else {
				// #nosec G115 -- the value is bounded by its source (a counter, or a code point below 0x110000)
				out = append(out, rune(rg.dst+c-rg.lo))
			}
			break
		}
	}
	return string(out)
}

// cmapTokens splits a CMap into <hex> strings, brackets and words.
func cmapTokens(data []byte) []string {
	var out []string
	for i := 0; i < len(data); {
		switch c := data[i]; {
		case c == '<' && i+1 < len(data) && data[i+1] != '<':
			j := bytes.IndexByte(data[i:], '>')
			if j < 0 {
				return out
			}
			out = append(out, string(data[i:i+j+1]))
			i += j + 1
		case c == '[' || c == ']':
			out = append(out, string(c))
			i++
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
			i++
		default:
			j := i
			for j < len(data) && !strings.ContainsRune(" \n\r\t[]<", rune(data[j])) {
				j++
			}
			if j == i {
				j++
			}
			out = append(out, string(data[i:j]))
			i = j
		}
	}
	return out
}

func hexBytes(tok string) []byte {
	s := strings.Map(func(r rune) rune {
		if r == '<' || r == '>' || r == ' ' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, tok)
	if len(s)%2 == 1 {
		s += "0"
	}
	b, _ := hex.DecodeString(s)
	return b
}

func code(tok string) uint32 {
	var c uint32
	for _, b := range hexBytes(tok) {
		c = c<<8 | uint32(b)
	}
	return c
}

// runes reads a destination string: UTF-16 big-endian.
func runes(tok string) []rune {
	b := hexBytes(tok)
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return utf16.Decode(u)
}

func firstRune(rs []rune) rune {
	if len(rs) == 0 {
		return 0
	}
	return rs[0]
}
