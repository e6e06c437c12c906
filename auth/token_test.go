package auth

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	tok, hash, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(tok, TokenPrefix))
	if !strings.HasPrefix(tok, TokenPrefix) || err != nil || len(raw) != 32 {
		t.Fatalf("token %q: want coso_ and 32 random bytes", tok)
	}
	if hash != TokenHash(tok) || len(hash) != 64 || strings.Contains(hash, tok) {
		t.Fatalf("hash %q of %q", hash, tok)
	}
	tok2, hash2, _ := NewToken()
	if tok2 == tok || hash2 == hash {
		t.Error("two tokens are equal")
	}
}
