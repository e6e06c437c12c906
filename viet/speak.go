package viet

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Speakable rewrites a written notice into what an announcer reads on the
// commune loudspeakers (Law on Grassroots Democracy art. 11–12): dates,
// times, money, percentages, measures, phone and document numbers become
// words, and the common abbreviations of administrative writing are spelled
// out. Line breaks are kept; the result holds no digits.
func Speakable(text string) string {
	s := norm.NFC.String(text)
	last := len(speechPasses) - 1
	for i, p := range speechPasses {
		s = rewrite(p, s, i == last)
	}
	return expandAbbreviations(s)
}

// num is a number as Vietnamese writes it: dots group thousands, a comma
// starts the decimals ("2.500.000", "2,5", "1.250,75").
const num = `(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)`

// A speechPass reads what re matches. When wordEnd is set the match must
// end a word: "5 m" is five metres, "5 mét" is left for a later pass (Go's
// regexp has no look-ahead, and \b knows only ASCII letters). Except in
// the last pass, which reads whatever digits are left, a match may not
// start inside a longer number.
type speechPass struct {
	re      *regexp.Regexp
	wordEnd bool
	say     func(m []string) (string, bool)
}

// speechPasses run in order; each removes the digits it reads, so a later,
// more general pass never sees them. Their order is part of the rules.
var speechPasses = []speechPass{
	{regexp.MustCompile(`(?i:(ngày)\s+)?(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})`), true, sayDate},
	{regexp.MustCompile(`(?i)(tháng)\s+(\d{1,2})/(\d{4})`), true, sayMonthYear},
	{regexp.MustCompile(`(?i)(ngày)\s+(\d{1,2})/(\d{1,2})`), true, sayDayMonth},
	{regexp.MustCompile(`(\d{1,2})(h|:)(\d{2})?`), true, sayTime},
	{regexp.MustCompile(`(\d+)((?:/\d{4})?)/(\p{Lu}\p{L}*\d*(?:-\p{Lu}\p{L}*\d*)*)`), false, saySymbol},
	{regexp.MustCompile(`(\+84 ?|0)(\d{2,3}(?:[ .]?\d{2,4}){1,3})`), true, sayPhone},
	{regexp.MustCompile(num + `\s?%`), false, sayPercent},
	{regexp.MustCompile(num + `\s+(nghìn|ngàn|triệu|tỷ|tỉ)`), true, sayScaled},
	{regexp.MustCompile(num + `\s?(đồng|đ|VNĐ|VND)`), true, sayMoney},
	{regexp.MustCompile(`(nghìn|ngàn|triệu|tỷ|tỉ)\s?(đ|VNĐ|VND)`), true, func(m []string) (string, bool) { return m[1] + " đồng", true }},
	{regexp.MustCompile(num + `\s?(km²|km2|km|m²|m2|m³|m3|ha|kg|cm|m)`), true, sayMeasure},
	{regexp.MustCompile(`(?i)(thứ|tháng|ngày)\s+` + num), false, sayOrdinal},
	{regexp.MustCompile(`(?i)(số)\s*:\s*`), false, func(m []string) (string, bool) { return m[1] + " ", true }},
	{regexp.MustCompile(`\s*/\s*(hộ|người|khẩu|tháng|năm|ngày|tuần|suất|lần|sào|ha)`), true, sayPer},
	{regexp.MustCompile(num), false, func(m []string) (string, bool) { return sayNumber(m[1]), true }},
}

// rewrite replaces every match of re in s by say's words, keeping a space
// between the words and any letter next to them ("QL217" → "QL hai trăm
// mười bảy"). When say declines, the text stays for later passes.
func rewrite(p speechPass, s string, anywhere bool) string {
	var b strings.Builder
	last := 0
	for _, loc := range p.re.FindAllStringSubmatchIndex(s, -1) {
		if (!anywhere && insideNumber(s, loc[0])) || (p.wordEnd && !wordEnds(s, loc[1])) {
			continue
		}
		words, ok := p.say(submatches(s, loc))
		if !ok {
			continue
		}
		b.WriteString(s[last:loc[0]])
		if r, _ := utf8.DecodeLastRuneInString(s[:loc[0]]); isWordRune(r) && !strings.HasPrefix(words, " ") {
			b.WriteByte(' ')
		}
		b.WriteString(words)
		if r, _ := utf8.DecodeRuneInString(s[loc[1]:]); isWordRune(r) && !strings.HasSuffix(words, " ") {
			b.WriteByte(' ')
		}
		last = loc[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// insideNumber says a match starting at i would cut a longer number,
// "23/4/2026" inside "123/4/2026" or "000" inside "1.000".
func insideNumber(s string, i int) bool {
	if i == 0 || s[i] < '0' || s[i] > '9' {
		return false
	}
	before := s[i-1]
	if before == '.' || before == ',' {
		return i >= 2 && s[i-2] >= '0' && s[i-2] <= '9'
	}
	return before >= '0' && before <= '9'
}

// wordEnds says s has no letter or digit at i.
func wordEnds(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}

func submatches(s string, loc []int) []string {
	m := make([]string, len(loc)/2)
	for i := range m {
		if loc[2*i] >= 0 {
			m[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	return m
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// sayDate reads "05/3/2026", "05-03-2026" or "05.03.2026", with or without
// "ngày" before it. It reads what is written, even an impossible date.
func sayDate(m []string) (string, bool) {
	d, _ := strconv.Atoi(m[2])
	mo, _ := strconv.Atoi(m[4])
	if m[3] != m[5] || d < 1 || d > 31 || mo < 1 || mo > 12 {
		return "", false
	}
	y, _ := strconv.ParseInt(m[6], 10, 64)
	day := "ngày"
	if m[1] != "" {
		day = m[1]
	}
	return day + " " + SpellDay(d) + " tháng " + SpellMonth(mo) + " năm " + SpellNumber(y), true
}

func sayMonthYear(m []string) (string, bool) {
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return "", false
	}
	y, _ := strconv.ParseInt(m[3], 10, 64)
	return m[1] + " " + SpellMonth(mo) + " năm " + SpellNumber(y), true
}

func sayDayMonth(m []string) (string, bool) {
	d, _ := strconv.Atoi(m[2])
	mo, _ := strconv.Atoi(m[3])
	if d < 1 || d > 31 || mo < 1 || mo > 12 {
		return "", false
	}
	return m[1] + " " + SpellDay(d) + " tháng " + SpellMonth(mo), true
}

// sayTime reads "7h30", "7h", "14:00" as "bảy giờ ba mươi phút".
func sayTime(m []string) (string, bool) {
	h, _ := strconv.Atoi(m[1])
	if h > 24 || (m[2] == ":" && m[3] == "") {
		return "", false
	}
	words := SpellNumber(int64(h)) + " giờ"
	if m[3] != "" {
		mi, _ := strconv.Atoi(m[3])
		if mi > 59 {
			return "", false
		}
		if mi > 0 {
			words += " " + SpellNumber(int64(mi)) + " phút"
		}
	}
	return words, true
}

// saySymbol reads a document number and symbol, "12/TB-UBND" or
// "59/2023/NĐ-CP", the slash as "trên" and the symbol's parts in words.
func saySymbol(m []string) (string, bool) {
	words := sayNumber(m[1])
	if m[2] != "" {
		y, _ := strconv.ParseInt(m[2][1:], 10, 64)
		words += " trên " + SpellNumber(y)
	}
	var parts []string
	for _, p := range strings.Split(m[3], "-") {
		parts = append(parts, saySymbolPart(p))
	}
	return words + " trên " + strings.Join(parts, " "), true
}

func saySymbolPart(p string) string {
	letters := strings.TrimRight(p, "0123456789")
	words := letters
	if w, ok := symbolWords[letters]; ok {
		words = w
	} else if w, ok := abbreviations[letters]; ok {
		words = w
	}
	if digits := p[len(letters):]; digits != "" {
		words += " " + sayNumber(digits)
	}
	return words
}

// sayPhone reads a phone number digit by digit, group by group as written
// (4-3-3 when written without spaces).
func sayPhone(m []string) (string, bool) {
	digits := strings.NewReplacer(" ", "", ".", "").Replace(m[2])
	if n := len(digits); n < 8 || n > 10 {
		return "", false
	}
	prefix := digitWords[0]
	if m[1] != "0" {
		prefix = "cộng tám tư"
	}
	groups := strings.FieldsFunc(m[2], func(r rune) bool { return r == ' ' || r == '.' })
	if len(groups) == 1 {
		groups = []string{digits[:3], digits[3:6], digits[6:]}
	}
	said := make([]string, len(groups))
	for i, g := range groups {
		said[i] = sayDigits(g)
	}
	return prefix + " " + strings.Join(said, ", "), true
}

func sayPercent(m []string) (string, bool) { return sayNumber(m[1]) + " phần trăm", true }

// scaleZeros are the powers of ten of the scale words written after a
// number: "2,5 triệu" is 2.500.000.
var scaleZeros = map[string]int{"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9}

// sayScaled reads "2,5 triệu" as the whole amount, "hai triệu năm trăm
// nghìn", which is clearer over a loudspeaker than "hai phẩy năm".
func sayScaled(m []string) (string, bool) {
	words := sayNumber(m[1]) + " " + m[2]
	whole, frac, _ := strings.Cut(strings.ReplaceAll(m[1], ".", ""), ",")
	if zeros := scaleZeros[m[2]]; len(frac) <= zeros {
		if n, err := strconv.ParseInt(whole+frac+strings.Repeat("0", zeros-len(frac)), 10, 64); err == nil {
			words = SpellNumber(n)
		}
	}
	return words, true
}

func sayMoney(m []string) (string, bool) { return sayNumber(m[1]) + " đồng", true }

var measureWords = map[string]string{
	"km²": "ki-lô-mét vuông", "km2": "ki-lô-mét vuông", "km": "ki-lô-mét",
	"m²": "mét vuông", "m2": "mét vuông", "m³": "mét khối", "m3": "mét khối", "m": "mét",
	"ha": "héc-ta", "kg": "ki-lô-gam", "cm": "xăng-ti-mét",
}

func sayMeasure(m []string) (string, bool) {
	return sayNumber(m[1]) + " " + measureWords[m[2]], true
}

// sayOrdinal reads a number after "thứ", "tháng" or "ngày" the way these
// words want: "thứ nhất", "thứ tư", "tháng tư", "ngày mùng năm".
func sayOrdinal(m []string) (string, bool) {
	n, err := strconv.Atoi(m[2])
	if err != nil || len(m[2]) > 2 {
		return m[1] + " " + sayNumber(m[2]), true
	}
	switch word := strings.ToLower(m[1]); {
	case word == "thứ" && n == 1:
		return m[1] + " nhất", true
	case word == "thứ" && n == 4, word == "tháng" && n == 4:
		return m[1] + " tư", true
	case word == "ngày":
		return m[1] + " " + SpellDay(n), true
	}
	return m[1] + " " + SpellNumber(int64(n)), true
}

// sayPer reads "đồng/hộ" as "đồng mỗi hộ".
func sayPer(m []string) (string, bool) { return " mỗi " + m[1], true }

// sayNumber reads a written number: "2.500.000", "2,5" ("hai phẩy năm"),
// "05" ("năm"). Codes of four or more digits with a leading zero, and
// numbers too long to be amounts, are read digit by digit.
func sayNumber(s string) string {
	whole, frac, hasFrac := strings.Cut(strings.ReplaceAll(s, ".", ""), ",")
	words := sayWhole(whole)
	if hasFrac {
		words += " phẩy " + sayFraction(frac)
	}
	return words
}

func sayWhole(digits string) string {
	if (len(digits) > 3 && digits[0] == '0') || len(digits) > 18 {
		return sayDigits(digits)
	}
	n, _ := strconv.ParseInt(digits, 10, 64)
	return SpellNumber(n)
}

// sayFraction reads decimals as a number ("3,14": "ba phẩy mười bốn"),
// or digit by digit when they begin with zero or are long.
func sayFraction(digits string) string {
	if digits[0] == '0' || len(digits) > 3 {
		return sayDigits(digits)
	}
	n, _ := strconv.ParseInt(digits, 10, 64)
	return SpellNumber(n)
}

func sayDigits(digits string) string {
	words := make([]string, 0, len(digits))
	for _, d := range digits {
		words = append(words, digitWords[d-'0'])
	}
	return strings.Join(words, " ")
}
