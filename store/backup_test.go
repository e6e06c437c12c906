package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"coso"
	"coso/disclosure"
	"coso/store"
	"coso/store/storetest"
)

// TestBackupWhileServing backs a store up while drafts keep being written,
// restores it elsewhere, and finds every draft acknowledged before the
// backup started, the attachment's bytes, and a sound database.
func TestBackupWhileServing(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		src := store.Config{DataDir: t.TempDir()}
		backupRoundTrip(t, src, func() store.Config { return store.Config{DataDir: t.TempDir()} })
	})
	if os.Getenv("COSO_TEST_POSTGRES") == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) {
		dsn := storetest.PostgresDSN(t)
		src := store.Config{DataDir: t.TempDir(), DSN: dsn}
		// pg_restore recreates the schema the dump came from, so the
		// target is the same schema, emptied.
		backupRoundTrip(t, src, func() store.Config {
			u, _ := url.Parse(dsn)
			schema := u.Query().Get("search_path")
			q := u.Query()
			q.Del("search_path")
			u.RawQuery = q.Encode()
			db, err := sql.Open("pgx", u.String())
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
				t.Fatal(err)
			}
			return store.Config{DataDir: t.TempDir(), DSN: dsn}
		})
	})
}

func backupRoundTrip(t *testing.T, src store.Config, target func() store.Config) {
	ctx := context.Background()
	s, err := store.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	setupDisclosures(t, s)
	d := draft(t, s, "14845", "7", "Quyết định hỗ trợ hộ nghèo", "Nội dung", ymd(2026, 3, 9))
	pdf := []byte("%PDF-1.4\n% biểu phí thu gom rác\n")
	if _, err := s.AddDisclosureFile(ctx, d.ID, disclosure.Attachment, "bieu-phi.pdf", pdf, "Biểu phí"); err != nil {
		t.Fatal(err)
	}

	// Writers keep going during the backup.
	var mu sync.Mutex
	var acked []int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			x := &disclosure.Disclosure{UnitCode: "14845", Category: "1", Title: fmt.Sprintf("Bản nháp %d", i), Body: "x", DecidedOn: ymd(2026, 3, 9)}
			if err := s.CreateDisclosure(ctx, x); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			acked = append(acked, x.ID)
			mu.Unlock()
		}
	}()
	for { // let some writes land first
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 5 {
			break
		}
	}
	mu.Lock()
	before := append([]int64(nil), acked...)
	mu.Unlock()
	var buf bytes.Buffer
	m, err := s.Backup(ctx, &buf)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if m.Files != 1 || m.SchemaVersion == 0 {
		t.Errorf("manifest %+v", m)
	}

	cfg := target()
	if _, err := store.Restore(ctx, cfg, bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatalf("restore: %v", err)
	}
	r, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, id := range append(before, d.ID) {
		if _, err := r.Disclosure(ctx, id); err != nil {
			t.Errorf("disclosure %d acknowledged before the backup: %v", id, err)
		}
	}
	got, err := r.Disclosure(ctx, d.ID)
	if err != nil || len(got.Files) != 1 {
		t.Fatalf("restored disclosure: %+v %v", got, err)
	}
	_, f, err := r.DisclosureFile(ctx, d.ID, got.Files[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(f)
	_ = f.Close()
	if !bytes.Equal(data, pdf) {
		t.Errorf("attachment bytes differ after restore")
	}
	if r.Dialect() == store.SQLite {
		var ok string
		if err := r.DB().QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Errorf("integrity check: %q %v", ok, err)
		}
	}
	// Writing goes on in the restored store.
	draft(t, r, "14845", "2", "Sau khi khôi phục", "x", ymd(2026, 3, 9))

	// A store with data is never overwritten, and other files are refused.
	if _, err := store.Restore(ctx, cfg, bytes.NewReader(buf.Bytes())); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("restore over data: %v", err)
	}
	other := store.Config{DataDir: t.TempDir()}
	if _, err := store.Restore(ctx, other, strings.NewReader("not a backup")); coso.ErrorCode(err) != coso.EInvalid {
		t.Errorf("restore of a text file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, "files")); err != nil {
		t.Error(err)
	}
}
