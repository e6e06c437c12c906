package household

import "math/rand/v2"

// weighted is a list of names with relative frequencies.
type weighted []struct {
	name string
	w    float64
}

func (ws weighted) pick(r *rand.Rand) string {
	total := 0.0
	for _, x := range ws {
		total += x.w
	}
	v := r.Float64() * total
	for _, x := range ws {
		if v -= x.w; v < 0 {
			return x.name
		}
	}
	return ws[len(ws)-1].name
}

// kinhFamilies are the family names of the Kinh majority with their shares
// of the population in percent (the usual national estimates: Nguyễn about
// 38%, Trần 11%, Lê 9.5%, Phạm 7%, Hoàng/Huỳnh 5%, Phan 4.5%, Vũ/Võ 4%,
// Đặng 2%, Bùi 2%, Đỗ 1.4%, Hồ 1.3%, Ngô 1.3%, Dương 1%, Lý 0.5%). Thanh
// Hóa writes the northern forms Hoàng and Vũ far more than Huỳnh and Võ, and
// has many Lê and Trịnh (the Lê kings and Trịnh lords came from here); the
// rest of the percentage is spread over other common names.
var kinhFamilies = weighted{
	{"Nguyễn", 36}, {"Lê", 12}, {"Trần", 10}, {"Phạm", 7}, {"Hoàng", 4.5}, {"Huỳnh", 0.4},
	{"Phan", 3}, {"Vũ", 3.2}, {"Võ", 0.6}, {"Đặng", 2.1}, {"Bùi", 2}, {"Đỗ", 1.4}, {"Hồ", 1.3},
	{"Ngô", 1.3}, {"Dương", 1}, {"Lý", 0.5}, {"Trịnh", 2.5}, {"Mai", 1.2}, {"Đinh", 1.2},
	{"Đào", 0.8}, {"Cao", 0.8}, {"Lương", 0.6}, {"Tạ", 0.4}, {"Hà", 0.6}, {"Đoàn", 0.6},
	{"Lưu", 0.4}, {"Tống", 0.4}, {"Chu", 0.3}, {"Thiều", 0.2}, {"Lại", 0.3},
}

// highlandFamilies are family names of the Thái and Mường peoples of
// mountainous Thanh Hóa (Mường Lát, Quan Hóa, Quan Sơn, Bá Thước, Lang
// Chánh, Ngọc Lặc, Cẩm Thủy, Thạch Thành, Thường Xuân, Như Xuân, Như Thanh):
// Thái Hà, Lò, Lương, Cầm, Vi, Lộc; Mường Bùi, Quách, Phạm, Hà, Đinh, Trương.
var highlandFamilies = weighted{
	{"Hà", 16}, {"Lò", 9}, {"Lương", 10}, {"Phạm", 12}, {"Cầm", 5}, {"Vi", 6},
	{"Quách", 6}, {"Bùi", 14}, {"Đinh", 6}, {"Trương", 4}, {"Lộc", 3}, {"Ngân", 3},
}

// Middle names: older generations mostly Văn and Thị; younger ones choose
// from a wider set.
var (
	oldMaleMiddle     = weighted{{"Văn", 70}, {"Đình", 6}, {"Xuân", 5}, {"Hữu", 5}, {"Bá", 4}, {"Ngọc", 3}, {"Công", 3}, {"Đức", 4}}
	youngMaleMiddle   = weighted{{"Văn", 25}, {"Minh", 12}, {"Đức", 10}, {"Quang", 7}, {"Gia", 6}, {"Hoàng", 5}, {"Anh", 5}, {"Tuấn", 4}, {"Đình", 4}, {"Xuân", 4}, {"Hữu", 4}, {"Thành", 4}, {"Bảo", 5}, {"Quốc", 5}}
	oldFemaleMiddle   = weighted{{"Thị", 85}, {"Ngọc", 4}, {"Thu", 3}, {"Kim", 3}, {"Hồng", 3}, {"Thanh", 2}}
	youngFemaleMiddle = weighted{{"Thị", 35}, {"Ngọc", 9}, {"Thu", 6}, {"Thùy", 6}, {"Phương", 5}, {"Khánh", 6}, {"Bảo", 6}, {"Minh", 6}, {"Hồng", 4}, {"Mai", 4}, {"Hà", 4}, {"Kim", 3}, {"Thanh", 6}}
)

// Given names, equally likely within a list.
var (
	oldMaleGiven     = []string{"Hùng", "Dũng", "Thắng", "Sơn", "Hải", "Long", "Cường", "Trung", "Bình", "Toàn", "Thành", "Tiến", "Lợi", "Tài", "Vinh", "Hưng", "Quang", "Nghĩa", "Tâm", "Thanh", "Hòa", "Lâm", "Khải", "Nam", "Phúc", "Chiến", "Thịnh", "Tuấn", "Mạnh", "Hòe", "Sửu", "Tý"}
	youngMaleGiven   = []string{"Huy", "Minh", "Nam", "Khánh", "Phong", "Tùng", "Quân", "Hiếu", "Đạt", "Duy", "Bảo", "Khôi", "An", "Phúc", "Kiên", "Việt", "Hoàng", "Long", "Đức", "Trí", "Thái", "Nhật", "Hưng", "Sơn", "Lộc", "Thắng", "Vũ", "Tuấn", "Anh", "Dương"}
	oldFemaleGiven   = []string{"Hoa", "Lan", "Hương", "Hằng", "Mai", "Thảo", "Nga", "Hạnh", "Phương", "Thủy", "Thu", "Yến", "Hà", "Nhung", "Vân", "Dung", "Loan", "Hiền", "Liên", "Oanh", "Tuyết", "Xuân", "Lý", "Cúc", "Đào", "Hồng", "Huệ", "Lệ", "Sen", "Tâm", "Bích", "Ngân"}
	youngFemaleGiven = []string{"Linh", "Trang", "Ngọc", "Huyền", "Anh", "Vy", "My", "Chi", "Nhi", "Ánh", "Duyên", "Giang", "Quỳnh", "Hà", "Thảo", "Hương", "Trâm", "Ngân", "Yến", "Diệp", "Hân", "Uyên", "Thư", "Mai", "Phương", "Nhung", "Như", "Vân", "Thùy", "Lan"}
)

// givenName draws a middle and given name fitting sex and birth year.
func givenName(r *rand.Rand, female bool, year int) string {
	young := year >= 1985
	var mid weighted
	var given []string
	switch {
	case female && young:
		mid, given = youngFemaleMiddle, youngFemaleGiven
	case female:
		mid, given = oldFemaleMiddle, oldFemaleGiven
	case young:
		mid, given = youngMaleMiddle, youngMaleGiven
	default:
		mid, given = oldMaleMiddle, oldMaleGiven
	}
	for {
		m, g := mid.pick(r), given[r.IntN(len(given))]
		if m != g { // no "Minh Minh"
			return m + " " + g
		}
	}
}
