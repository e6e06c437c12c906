package store

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"coso"
)

// A backup is one gzipped tar file: manifest.json first, then the database
// (coso.db, a consistent copy of the SQLite file, or postgres.dump, the
// custom-format output of pg_dump), then every uploaded file under files/.
// Uploaded files are stored under their hash and never deleted, and they
// are written before the rows that name them, so files copied after the
// database snapshot include every file the snapshot refers to.
const backupFormat = 1

// Manifest describes a backup.
type Manifest struct {
	Format        int       `json:"format"`
	Engine        string    `json:"engine"`
	SchemaVersion int64     `json:"schema_version"`
	CreatedAt     time.Time `json:"created_at"`
	Files         int       `json:"files"`
}

// Backup writes a consistent copy of the store to w while the store keeps
// serving: it holds everything committed before Backup started.
func (s *Store) Backup(ctx context.Context, w io.Writer) (*Manifest, error) {
	version, err := s.Version(ctx)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "coso-backup-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	m := &Manifest{Format: backupFormat, Engine: string(s.dialect), SchemaVersion: version, CreatedAt: s.now().UTC()}
	dbName, dbPath := "coso.db", filepath.Join(tmp, "coso.db")
	if s.dialect == Postgres {
		dbName, dbPath = "postgres.dump", filepath.Join(tmp, "postgres.dump")
		err = s.pgDump(ctx, dbPath)
	} else {
		err = s.sqliteCopy(ctx, dbPath)
	}
	if err != nil {
		return nil, fmt.Errorf("backup: copy the database: %w", err)
	}
	files, err := s.uploadedFiles()
	if err != nil {
		return nil, err
	}
	m.Files = len(files)
	return m, writeArchive(w, m, dbName, dbPath, s.dataDir, files)
}

// sqliteCopy writes a consistent copy of the database to path. VACUUM INTO
// reads one snapshot and writes a compact file; it runs on a connection of
// its own, as the readers are query-only and the writer must stay free for
// the writes that go on meanwhile.
func (s *Store) sqliteCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+uriPath(filepath.Join(s.dataDir, "coso.db"))+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "VACUUM INTO "+quoteLiteral(path)) // #nosec G202 -- our own temporary file's path, quoted as a literal
	return err
}

// uploadedFiles lists the files under the data directory's files/, as
// slash paths relative to the data directory, leaving out unfinished
// uploads.
func (s *Store) uploadedFiles() ([]string, error) {
	var out []string
	root := filepath.Join(s.dataDir, "files")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".upload-") {
			return err
		}
		rel, err := filepath.Rel(s.dataDir, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	return out, err
}

func writeArchive(w io.Writer, m *Manifest, dbName, dbPath, dataDir string, files []string) error {
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	meta, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: "manifest.json", Mode: 0o600, Size: int64(len(meta)), ModTime: m.CreatedAt}); err != nil {
		return err
	}
	if _, err := tw.Write(meta); err != nil {
		return err
	}
	if err := addFile(tw, dbName, dbPath); err != nil {
		return err
	}
	for _, f := range files {
		if err := addFile(tw, f, filepath.Join(dataDir, filepath.FromSlash(f))); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func addFile(tw *tar.Writer, name, path string) error {
	f, err := os.Open(path) // #nosec G304 -- a path under the data directory or our temporary directory
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime()}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// Restore fills an empty store, described by cfg, from a backup made by
// Backup on the same engine, then brings its schema up to date. It refuses
// to overwrite a store that holds data.
func Restore(ctx context.Context, cfg Config, r io.Reader) (*Manifest, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, errNotBackup()
	}
	tr := tar.NewReader(gz)
	m, err := readManifest(tr)
	if err != nil {
		return nil, err
	}
	s, err := open(cfg)
	if err != nil {
		return nil, err
	}
	if string(s.dialect) != m.Engine {
		_ = s.Close() // the engine mismatch is the error to report
		return nil, coso.Invalid("file", "Bản sao lưu này của %s, không khôi phục được vào %s.",
			"This backup is of %s and cannot be restored into %s.", m.Engine, string(s.dialect))
	}
	if err := s.checkEmpty(ctx); err != nil {
		_ = s.Close() // the store's content is the error to report
		return nil, err
	}
	if err := s.restoreEntries(ctx, tr); err != nil {
		_ = s.Close() // the restore error is the one to report
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	// Open again: the restored database may be of an older schema.
	s, err = Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return m, s.Close()
}

func errNotBackup() error {
	return coso.Invalid("file", "Tệp này không phải bản sao lưu của coso.", "This file is not a coso backup.")
}

func readManifest(tr *tar.Reader) (*Manifest, error) {
	h, err := tr.Next()
	if err != nil || h.Name != "manifest.json" || h.Size > 1<<16 {
		return nil, errNotBackup()
	}
	var m Manifest
	if err := json.NewDecoder(io.LimitReader(tr, h.Size)).Decode(&m); err != nil || m.Format != backupFormat {
		return nil, errNotBackup()
	}
	return &m, nil
}

// checkEmpty refuses a store that already holds a schema.
func (s *Store) checkEmpty(ctx context.Context) error {
	q := "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	if s.dialect == Postgres {
		q = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
	}
	var n int
	if err := s.w.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return coso.Errorf(coso.EConflict, "db", "Cơ sở dữ liệu đích đã có dữ liệu; chỉ khôi phục vào một cơ sở dữ liệu trống.",
			"The target database already holds data; restore only into an empty one.")
	}
	return nil
}

func (s *Store) restoreEntries(ctx context.Context, tr *tar.Reader) error {
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return errNotBackup()
		}
		if err := s.restoreEntry(ctx, h, tr); err != nil {
			return err
		}
	}
}

func (s *Store) restoreEntry(ctx context.Context, h *tar.Header, r io.Reader) error {
	switch {
	case h.Name == "coso.db" && s.dialect == SQLite:
		// The open store holds an empty database file: close it, then put
		// the backup in its place with its WAL files gone.
		if err := s.Close(); err != nil {
			return err
		}
		path := filepath.Join(s.dataDir, "coso.db")
		for _, suffix := range []string{"-wal", "-shm"} {
			if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		return writeSynced(path, r)
	case h.Name == "postgres.dump" && s.dialect == Postgres:
		tmp, err := os.MkdirTemp("", "coso-restore-*")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dump := filepath.Join(tmp, "postgres.dump")
		if err := writeSynced(dump, r); err != nil {
			return err
		}
		return s.pgRestore(ctx, dump)
	case strings.HasPrefix(h.Name, "files/") && h.Typeflag == tar.TypeReg:
		rel := filepath.FromSlash(h.Name)
		if !filepath.IsLocal(rel) {
			return errNotBackup()
		}
		path := filepath.Join(s.dataDir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return err
		}
		return writeSynced(path, r)
	}
	return errNotBackup()
}

// writeSynced writes r to path through a synced temporary file.
func writeSynced(path string, r io.Reader) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, r); err != nil { // #nosec G110 -- a backup holds the whole store; its size is the store's
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
