package auth

import (
	"strings"
	"testing"
)

func TestPasswordRoundTrip(t *testing.T) {
	const pw = "hoa sen nở giữa hồ thu"
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=2,p=2$") {
		t.Fatalf("hash %q is not a PHC argon2id string with the parameters", h)
	}
	if ok, err := VerifyPassword(h, pw); !ok || err != nil {
		t.Fatalf("the password does not verify against its hash: %t %v", ok, err)
	}
	if NeedsRehash(h) {
		t.Error("a fresh hash needs rehashing")
	}
	// The cases below need no full-cost hash.
	defer cheap()()
	h, _ = HashPassword(pw)
	if h2, _ := HashPassword(pw); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	cases := []struct {
		pw   string
		want bool
	}{
		{pw, true},
		{"hoa sen n\u01a1\u0309 gi\u01b0\u0303a h\u00f4\u0300 thu", true}, // decomposed marks: the same password
		{"hoa sen no giua ho thu", false},
		{pw + " ", false},
		{"", false},
	}
	for _, c := range cases {
		ok, err := VerifyPassword(h, c.pw)
		if err != nil || ok != c.want {
			t.Errorf("VerifyPassword(%q) = %t %v, want %t", c.pw, ok, err, c.want)
		}
	}
}

// cheap lowers the cost of hashing until the returned function runs.
func cheap() func() {
	old := Params
	Params.Memory, Params.Time = 1024, 1
	return func() { Params = old }
}

func TestPasswordParams(t *testing.T) {
	restore := cheap()
	h, err := HashPassword("a cheaper hash for this test")
	restore()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h, "$m=1024,t=1,p=2$") {
		t.Fatalf("hash %q does not carry its parameters", h)
	}
	// The stored parameters verify, whatever Params now says.
	if ok, err := VerifyPassword(h, "a cheaper hash for this test"); !ok || err != nil {
		t.Fatalf("old hash no longer verifies: %t %v", ok, err)
	}
	if !NeedsRehash(h) {
		t.Error("a hash with old parameters does not ask for rehashing")
	}
}

func TestMalformedHash(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=65536,t=2,p=2$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=999999999,t=2,p=2$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=19$m=65536,t=2,p=2$!!$a2V5"} {
		if ok, err := VerifyPassword(h, "anything at all"); ok || err == nil {
			t.Errorf("VerifyPassword(%q) = %t %v, want an error", h, ok, err)
		}
		if !NeedsRehash(h) {
			t.Errorf("NeedsRehash(%q) = false", h)
		}
	}
}
