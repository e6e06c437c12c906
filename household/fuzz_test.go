package household

import (
	"strings"
	"testing"

	"coso"
)

// FuzzReadCSV: any input gives rows or line-numbered errors, never a panic,
// and every row read is a valid member of a household with one representative.
func FuzzReadCSV(f *testing.F) {
	f.Add(header + "V1-H0001,,Hà Văn Thắng,12/03/1978,nam,038078001234,0912 345 678,chủ hộ,x\n")
	f.Add(header + "V1-H0001,\"a,b\",Lò Thị Hoa,1981-07-02,nữ,,,vợ,\nV1-H0001,,X,,m,,,con,x\n")
	f.Add(header + "\"unterminated\n")
	f.Add("x")
	f.Fuzz(func(t *testing.T, text string) {
		rows, err := ReadCSV(strings.NewReader(text))
		if err != nil {
			es, ok := err.(coso.Errors)
			if !ok {
				es = coso.Errors{coso.AsError(err)}
			}
			for _, e := range es {
				if e.Line < 1 || e.Field == "" || e.VI == "" || e.EN == "" || e.Code != coso.EInvalid {
					t.Fatalf("error without line, field or messages: %+v", e)
				}
			}
			return
		}
		for _, r := range rows {
			m := r.Member
			if err := m.Validate(); err != nil {
				t.Fatalf("line %d read but invalid: %v", r.Line, err)
			}
		}
		if _, err := GroupRows(rows); err != nil {
			t.Fatalf("rows read but not grouped: %v", err)
		}
	})
}
