package viet

import "testing"

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Phường Hàm Rồng", "phuong ham rong"},
		{"Tỉnh Thanh Hoá", "tinh thanh hoa"},
		{"Tỉnh Thanh Hóa", "tinh thanh hoa"},
		{"ĐỒNG  Đức", "dong duc"},
		{"Xã Mường Lát, (bản 3)", "xa muong lat ban 3"},
		{"Thuỷ", "thuy"},
		{"Thủy", "thuy"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// The same letter typed decomposed or precomposed folds the same.
	if Fold("Ho\u0300a") != Fold("Hòa") {
		t.Error("decomposed and precomposed differ")
	}
}

func TestNFC(t *testing.T) {
	if got := NFC("  Ho\u0300a   Bi\u0300nh "); got != "Hòa Bình" {
		t.Errorf("NFC = %q", got)
	}
}

func TestSortVietnamese(t *testing.T) {
	names := []string{"Đức", "Dung", "Ánh", "An", "Ân", "Bình", "Ă"}
	SortBy(names, func(s string) string { return s })
	want := []string{"An", "Ánh", "Ă", "Ân", "Bình", "Dung", "Đức"}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("sorted %v, want %v", names, want)
		}
	}
}
