package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"coso/app"
)

const petitionsUsage = "petitions newkey [--keys DIR] [--id ID] | petitions rekey [--keys DIR]: rotate the key that seals petitioners' identities"

// petitions runs the key rotation of sealed identities (README-petition.md,
// "Keys"): newkey adds a key that seals from the next start; rekey seals
// every stored identity and file again under the newest key, after which
// the old key's line can be removed.
func petitions(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return errors.New(petitionsUsage)
	}
	fs := e.flags("petitions " + args[0])
	keys := fs.String("keys", envOr("COSO_KEYS", "./coso-keys"), "directory of secret keys (COSO_KEYS)")
	id := fs.String("id", "k"+time.Now().UTC().Format("20060102"), "the new key's id (newkey)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "newkey":
		if err := app.AddIdentityKey(*keys, strings.TrimSpace(*id)); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Đã thêm khóa %s; khởi động lại rồi chạy `coso petitions rekey` / key %s added; restart, then run `coso petitions rekey`.\n", *id, *id)
		return nil
	case "rekey":
		k, err := app.LoadIdentityKeys(*keys)
		if err != nil {
			return err
		}
		s, err := e.open(ctx)
		if err != nil {
			return err
		}
		defer s.Close()
		s.SetSealer(k)
		n, err := s.RekeyPetitions(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Đã niêm phong lại %d giá trị bằng khóa %s / %d values sealed again with key %s.\n", n, k.Current(), n, k.Current())
		if others := len(k.IDs()) - 1; others > 0 {
			fmt.Fprintf(e.stdout, "Có thể xóa %d khóa cũ khỏi identity.keys / the %d older keys may now be removed from identity.keys.\n", others, others)
		}
		return nil
	}
	return errors.New(petitionsUsage)
}
