//go:build ignore

// commonpw_gen writes commonpw.txt, the list of common passwords the
// password policy refuses. Run it with `go generate ./account` on a machine
// with Debian's python3-zxcvbn package installed (apt-get install
// python3-zxcvbn). The list is:
//   - the 30,000 most common passwords of zxcvbn's frequency lists
//     (Dropbox, MIT licence; Debian package python3-zxcvbn), and
//   - lists made here that matter once passwords are 12 characters long:
//     Vietnamese words and names people use as passwords and common English
//     bases, each with the suffixes people add to reach a length rule, and
//     keyboard and digit walks.
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
)

const source = "/usr/lib/python3/dist-packages/zxcvbn/frequency_lists.py"

// Vietnamese words, phrases and names as typed without marks.
var vietnamese = strings.Fields(`
matkhau matkhaumoi matkhaucuatoi matkhau123 doimatkhau quenmatkhau
anhyeuem emyeuanh yeuem yeuanh anhyeu emyeu toiyeuem toiyeuanh anhyeuemnhieu emyeuanhnhieu
yeuemmaimai yeuanhmaimai maimaiyeuem maimaibenem anhnhoem emnhoanh nhoem nhoanh thuongem thuonganh
tinhyeu tinhban bantrai bangai nguoiyeu vochong vuive hanhphuc giadinh bame yeume yeuba conyeu
iloveyou iloveyou2 iloveu emlaai anhlaai motminh codon buon vuive
vietnam vietnamvodich vietnamoi hanoi saigon hochiminh danang haiphong cantho hue nhatrang vungtau
thanhhoa samson nghean hatinh ninhbinh namdinh thaibinh quangninh langson laocai
xinchao chaoban chaoem chaoanh tambiet camon xinloi khongbiet khongco khongnho
deptrai xinhgai dethuong langtu hotboy hotgirl congchua hoangtu thienthan
conmeo concho conga conheo conbo concua concon
motaiba mothaibabon motaibabon
quantri quantrivien admin administrator canbo congchuc congdan nhanvien ketoan
ubnd uyban ubndxa ubndphuong xaphuong phuong thonxom thon xom bantin
baomat bimat suthat
dongnai binhduong longan tiengiang bentre
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly
nguyenvan nguyenthi tranvan tranthi levan lethi phamvan phamthi
minh anh linh huong trang lan hoa mai thu hang ngoc phuong thao hung dung tuan nam long son hai
quang thanh trung duc khanh cuong huy viet bao kiet hieu hoai tam tuyet nhung hanh van yen vy
ngan thuy loan nga ha giang diep duyen my uyen chi khoa phuc thinh tai loc dat phat
`)

// Common bases in English, beyond those the zxcvbn list already holds.
var english = strings.Fields(`
password passw0rd p@ssword p@ssw0rd welcome letmein iloveyou sunshine princess football baseball
dragon monkey shadow master qwerty qwertyuiop asdfghjkl zxcvbnm abc abcdef abcdefgh admin
administrator login changeme secret trustno1 superman batman whatever computer internet
`)

// Suffixes people add to reach a length rule.
func suffixes() []string {
	s := []string{"", "!", "@", "#", ".", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678",
		"123456789", "1234567890", "01", "11", "111", "1111", "123!", "123@", "@123", "@1234", "@12345",
		"!@#", "1!", "69", "99", "88", "86", "68", "666", "888", "999", "000", "2468", "1357"}
	for y := 1970; y <= 2030; y++ {
		s = append(s, fmt.Sprint(y), fmt.Sprint(y)+"!", "@"+fmt.Sprint(y))
	}
	return s
}

// Keyboard and digit walks; every run of 12 to 20 characters is added.
var walks = []string{
	"qwertyuiopasdfghjklzxcvbnm", "qwertyuiop1234567890", "1234567890qwertyuiopasdfghjkl",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "qazwsxedcrfvtgbyhnujmikolp", "zaq1xsw2cde3vfr4bgt5nhy6mju7",
	"zxcvbnmasdfghjklqwertyuiop", "poiuytrewqlkjhgfdsamnbvcxz", "q1w2e3r4t5y6u7i8o9p0",
	"1q2w3e4r5t6y7u8i9o0p", "a1b2c3d4e5f6g7h8i9j0", "abcdefghijklmnopqrstuvwxyz",
	"123456789012345678901234567890", "098765432109876543210987654321", "147258369147258369",
	"159753159753159753", "123123123123123123", "321321321321321321", "112233445566778899",
}

func main() {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		p = strings.ToLower(p)
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range zxcvbn() {
		add(p)
	}
	for _, base := range slices.Concat(vietnamese, english) {
		add(base)
		for _, s := range suffixes() {
			if p := base + s; len(p) >= 12 && len(p) <= 24 {
				add(p)
			}
		}
	}
	for _, w := range walks {
		for i := range w {
			for n := 12; n <= 20 && i+n <= len(w); n++ {
				add(w[i : i+n])
			}
		}
	}
	f, err := os.Create("commonpw.txt")
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Common passwords, one a line, lower case. Made by commonpw_gen.go; do not edit.")
	fmt.Fprintln(w, "# From zxcvbn's frequency lists (Dropbox, MIT licence) and lists made for coso.")
	for _, p := range out {
		fmt.Fprintln(w, p)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("commonpw.txt: %d passwords", len(out))
}

// zxcvbn reads the "passwords" list of zxcvbn's frequency_lists.py, a line
// of the form `"passwords": "a,b,c",` (the package may also store it as a
// Python list; both are handled).
func zxcvbn() []string {
	b, err := os.ReadFile(source)
	if err != nil {
		log.Fatalf("%v (apt-get install python3-zxcvbn)", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		rest, ok := strings.CutPrefix(line, `"passwords":`)
		if !ok {
			continue
		}
		rest = strings.Trim(strings.TrimSpace(rest), `,[]"`)
		var list []string
		for _, p := range strings.Split(rest, ",") {
			list = append(list, strings.Trim(strings.TrimSpace(p), `"'`))
		}
		if len(list) < 10000 {
			log.Fatalf("%s: only %d passwords", source, len(list))
		}
		return list
	}
	log.Fatalf("%s: no passwords list", source)
	return nil
}
