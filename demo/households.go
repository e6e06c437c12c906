package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"coso/household"
	"coso/store"
)

// Households per demo village: as many as a real village of the delta or
// the mountains has (Law 10/2022/QH15 counts every one of them).
const (
	MinHouseholds = 40
	MaxHouseholds = 120
	// BigVillage is the size of the demo's one large residential group,
	// which meets by clusters (decision.ClusterHouseholds and more).
	BigVillage = 236
)

// sizeOf returns the households a demo village has, when it is set.
func sizeOf(code string) int {
	for _, c := range communes {
		for _, v := range c.Villages {
			if c.Code+"."+v.Suffix == code {
				return v.Households
			}
		}
	}
	return 0
}

// Villages lists the codes of the demo villages and residential groups;
// those of a set size come last, so the others keep their families (each
// draws from its place in the list).
func Villages() []string {
	var out, sized []string
	for _, c := range communes {
		for _, v := range c.Villages {
			if v.Households > 0 {
				sized = append(sized, c.Code+"."+v.Suffix)
			} else {
				out = append(out, c.Code+"."+v.Suffix)
			}
		}
	}
	return append(out, sized...)
}

// loadHouseholds fills each demo village with made-up families, the same on
// every machine: each village draws from its own source seeded with Seed,
// so one village's families do not depend on another's. Each village is
// imported in one transaction, which keeps the demo's start-up short.
func loadHouseholds(ctx context.Context, s *store.Store) error {
	d := household.NewDistinct() // no citizen ID or phone twice in the province
	for i, code := range Villages() {
		if _, err := s.ImportHouseholds(ctx, code, villageRows(i, code, d)); err != nil {
			return fmt.Errorf("demo households of %s: %w", code, err)
		}
	}
	return nil
}

// villageRows makes the families of the i-th demo village as the lines of
// a households file.
func villageRows(i int, code string, d *household.Distinct) []household.Row {
	// #nosec G115,G404 -- the value is bounded by its source (a counter, or a code point below 0x110000)
	r := rand.New(rand.NewPCG(Seed, uint64(i)))
	n := MinHouseholds + r.IntN(MaxHouseholds-MinHouseholds+1)
	if size := sizeOf(code); size > 0 {
		n = size
	}
	var rows []household.Row
	for k := 1; k <= n; k++ {
		h := household.RandomFamily(r, code, k)
		d.Fix(r, &h)
		for j, m := range h.Members {
			row := household.Row{Line: len(rows) + 2, HouseholdCode: h.Code, Member: m}
			if j == 0 {
				row.Address = h.Address
			}
			rows = append(rows, row)
		}
	}
	return rows
}
