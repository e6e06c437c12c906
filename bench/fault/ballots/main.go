// Command ballots is the fault test of online voting (issue 6) and of
// the platform's writes under SIGKILL (issue 8, "kill -9 during a storm of
// ballots, comments and petitions"): it builds and starts the real `coso
// serve` on a fresh SQLite data directory, prepares a village whose
// households all have a confirmed representative with an API token, opens
// an online vote and a commune consultation, and runs a storm from many
// goroutines while it kills the server with SIGKILL at random moments and
// starts it again. In the storm every household sends its ballot and its
// comment on the consultation (as its representative, over the API), and
// anonymous senders, each from an address of its own, send feedback
// petitions to the commune. Between each kill and the next start the
// database file, opened read-only, must pass SQLite's integrity check.
//
// At the end it proves that every ballot whose receipt was returned is
// counted, and that the ballots counted are exactly one per household,
// each with the choice its household sent; that every comment whose id was
// returned is stored with its section, stance and text, one per household;
// and that every tracking code returned finds its petition. It prints
// "kills: N, acknowledged: ballots X, comments Y, petitions Z, lost: 0"
// and exits 1 on any loss, miscount or failed integrity check.
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

	"coso/app"
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
	flag.IntVar(&c.households, "households", 0, "households of the village, each voting and commenting once; a quarter as many anonymous petitions (default 150 per kill, at least 1000)")
	flag.IntVar(&c.workers, "workers", 32, "goroutines sending ballots at once (half as many send comments, a quarter petitions)")
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
	cleanup, err := workDir(ctx, &c)
	if err != nil {
		return err
	}
	defer cleanup()
	rng := rand.New(rand.NewPCG(c.seed, 6)) // #nosec G404 -- a test's choices and kill moments, reproducible from the seed
	fmt.Printf("seed %d: %d households, %d petitions, %d workers, %d kills, up %v–%v between kills\n",
		c.seed, c.households, c.petitions(), c.workers, c.kills, c.minUp, c.maxUp)
	start := time.Now()
	v, err := prepare(ctx, filepath.Join(c.dir, "data"), c.households, c.petitions(), rng)
	if err != nil {
		return fmt.Errorf("preparing the village: %w", err)
	}
	fmt.Printf("prepared in %v\n", time.Since(start).Round(time.Millisecond))
	srv, err := proc.New(c.bin, c.dir)
	if err != nil {
		return err
	}
	defer srv.Stop()
	// The server would create its identity keys at its first start; making
	// them here proves, before the storm, that petitions can be sealed.
	if _, err := app.LoadIdentityKeys(srv.KeyDir()); err != nil {
		return fmt.Errorf("identity keys: %w", err)
	}
	if err := srv.Start(); err != nil {
		return err
	}
	start = time.Now()
	s := storm(ctx, srv, v, c, rng)
	fmt.Printf("storm over in %v\n", time.Since(start).Round(time.Millisecond))
	for _, k := range kinds {
		fmt.Printf("  %-9s %6d acknowledged, %4d stored without an answer\n", k, len(s.tallies[k].acked), s.tallies[k].unanswered)
	}
	fmt.Printf("  %d failed\n", len(s.failures))
	if len(s.failures) > 0 {
		return fmt.Errorf("the storm failed (%d failures), first: %s", len(s.failures), s.failures[0])
	}
	r, err := verify(ctx, srv, v, s)
	if err != nil {
		return err
	}
	srv.Stop()
	d, err := integrity(srv.DataDir())
	if err != nil {
		return fmt.Errorf("after the final stop: %w", err)
	}
	s.checked(d)
	return report(c, v, s, r)
}

// workDir makes the work directory and builds the binary unless the
// flags name them; cleanup removes the directory unless -keep.
func workDir(ctx context.Context, c *config) (cleanup func(), err error) {
	if c.dir == "" {
		if c.dir, err = os.MkdirTemp("", "coso-fault-"); err != nil {
			return nil, err
		}
	}
	cleanup = func() { _ = os.RemoveAll(c.dir) }
	if c.keep {
		fmt.Println("work directory:", c.dir)
		cleanup = func() {}
	}
	if c.bin == "" {
		c.bin = filepath.Join(c.dir, "coso")
		if err := proc.Build(ctx, c.bin); err != nil {
			cleanup()
			return nil, err
		}
	}
	return cleanup, nil
}

// report prints the verdict and turns any loss into an error.
func report(c config, v *village, s *stormResult, r *verdict) error {
	fmt.Printf("households: %d, counted: %d, per option %v (sent %v)\n", len(v.voters), r.participants, r.counts, r.sent)
	fmt.Printf("comments stored: %d (one per household), petitions received: %d (%d sent; a retry after a lost answer stores one again)\n",
		r.comments, r.petitions, v.petitions)
	fmt.Printf("integrity checks: %d ok (after each kill, the last restart and the final stop), the longest %v\n",
		s.checks, s.longest.Round(time.Millisecond))
	lost := r.lost[ballots] + r.lost[comments] + r.lost[petitions]
	fmt.Printf("kills: %d, acknowledged: ballots %d, comments %d, petitions %d, lost: %d\n", s.kills,
		len(s.tallies[ballots].acked), len(s.tallies[comments].acked), len(s.tallies[petitions].acked), lost)
	switch {
	case s.kills < c.kills:
		return fmt.Errorf("the storm ended after %d kills of %d: give more -households", s.kills, c.kills)
	case lost > 0:
		return fmt.Errorf("acknowledged writes lost: ballots %d, comments %d, petitions %d", r.lost[ballots], r.lost[comments], r.lost[petitions])
	case !r.exact:
		return fmt.Errorf("ballots miscounted: %d participants, per option %v, sent %v", r.participants, r.counts, r.sent)
	case r.comments != len(v.voters):
		return fmt.Errorf("%d comments stored for %d households, each commenting once", r.comments, len(v.voters))
	case r.petitions < len(s.tallies[petitions].acked):
		return fmt.Errorf("the commune received %d petitions, fewer than the %d acknowledged", r.petitions, len(s.tallies[petitions].acked))
	}
	return nil
}

// petitions is how many anonymous petitions the storm sends: one for every
// four households.
func (c config) petitions() int { return max(1, c.households/4) }
