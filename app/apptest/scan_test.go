package apptest

import (
	"strings"
	"testing"
)

// The scan finds personal data in every form it is usually written, and
// passes what is not personal data (masked numbers, other digits).
func TestFind(t *testing.T) {
	d := NewData()
	d.Add("Hà Văn Thắng", "0912.345.678", "038078001234")
	d.Add("", "", "an.nguyen@example.vn")
	d.Add("Lò", "not a phone", "") // one-word names are not looked for
	for _, line := range []string{
		`msg=x name="Hà Văn Thắng"`,
		"msg=x name=\"Ha\u0300 Va\u0306n Tha\u0306\u0301ng\"", // NFD
		`msg=x name="HÀ VĂN THẮNG"`,
		`msg=x q="ha van thang"`,
		`msg=x to=+84912345678`,
		`msg=x to=0912345678`,
		`msg=x to="0912 345 678"`,
		`msg=x to=84-912-345-678`,
		`msg=x to="(+84) 912.345.678"`,
		`msg=x id=038078001234`,
		`msg=x id="038 078 001234"`,
		`msg=x err="An.Nguyen@Example.VN: refused"`,
	} {
		if len(d.Find(line)) == 0 {
			t.Errorf("not found in %s", line)
		}
	}
	for _, line := range []string{
		`msg="sms not sent (log sender)" to=+8491****678 chars=90`,
		`msg=x to="0912 *** 678"`,
		`msg=request method=GET path=/units/{code} status=200 ms=3`,
		`msg=x ts=2026-03-02T01:00:00Z`,
		`msg=x name=Lò`,
	} {
		if f := d.Find(line); len(f) != 0 {
			t.Errorf("%s: found %s", line, strings.Join(f, ", "))
		}
	}
}
