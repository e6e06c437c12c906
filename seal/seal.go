// Package seal encrypts the few secrets the platform keeps in its records
// — a denouncer's identity above all — with AES-256-GCM from the standard
// library, under keys that live outside the database (a key file in the
// keys directory, or an environment variable). Each sealed value names the
// key that sealed it, so keys can be rotated: add a new key, which then
// seals everything new, re-seal the old values (`coso petitions rekey`),
// then drop the old key.
package seal

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Keyring holds the keys that open sealed values and names the one that
// seals new ones.
type Keyring struct {
	current string
	aeads   map[string]cipher.AEAD
	order   []string
}

// KeyLen is the length of a key: AES-256.
const KeyLen = 32

// Parse reads a keyring from text: one key a line, "ID HEX" with a key id
// of 1–16 letters, digits, '-' or '_' and 64 hexadecimal digits; blank
// lines and lines starting with '#' are skipped. The last key seals new
// values; every key opens what it sealed.
func Parse(text string) (*Keyring, error) {
	k := &Keyring{aeads: map[string]cipher.AEAD{}}
	sc := bufio.NewScanner(strings.NewReader(strings.ReplaceAll(text, ";", "\n")))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, hexKey, ok := strings.Cut(line, " ")
		if !ok || !validID(id) {
			return nil, fmt.Errorf("line %d: want \"ID HEX\" with an id of 1–16 letters, digits, '-' or '_'", n)
		}
		key, err := hex.DecodeString(strings.TrimSpace(hexKey))
		if err != nil || len(key) != KeyLen {
			return nil, fmt.Errorf("line %d: key %s: want %d bytes in hex", n, id, KeyLen)
		}
		if _, dup := k.aeads[id]; dup {
			return nil, fmt.Errorf("line %d: key id %s listed twice", n, id)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, err
		}
		k.aeads[id], k.current = aead, id
		k.order = append(k.order, id)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if k.current == "" {
		return nil, errors.New("no key")
	}
	return k, nil
}

func validID(id string) bool {
	if id == "" || len(id) > 16 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// NewLine returns a line for a key file: id and a fresh random key.
func NewLine(id string) (string, error) {
	if !validID(id) {
		return "", fmt.Errorf("key id %q: 1–16 letters, digits, '-' or '_'", id)
	}
	key := make([]byte, KeyLen)
	if _, err := rand.Read(key); err != nil {
		return "", err
	}
	return id + " " + hex.EncodeToString(key), nil
}

// Current is the id of the key that seals new values.
func (k *Keyring) Current() string { return k.current }

// IDs lists the key ids in the order they were given.
func (k *Keyring) IDs() []string { return append([]string(nil), k.order...) }

// Seal encrypts plain, bound to aad (what the value belongs to, so a
// sealed value copied onto another record does not open there). The
// result is: one byte of key id length, the key id, the 12-byte nonce, the
// ciphertext with its tag.
func (k *Keyring) Seal(plain, aad []byte) ([]byte, error) {
	aead := k.aeads[k.current]
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	out := make([]byte, 0, 1+len(k.current)+len(nonce)+len(plain)+aead.Overhead())
	out = append(out, byte(len(k.current))) // #nosec G115 -- Parse keeps key ids to at most 16 bytes
	out = append(out, k.current...)
	out = append(out, nonce...)
	return aead.Seal(out, nonce, plain, aad), nil
}

// ErrUnknownKey reports a value sealed with a key the keyring lacks.
var ErrUnknownKey = errors.New("sealed with a key that is not in the keyring")

// ErrBroken reports a value that does not open: damaged, or bound to
// another record.
var ErrBroken = errors.New("sealed value does not open")

// KeyID returns the id of the key that sealed v ("" when v is not sealed).
func KeyID(v []byte) string {
	if len(v) < 1 || len(v) < 1+int(v[0]) {
		return ""
	}
	return string(v[1 : 1+int(v[0])])
}

// Open decrypts a sealed value bound to aad.
func (k *Keyring) Open(v, aad []byte) ([]byte, error) {
	id := KeyID(v)
	aead, ok := k.aeads[id]
	if !ok {
		if id == "" {
			return nil, ErrBroken
		}
		return nil, fmt.Errorf("%w: %s", ErrUnknownKey, id)
	}
	rest := v[1+len(id):]
	if len(rest) < aead.NonceSize()+aead.Overhead() {
		return nil, ErrBroken
	}
	plain, err := aead.Open(nil, rest[:aead.NonceSize()], rest[aead.NonceSize():], aad)
	if err != nil {
		return nil, ErrBroken
	}
	return plain, nil
}
