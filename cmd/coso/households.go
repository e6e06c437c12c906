package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"coso"
	"coso/household"
	"coso/store"
)

func households(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return coso.Invalid("command", "Thiếu lệnh con: import, list hoặc export.", "Missing subcommand: import, list or export.")
	}
	switch args[0] {
	case "import":
		return householdsImport(ctx, e, args[1:])
	case "list":
		return householdsList(ctx, e, args[1:])
	case "export":
		return householdsExport(ctx, e, args[1:])
	}
	return coso.Invalid("command", "Lệnh con không có: %s", "Unknown subcommand: %s", args[0])
}

// villageFlags adds the --village flag every households subcommand needs.
func villageFlags(e *env, name string) (*flag.FlagSet, *string) {
	fs := e.flags(name)
	village := fs.String("village", "", "code of the village or residential group")
	return fs, village
}

func needVillage(code string) error {
	if code == "" {
		return coso.Invalid("village", "Cần --village MÃ (mã thôn, tổ dân phố).", "--village CODE (the village's code) is required.")
	}
	return nil
}

// householdsImport imports a households file (layout in household/CSV.md)
// into one village: all or nothing, every bad line reported.
func householdsImport(ctx context.Context, e *env, args []string) error {
	fs, village := villageFlags(e, "households import")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needVillage(*village); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return coso.Invalid("file", "Cần đúng một tệp CSV (hoặc - để đọc từ đầu vào chuẩn).", "Exactly one CSV file is required (or - for standard input).")
	}
	var in io.Reader = e.stdin
	if name := fs.Arg(0); name != "-" {
		// #nosec G304 -- the operator names the file on the command line
		f, err := os.Open(name)
		if err != nil {
			return coso.Invalid("file", "Không mở được tệp: %v", "Cannot open the file: %v", err)
		}
		defer f.Close()
		in = f
	}
	rows, err := household.ReadCSV(in)
	if err != nil {
		return nothingImported(e, err)
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := s.ImportHouseholds(ctx, *village, rows)
	if err != nil {
		return nothingImported(e, err)
	}
	h, p := res.Households, res.Persons
	if !res.Changed() {
		fmt.Fprintf(e.stdout, "Không có gì thay đổi: %d hộ, %d người đã có sẵn. / Nothing changed: all %d households and %d persons already present.\n",
			h.Unchanged, p.Unchanged, h.Unchanged, p.Unchanged)
		return nil
	}
	fmt.Fprintf(e.stdout, "Đã nhập / imported: hộ/households %d mới/created, %d cập nhật/updated, %d không đổi/unchanged; "+
		"người/persons %d mới/created, %d cập nhật/updated, %d không đổi/unchanged.\n",
		h.Created, h.Updated, h.Unchanged, p.Created, p.Updated, p.Unchanged)
	return nil
}

// nothingImported prints the file's problems and says that nothing was
// imported; failures of the store itself pass through.
func nothingImported(e *env, err error) error {
	if coso.ErrorCode(err) == coso.EInternal {
		var es coso.Errors
		if !errors.As(err, &es) {
			return err
		}
	}
	printError(e.stderr, err)
	return coso.Errorf(coso.EInvalid, "", "Không nhập gì (tất cả hoặc không).", "Nothing was imported (all or nothing).")
}

// householdsList prints the households of a village, one a line.
func householdsList(ctx context.Context, e *env, args []string) error {
	fs, village := villageFlags(e, "households list")
	q := fs.String("q", "", "words of a member's name or of the code, with or without diacritics")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needVillage(*village); err != nil {
		return err
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := villageUnit(ctx, s, *village)
	if err != nil {
		return err
	}
	hs, err := s.Households(ctx, store.HouseholdFilter{VillageID: v, Query: *q})
	if err != nil {
		return err
	}
	for _, h := range hs {
		fmt.Fprintf(e.stdout, "%s\t%d\t%s\t%s\n", h.Code, h.MemberCount, h.RepresentativeName, h.Address)
	}
	fmt.Fprintf(e.stderr, "%d hộ / households\n", len(hs))
	return nil
}

// householdsExport writes a village's households in the import layout.
func householdsExport(ctx context.Context, e *env, args []string) error {
	fs, village := villageFlags(e, "households export")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := needVillage(*village); err != nil {
		return err
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := villageUnit(ctx, s, *village)
	if err != nil {
		return err
	}
	hs, err := s.VillageRegister(ctx, v)
	if err != nil {
		return err
	}
	return household.WriteCSV(e.stdout, hs)
}

// villageUnit finds a village or residential group by code.
func villageUnit(ctx context.Context, s *store.Store, code string) (int64, error) {
	u, err := s.UnitByCode(ctx, code)
	if coso.ErrorCode(err) == coso.ENotFound {
		return 0, coso.Invalid("village", "Không có thôn, tổ dân phố %s.", "No village or residential group %s.", code)
	}
	if err != nil {
		return 0, err
	}
	if !u.Kind.IsGrassroots() {
		return 0, coso.Invalid("village", "Đơn vị %s không phải thôn hay tổ dân phố.", "Unit %s is not a village or residential group.", code)
	}
	return u.ID, nil
}
