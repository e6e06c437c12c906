package place

import (
	"strings"
	"testing"

	"coso"
)

// An unreadable line is reported with its line, not a panic.
func TestReadCSVUnterminatedQuote(t *testing.T) {
	_, err := ReadCSV(strings.NewReader("code,name,kind,parent_code\n38,Tỉnh Thanh Hoá,province,\n\"39,x\n"))
	es, ok := err.(coso.Errors)
	if !ok || len(es) != 1 || es[0].Line != 3 || es[0].Field != "file" {
		t.Fatalf("got %v, want one file error on line 3", err)
	}
}
