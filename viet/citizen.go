package viet

import (
	"fmt"
	"strings"

	"coso"
)

// birthProvinces are the first three digits of a 12-digit citizen
// identification number (số định danh cá nhân, printed on the CCCD card):
// the province or centrally governed city where the birth was registered,
// as listed in Circular 07/2016/TT-BCA (kept by Circular 59/2021/TT-BCA).
// The codes are those of the 63 provinces before the 2025 merger; numbers
// already issued keep them, and the 34 provinces since then each kept one.
var birthProvinces = map[string]string{
	"001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
	"010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
	"017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
	"025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
	"033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
	"038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
	"046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
	"054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
	"064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
	"072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa – Vũng Tàu", "079": "Hồ Chí Minh",
	"080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long",
	"087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
	"094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

// CitizenID is what a citizen identification number tells about its holder.
// Its fourth digit codes century and sex (Circular 07/2016/TT-BCA art. 7):
// 0/1 a man/woman born 1900–1999, 2/3 born 2000–2099, 4/5 2100–2199, and so
// on up to 8/9; the fifth and sixth digits are the last two digits of the
// birth year; the last six are a serial.
type CitizenID struct {
	Number       string // the 12 digits
	ProvinceCode string // "038"
	Female       bool
	Century      int // first year of the birth century: 1900, 2000, …
	YearSuffix   int // birth year modulo 100
}

// BirthYear is the year of birth the number encodes.
func (c CitizenID) BirthYear() int { return c.Century + c.YearSuffix }

// BirthProvince names the province of birth registration.
func (c CitizenID) BirthProvince() string { return birthProvinces[c.ProvinceCode] }

// ParseCitizenID checks the shape of a citizen identification number
// (spaces between digit groups are allowed) and decodes it. Whether it fits
// a person's sex and birth date is for the caller to check.
func ParseCitizenID(s string) (CitizenID, error) {
	n := strings.Join(strings.Fields(s), "")
	if len(n) != 12 || strings.Trim(n, "0123456789") != "" {
		return CitizenID{}, coso.Invalid("citizen_id",
			"Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số: %q.", "A citizen ID number has exactly 12 digits: %q.", s)
	}
	if _, ok := birthProvinces[n[:3]]; !ok {
		return CitizenID{}, coso.Invalid("citizen_id",
			"Số định danh %s: ba chữ số đầu %s không phải mã tỉnh nơi đăng ký khai sinh.",
			"Citizen ID %s: the first three digits %s are not a province-of-birth code.", n, n[:3])
	}
	g := int(n[3] - '0')
	return CitizenID{
		Number:       n,
		ProvinceCode: n[:3],
		Female:       g%2 == 1,
		Century:      1900 + 100*(g/2),
		YearSuffix:   int(n[4]-'0')*10 + int(n[5]-'0'),
	}, nil
}

// CitizenIDPrefix returns the first six digits a number must have for a
// person born in year with the given sex, registered in province (e.g.
// "038"): how generators and forms build or check one.
func CitizenIDPrefix(province string, female bool, year int) string {
	g := 2 * ((year - 1900) / 100)
	if female {
		g++
	}
	return fmt.Sprintf("%s%d%02d", province, g, year%100)
}
