package household

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"

	"coso"
	"coso/viet"
)

// Columns is the layout of a households file (see CSV.md): one person a
// line, under this header line:
//
//	household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative
//
// The columns hold:
//   - household_code: the household's code, e.g. 14845.01-H0001; the lines
//     that share a code are the members of one household, in any order.
//   - address: the household's address; may be empty, or given on one line
//     only; two different addresses for one household are refused.
//   - full_name: the person's full name.
//   - birth_date: YYYY-MM-DD or DD/MM/YYYY; may be empty when unknown (but
//     the representative's is required).
//   - sex: nam or nữ (or male, female).
//   - citizen_id: the 12-digit citizen ID number, or empty.
//   - phone: a Vietnamese mobile number in any usual writing, or empty.
//   - relation: to the head of household: chủ hộ, vợ, con, …
//   - representative: x (or 1, yes, có) on the line of the household's one
//     representative, who must be 18 or older; empty (or 0, no, không)
//     on the other lines.
//
// The file is UTF-8 (a byte-order mark is allowed) and comma separated. `coso households import --village CODE FILE.csv`
// imports it into the village with that code.
var Columns = []string{"household_code", "address", "full_name", "birth_date", "sex", "citizen_id", "phone", "relation", "representative"}

// Row is one line of a households file: a person and their membership of
// the household named by HouseholdCode.
type Row struct {
	Line          int
	HouseholdCode string
	Address       string
	Member        Member // Person, Relation and Representative
}

// Entry is one household assembled from the rows that share its code.
type Entry struct {
	Line      int       // the household's first line
	Household Household // Code, Address and Members
	Lines     []int     // the line of each member
}

// ReadCSV reads a households file laid out as Columns describes. It checks
// every row on its own and every household as a whole, and returns every
// problem, each with its line, so the whole file can be fixed at once; the
// caller imports nothing when there is any error. A household without a
// representative, or with two, is reported on its first line.
func ReadCSV(r io.Reader) ([]Row, error) {
	var rows []Row
	var errs coso.Errors
	err := coso.ReadCSV(r, Columns, func(rec []string, line int) error {
		row, rowErrs := parseRow(rec, line)
		errs = append(errs, rowErrs...)
		if row != nil {
			rows = append(rows, *row)
		}
		return nil
	})
	var fileErrs coso.Errors
	if err != nil && !errors.As(err, &fileErrs) {
		return nil, err // the header: nothing else can be read
	}
	errs = append(errs, fileErrs...)
	if _, err := GroupRows(rows); err != nil {
		errs = append(errs, err.(coso.Errors)...)
	}
	if err := errs.Err(); err != nil {
		coso.SortByLine(errs)
		return nil, errs
	}
	return rows, nil
}

// parseRow reads one record. It returns the row even when some fields are
// bad, so the household checks still see it, unless the record cannot be
// attributed to a household at all.
func parseRow(rec []string, line int) (*Row, coso.Errors) {
	at := func(err error) coso.Errors { return coso.AtLine(err, line) }
	var errs coso.Errors
	row := &Row{Line: line, HouseholdCode: viet.NFC(rec[0]), Address: viet.NFC(rec[1])}
	if err := CheckCode(row.HouseholdCode); err != nil {
		return nil, at(err)
	}
	if len([]rune(row.Address)) > 300 {
		errs = append(errs, at(coso.Invalid("address", "Địa chỉ dài quá 300 ký tự.", "Address is longer than 300 characters."))...)
	}
	m := &row.Member
	m.Person = Person{FullName: rec[2], CitizenID: rec[5], Phone: rec[6]}
	m.Relation = rec[7]
	var err error
	if m.Person.BirthDate, err = ParseDate(rec[3]); err != nil {
		errs = append(errs, at(err)...)
	}
	if m.Person.Sex, err = ParseSex(rec[4]); err != nil {
		errs = append(errs, at(err)...)
	}
	if m.Representative, err = parseMark(rec[8]); err != nil {
		errs = append(errs, at(err)...)
	}
	if err := m.Validate(); err != nil {
		for _, e := range at(err) {
			if e.Field != "sex" || m.Person.Sex != "" { // a bad sex was reported above
				errs = append(errs, e)
			}
		}
	}
	return row, errs
}

// ParseDate reads a date written YYYY-MM-DD or DD/MM/YYYY (the Vietnamese
// order); empty means unknown.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, coso.Zone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, coso.Invalid("birth_date", "Ngày sinh %q phải viết YYYY-MM-DD hoặc DD/MM/YYYY.", "Birth date %q must be written YYYY-MM-DD or DD/MM/YYYY.", s)
}

func parseMark(s string) (bool, error) {
	switch viet.Fold(s) {
	case "x", "1", "yes", "y", "co", "true":
		return true, nil
	case "", "0", "no", "n", "khong", "false":
		return false, nil
	}
	return false, coso.Invalid("representative", "Cột representative ghi x cho người đại diện hoặc để trống: %q.",
		"The representative column holds x for the representative, or nothing: %q.", s)
}

// GroupRows assembles rows into households, in order of first appearance,
// and checks each household as a whole: exactly one representative
// (reported on the household's first line), one address, no person twice,
// and no citizen ID in two households of the file.
func GroupRows(rows []Row) ([]Entry, error) {
	var entries []Entry
	index := map[string]int{}
	ids := map[string]string{} // citizen ID → household code
	var errs coso.Errors
	for _, r := range rows {
		i, ok := index[r.HouseholdCode]
		if !ok {
			i = len(entries)
			index[r.HouseholdCode] = i
			entries = append(entries, Entry{Line: r.Line, Household: Household{Code: r.HouseholdCode}})
		}
		e := &entries[i]
		h := &e.Household
		switch {
		case r.Address == "":
		case h.Address == "":
			h.Address = r.Address
		case viet.Fold(h.Address) != viet.Fold(r.Address):
			errs = append(errs, coso.AtLine(coso.Invalid("address", "Hộ %s đã có địa chỉ khác ở dòng trước.",
				"Household %s has a different address on an earlier line.", h.Code), r.Line)...)
		}
		if err := CheckDistinct(append(h.Members, r.Member)); err != nil {
			errs = append(errs, coso.AtLine(coso.Invalid("full_name", "Người này đã có trong hộ %s ở dòng trước.",
				"This person already appears in household %s on an earlier line.", h.Code), r.Line)...)
		}
		if id := r.Member.Person.CitizenID; id != "" {
			if other, dup := ids[id]; dup && other != h.Code {
				errs = append(errs, coso.AtLine(coso.Invalid("citizen_id", "Số định danh này đã có ở hộ %s.",
					"This citizen ID already appears in household %s.", other), r.Line)...)
			}
			ids[id] = h.Code
		}
		h.Members = append(h.Members, r.Member)
		e.Lines = append(e.Lines, r.Line)
	}
	for _, e := range entries {
		n := 0
		for _, m := range e.Household.Members {
			if m.Representative {
				n++
			}
		}
		switch {
		case n == 0:
			errs = append(errs, coso.AtLine(errNoRepresentative(), e.Line)...)
		case n > 1:
			errs = append(errs, coso.AtLine(errTwoRepresentatives(), e.Line)...)
		}
	}
	if len(errs) > 0 {
		coso.SortByLine(errs)
		return nil, errs
	}
	return entries, nil
}

// WriteCSV writes households, with their Members, in the layout ReadCSV
// reads (dates as YYYY-MM-DD, sex as nam/nữ, phones as 0912 345 678).
func WriteCSV(w io.Writer, hs []Household) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, h := range hs {
		for i, m := range h.Members {
			addr, rep := "", ""
			if i == 0 {
				addr = h.Address
			}
			if m.Representative {
				rep = "x"
			}
			p := m.Person
			rec := []string{h.Code, addr, p.FullName, dateKey(p.BirthDate), strings.ToLower(p.Sex.Name("vi")),
				p.CitizenID, viet.FormatPhone(p.Phone), m.Relation, rep}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// Counts says how many records an import created, updated and left unchanged.
type Counts struct {
	Created, Updated, Unchanged int
}

// ImportResult counts what a households import did.
type ImportResult struct {
	Households Counts
	Persons    Counts
}

// Changed tells whether the import changed anything.
func (r ImportResult) Changed() bool {
	return r.Households.Created+r.Households.Updated+r.Persons.Created+r.Persons.Updated > 0
}
