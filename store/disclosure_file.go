package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"coso"
	"coso/disclosure"
	"coso/viet"
)

// maxIndexedText bounds the attachment text kept for search per
// disclosure; a tsvector holds at most 1 MB.
const maxIndexedText = 200_000

const fileColumns = `id, disclosure_id, kind, name, content_type, size, sha256, text, created_at`

func scanFile(row scanner) (*disclosure.File, error) {
	var f disclosure.File
	var kind string
	if err := row.Scan(&f.ID, &f.DisclosureID, &kind, &f.Name, &f.Type, &f.Size, &f.SHA256, &f.Text, &f.CreatedAt); err != nil {
		return nil, err
	}
	f.Kind = disclosure.FileKind(kind)
	return &f, nil
}

// AddDisclosureFile stores an attachment or a piece of evidence. Its type
// is found from its content (disclosure.Sniff), never from its name; text
// is what could be read from it for search (empty when nothing could).
// The bytes go under the data directory's files/disclosures folder, named
// by their SHA-256, before the row that points at them is committed.
func (s *Store) AddDisclosureFile(ctx context.Context, id int64, kind disclosure.FileKind, name string, data []byte, text string) (*disclosure.File, error) {
	if kind != disclosure.Attachment && kind != disclosure.Evidence {
		return nil, coso.Invalid("kind", "Loại tệp phải là đính kèm hoặc minh chứng.", "The file must be an attachment or evidence.")
	}
	typ, err := disclosure.Sniff(name, data)
	if err != nil {
		return nil, err
	}
	if kind == disclosure.Evidence && typ != "application/pdf" && !strings.HasPrefix(typ, "image/") {
		return nil, coso.Invalid("file", "Minh chứng phải là ảnh hoặc bản quét PDF.", "Evidence must be a photo or a scanned PDF.")
	}
	sum := sha256.Sum256(data)
	f := &disclosure.File{DisclosureID: id, Kind: kind, Name: disclosure.CleanName(name, typ), Type: typ,
		Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Text: viet.Text(text)}
	if err := s.saveBlob(f.SHA256, data); err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *Tx) error {
		d, err := tx.disclosureForUpdate(id)
		if err != nil {
			return err
		}
		if d.Status == disclosure.Withdrawn {
			return disclosure.ErrNotPublished()
		}
		if kind == disclosure.Evidence && d.Status != disclosure.Published {
			return disclosure.ErrNotPublished()
		}
		f.CreatedAt = s.stamp()
		f.ID, err = tx.Insert(`INSERT INTO disclosure_files (disclosure_id, kind, name, content_type, size, sha256, text, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, string(kind), f.Name, f.Type, f.Size, f.SHA256, f.Text, f.CreatedAt)
		if err != nil {
			return err
		}
		if kind == disclosure.Attachment {
			if err := tx.refreshFileText(id); err != nil {
				return err
			}
		}
		return tx.Audit(d.UnitID, "disclosure.file", disclosureObject(id), fmt.Sprintf("%s file:%d %s %d bytes", kind, f.ID, f.Type, f.Size))
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// refreshFileText folds the text of every attachment into the
// disclosure's searchable text.
func (tx *Tx) refreshFileText(id int64) error {
	rows, err := tx.Query("SELECT text FROM disclosure_files WHERE disclosure_id = $1 AND kind = 'attachment' ORDER BY id", id)
	if err != nil {
		return err
	}
	var b strings.Builder
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			_ = rows.Close()
			return err
		}
		b.WriteString(viet.Fold(t))
		b.WriteByte(' ')
	}
	_ = rows.Close()
	folded := b.String()
	if len(folded) > maxIndexedText {
		folded = folded[:strings.LastIndexByte(folded[:maxIndexedText], ' ')+1]
	}
	if _, err := tx.Exec("UPDATE disclosures SET files_folded = $1 WHERE id = $2", strings.TrimSpace(folded), id); err != nil {
		return err
	}
	return tx.indexDisclosure(id)
}

func (s *Store) disclosureFiles(ctx context.Context, id int64) ([]disclosure.File, error) {
	return queryAll(ctx, s.r, func(row scanner) (disclosure.File, error) {
		f, err := scanFile(row)
		if err != nil {
			return disclosure.File{}, err
		}
		return *f, nil
	}, "SELECT "+fileColumns+" FROM disclosure_files WHERE disclosure_id = $1 ORDER BY id", id)
}

// DisclosureFile returns file fileID of disclosure id and opens its bytes.
// The caller closes the file.
func (s *Store) DisclosureFile(ctx context.Context, id, fileID int64) (*disclosure.File, *os.File, error) {
	f, err := scanFile(s.r.QueryRowContext(ctx, "SELECT "+fileColumns+" FROM disclosure_files WHERE id = $1 AND disclosure_id = $2", fileID, id))
	if err == sql.ErrNoRows {
		return nil, nil, coso.NotFound(fmt.Sprintf("file %d", fileID))
	}
	if err != nil {
		return nil, nil, err
	}
	r, err := os.Open(s.blobPath(f.SHA256))
	if err != nil {
		return nil, nil, fmt.Errorf("file %d: %w", f.ID, err)
	}
	return f, r, nil
}

func (s *Store) blobPath(sum string) string {
	return filepath.Join(s.dataDir, "files", "disclosures", sum[:2], sum)
}

// saveBlob writes data under its hash, once: a temporary file synced and
// renamed into place, so a crash never leaves half a file under the name.
func (s *Store) saveBlob(sum string, data []byte) error {
	path := s.blobPath(sum)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
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
