package place

import (
	"errors"
	"strings"
	"testing"

	"coso"
)

// FuzzReadCSV: any file gives valid rows or errors that name a line, a
// field and both messages; never a panic.
func FuzzReadCSV(f *testing.F) {
	f.Add("code,name,kind,parent_code\n38,Tỉnh Thanh Hoá,province,\n14845,Xã Mường Lát,commune,38\n")
	f.Add("\ufeffcode,name,kind,parent_code\n38,\"Tỉnh, Thanh\",province,\n38,x,commune,\n")
	f.Add("code,name,kind,parent_code\n\"unterminated\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		rows, err := ReadCSV(strings.NewReader(text))
		if err != nil {
			var es coso.Errors
			if !errors.As(err, &es) {
				es = coso.Errors{coso.AsError(err)}
			}
			for _, e := range es {
				if e.Line < 1 && e.Field == "file" || e.Field == "" || e.VI == "" || e.EN == "" || e.Code != coso.EInvalid {
					t.Fatalf("error without line, field or messages: %+v", e)
				}
			}
			return
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if err := r.Unit.Validate(); err != nil {
				t.Fatalf("line %d read but invalid: %v", r.Line, err)
			}
			if seen[r.Unit.Code] {
				t.Fatalf("code %s read twice", r.Unit.Code)
			}
			seen[r.Unit.Code] = true
		}
	})
}
