package viet

import (
	"math"
	"testing"
	"time"

	"coso"
)

func TestSpellNumber(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{
		{0, "không"},
		{1, "một"},
		{4, "bốn"},
		{5, "năm"},
		{10, "mười"},
		{11, "mười một"},
		{14, "mười bốn"},
		{15, "mười lăm"},
		{20, "hai mươi"},
		{21, "hai mươi mốt"},
		{24, "hai mươi tư"},
		{25, "hai mươi lăm"},
		{31, "ba mươi mốt"},
		{44, "bốn mươi tư"},
		{45, "bốn mươi lăm"},
		{55, "năm mươi lăm"},
		{91, "chín mươi mốt"},
		{99, "chín mươi chín"},
		{100, "một trăm"},
		{101, "một trăm linh một"},
		{104, "một trăm linh bốn"},
		{105, "một trăm linh năm"},
		{110, "một trăm mười"},
		{111, "một trăm mười một"},
		{115, "một trăm mười lăm"},
		{121, "một trăm hai mươi mốt"},
		{205, "hai trăm linh năm"},
		{250, "hai trăm năm mươi"},
		{999, "chín trăm chín mươi chín"},
		{1_000, "một nghìn"},
		{1_001, "một nghìn không trăm linh một"},
		{1_005, "một nghìn không trăm linh năm"},
		{1_010, "một nghìn không trăm mười"},
		{1_015, "một nghìn không trăm mười lăm"},
		{1_021, "một nghìn không trăm hai mươi mốt"},
		{1_100, "một nghìn một trăm"},
		{2_026, "hai nghìn không trăm hai mươi sáu"},
		{10_500, "mười nghìn năm trăm"},
		{15_000, "mười lăm nghìn"},
		{21_000, "hai mươi mốt nghìn"},
		{24_000, "hai mươi tư nghìn"},
		{105_000, "một trăm linh năm nghìn"},
		{1_000_000, "một triệu"},
		{1_000_005, "một triệu không trăm linh năm"},
		{1_005_000, "một triệu không trăm linh năm nghìn"},
		{2_500_000, "hai triệu năm trăm nghìn"},
		{25_000_000, "hai mươi lăm triệu"},
		{31_415_926, "ba mươi mốt triệu bốn trăm mười lăm nghìn chín trăm hai mươi sáu"},
		{1_000_000_000, "một tỷ"},
		{1_050_000_000, "một tỷ không trăm năm mươi triệu"},
		{1_000_000_005, "một tỷ không trăm linh năm"},
		{2_500_000_000, "hai tỷ năm trăm triệu"},
		{1_000_000_000_000, "một nghìn tỷ"},
		{5_000_000_000_000_000, "năm triệu tỷ"},
		{-15, "âm mười lăm"},
		{math.MaxInt64, "chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy"},
		{math.MinInt64, "âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám"},
	}
	for _, c := range cases {
		if got := SpellNumber(c.n); got != c.want {
			t.Errorf("SpellNumber(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestSpellMoney(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{
		{2_500_000, "hai triệu năm trăm nghìn đồng"},
		{50_000, "năm mươi nghìn đồng"},
		{0, "không đồng"},
	}
	for _, c := range cases {
		if got := SpellMoney(c.n); got != c.want {
			t.Errorf("SpellMoney(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

func TestSpellDate(t *testing.T) {
	cases := []struct {
		date time.Time
		want string
	}{
		{day(2026, 3, 5), "ngày mùng năm tháng ba năm hai nghìn không trăm hai mươi sáu"},
		{day(2026, 1, 1), "ngày mùng một tháng một năm hai nghìn không trăm hai mươi sáu"},
		{day(2025, 4, 10), "ngày mùng mười tháng tư năm hai nghìn không trăm hai mươi lăm"},
		{day(2025, 12, 11), "ngày mười một tháng mười hai năm hai nghìn không trăm hai mươi lăm"},
		{day(2024, 11, 15), "ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi tư"},
		{day(2023, 7, 21), "ngày hai mươi mốt tháng bảy năm hai nghìn không trăm hai mươi ba"},
		{day(2023, 8, 24), "ngày hai mươi tư tháng tám năm hai nghìn không trăm hai mươi ba"},
		{day(2000, 10, 31), "ngày ba mươi mốt tháng mười năm hai nghìn"},
		// 20:00 UTC is already the next day in Vietnam.
		{time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC), "ngày mùng năm tháng ba năm hai nghìn không trăm hai mươi sáu"},
	}
	for _, c := range cases {
		if got := SpellDate(c.date); got != c.want {
			t.Errorf("SpellDate(%v) = %q, want %q", c.date, got, c.want)
		}
	}
}

func TestWrittenDate(t *testing.T) {
	cases := []struct {
		date time.Time
		want string
	}{
		{day(2026, 3, 5), "ngày 05 tháng 3 năm 2026"},
		{day(2026, 2, 15), "ngày 15 tháng 02 năm 2026"},
		{day(2026, 1, 9), "ngày 09 tháng 01 năm 2026"},
		{day(2026, 12, 31), "ngày 31 tháng 12 năm 2026"},
	}
	for _, c := range cases {
		if got := WrittenDate(c.date); got != c.want {
			t.Errorf("WrittenDate(%v) = %q, want %q", c.date, got, c.want)
		}
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone) }
