// Package pdftext reads the text of PDF attachments so that search finds
// words inside them. Reading is best effort: a scanned or malformed PDF
// gives little or no text, never an error that stops the upload.
package pdftext

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/ledongthuc/pdf"
)

// MaxText bounds the text kept from one file.
const MaxText = 500_000

// timeout bounds the reading of one file: a crafted PDF must not hold a
// request for long.
const timeout = 10 * time.Second

// Extract returns the text of a PDF. It recovers from the reader's panics
// on malformed files and gives up after a timeout; what it could read
// before a failure is returned together with the error.
func Extract(data []byte) (string, error) {
	type result struct {
		text string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if p := recover(); p != nil {
				res.err = fmt.Errorf("pdf: %v", p)
			}
			done <- res
		}()
		res.text, res.err = extract(data)
	}()
	select {
	case r := <-done:
		return r.text, r.err
	case <-time.After(timeout):
		return "", fmt.Errorf("pdf: reading took longer than %s", timeout)
	}
}

func extract(data []byte) (string, error) {
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i := 1; i <= r.NumPage() && b.Len() < MaxText; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		b.WriteString(pageText(p))
		b.WriteByte('\n')
	}
	out := b.String()
	if len(out) > MaxText {
		out = out[:MaxText]
	}
	return strings.ToValidUTF8(out, ""), nil
}
