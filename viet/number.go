package viet

import (
	"strconv"
	"strings"
	"time"

	"coso"
)

// digitWords are the digits as read alone.
var digitWords = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// groupScales name the groups of three digits below a billion; a billion
// (tỷ) repeats the whole scale, so 10¹² is "một nghìn tỷ".
var groupScales = [3]string{"", "nghìn", "triệu"}

const billion = 1_000_000_000

// SpellNumber writes n as it is read aloud in (northern) Vietnamese:
// 105 "một trăm linh năm", 21 "hai mươi mốt", 15 "mười lăm", 24 "hai mươi
// tư", 1.005 "một nghìn không trăm linh năm", 2.500.000 "hai triệu năm trăm
// nghìn". Negative numbers begin with "âm".
func SpellNumber(n int64) string {
	if n < 0 {
		// -(n+1) cannot overflow, even for the smallest int64.
		return "âm " + spellUnsigned(uint64(-(n+1))+1) // #nosec G115 -- -(n+1) is between 0 and MaxInt64
	}
	return spellUnsigned(uint64(n))
}

func spellUnsigned(n uint64) string {
	if n == 0 {
		return digitWords[0]
	}
	return strings.Join(spellBillions(n, false), " ")
}

// spellBillions reads n, which is not 0. full says a higher part was read
// already, so a leading group keeps its "không trăm" and "linh".
func spellBillions(n uint64, full bool) []string {
	if n < billion {
		return spellGroups(n, full)
	}
	words := append(spellBillions(n/billion, full), "tỷ")
	if rest := n % billion; rest > 0 {
		words = append(words, spellGroups(rest, true)...)
	}
	return words
}

// spellGroups reads 0 < n < 10⁹ group by group; groups of three zeros are
// silent ("một triệu không trăm linh năm" for 1.000.005).
func spellGroups(n uint64, full bool) []string {
	var groups [3]int
	for i := range groups {
		groups[i] = int(n % 1000)
		n /= 1000
	}
	var words []string
	for i := len(groups) - 1; i >= 0; i-- {
		if groups[i] == 0 {
			continue
		}
		words = append(words, spellGroup(groups[i], full)...)
		if groupScales[i] != "" {
			words = append(words, groupScales[i])
		}
		full = true
	}
	return words
}

// spellGroup reads 0 < g < 1000. Inside a longer number (full) the hundreds
// are always read, "không trăm", and a zero tens digit is read "linh".
func spellGroup(g int, full bool) []string {
	h, t, u := g/100, g/10%10, g%10
	var words []string
	if h > 0 || full {
		words = append(words, digitWords[h], "trăm")
	}
	switch {
	case t == 0 && u == 0:
	case t == 0 && len(words) > 0:
		words = append(words, "linh", digitWords[u])
	case t == 0:
		words = append(words, digitWords[u])
	case t == 1:
		words = append(words, "mười")
		words = appendUnit(words, u, false)
	default:
		words = append(words, digitWords[t], "mươi")
		words = appendUnit(words, u, true)
	}
	return words
}

// appendUnit adds the units digit after a tens word: 5 becomes "lăm"
// after any tens ("mười lăm", "hai mươi lăm"); after "mươi" (20 and up) 1
// becomes "mốt" and 4 "tư" ("hai mươi mốt", "ba mươi tư"), but not after
// "mười" ("mười một", "mười bốn").
func appendUnit(words []string, u int, mươi bool) []string {
	switch {
	case u == 0:
		return words
	case u == 5:
		return append(words, "lăm")
	case u == 1 && mươi:
		return append(words, "mốt")
	case u == 4 && mươi:
		return append(words, "tư")
	}
	return append(words, digitWords[u])
}

// SpellMoney reads an amount in đồng: "hai triệu năm trăm nghìn đồng".
func SpellMoney(đồng int64) string {
	return SpellNumber(đồng) + " đồng"
}

// SpellDay reads the day of a month as it follows "ngày": days 1 to 10
// take "mùng" ("mùng năm", "mùng mười"); later days are plain numbers
// ("mười lăm", "hai mươi mốt").
func SpellDay(day int) string {
	if day >= 1 && day <= 10 {
		return "mùng " + SpellNumber(int64(day))
	}
	return SpellNumber(int64(day))
}

// SpellMonth reads a month number as it follows "tháng": April is "tư"
// ("tháng tư"), the others are plain numbers ("tháng ba", "tháng mười
// hai").
func SpellMonth(month int) string {
	if month == 4 {
		return "tư"
	}
	return SpellNumber(int64(month))
}

// SpellDate reads a date aloud, counted in Vietnam's time zone: "ngày mùng
// năm tháng ba năm hai nghìn không trăm hai mươi sáu".
func SpellDate(t time.Time) string {
	y, m, d := t.In(coso.Zone).Date()
	return "ngày " + SpellDay(d) + " tháng " + SpellMonth(int(m)) + " năm " + SpellNumber(int64(y))
}

// WrittenDate writes a date the way administrative documents do (Decree
// 30/2020/NĐ-CP, appendix I): days below 10 and the months January and
// February take a leading zero, "ngày 05 tháng 3 năm 2026", "ngày 15 tháng
// 02 năm 2026".
func WrittenDate(t time.Time) string {
	y, m, d := t.In(coso.Zone).Date()
	month := strconv.Itoa(int(m))
	if m < 3 {
		month = "0" + month
	}
	day := strconv.Itoa(d)
	if d < 10 {
		day = "0" + day
	}
	return "ngày " + day + " tháng " + month + " năm " + strconv.Itoa(y)
}
