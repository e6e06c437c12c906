// Command run is the benchmark runner of issue 8. In one run, on a
// generated province, it measures each thing beside its reference,
// alternating, for several rounds, and prints medians and ratios as
// Markdown for BENCHMARKS.md:
//
//   - B1 public pages: a commune's home page, its disclosure list and its
//     decisions served by `coso serve`, against a Go file server (another process) serving
//     the same bytes: requests/s at saturation, and the 99th percentile at a
//     fixed rate;
//
//   - B2 durable writes: online ballots and consultation comments against
//     raw single-row inserts into the same engine at the same durability
//     (the store's Go benchmark BenchmarkDurableWrites);
//
//   - B3 province figures: the aggregate queries behind the unit pages
//     (store.Figures), through the platform's driver against the same SQL
//     in the sqlite3 shell or psql;
//
//   - B4 search: accent-insensitive search over every disclosure, 95th
//     percentile;
//
//   - B5 memory and start: peak resident memory of the server after the B1
//     load, and the time from starting it to the first served page.
//
//     go run ./bench/run                                   # the full province on SQLite (generated once into ./bench-data)
//     go run ./bench/run -engine postgres -pg postgres://postgres@127.0.0.1:5432/coso_bench?sslmode=disable
//     go run ./bench/run -smoke                            # a tiny province and short rounds (CI)
//
// It is not part of `go test ./...`.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"coso/app"
	"coso/bench/fault/proc"
	"coso/demo"
	"coso/store"
)

type config struct {
	engine, pg, data, bin string
	scale                 demo.Scale
	rounds, conc, rate    int
	dur                   time.Duration
	searches              int
	smoke                 bool
	static, addr          string // the reference file server's mode
}

func main() {
	var c config
	c.scale = demo.FullProvince
	flag.StringVar(&c.engine, "engine", "sqlite", "sqlite or postgres")
	flag.StringVar(&c.pg, "pg", "", "PostgreSQL URL of an empty database (or one this runner filled before), for -engine postgres")
	flag.StringVar(&c.data, "data", "bench-data", "directory of the SQLite store and uploaded files, kept between runs")
	flag.StringVar(&c.bin, "bin", "", "a built coso binary (default: go build ./cmd/coso)")
	flag.IntVar(&c.scale.Communes, "communes", c.scale.Communes, "communes of the generated province")
	flag.IntVar(&c.scale.VillagesPerCommune, "villages-per-commune", c.scale.VillagesPerCommune, "villages per commune")
	flag.IntVar(&c.scale.HouseholdsPerVillage, "households-per-village", c.scale.HouseholdsPerVillage, "households per village")
	flag.IntVar(&c.scale.DisclosuresPerCommune, "disclosures-per-commune", c.scale.DisclosuresPerCommune, "disclosures per commune")
	flag.IntVar(&c.rounds, "rounds", 3, "rounds, each measuring coso then the reference")
	flag.DurationVar(&c.dur, "duration", 5*time.Second, "length of each load measurement")
	flag.IntVar(&c.conc, "concurrency", 32, "connections at saturation")
	flag.IntVar(&c.rate, "rate", 100, "requests per second of the fixed-rate measurement")
	flag.IntVar(&c.searches, "searches", 200, "search requests for B4")
	flag.BoolVar(&c.smoke, "smoke", false, "a tiny province and short rounds: proves the runner works (CI)")
	flag.StringVar(&c.static, "static", "", "(internal) serve this directory as the reference file server")
	flag.StringVar(&c.addr, "addr", "", "(internal) address of the reference file server")
	flag.Parse()
	if c.static != "" {
		// #nosec G114 -- the reference server of a benchmark, on a local port, for the length of the run
		fmt.Fprintln(os.Stderr, http.ListenAndServe(c.addr, http.FileServer(http.Dir(c.static))))
		os.Exit(1)
	}
	if c.smoke {
		c.scale = demo.Scale{Communes: 2, VillagesPerCommune: 3, HouseholdsPerVillage: 20, DisclosuresPerCommune: 50, Seed: demo.Seed}
		c.rounds, c.dur, c.rate, c.searches, c.conc = 1, 500*time.Millisecond, 20, 20, 4
	}
	if err := run(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, c config) error {
	work, err := os.MkdirTemp("", "coso-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if c.bin == "" {
		c.bin = filepath.Join(work, "coso")
		if err := proc.Build(ctx, c.bin); err != nil {
			return err
		}
	}
	cfg := store.Config{DataDir: filepath.Join(c.data, c.engine)}
	if c.engine == "postgres" {
		if c.pg == "" {
			return fmt.Errorf("-engine postgres needs -pg URL")
		}
		cfg.DSN = c.pg
	}
	if c.smoke {
		cfg.DataDir = filepath.Join(work, "data")
	}
	r := &report{engine: c.engine, cmd: "go run ./bench/run " + strings.Join(os.Args[1:], " ")}
	province, commune, err := prepare(ctx, cfg, c.scale, r)
	if err != nil {
		return err
	}
	srv, err := proc.New(c.bin, work)
	if err != nil {
		return err
	}
	srv.Data = cfg.DataDir
	if cfg.DSN != "" {
		srv.Args = []string{"--db", cfg.DSN}
	}
	defer srv.Stop()
	if err := srv.Launch(); err != nil {
		return err
	}
	if r.start, err = srv.Wait("/units/"+commune, 5*time.Minute); err != nil {
		return err
	}
	pages := []string{"/units/" + commune, "/units/" + commune + "/disclosures", "/units/" + commune + "/decisions"}
	if err := pagesBench(c, srv, work, pages, r); err != nil {
		return err
	}
	r.peakRSS = peakRSS(srv.PID())
	if err := searchBench(c, srv, r); err != nil {
		return err
	}
	if err := figuresBench(ctx, cfg, province, r); err != nil {
		return err
	}
	if err := writesBench(ctx, c, r); err != nil {
		return err
	}
	r.print(os.Stdout, c)
	return nil
}

// prepare generates the province into an empty store, or finds the one an
// earlier run made, and returns the province's id and a commune's code.
func prepare(ctx context.Context, cfg store.Config, sc demo.Scale, r *report) (int64, string, error) {
	s, err := store.Open(ctx, cfg)
	if err != nil {
		return 0, "", err
	}
	defer s.Close()
	units, err := s.Units(ctx, store.UnitFilter{TopLevel: true, Limit: 1})
	if err != nil {
		return 0, "", err
	}
	if len(units) == 0 {
		fmt.Fprintf(os.Stderr, "generating the province (%d communes × %d villages × %d households)…\n",
			sc.Communes, sc.VillagesPerCommune, sc.HouseholdsPerVillage)
		// The generated petitions' identities are sealed with keys of their own.
		keys, err := app.LoadIdentityKeys(filepath.Join(filepath.Dir(cfg.DataDir), "keys"))
		if err != nil {
			return 0, "", err
		}
		s.SetSealer(keys)
		g, err := demo.Generate(ctx, s, sc, nil)
		if err != nil {
			return 0, "", err
		}
		r.gen = g
		if units, err = s.Units(ctx, store.UnitFilter{TopLevel: true, Limit: 1}); err != nil {
			return 0, "", err
		}
	}
	province := units[0]
	communes, err := s.Units(ctx, store.UnitFilter{ParentID: province.ID, Limit: 1})
	if err != nil || len(communes) == 0 {
		return 0, "", fmt.Errorf("no commune in the store: %v", err)
	}
	st, err := s.UnitStats(ctx, province.ID)
	if err != nil {
		return 0, "", err
	}
	r.stats, r.disclosures = st, countDisclosures(ctx, s)
	return province.ID, communes[0].Code, nil
}

func countDisclosures(ctx context.Context, s *store.Store) int {
	var n int
	_ = s.DB().QueryRowContext(ctx, "SELECT COUNT(*) FROM disclosures").Scan(&n)
	return n
}

// freeAddr finds a free local port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	return addr, ln.Close()
}
