package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"time"

	"coso"
	"coso/calendar"
	"coso/disclosure"
	"coso/household"
	"coso/place"
	"coso/store"
)

// Scale is the size of a generated province (issue 8): the whole of Thanh
// Hóa is 166 communes of about 36 villages of about 185 households.
type Scale struct {
	Communes, VillagesPerCommune, HouseholdsPerVillage int
	DisclosuresPerCommune                              int // a year of disclosures in each commune
	Seed                                               uint64
	Units                                              io.Reader // a units CSV to take communes from; nil for Thanh Hóa's
}

// FullProvince is the scale of issue 8: about 1.1 million households.
var FullProvince = Scale{Communes: 166, VillagesPerCommune: 36, HouseholdsPerVillage: 185, DisclosuresPerCommune: 600, Seed: Seed}

// Progress is told what was made so far.
type Progress func(villagesDone, villages, households, persons int)

// Generated counts what Generate made.
type Generated struct {
	Communes, Villages, Households, Persons, Disclosures int
	Activity                                             Activity
	Took                                                 time.Duration
}

// Generate fills an empty store with a synthetic province at the given
// scale: real commune names and codes from the units file (synthetic ones
// beyond its communes), numbered villages, families with Vietnamese names,
// ages and phones (household.RandomFamily, no citizen ID or phone twice),
// a year of published disclosures, and a year of the other parts
// (genActivity). The same seed gives the same
// province. The store is marked as demo data, so every page says so.
func Generate(ctx context.Context, s *store.Store, sc Scale, progress Progress) (g *Generated, err error) {
	start := time.Now()
	existing, err := s.Units(ctx, store.UnitFilter{TopLevel: true, WithEnded: true, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(existing) > 0 {
		return nil, coso.Errorf(coso.EConflict, "data", "Kho dữ liệu đã có đơn vị; chỉ sinh dữ liệu vào kho trống.",
			"The store already holds units; generate only into an empty store.")
	}
	ctx = coso.WithActor(ctx, coso.Actor{Username: "gen", Role: "system"})
	end, err := s.BulkLoad(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		// Building the deferred indexes is part of generating.
		if err = errors.Join(err, end()); g != nil {
			g.Took = time.Since(start)
		}
	}()
	communes, villages, err := genUnits(sc)
	if err != nil {
		return nil, err
	}
	if _, err := s.ImportUnits(ctx, append(communes, villages...)); err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	if err := s.MarkDemo(ctx); err != nil {
		return nil, err
	}
	g = &Generated{Communes: len(communes) - 1, Villages: len(villages)}
	if err := genHouseholds(ctx, s, sc, villages, g, progress); err != nil {
		return nil, err
	}
	if err := s.AnalyzeHouseholds(ctx); err != nil {
		return nil, err
	}
	n, err := genDisclosures(ctx, s, sc, communes[1:])
	if err != nil {
		return nil, fmt.Errorf("disclosures: %w", err)
	}
	g.Disclosures = n
	if g.Activity, err = genActivity(ctx, s, sc, communes[1:]); err != nil {
		return g, fmt.Errorf("activity: %w", err)
	}
	return g, nil
}

// genUnits returns the province and its communes, then the villages.
func genUnits(sc Scale) (communes, villages []place.Row, err error) {
	src := sc.Units
	if src == nil {
		src = bytes.NewReader(thanhHoaCSV)
	}
	rows, err := place.ReadCSV(src)
	if err != nil {
		return nil, nil, err
	}
	var province place.Row
	var real []place.Row
	for _, r := range rows {
		switch r.Unit.Kind {
		case place.Province:
			if province.Unit.Code == "" {
				province = r
			}
		case place.Commune, place.Ward:
			if r.Unit.ParentCode == province.Unit.Code {
				real = append(real, r)
			}
		}
	}
	if province.Unit.Code == "" {
		return nil, nil, coso.Invalid("units", "Tệp đơn vị không có tỉnh.", "The units file has no province.")
	}
	communes = []place.Row{{Unit: place.Unit{Code: province.Unit.Code, Name: province.Unit.Name, Kind: place.Province}}}
	for i := range sc.Communes {
		c := place.Unit{Code: fmt.Sprintf("9%04d", i+1), Name: fmt.Sprintf("Xã Tổng Hợp %d", i+1), Kind: place.Commune, ParentCode: province.Unit.Code}
		if i < len(real) {
			c = place.Unit{Code: real[i].Unit.Code, Name: real[i].Unit.Name, Kind: real[i].Unit.Kind, ParentCode: province.Unit.Code}
		}
		communes = append(communes, place.Row{Unit: c})
		for v := range sc.VillagesPerCommune {
			kind, name := place.Village, fmt.Sprintf("Thôn %d", v+1)
			if c.Kind == place.Ward {
				kind, name = place.ResidentialGroup, fmt.Sprintf("Tổ dân phố %d", v+1)
			}
			villages = append(villages, place.Row{Unit: place.Unit{Code: fmt.Sprintf("%s.%02d", c.Code, v+1), Name: name, Kind: kind, ParentCode: c.Code}})
		}
	}
	return communes, villages, nil
}

// genHouseholds makes the families of every village on all cores and
// stores each commune in one transaction (the store has one writer),
// through the bulk path that stores what an import would. The
// province-wide uniqueness of citizen IDs and phones is settled in village
// order, so one seed always gives the same province.
func genHouseholds(ctx context.Context, s *store.Store, sc Scale, villages []place.Row, g *Generated, progress Progress) error {
	jobs := make(chan int)
	out := make([]chan []household.Household, len(villages))
	for i := range out {
		out[i] = make(chan []household.Household, 1)
	}
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for i := range jobs {
				// #nosec G115,G404 -- i is a village index; a seeded generator makes the same province every run, no secret
				r := rand.New(rand.NewPCG(sc.Seed, uint64(i)))
				hs := make([]household.Household, 0, sc.HouseholdsPerVillage)
				for k := 1; k <= sc.HouseholdsPerVillage; k++ {
					hs = append(hs, household.RandomFamily(r, villages[i].Unit.Code, k))
				}
				out[i] <- hs
			}
		}()
	}
	// ahead bounds how many villages wait in memory for the writer.
	ahead := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	go func() {
		defer close(jobs)
		for i := range villages {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	d := household.NewDistinct()
	fix := rand.New(rand.NewPCG(sc.Seed, 1<<40)) // #nosec G404 -- seeded on purpose: the same province every run, no secret
	var commune []store.NewVillage
	for i := range villages {
		var hs []household.Household
		select {
		case hs = <-out[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		<-ahead
		for k := range hs {
			d.Fix(fix, &hs[k])
		}
		commune = append(commune, store.NewVillage{Code: villages[i].Unit.Code, Households: hs})
		if i+1 < len(villages) && villages[i+1].Unit.ParentCode == villages[i].Unit.ParentCode {
			continue
		}
		// A commune's villages go in one transaction.
		n, err := s.AddNewHouseholds(ctx, commune...)
		if err != nil {
			return fmt.Errorf("households of %s: %w", villages[i].Unit.ParentCode, err)
		}
		for _, v := range commune {
			g.Households += len(v.Households)
		}
		g.Persons += n
		commune = commune[:0]
		if progress != nil {
			progress(i+1, len(villages), g.Households, g.Persons)
		}
	}
	return nil
}

// genDisclosures publishes a year of the sample disclosures in each
// commune, mostly on time, some late.
func genDisclosures(ctx context.Context, s *store.Store, sc Scale, communes []place.Row) (int, error) {
	if sc.DisclosuresPerCommune == 0 {
		return 0, nil
	}
	r := rand.New(rand.NewPCG(sc.Seed, 1<<41)) // #nosec G404 -- seeded on purpose: the same province every run, no secret
	today := calendar.DayOf(s.Now())
	n := 0
	for _, c := range communes {
		u, err := s.UnitByCode(ctx, c.Unit.Code)
		if err != nil {
			return n, err
		}
		batch := make([]*disclosure.Disclosure, 0, sc.DisclosuresPerCommune)
		for range sc.DisclosuresPerCommune {
			sm := samples[r.IntN(len(samples))]
			decided := today.AddDate(0, 0, -(20 + r.IntN(345)))
			published := decided.AddDate(0, 0, 1+r.IntN(6))
			if r.IntN(10) == 0 {
				published = decided.AddDate(0, 0, 8+r.IntN(10)) // late
			}
			batch = append(batch, &disclosure.Disclosure{UnitID: u.ID, Category: sm.Category,
				Title: name(sm.Title, u.Name), Body: sm.Body, DecidedOn: decided, PublishedOn: published})
		}
		if err := s.ImportDisclosures(ctx, batch); err != nil {
			return n, err
		}
		n += len(batch)
	}
	return n, nil
}
