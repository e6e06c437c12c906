package place

import (
	"encoding/csv"
	"errors"
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
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, coso.Errorf(coso.EInvalid, "file", "Không đọc được tệp CSV: %v", "Cannot read the CSV file: %v", err)
	}
	if err := checkHeader(header, unitColumns); err != nil {
		return nil, err
	}
	var rows []Row
	var errs coso.Errors
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line := 0
			if pe, ok := err.(*csv.ParseError); ok {
				line = pe.Line
			}
			errs = append(errs, &coso.Error{Code: coso.EInvalid, Field: "file", Line: line,
				VI: "Dòng không đọc được: " + err.Error(), EN: "Unreadable line: " + err.Error()})
			break
		}
		line, _ := cr.FieldPos(0) // FieldPos may only be asked about a record read without error
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(unitColumns) {
			errs = append(errs, &coso.Error{Code: coso.EInvalid, Field: "file", Line: line,
				VI: "Dòng cần đúng 4 cột: code,name,kind,parent_code.", EN: "A line needs exactly 4 columns: code,name,kind,parent_code."})
			continue
		}
		u := Unit{Code: rec[0], Name: rec[1], Kind: Kind(strings.TrimSpace(rec[2])), ParentCode: rec[3]}
		if err := u.Validate(); err != nil {
			errs = append(errs, atLine(err, line)...)
			continue
		}
		if _, dup := seen[u.Code]; dup {
			errs = append(errs, &coso.Error{Code: coso.EInvalid, Field: "code", Line: line,
				VI: "Mã " + u.Code + " đã có ở dòng trước.", EN: "Code " + u.Code + " already appears on an earlier line."})
			continue
		}
		seen[u.Code] = line
		rows = append(rows, Row{Line: line, Unit: u})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return rows, nil
}

// checkHeader requires the file's first line to name the columns, so a file
// with columns in another order is refused rather than misread.
func checkHeader(got, want []string) error {
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(got[i], "\ufeff")), want[i])
	}
	if !ok {
		cols := strings.Join(want, ",")
		return &coso.Error{Code: coso.EInvalid, Field: "file", Line: 1,
			VI: "Dòng đầu phải là tiêu đề cột: " + cols, EN: "The first line must name the columns: " + cols}
	}
	return nil
}

// atLine stamps a line number on every error in err.
func atLine(err error, line int) coso.Errors {
	var es coso.Errors
	var one *coso.Error
	if errors.As(err, &es) {
		for _, e := range es {
			e.Line = line
		}
		return es
	}
	if errors.As(err, &one) {
		one.Line = line
		return coso.Errors{one}
	}
	return coso.Errors{{Code: coso.EInvalid, Line: line, VI: err.Error(), EN: err.Error()}}
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created, Updated, Unchanged int
}
