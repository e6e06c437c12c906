package coso

import (
	"encoding/csv"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
)

// ReadCSV reads a comma-separated file whose first line names columns, in
// that order (any letter case; a byte-order mark is allowed), and calls row
// with each line that is not blank and its line number. It keeps going
// after a bad line so a person can fix the whole file at once, and returns
// every problem (from the file or from row), each naming its line, sorted
// by line. A file with columns in another order is refused rather than
// misread.
func ReadCSV(r io.Reader, columns []string, row func(rec []string, line int) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return &Error{Code: EInvalid, Field: "file", Line: 1, VI: "Tệp trống.", EN: "The file is empty."}
	}
	if err != nil {
		e := Errorf(EInvalid, "file", "Không đọc được tệp CSV: %v", "Cannot read the CSV file: %v", err)
		e.Line = 1
		return e
	}
	if err := checkHeader(header, columns); err != nil {
		return err
	}
	var errs Errors
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
			errs = append(errs, &Error{Code: EInvalid, Field: "file", Line: line,
				VI: "Dòng không đọc được: " + err.Error(), EN: "Unreadable line: " + err.Error()})
			break
		}
		line, _ := cr.FieldPos(0) // FieldPos may only be asked about a record read without error
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(columns) {
			cols := strings.Join(columns, ",")
			errs = append(errs, &Error{Code: EInvalid, Field: "file", Line: line,
				VI: "Dòng cần đúng " + strconv.Itoa(len(columns)) + " cột: " + cols + ".",
				EN: "A line needs exactly " + strconv.Itoa(len(columns)) + " columns: " + cols + "."})
			continue
		}
		if err := row(rec, line); err != nil {
			errs = append(errs, AtLine(err, line)...)
		}
	}
	SortByLine(errs)
	return errs.Err()
}

func checkHeader(got, want []string) error {
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(got[i], "\ufeff")), want[i])
	}
	if !ok {
		cols := strings.Join(want, ",")
		return &Error{Code: EInvalid, Field: "file", Line: 1,
			VI: "Dòng đầu phải là tiêu đề cột: " + cols, EN: "The first line must name the columns: " + cols}
	}
	return nil
}

// AtLine stamps a line number on every error in err.
func AtLine(err error, line int) Errors {
	var es Errors
	if errors.As(err, &es) {
		for _, e := range es {
			e.Line = line
		}
		return es
	}
	e := AsError(err)
	e.Line = line
	return Errors{e}
}

// SortByLine orders problems by the line they name, keeping the order of
// those on one line.
func SortByLine(es Errors) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Line < es[j].Line })
}
