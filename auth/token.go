package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// TokenPrefix marks API tokens so secret scanners and people recognise them.
const TokenPrefix = "coso_"

// TokenLifetime is how long an API token from POST /api/v1/auth/token lasts.
const TokenLifetime = 7 * 24 * time.Hour

// NewToken returns a new API token, to show once, and its hash, to store.
// The database holds only hashes, so a copy of it opens no account.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, TokenHash(token), nil
}

// TokenHash is the stored form of a token (hex SHA-256). A token has 256
// random bits, so a fast hash is enough: there is nothing to guess.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
