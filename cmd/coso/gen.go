package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"coso"
	"coso/app"
	"coso/demo"
)

// gen fills an empty store with a synthetic province (issue 8).
func gen(ctx context.Context, e *env, args []string) error {
	fs := e.flags("gen")
	sc := demo.FullProvince
	fs.IntVar(&sc.Communes, "communes", sc.Communes, "communes and wards (real names from the units file, then synthetic ones)")
	fs.IntVar(&sc.VillagesPerCommune, "villages-per-commune", sc.VillagesPerCommune, "villages or residential groups per commune")
	fs.IntVar(&sc.HouseholdsPerVillage, "households-per-village", sc.HouseholdsPerVillage, "households per village")
	fs.IntVar(&sc.DisclosuresPerCommune, "disclosures-per-commune", sc.DisclosuresPerCommune, "published disclosures per commune over the past year")
	fs.Uint64Var(&sc.Seed, "seed", sc.Seed, "the same seed gives the same province")
	units := fs.String("units", "", "units CSV to take the province and its communes from (default: Thanh Hóa's 166)")
	keys := fs.String("keys", envOr("COSO_KEYS", "./coso-keys"), "directory of secret keys (as for serve): the generated petitions' identities are sealed with them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if sc.Communes < 1 || sc.VillagesPerCommune < 1 || sc.VillagesPerCommune > 99 || sc.HouseholdsPerVillage < 1 || sc.HouseholdsPerVillage > 9999 || sc.DisclosuresPerCommune < 0 {
		return coso.Invalid("scale", "Cần ít nhất 1 xã, 1–99 thôn mỗi xã, 1–9999 hộ mỗi thôn.",
			"Needs at least 1 commune, 1–99 villages per commune, 1–9999 households per village.")
	}
	if *units != "" {
		f, err := os.Open(*units)
		if err != nil {
			return coso.Invalid("units", "Không mở được tệp: %v", "Cannot open the file: %v", err)
		}
		defer f.Close()
		sc.Units = f
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	identity, err := app.LoadIdentityKeys(*keys)
	if err != nil {
		return err
	}
	s.SetSealer(identity)
	last := time.Now()
	g, err := demo.Generate(ctx, s, sc, func(done, all, households, persons int) {
		if time.Since(last) > 5*time.Second || done == all {
			last = time.Now()
			fmt.Fprintf(e.stderr, "  %d/%d thôn/villages, %d hộ/households, %d người/persons\n", done, all, households, persons)
		}
	})
	if err != nil {
		return err
	}
	a := g.Activity
	fmt.Fprintf(e.stdout, "Đã sinh / generated: %d xã/communes, %d thôn/villages, %d hộ/households, %d người/persons, %d thông tin công khai/disclosures, "+
		"%d cuộc lấy ý kiến/consultations (%d ý kiến/opinions), %d việc dân quyết/matters (%d phiếu trực tuyến/online ballots), %d đơn thư/petitions in %s (%s)\n",
		g.Communes, g.Villages, g.Households, g.Persons, g.Disclosures, a.Consultations, a.Opinions, a.Matters, a.Ballots, a.Petitions, g.Took.Round(time.Second), s.Dialect())
	return nil
}
