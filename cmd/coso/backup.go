package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"coso"
	"coso/store"
)

// backup writes a consistent copy of the store to FILE while the server
// may keep serving. The file appears under its name only when complete.
func backup(ctx context.Context, e *env, args []string) error {
	fs := e.flags("backup")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return coso.Invalid("file", "Cần đúng một tên tệp sao lưu.", "Exactly one backup file name is required.")
	}
	path := fs.Arg(0)
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	tmp, err := os.CreateTemp(filepath.Dir(path), ".coso-backup-*")
	if err != nil {
		return coso.Invalid("file", "Không tạo được tệp: %v", "Cannot create the file: %v", err)
	}
	defer os.Remove(tmp.Name())
	m, err := s.Backup(ctx, tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã sao lưu / backed up: %s (%s, schema %d, %d tệp/files) → %s\n",
		m.CreatedAt.Format("2006-01-02 15:04:05 UTC"), m.Engine, m.SchemaVersion, m.Files, path)
	return nil
}

// restore fills an empty data directory or database from FILE.
func restore(ctx context.Context, e *env, args []string) error {
	fs := e.flags("restore")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return coso.Invalid("file", "Cần đúng một tệp sao lưu.", "Exactly one backup file is required.")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return coso.Invalid("file", "Không mở được tệp: %v", "Cannot open the file: %v", err)
	}
	defer f.Close()
	m, err := store.Restore(ctx, store.Config{DataDir: e.data, DSN: e.db}, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã khôi phục bản sao lưu lúc / restored the backup of %s (%s, schema %d, %d tệp/files).\n",
		m.CreatedAt.Format("2006-01-02 15:04:05 UTC"), m.Engine, m.SchemaVersion, m.Files)
	return nil
}
