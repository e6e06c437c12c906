package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"coso"
	"coso/place"
	"coso/store"
)

func units(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return coso.Invalid("command", "Thiếu lệnh con: import, list hoặc merge.", "Missing subcommand: import, list or merge.")
	}
	switch args[0] {
	case "import":
		return unitsImport(ctx, e, args[1:])
	case "list":
		return unitsList(ctx, e, args[1:])
	case "merge":
		return unitsMerge(ctx, e, args[1:])
	}
	return coso.Invalid("command", "Lệnh con không có: %s", "Unknown subcommand: %s", args[0])
}

func unitsImport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("units import")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return coso.Invalid("file", "Cần đúng một tệp CSV.", "Exactly one CSV file is required.")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return coso.Invalid("file", "Không mở được tệp: %v", "Cannot open the file: %v", err)
	}
	defer f.Close()
	rows, err := place.ReadCSV(f)
	if err != nil {
		return err
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.ImportUnits(ctx, rows)
	if err != nil {
		return err
	}
	if res.Created+res.Updated == 0 {
		fmt.Fprintf(e.stdout, "Không có gì thay đổi: %d đơn vị đã có sẵn. / Nothing changed: all %d units already present.\n", res.Unchanged, res.Unchanged)
		return nil
	}
	fmt.Fprintf(e.stdout, "Đã nhập / imported: %d mới/created, %d cập nhật/updated, %d không đổi/unchanged.\n", res.Created, res.Updated, res.Unchanged)
	return nil
}

func unitsList(ctx context.Context, e *env, args []string) error {
	fs := e.flags("units list")
	parent := fs.String("parent", "", "code of the parent unit (default: province-level units)")
	q := fs.String("q", "", "words of the name, with or without diacritics")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	f := store.UnitFilter{Query: *q, TopLevel: *parent == "" && *q == ""}
	if *parent != "" {
		p, err := s.UnitByCode(ctx, *parent)
		if err != nil {
			return err
		}
		f.ParentID = p.ID
	}
	us, err := s.Units(ctx, f)
	if err != nil {
		return err
	}
	for _, u := range us {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", u.Code, u.Kind, u.Name)
	}
	return nil
}

func unitsMerge(ctx context.Context, e *env, args []string) error {
	fs := e.flags("units merge")
	into := fs.String("into", "", "code of the successor unit")
	on := fs.String("on", "", "date the merger takes effect, YYYY-MM-DD")
	note := fs.String("note", "", "legal basis, e.g. the resolution's number")
	if err := fs.Parse(args); err != nil {
		return err
	}
	day, err := time.ParseInLocation("2006-01-02", *on, coso.Zone)
	if err != nil {
		return coso.Invalid("on", "Ngày không hợp lệ (YYYY-MM-DD).", "Invalid date (YYYY-MM-DD).")
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	m := place.Merge{SuccessorCode: *into, MergedCodes: fs.Args(), On: day, Note: *note}
	if err := s.MergeUnits(ctx, m); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã sáp nhập %s vào %s. / Merged %s into %s.\n", strings.Join(m.MergedCodes, ", "), *into, strings.Join(m.MergedCodes, ", "), *into)
	return nil
}
