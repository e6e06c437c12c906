// Package auth proves who is signing in: password hashes, TOTP codes and
// their QR codes, API tokens, and the official's sign-in that ties them
// together. It stores nothing itself; the store keeps hashes and secrets.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Argon2Params are the cost of argon2id hashing.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// Params is the one place the cost of new password hashes is set: above
// OWASP's minimum for argon2id (19 MiB, 2 passes), within what a 2-core
// server answers in about a tenth of a second. Stored hashes carry their
// own parameters, so raising these later still verifies old hashes;
// NeedsRehash tells when to store a new one.
var Params = Argon2Params{Memory: 64 * 1024, Time: 2, Threads: 2, SaltLen: 16, KeyLen: 32}

// hashing bounds how many hashes run at once, so a burst of sign-ins
// cannot take Memory times the burst.
var hashing = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

var errBadHash = errors.New("auth: not an argon2id PHC string")

// HashPassword returns pw hashed with argon2id as a PHC string:
// $argon2id$v=19$m=65536,t=2,p=2$<salt>$<key> (unpadded standard base64).
func HashPassword(pw string) (string, error) {
	p := Params
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := derive(pw, salt, p)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// VerifyPassword tells whether pw matches the PHC string encoded. The
// error reports a malformed hash, never a wrong password.
func VerifyPassword(encoded, pw string) (bool, error) {
	p, salt, key, err := decode(encoded)
	if err != nil {
		return false, err
	}
	got := derive(pw, salt, p)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash tells whether encoded was made with other parameters than
// Params (or is not a hash at all), so it should be replaced at the next
// successful sign-in.
func NeedsRehash(encoded string) bool {
	p, _, _, err := decode(encoded)
	return err != nil || p != Params
}

// derive normalises pw to NFC, so the same password typed on two
// keyboards (composed or decomposed Vietnamese marks) gives the same key.
func derive(pw string, salt []byte, p Argon2Params) []byte {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2.IDKey([]byte(norm.NFC.String(pw)), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

func decode(encoded string) (p Argon2Params, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errBadHash
	}
	if p.Memory == 0 || p.Time == 0 || p.Threads == 0 || p.Memory > 4*1024*1024 || p.Time > 100 {
		return p, nil, nil, errBadHash // a hash from the database must not make us allocate without bound
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(salt) > 64 || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, errBadHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)&0xff), uint32(len(key)&0xff) // both at most 64
	return p, salt, key, nil
}
