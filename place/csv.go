package place

import (
	"io"
	"strings"

	"coso"
)

// Row is one unit read from an import file, with the line it came from.
type Row struct {
	Line int
	Unit Unit
}

// unitColumns is the layout of a units file: code,name,kind,parent_code.
var unitColumns = []string{"code", "name", "kind", "parent_code"}

// ReadCSV reads a units file and checks each row on its own. It returns
// every bad row, each naming its line, so a person can fix the whole file at
// once; the caller imports nothing when there is any error.
func ReadCSV(r io.Reader) ([]Row, error) {
	var rows []Row
	seen := map[string]int{}
	err := coso.ReadCSV(r, unitColumns, func(rec []string, line int) error {
		u := Unit{Code: rec[0], Name: rec[1], Kind: Kind(strings.TrimSpace(rec[2])), ParentCode: rec[3]}
		if err := u.Validate(); err != nil {
			return err
		}
		if _, dup := seen[u.Code]; dup {
			return coso.Invalid("code", "Mã %s đã có ở dòng trước.", "Code %s already appears on an earlier line.", u.Code)
		}
		seen[u.Code] = line
		rows = append(rows, Row{Line: line, Unit: u})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created, Updated, Unchanged int
}
