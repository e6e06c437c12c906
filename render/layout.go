package render

// The layout of an administrative document, after Decree 30/2020/NĐ-CP
// (appendix I: A4, margins, Times New Roman 12–14 pt). Lengths are in
// millimetres, font sizes in points. Every document the platform prints
// takes its measures from here.
const (
	pageWidth    = 210.0 // A4
	pageHeight   = 297.0
	marginTop    = 20.0 // Decree 30: 20–25 mm
	marginBottom = 20.0 // Decree 30: 20–25 mm; the footer sits above it
	marginLeft   = 30.0 // Decree 30: 30–35 mm, room for binding
	marginRight  = 15.0 // Decree 30: 15–20 mm
	textWidth    = pageWidth - marginLeft - marginRight

	// The letterhead's two columns: the issuing body on the left, the
	// national motto on the right.
	headLeftWidth  = 72.0
	headRightWidth = textWidth - headLeftWidth
	headGap        = 1.5 // between the letterhead's lines and rules
	headAfter      = 8.0 // from the letterhead to the title

	// Rules under the issuing body and the subtitle are this share of the
	// text above them (Decree 30: 1/3 to 1/2).
	ruleShare = 0.4
	ruleWidth = 0.3

	footerHeight = 18.0 // QR code, short address and page number
	footerGap    = 4.0  // between the body and the footer
	qrSize       = 16.0
	qrGap        = 3.0 // between the QR code and its address
	bodyBottom   = pageHeight - marginBottom - footerHeight - footerGap

	sizeHead     = 12.5 // issuing body, first motto line, "Số:"
	sizeMotto    = 13.5 // "Độc lập - Tự do - Hạnh phúc"
	sizeDate     = 13.5 // place and date, italic
	sizeTitle    = 14.0 // title and subtitle, bold
	sizeBody     = 13.0 // paragraphs
	sizeTable    = 12.0
	sizeSign     = 13.0 // signer's title and name
	sizeNote     = 12.0 // "(Đã ký)", stamp notes
	sizeRecip    = 11.0 // the list of recipients
	sizeFooter   = 10.0
	lineSpacing  = 1.3 // line height as a multiple of the font size
	ptToMM       = 25.4 / 72
	titleAfter   = 6.0  // from the title block to the body
	paraAfter    = 2.0  // Decree 30: at least 6 pt between paragraphs
	firstIndent  = 10.0 // Decree 30: 1–1.27 cm
	listIndent   = 6.0  // from a list marker to its text
	cellPad      = 1.5
	signGap      = 25.0 // room to sign by hand
	signedGap    = 5.0  // above and below "(Đã ký)"
	signBefore   = 6.0
	boxSize      = 4.5 // a choice's tick box
	boxGap       = 3.0
	fontFamily   = "serif"
	creatorName  = "coso"
	pageLabel    = "Trang %d/%d"
	onlineLabel  = "Bản điện tử: "
	signedLabel  = "(Đã ký)"
	recipsLabel  = "Nơi nhận:"
	numberLabel  = "Số: "
	mottoCountry = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	mottoIdeals  = "Độc lập - Tự do - Hạnh phúc"
)

// lineHeight is the height of one line of text of the given size.
func lineHeight(size float64) float64 { return size * ptToMM * lineSpacing }
