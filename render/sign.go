package render

import "strings"

// Signer is one signature block: the authority and title ("TM. ỦY BAN
// NHÂN DÂN\nCHỦ TỊCH"), an optional note under it ("(Ký, ghi rõ họ tên)",
// "(Ký tên, đóng dấu)"), and the signer's name. Signed prints "(Đã ký)"
// (a copy of a signed original); otherwise there is room to sign.
type Signer struct {
	Title  string
	Note   string
	Name   string
	Signed bool
}

// Sign adds the signature blocks side by side in equal columns (Form 03
// of Decree 59 has four signers). One signer stands in the right half;
// recipients, if any, are listed as "Nơi nhận:" in the left half beside a
// single signer, or under several.
func (d *Doc) Sign(recipients []string, signers ...Signer) {
	recipients = cleanAll(recipients)
	signers = append([]Signer(nil), signers...)
	for i, s := range signers {
		signers[i] = Signer{Title: clean(s.Title), Note: clean(s.Note), Name: clean(s.Name), Signed: s.Signed}
	}
	d.add(func(w *writer) { w.sign(recipients, signers) })
}

func (w *writer) sign(recipients []string, signers []Signer) {
	width, x := textWidth/float64(max(len(signers), 1)), marginLeft
	if len(signers) == 1 {
		width, x = textWidth/2, marginLeft+textWidth/2
	}
	size := signSize(len(signers))
	side := len(signers) == 1 && len(recipients) > 0
	h := w.signersHeight(signers, width, size)
	if side {
		h = max(h, w.recipientsHeight(recipients, width))
	}
	w.ensure(signBefore + h)
	y := w.pdf.GetY() + signBefore
	end := w.signers(signers, x, y, width, size)
	if side {
		end = max(end, w.recipients(recipients, marginLeft, y, width))
	} else if len(recipients) > 0 {
		w.pdf.SetY(end)
		w.ensure(signBefore + w.recipientsHeight(recipients, textWidth/2))
		end = w.recipients(recipients, marginLeft, w.pdf.GetY()+signBefore, textWidth/2)
	}
	w.pdf.SetY(end + paraAfter)
}

// signSize is smaller when three or more blocks share the width.
func signSize(n int) float64 {
	if n > 2 {
		return sizeNote
	}
	return sizeSign
}

// signers draws the blocks from y: titles and notes first, then the
// signatures and names on one common line; it returns the y below.
func (w *writer) signers(signers []Signer, x, y, width, size float64) float64 {
	names := y
	for i, s := range signers {
		names = max(names, w.signerHead(s, x+float64(i)*width, y, width, size))
	}
	end := names
	for i, s := range signers {
		end = max(end, w.signerName(s, x+float64(i)*width, names, width, size))
	}
	return end
}

// signerHead draws the title and the note and returns the y below them.
func (w *writer) signerHead(s Signer, x, y, width, size float64) float64 {
	w.font("B", size)
	y = w.centered(w.lines(strings.ToUpper(s.Title), width-2), x, y, width, size)
	if s.Note != "" {
		w.font("I", sizeNote)
		y = w.centered(w.lines(s.Note, width-2), x, y, width, sizeNote)
	}
	return y
}

// signerName draws "(Đã ký)" or leaves room to sign, then the name.
func (w *writer) signerName(s Signer, x, y, width, size float64) float64 {
	if s.Signed {
		w.font("I", sizeNote)
		y = w.centered([]string{signedLabel}, x, y+signedGap, width, sizeNote) + signedGap
	} else {
		y += signGap
	}
	w.font("B", size)
	return w.centered(w.lines(s.Name, width-2), x, y, width, size)
}

// signersHeight measures the blocks without drawing them.
func (w *writer) signersHeight(signers []Signer, width, size float64) float64 {
	head, foot := 0.0, 0.0
	for _, s := range signers {
		w.font("B", size)
		h := float64(len(w.lines(strings.ToUpper(s.Title), width-2))) * lineHeight(size)
		f := float64(len(w.lines(s.Name, width-2))) * lineHeight(size)
		w.font("I", sizeNote)
		if s.Note != "" {
			h += float64(len(w.lines(s.Note, width-2))) * lineHeight(sizeNote)
		}
		if s.Signed {
			f += 2*signedGap + lineHeight(sizeNote)
		} else {
			f += signGap
		}
		head, foot = max(head, h), max(foot, f)
	}
	return head + foot
}

// recipients draws "Nơi nhận:" and its list, "- " before each line.
func (w *writer) recipients(list []string, x, y, width float64) float64 {
	w.font("BI", sizeNote)
	w.pdf.SetXY(x, y)
	w.pdf.CellFormat(width, lineHeight(sizeNote), recipsLabel, "", 0, "L", false, 0, "")
	y += lineHeight(sizeNote)
	w.font("", sizeRecip)
	for _, r := range list {
		for _, l := range w.lines("- "+r, width-2) {
			w.pdf.SetXY(x, y)
			w.pdf.CellFormat(width, lineHeight(sizeRecip), l, "", 0, "L", false, 0, "")
			y += lineHeight(sizeRecip)
		}
	}
	return y
}

func (w *writer) recipientsHeight(list []string, width float64) float64 {
	w.font("", sizeRecip)
	n := 0
	for _, r := range list {
		n += len(w.lines("- "+r, width-2))
	}
	return lineHeight(sizeNote) + float64(n)*lineHeight(sizeRecip)
}
