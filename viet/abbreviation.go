package viet

import (
	"strings"
	"unicode"
)

// abbreviations are the short forms of administrative writing that an
// announcer reads in full. They match whole words, case-sensitively, so
// "TP" is expanded but "tp" in a word is not.
var abbreviations = map[string]string{
	"UBND":    "Ủy ban nhân dân",
	"HĐND":    "Hội đồng nhân dân",
	"MTTQ":    "Mặt trận Tổ quốc",
	"MTTQVN":  "Mặt trận Tổ quốc Việt Nam",
	"UBMTTQ":  "Ủy ban Mặt trận Tổ quốc",
	"TDP":     "tổ dân phố",
	"CHXHCN":  "Cộng hòa xã hội chủ nghĩa",
	"CCCD":    "căn cước công dân",
	"BHYT":    "bảo hiểm y tế",
	"BHXH":    "bảo hiểm xã hội",
	"THCS":    "trung học cơ sở",
	"THPT":    "trung học phổ thông",
	"HTX":     "hợp tác xã",
	"SĐT":     "số điện thoại",
	"QL":      "quốc lộ",
	"TL":      "tỉnh lộ",
	"TP":      "thành phố",
	"KCN":     "khu công nghiệp",
	"NTM":     "nông thôn mới",
	"GPMB":    "giải phóng mặt bằng",
	"QSDĐ":    "quyền sử dụng đất",
	"TTHC":    "thủ tục hành chính",
	"PCCC":    "phòng cháy chữa cháy",
	"ATGT":    "an toàn giao thông",
	"BCH":     "ban chấp hành",
	"BQL":     "ban quản lý",
	"CBCCVC":  "cán bộ, công chức, viên chức",
	"VNĐ":     "đồng",
	"VND":     "đồng",
	"TW":      "trung ương",
	"KT":      "kinh tế",
	"XH":      "xã hội",
	"ĐBQH":    "đại biểu Quốc hội",
	"UBKT":    "Ủy ban kiểm tra",
	"TTND":    "thanh tra nhân dân",
	"GSĐTCCĐ": "giám sát đầu tư của cộng đồng",
}

// symbolWords are the parts of a document's symbol (Decree 30/2020/NĐ-CP,
// appendix III), read only inside a number like "12/TB-UBND", since
// alone they are ambiguous ("CP" is also "cổ phần").
var symbolWords = map[string]string{
	"TB":  "thông báo",
	"QĐ":  "quyết định",
	"NQ":  "nghị quyết",
	"NĐ":  "nghị định",
	"KH":  "kế hoạch",
	"CT":  "chỉ thị",
	"TT":  "thông tư",
	"CV":  "công văn",
	"BC":  "báo cáo",
	"TTr": "tờ trình",
	"BB":  "biên bản",
	"HD":  "hướng dẫn",
	"CP":  "Chính phủ",
	"QH":  "Quốc hội",
	"TTg": "Thủ tướng",
	"BTP": "Bộ Tư pháp",
}

// phraseWords are abbreviations written with punctuation.
var phraseWords = strings.NewReplacer(
	"Đ/c", "đồng chí", "đ/c", "đồng chí",
	"v.v...", "vân vân", "v.v..", "vân vân", "v.v.", "vân vân", "v.v", "vân vân",
)

// expandAbbreviations spells out every whole-word abbreviation in s.
func expandAbbreviations(s string) string {
	s = phraseWords.Replace(s)
	var b strings.Builder
	word := -1
	flush := func(end int) {
		if word < 0 {
			return
		}
		w := s[word:end]
		if full, ok := abbreviations[w]; ok {
			w = full
		}
		b.WriteString(w)
		word = -1
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			if word < 0 {
				word = i
			}
			continue
		}
		flush(i)
		b.WriteRune(r)
	}
	flush(len(s))
	return b.String()
}
