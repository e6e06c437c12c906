package store

import (
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
