package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"coso"
	"coso/petition"
	"coso/seal"
)

// Sealer seals and opens secrets under keys the database does not hold
// (package seal's Keyring, loaded from the keys directory by the app).
type Sealer interface {
	Seal(plain, aad []byte) ([]byte, error)
	Open(v, aad []byte) ([]byte, error)
	Current() string
}

// sealers holds each store's sealer; like the calendar cache, it lives
// beside the shared Store type rather than in it.
var sealers sync.Map // *Store → Sealer

// SetSealer gives the store the keys that seal petitioners' identities and
// files. Without one, the store refuses to record or open them.
func (s *Store) SetSealer(k Sealer) { sealers.Store(s, k) }

// CanSeal tells whether the store has keys to seal identities.
func (s *Store) CanSeal() bool {
	_, ok := sealers.Load(s)
	return ok
}

var errNoKeys = errors.New("no identity key: the store was opened without the keys directory's identity.keys")

func (s *Store) sealer() (Sealer, error) {
	v, ok := sealers.Load(s)
	if !ok {
		return nil, errNoKeys
	}
	return v.(Sealer), nil
}

// sealedIdentity is an identity as sealed: short JSON names, so the
// ciphertext's length says little.
type sealedIdentity struct {
	Name      string `json:"n,omitempty"`
	Phone     string `json:"p,omitempty"`
	Email     string `json:"e,omitempty"`
	Address   string `json:"a,omitempty"`
	CitizenID string `json:"c,omitempty"`
}

func identityAAD(code string) []byte { return []byte("petition-identity:" + code) }

// sealIdentity returns the identity sealed and bound to the case's code,
// as stored in petitions.identity_sealed ("" when anonymous).
func (s *Store) sealIdentity(code string, id petition.Identity) (string, error) {
	if id.Empty() {
		return "", nil
	}
	k, err := s.sealer()
	if err != nil {
		return "", err
	}
	plain, err := json.Marshal(sealedIdentity(id))
	if err != nil {
		return "", err
	}
	v, err := k.Seal(plain, identityAAD(code))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(v), nil
}

// openIdentity opens a stored identity.
func (s *Store) openIdentity(code, stored string) (petition.Identity, error) {
	if stored == "" {
		return petition.Identity{}, nil
	}
	k, err := s.sealer()
	if err != nil {
		return petition.Identity{}, err
	}
	return OpenIdentity(k, code, stored)
}

// OpenIdentity opens an identity as petitions.identity_sealed stores it,
// with the keys k. The store's own methods decide who may see one; this
// function serves the tests' scan of the logs, which must know every
// identity the tests stored.
func OpenIdentity(k Sealer, code, stored string) (petition.Identity, error) {
	if stored == "" {
		return petition.Identity{}, nil
	}
	v, err := base64.StdEncoding.DecodeString(stored)
	if err != nil {
		return petition.Identity{}, fmt.Errorf("identity of %s: %w", code, seal.ErrBroken)
	}
	plain, err := k.Open(v, identityAAD(code))
	if err != nil {
		return petition.Identity{}, fmt.Errorf("identity of %s: %w", code, err)
	}
	var id sealedIdentity
	if err := json.Unmarshal(plain, &id); err != nil {
		return petition.Identity{}, err
	}
	return petition.Identity(id), nil
}

func fileAAD(blob string) []byte { return []byte("petition-file:" + blob) }

func (s *Store) petitionBlobPath(blob string) string {
	return filepath.Join(s.dataDir, "files", "petitions", blob[:2], blob)
}

// sealFile seals data and writes it under a new random blob name: a
// temporary file synced and renamed into place, so a crash never leaves
// half a file under the name. It returns the blob name and key id.
func (s *Store) sealFile(data []byte) (blob, keyID string, err error) {
	k, err := s.sealer()
	if err != nil {
		return "", "", err
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	blob = hex.EncodeToString(b)
	v, err := k.Seal(data, fileAAD(blob))
	if err != nil {
		return "", "", err
	}
	return blob, k.Current(), s.writeBlob(s.petitionBlobPath(blob), v)
}

func (s *Store) writeBlob(path string, data []byte) error {
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

// openFile reads and opens a sealed blob.
func (s *Store) openFile(blob string) ([]byte, error) {
	k, err := s.sealer()
	if err != nil {
		return nil, err
	}
	if len(blob) != 32 {
		return nil, coso.NotFound("file")
	}
	v, err := os.ReadFile(s.petitionBlobPath(blob)) // #nosec G304 -- blob is a hex name from the database
	if err != nil {
		return nil, err
	}
	return k.Open(v, fileAAD(blob))
}

// RekeyPetitions seals again, under the keyring's current key, every
// identity and file sealed under an older one, so the old key can then be
// dropped from the keyring. It returns how many values it sealed again.
func (s *Store) RekeyPetitions(ctx context.Context) (int, error) {
	k, err := s.sealer()
	if err != nil {
		return 0, err
	}
	n, err := s.rekeyIdentities(ctx, k)
	if err != nil {
		return n, err
	}
	m, err := s.rekeyFiles(ctx, k)
	n += m
	if err != nil || n == 0 {
		return n, err
	}
	return n, s.write(ctx, func(tx *Tx) error {
		return tx.Audit(0, "petition.rekey", "key:"+k.Current(), fmt.Sprintf("%d values sealed again", n))
	})
}

func (s *Store) rekeyIdentities(ctx context.Context, k Sealer) (int, error) {
	type row struct {
		id           int64
		code, sealed string
	}
	rows, err := queryAll(ctx, s.r, func(sc scanner) (row, error) {
		var r row
		err := sc.Scan(&r.id, &r.code, &r.sealed)
		return r, err
	}, "SELECT id, code, identity_sealed FROM petitions WHERE identity_sealed <> '' ORDER BY id")
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range rows {
		v, err := base64.StdEncoding.DecodeString(r.sealed)
		if err != nil || seal.KeyID(v) == k.Current() {
			continue
		}
		id, err := s.openIdentity(r.code, r.sealed)
		if err != nil {
			return n, err
		}
		again, err := s.sealIdentity(r.code, id)
		if err != nil {
			return n, err
		}
		if err := s.write(ctx, func(tx *Tx) error {
			_, err := tx.Exec("UPDATE petitions SET identity_sealed = $1 WHERE id = $2 AND identity_sealed = $3", again, r.id, r.sealed)
			return err
		}); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (s *Store) rekeyFiles(ctx context.Context, k Sealer) (int, error) {
	type row struct {
		id   int64
		blob string
	}
	rows, err := queryAll(ctx, s.r, func(sc scanner) (row, error) {
		var r row
		err := sc.Scan(&r.id, &r.blob)
		return r, err
	}, "SELECT id, blob FROM petition_files WHERE key_id <> $1 ORDER BY id", k.Current())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range rows {
		data, err := s.openFile(r.blob)
		if err != nil {
			return n, err
		}
		blob, kid, err := s.sealFile(data)
		if err != nil {
			return n, err
		}
		if err := s.write(ctx, func(tx *Tx) error {
			_, err := tx.Exec("UPDATE petition_files SET blob = $1, key_id = $2 WHERE id = $3", blob, kid, r.id)
			return err
		}); err != nil {
			return n, err
		}
		_ = os.Remove(s.petitionBlobPath(r.blob)) // the old sealing; a leftover holds nothing readable without its key
		n++
	}
	return n, nil
}
