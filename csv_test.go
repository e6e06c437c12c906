package coso_test

import (
	"errors"
	"strings"
	"testing"

	"coso"
)

func TestReadCSV(t *testing.T) {
	in := "\ufeffCode,Name\n1,a\n\n2\n3,\"c\n"
	var got []int
	err := coso.ReadCSV(strings.NewReader(in), []string{"code", "name"}, func(rec []string, line int) error {
		got = append(got, line)
		if rec[1] == "" {
			return coso.Invalid("name", "Thiếu tên.", "Name missing.")
		}
		return nil
	})
	var es coso.Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("want 2 line errors, got %v", err)
	}
	if es[0].Line != 4 || !strings.Contains(es[0].VI, "2 cột") || es[1].Line != 5 {
		t.Errorf("errors: %+v %+v", es[0], es[1])
	}
	if len(got) != 1 || got[0] != 2 {
		t.Errorf("rows seen on lines %v, want [2]", got)
	}
	if err := coso.ReadCSV(strings.NewReader("name,code\n"), []string{"code", "name"}, nil); err == nil || !strings.Contains(err.Error(), "code,name") {
		t.Errorf("columns in another order: %v", err)
	}
}
