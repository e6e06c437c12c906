package viet

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestSpeakable(t *testing.T) {
	cases := []struct{ in, want string }{
		// Numbers alone.
		{"có 5 hộ", "có năm hộ"},
		{"có 05 hộ", "có năm hộ"},
		{"1.000 người", "một nghìn người"},
		{"1.005 người", "một nghìn không trăm linh năm người"},
		{"10.500 người", "mười nghìn năm trăm người"},
		{"1.000.000", "một triệu"},
		{"1000000000", "một tỷ"},
		{"21 và 24 và 25", "hai mươi mốt và hai mươi tư và hai mươi lăm"},
		{"3,14", "ba phẩy mười bốn"},
		{"2,05", "hai phẩy không năm"},
		{"QL217", "quốc lộ hai trăm mười bảy"},
		// Money.
		{"2.500.000 đồng", "hai triệu năm trăm nghìn đồng"},
		{"2,5 triệu đồng", "hai triệu năm trăm nghìn đồng"},
		{"1,25 tỷ đồng", "một tỷ hai trăm năm mươi triệu đồng"},
		{"2 triệu người", "hai triệu người"},
		{"2,5 nghìn tỷ", "hai nghìn năm trăm tỷ"},
		{"500.000đ", "năm trăm nghìn đồng"},
		{"500.000 VNĐ.", "năm trăm nghìn đồng."},
		{"300 nghìn đ/hộ", "ba trăm nghìn đồng mỗi hộ"},
		{"50.000 đồng/khẩu/tháng", "năm mươi nghìn đồng mỗi khẩu mỗi tháng"},
		// Percentages and measures.
		{"đạt 95%", "đạt chín mươi lăm phần trăm"},
		{"đạt 95,5 %", "đạt chín mươi lăm phẩy năm phần trăm"},
		{"3,25 ha", "ba phẩy hai mươi lăm héc-ta"},
		{"120 m2 đất", "một trăm hai mươi mét vuông đất"},
		{"dài 2 km", "dài hai ki-lô-mét"},
		{"5 mét", "năm mét"},
		// Dates and times.
		{"ngày 05/3/2026", "ngày mùng năm tháng ba năm hai nghìn không trăm hai mươi sáu"},
		{"Ngày 15/04/2026", "Ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi sáu"},
		{"hạn 21-12-2025", "hạn ngày hai mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi lăm"},
		{"ngày 31/02/2026", "ngày ba mươi mốt tháng hai năm hai nghìn không trăm hai mươi sáu"},
		{"từ ngày 05/3 đến ngày 10/3", "từ ngày mùng năm tháng ba đến ngày mùng mười tháng ba"},
		{"tháng 4/2026", "tháng tư năm hai nghìn không trăm hai mươi sáu"},
		{"ngày 5 tháng 4 năm 2026", "ngày mùng năm tháng tư năm hai nghìn không trăm hai mươi sáu"},
		{"lúc 7h30", "lúc bảy giờ ba mươi phút"},
		{"lúc 14h00 và 8h", "lúc mười bốn giờ và tám giờ"},
		{"lúc 07:45", "lúc bảy giờ bốn mươi lăm phút"},
		{"thứ 2 và thứ 4", "thứ hai và thứ tư"},
		{"lần thứ 1", "lần thứ nhất"},
		// Document numbers and phones.
		{"Số: 12/TB-UBND", "Số mười hai trên thông báo Ủy ban nhân dân"},
		{"Nghị định 59/2023/NĐ-CP", "Nghị định năm mươi chín trên hai nghìn không trăm hai mươi ba trên nghị định Chính phủ"},
		{"gọi 0912 345 678", "gọi không chín một hai, ba bốn năm, sáu bảy tám"},
		{"gọi 0912345678", "gọi không chín một hai, ba bốn năm, sáu bảy tám"},
		{"gọi +84 912 345 678", "gọi cộng tám tư chín một hai, ba bốn năm, sáu bảy tám"},
		// Abbreviations.
		{"UBND xã", "Ủy ban nhân dân xã"},
		{"HĐND, MTTQ và TDP số 3", "Hội đồng nhân dân, Mặt trận Tổ quốc và tổ dân phố số ba"},
		{"Đ/c Trưởng thôn v.v.", "đồng chí Trưởng thôn vân vân"},
		{"UBNDX", "UBNDX"},
		// Decomposed input is normalised first.
		{"ngày 5 tha\u0301ng 3", "ngày mùng năm tháng ba"},
		{"dòng 1\ndòng 2", "dòng một\ndòng hai"},
	}
	for _, c := range cases {
		if got := Speakable(c.in); got != c.want {
			t.Errorf("Speakable(%q)\n got  %q\n want %q", c.in, got, c.want)
		}
	}
}

// A loudspeaker script of a real-looking category-7 notice reads without
// a single digit or unexpanded abbreviation.
func TestSpeakableNotice(t *testing.T) {
	in := "UBND xã Mường Lát thông báo: từ 7h30 ngày 05/3/2026, các hộ tại TDP 3 nộp 2,5 triệu đồng/hộ " +
		"(tổng 1.250 hộ, đạt 95%). Liên hệ 0912.345.678. Số: 12/TB-UBND."
	want := "Ủy ban nhân dân xã Mường Lát thông báo: từ bảy giờ ba mươi phút ngày mùng năm tháng ba năm hai nghìn " +
		"không trăm hai mươi sáu, các hộ tại tổ dân phố ba nộp hai triệu năm trăm nghìn đồng mỗi hộ (tổng một nghìn " +
		"hai trăm năm mươi hộ, đạt chín mươi lăm phần trăm). Liên hệ không chín một hai, ba bốn năm, sáu bảy tám. " +
		"Số mười hai trên thông báo Ủy ban nhân dân."
	if got := Speakable(in); got != want {
		t.Errorf("Speakable:\n got  %q\n want %q", got, want)
	}
}

func FuzzSpeakable(f *testing.F) {
	for _, s := range []string{"ngày 05/3/2026", "2,5 triệu đồng", "1.000.000,5%", "12/TB-UBND", "0912 345 678", "7h30", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Speakable(s)
		if i := strings.IndexFunc(got, func(r rune) bool { return r >= '0' && r <= '9' }); i >= 0 {
			t.Fatalf("Speakable(%q) = %q still holds a digit", s, got)
		}
		plain := utf8.ValidString(s) && norm.NFC.IsNormalString(s) &&
			strings.IndexFunc(s, unicode.IsLetter) < 0 && strings.IndexFunc(s, unicode.IsDigit) < 0
		if plain && got != s {
			t.Fatalf("Speakable(%q) = %q changed text without letters or digits", s, got)
		}
	})
}
