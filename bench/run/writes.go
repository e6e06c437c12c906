package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
)

var writesMetric = regexp.MustCompile(`BenchmarkDurableWrites/\w+/(ballot|comment|raw-insert)\S*\s+\d+\s+\d+ ns/op\s+([0-9.]+) writes/s`)

// writesBench runs the store's durable-writes benchmark on the runner's
// engine: online ballots, consultation comments and raw single-row inserts
// at the same durability, in the same run, each round. On PostgreSQL it
// works in schemas of its own in the -pg database, dropped afterwards.
func writesBench(ctx context.Context, c config, r *report) error {
	fmt.Fprintln(os.Stderr, "B2 durable writes")
	n := "2000x"
	if c.smoke {
		n = "50x"
	}
	// #nosec G204 -- the go tool on this module's own benchmark
	cmd := exec.CommandContext(ctx, "go", "test", "./store", "-run", "^$", "-bench", "DurableWrites/"+c.engine+"/",
		"-benchtime", n, "-count", strconv.Itoa(c.rounds))
	cmd.Env = append(os.Environ(), "COSO_TEST_POSTGRES=")
	if c.engine == "postgres" {
		cmd.Env = append(cmd.Env, "COSO_TEST_POSTGRES="+c.pg)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go test -bench DurableWrites: %v: %s", err, out)
	}
	for _, m := range writesMetric.FindAllStringSubmatch(string(out), -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		switch m[1] {
		case "ballot":
			r.ballots = append(r.ballots, v)
		case "comment":
			r.comments = append(r.comments, v)
		default:
			r.inserts = append(r.inserts, v)
		}
	}
	if len(r.ballots) == 0 || len(r.comments) == 0 || len(r.inserts) == 0 {
		return fmt.Errorf("no durable-writes numbers in: %s", out)
	}
	return nil
}
