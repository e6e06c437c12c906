// Command ballots is the fault test of online voting (issue 6, "Done
// when"): it builds and starts the real `coso serve` on a fresh SQLite
// data directory, prepares a village whose households all have a
// confirmed representative with an API token, opens an online vote, and
// runs a storm of ballots from many goroutines while it kills the server
// with SIGKILL at random moments and starts it again. At the end it proves
// that every ballot whose receipt was returned is counted, and that the
// ballots counted are exactly one per household, each with the choice its
// household sent.
//
//	go run ./bench/fault/ballots                 # 20 kills
//	go run ./bench/fault/ballots -kills 100
//
// It is not part of `go test ./...`: it takes a while, and it kills
// processes (only the server it started, by its process id).
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"coso/bench/fault/proc"
)

type config struct {
	households, kills, workers int
	minUp, maxUp               time.Duration
	bin, dir                   string
	keep                       bool
	seed                       uint64
}

func main() {
	var c config
	flag.IntVar(&c.kills, "kills", 20, "how many times to kill the server with SIGKILL during the storm")
	flag.IntVar(&c.households, "households", 0, "households of the village, each voting once (default 150 per kill, at least 1000)")
	flag.IntVar(&c.workers, "workers", 32, "goroutines sending ballots at once")
	flag.DurationVar(&c.minUp, "min-up", 100*time.Millisecond, "shortest time the server runs before a kill")
	flag.DurationVar(&c.maxUp, "max-up", 600*time.Millisecond, "longest time the server runs before a kill")
	flag.StringVar(&c.bin, "bin", "", "a built coso binary (default: go build ./cmd/coso into the work directory)")
	flag.StringVar(&c.dir, "dir", "", "work directory (default: a new temporary directory)")
	flag.BoolVar(&c.keep, "keep", false, "keep the work directory (data, keys, server log) afterwards")
	flag.Uint64Var(&c.seed, "seed", uint64(time.Now().UnixNano()), "seed of the choices and kill moments")
	flag.Parse()
	if c.households == 0 {
		c.households = max(1000, 150*c.kills)
	}
	if err := run(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "fault test:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, c config) error {
	if c.dir == "" {
		d, err := os.MkdirTemp("", "coso-fault-")
		if err != nil {
			return err
		}
		c.dir = d
	}
	if !c.keep {
		defer os.RemoveAll(c.dir)
	} else {
		fmt.Println("work directory:", c.dir)
	}
	if c.bin == "" {
		c.bin = filepath.Join(c.dir, "coso")
		if err := proc.Build(ctx, c.bin); err != nil {
			return err
		}
	}
	rng := rand.New(rand.NewPCG(c.seed, 6)) // #nosec G404 -- a test's choices and kill moments, reproducible from the seed
	fmt.Printf("seed %d: %d households, %d workers, %d kills, up %v–%v between kills\n", c.seed, c.households, c.workers, c.kills, c.minUp, c.maxUp)
	start := time.Now()
	v, err := prepare(ctx, filepath.Join(c.dir, "data"), c.households, rng)
	if err != nil {
		return fmt.Errorf("preparing the village: %w", err)
	}
	fmt.Printf("prepared in %v\n", time.Since(start).Round(time.Millisecond))
	srv, err := proc.New(c.bin, c.dir)
	if err != nil {
		return err
	}
	defer srv.Stop()
	if err := srv.Start(); err != nil {
		return err
	}
	start = time.Now()
	s := storm(ctx, srv, v, c, rng)
	fmt.Printf("storm over in %v: %d ballots acknowledged, %d stored without an answer, %d failed\n",
		time.Since(start).Round(time.Millisecond), len(s.receipts), s.unanswered, len(s.failures))
	r, err := verify(ctx, srv, v, s)
	if err != nil {
		return err
	}
	fmt.Printf("households: %d, counted: %d, per option %v (sent %v)\n", len(v.voters), r.participants, r.counts, r.sent)
	fmt.Printf("kills: %d, acknowledged: %d, lost: %d\n", s.kills, len(s.receipts), r.lost)
	switch {
	case s.kills < c.kills:
		return fmt.Errorf("the storm ended after %d kills of %d: give more -households", s.kills, c.kills)
	case len(s.failures) > 0:
		return fmt.Errorf("%d households could not vote, first: %s", len(s.failures), s.failures[0])
	case r.lost > 0 || !r.exact:
		return fmt.Errorf("ballots lost or miscounted")
	}
	return nil
}
