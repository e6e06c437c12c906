// Package render prints the platform's documents: A4 PDFs in the layout of
// Vietnamese administrative documents (notices, opinion sheets, ballots,
// minutes, quarterly lists) and small SVG charts.
//
// A Doc records what is put on it and is drawn when its bytes are asked
// for, twice: the first pass counts each document's pages so that every
// page can say "Trang 1/3".
package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// Letterhead is the top of an administrative document (Decree
// 30/2020/NĐ-CP art. 8 and appendix I).
type Letterhead struct {
	Parent string    // the governing body, "UBND XÃ MƯỜNG LÁT"; may be empty
	Issuer string    // the issuing body, "BAN CÔNG TÁC MẶT TRẬN THÔN PHA ĐANH"; lines split on "\n"
	Number string    // the number and symbol, "12/TB-UBND", printed after "Số: "; empty for none
	Place  string    // where it is issued, "Mường Lát"
	Date   time.Time // when; the zero time leaves the date blank to be written by hand
	URL    string    // the document's online page: its QR code and address go in the footer
}

// Doc is a PDF of one or more documents under construction. Its methods
// record content; Bytes and Write draw it. A Doc is not safe for
// concurrent use.
type Doc struct {
	parts []part
	title string
	err   error
}

// part is one document: its letterhead and what follows it.
type part struct {
	head Letterhead
	ops  []func(*writer)
}

// New starts a PDF with a first document under the given letterhead.
func New(head Letterhead) *Doc {
	d := &Doc{}
	d.Append(head)
	return d
}

// Append starts another document on a new page of the same PDF, with its
// own letterhead, page count and QR code: one ballot per household in one
// file to print.
func (d *Doc) Append(head Letterhead) {
	head.Parent, head.Issuer, head.Number, head.Place = clean(head.Parent), clean(head.Issuer), clean(head.Number), clean(head.Place)
	d.parts = append(d.parts, part{head: head})
}

// add records an operation on the current document.
func (d *Doc) add(op func(*writer)) {
	p := &d.parts[len(d.parts)-1]
	p.ops = append(p.ops, op)
}

// fail keeps the first error, which Bytes and Write return.
func (d *Doc) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// Bytes draws the PDF.
func (d *Doc) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Write draws the PDF to out. fpdf panics on some input it cannot draw;
// that becomes an error, so one odd document never takes a server down.
func (d *Doc) Write(out io.Writer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("render: cannot draw the document: %v", p)
		}
	}()
	if d.err != nil {
		return d.err
	}
	count, err := d.draw(nil)
	if err != nil {
		return err
	}
	w, err := d.draw(count.pages)
	if err != nil {
		return err
	}
	return w.pdf.Output(out)
}

// draw runs every recorded operation on a fresh PDF; totals are the page
// counts of the documents, unknown (nil) on the first pass.
func (d *Doc) draw(totals []int) (*writer, error) {
	w := newWriter(totals)
	w.pdf.SetTitle(d.title, true)
	for _, p := range d.parts {
		w.begin(p.head)
		for _, op := range p.ops {
			op(w)
		}
	}
	w.end()
	return w, w.pdf.Error()
}

// newPDF makes an A4 PDF with the serif fonts and fixed metadata, so the
// same content gives the same bytes (cacheable, comparable).
func newPDF() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom)
	pdf.SetCellMargin(0)
	pdf.SetCreator(creatorName, true)
	pdf.SetLang("vi")
	pdf.SetCatalogSort(true)
	epoch := time.Unix(0, 0).UTC()
	pdf.SetCreationDate(epoch)
	pdf.SetModificationDate(epoch)
	for _, f := range fonts {
		pdf.AddUTF8FontFromBytes(fontFamily, f.style, f.ttf)
	}
	return pdf
}

// fonts are Liberation Serif, metric-compatible with Times New Roman (the
// font Decree 30 asks for) and covering Vietnamese; they come from a Go
// module, never from a font file in this repository.
var fonts = []struct {
	style string
	ttf   []byte
}{
	{"", liberationserifregular.TTF},
	{"B", liberationserifbold.TTF},
	{"I", liberationserifitalic.TTF},
	{"BI", liberationserifbolditalic.TTF},
}

// clean replaces bytes that are not UTF-8, which fpdf cannot encode (found
// by FuzzText: it panicked), with a question mark.
func clean(s string) string { return strings.ToValidUTF8(s, "?") }

func cleanAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = clean(s)
	}
	return out
}
