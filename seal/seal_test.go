package seal_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"coso/seal"
)

func ring(t *testing.T, ids ...string) *seal.Keyring {
	t.Helper()
	var lines []string
	for _, id := range ids {
		l, err := seal.NewLine(id)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	k, err := seal.Parse("# keys\n" + strings.Join(lines, "\n") + "\n")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpen(t *testing.T) {
	k := ring(t, "k1")
	plain := []byte("Nguyễn Văn Tố, 0912 345 678")
	v, err := k.Seal(plain, []byte("case:A"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(v, plain) || bytes.Contains(v, []byte("Nguy")) {
		t.Fatal("sealed value holds the plain text")
	}
	if seal.KeyID(v) != "k1" {
		t.Errorf("key id %q", seal.KeyID(v))
	}
	got, err := k.Open(v, []byte("case:A"))
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := k.Open(v, []byte("case:B")); !errors.Is(err, seal.ErrBroken) {
		t.Errorf("opened under another record: %v", err)
	}
	v[len(v)-1] ^= 1
	if _, err := k.Open(v, []byte("case:A")); !errors.Is(err, seal.ErrBroken) {
		t.Errorf("opened a damaged value: %v", err)
	}
	w, _ := k.Seal(plain, []byte("case:A"))
	if bytes.Equal(v, w) {
		t.Error("two seals of the same value are equal: the nonce is not fresh")
	}
}

// Rotation: a new key seals new values while the old one still opens what
// it sealed; a keyring without the old key cannot.
func TestRotation(t *testing.T) {
	line1, _ := seal.NewLine("k1")
	line2, _ := seal.NewLine("k2")
	old, err := seal.Parse(line1)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := old.Seal([]byte("bí mật"), nil)
	both, err := seal.Parse(line1 + "\n" + line2)
	if err != nil || both.Current() != "k2" {
		t.Fatalf("%v %v", both, err)
	}
	if got, err := both.Open(v, nil); err != nil || string(got) != "bí mật" {
		t.Errorf("the old key no longer opens: %q %v", got, err)
	}
	if w, _ := both.Seal([]byte("mới"), nil); seal.KeyID(w) != "k2" {
		t.Errorf("new values sealed with %s", seal.KeyID(w))
	}
	newOnly, _ := seal.Parse(line2)
	if _, err := newOnly.Open(v, nil); !errors.Is(err, seal.ErrUnknownKey) {
		t.Errorf("opened without its key: %v", err)
	}
}

func TestParse(t *testing.T) {
	for _, bad := range []string{"", "# only a comment", "k1", "k1 abcd", "bad id! " + strings.Repeat("ab", 32),
		"k1 " + strings.Repeat("ab", 32) + "\nk1 " + strings.Repeat("cd", 32)} {
		if _, err := seal.Parse(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	k, err := seal.Parse("a " + strings.Repeat("ab", 32) + ";b " + strings.Repeat("cd", 32))
	if err != nil || k.Current() != "b" || len(k.IDs()) != 2 {
		t.Errorf("two keys on one line separated by ';': %v %v", k, err)
	}
}
