package app

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"coso/seal"
)

// loadKey reads a 32-byte secret from dir/name, creating it on first use.
// Keys live outside the data directory, so a copy of the database (or a
// backup of the data directory) does not carry the keys that protect it.
func loadKey(dir, name string) ([]byte, error) {
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path) // #nosec G304 -- the key directory is the operator's configuration
	if errors.Is(err, fs.ErrNotExist) {
		return createKey(dir, path)
	}
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", name, err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("key %s: want at least 32 bytes in hex", name)
	}
	return key, nil
}

func createKey(dir, path string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("key directory: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // #nosec G304 -- as above
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", path, err)
	}
	defer f.Close()
	if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
		return nil, err
	}
	return key, f.Sync()
}

// identityKeys is the file of the keys that seal petitioners' and
// denouncers' identities (package seal): one "ID HEX" line per key, the
// last one sealing new values. COSO_IDENTITY_KEYS, when set, holds the
// same lines (separated by newlines or ';') and takes the file's place.
const identityKeys = "identity.keys"

// LoadIdentityKeys reads the identity keyring, creating the file with one
// fresh key on first use.
func LoadIdentityKeys(dir string) (*seal.Keyring, error) {
	if env := os.Getenv("COSO_IDENTITY_KEYS"); env != "" {
		k, err := seal.Parse(env)
		if err != nil {
			return nil, fmt.Errorf("COSO_IDENTITY_KEYS: %w", err)
		}
		return k, nil
	}
	path := filepath.Join(dir, identityKeys)
	b, err := os.ReadFile(path) // #nosec G304 -- the key directory is the operator's configuration
	if errors.Is(err, fs.ErrNotExist) {
		if b, err = createIdentityKeys(dir, path); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("key %s: %w", identityKeys, err)
	}
	k, err := seal.Parse(string(b))
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", identityKeys, err)
	}
	return k, nil
}

func createIdentityKeys(dir, path string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("key directory: %w", err)
	}
	line, err := seal.NewLine("k" + time.Now().UTC().Format("20060102"))
	if err != nil {
		return nil, err
	}
	text := "# coso: keys that seal petitioners' identities. Keep a copy apart from the database backups.\n" +
		"# Rotation: coso petitions newkey --id ID (or add a line), restart, run `coso petitions rekey`, then remove the old line.\n" + line + "\n"
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // #nosec G304 -- as above
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", path, err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		return nil, err
	}
	return []byte(text), f.Sync()
}

// AddIdentityKey appends a fresh key with the given id to the identity
// keyring file, creating it if needed; the new key seals everything new
// from the next start. It refuses when COSO_IDENTITY_KEYS is set (the
// operator keeps the keys there, not in the file).
func AddIdentityKey(dir, id string) error {
	if os.Getenv("COSO_IDENTITY_KEYS") != "" {
		return errors.New("COSO_IDENTITY_KEYS is set: add the key to it instead")
	}
	k, err := LoadIdentityKeys(dir)
	if err != nil {
		return err
	}
	for _, have := range k.IDs() {
		if have == id {
			return fmt.Errorf("key id %s is already in %s", id, identityKeys)
		}
	}
	line, err := seal.NewLine(id)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, identityKeys)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600) // #nosec G304 -- the operator's key directory
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line + "\n"); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
