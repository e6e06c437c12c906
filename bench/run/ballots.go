package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
)

var benchMetric = regexp.MustCompile(`BenchmarkOnlineBallot/(coso-cast|raw-insert)\S*\s+\d+\s+\d+ ns/op\s+([0-9.]+) (ballots|inserts)/s`)

// ballotsBench runs the store's ballot benchmark, which casts durable
// online ballots and makes raw single-row inserts at the same durability
// in the same run, and keeps both rates of every round.
func ballotsBench(ctx context.Context, c config, r *report) error {
	fmt.Fprintln(os.Stderr, "B2 durable writes")
	n := "2000x"
	if c.smoke {
		n = "50x"
	}
	// #nosec G204 -- the go tool on this module's own benchmark
	cmd := exec.CommandContext(ctx, "go", "test", "./store", "-run", "^$", "-bench", "OnlineBallot", "-benchtime", n, "-count", strconv.Itoa(c.rounds))
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go test -bench OnlineBallot: %v: %s", err, out)
	}
	for _, m := range benchMetric.FindAllStringSubmatch(string(out), -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		if m[1] == "coso-cast" {
			r.ballots = append(r.ballots, v)
		} else {
			r.inserts = append(r.inserts, v)
		}
	}
	if len(r.ballots) == 0 || len(r.inserts) == 0 {
		return fmt.Errorf("no ballot benchmark numbers in: %s", out)
	}
	return nil
}
