// Command postgres is the PostgreSQL fault test (issue 8). On a
// PostgreSQL cluster of its own (made with Debian's pg_createcluster and
// dropped at the end, so the machine's main cluster is never touched) it
// runs two `coso serve` processes on the same database, signs an officer
// in on the first, and keeps writing disclosures through both while it
//
//  1. kills the first server with SIGKILL: the second keeps serving every
//     write, and the officer's session works on the second;
//  2. restarts PostgreSQL: writes fail cleanly (503 with a message, never
//     a 500 or a dropped connection) while it is down and succeed after;
//
// and at the end finds every acknowledged write in the database.
//
//	go run ./bench/fault/postgres             # needs root (pg_createcluster)
//	go run ./bench/fault/postgres -writers 16 -keep
//
// It is not part of `go test ./...`: it creates and restarts a cluster.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"coso/bench/fault/proc"
)

const clusterName = "cosofault"

type config struct {
	port, writers int
	bin, dir      string
	keep          bool
}

func main() {
	var c config
	flag.IntVar(&c.port, "port", 54329, "port of the test cluster")
	flag.IntVar(&c.writers, "writers", 8, "goroutines writing at once")
	flag.StringVar(&c.bin, "bin", "", "a built coso binary (default: go build ./cmd/coso into the work directory)")
	flag.StringVar(&c.dir, "dir", "", "work directory (default: a new temporary directory)")
	flag.BoolVar(&c.keep, "keep", false, "keep the work directory and the cluster afterwards")
	flag.Parse()
	if err := run(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "PostgreSQL fault test FAILED:", err)
		os.Exit(1)
	}
	fmt.Println("PostgreSQL fault test passed")
}

func run(ctx context.Context, c config) error {
	if os.Geteuid() != 0 {
		return errors.New("needs root to create a PostgreSQL cluster with pg_createcluster")
	}
	if c.dir == "" {
		d, err := os.MkdirTemp("", "coso-pgfault-")
		if err != nil {
			return err
		}
		c.dir = d
	}
	if !c.keep {
		defer os.RemoveAll(c.dir)
	}
	cl, err := newCluster(ctx, c.port)
	if err != nil {
		return err
	}
	if !c.keep {
		defer cl.drop()
	}
	if c.bin == "" {
		c.bin = filepath.Join(c.dir, "coso")
		if err := proc.Build(ctx, c.bin); err != nil {
			return err
		}
	}
	off, err := prepare(ctx, cl.dsn)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	a, b, err := twoServers(c.bin, c.dir, cl.dsn)
	if err != nil {
		return err
	}
	defer a.Stop()
	defer b.Stop()
	return scenario(ctx, c, cl, a, b, off)
}

// twoServers starts two servers on the same database with the same keys.
func twoServers(bin, dir, dsn string) (*proc.Server, *proc.Server, error) {
	var srv [2]*proc.Server
	for i, name := range []string{"a", "b"} {
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o750); err != nil {
			return nil, nil, err
		}
		s, err := proc.New(bin, d)
		if err != nil {
			return nil, nil, err
		}
		s.Args = []string{"--db", dsn}
		if i == 1 { // the second uses the first one's keys
			if err := copyDir(filepath.Join(dir, "a", "keys"), filepath.Join(d, "keys")); err != nil {
				return nil, nil, err
			}
		}
		if err := s.Start(); err != nil {
			return nil, nil, fmt.Errorf("server %s: %w", name, err)
		}
		srv[i] = s
	}
	return srv[0], srv[1], nil
}

func copyDir(from, to string) error {
	if err := os.MkdirAll(to, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name())) // #nosec G304 -- our own work directory
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o600); err != nil { // #nosec G703 -- copying our own work directory
			return err
		}
	}
	return nil
}

// cluster is a PostgreSQL cluster of this test's own.
type cluster struct {
	version string
	dsn     string
}

func newCluster(ctx context.Context, port int) (*cluster, error) {
	versions, err := os.ReadDir("/etc/postgresql")
	if err != nil || len(versions) == 0 {
		return nil, errors.New("no PostgreSQL installed under /etc/postgresql")
	}
	cl := &cluster{version: versions[len(versions)-1].Name(),
		dsn: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)}
	cl.drop() // a cluster left by an earlier run
	if err := pgctl(ctx, "pg_createcluster", cl.version, clusterName, "-p", fmt.Sprint(port), "--start", "--", "--auth=trust"); err != nil {
		return nil, err
	}
	return cl, nil
}

// restart stops the cluster, leaves it down for a moment, and starts it.
func (cl *cluster) restart(ctx context.Context, down time.Duration) error {
	if err := pgctl(ctx, "pg_ctlcluster", cl.version, clusterName, "stop", "-m", "fast"); err != nil {
		return err
	}
	time.Sleep(down)
	return pgctl(ctx, "pg_ctlcluster", cl.version, clusterName, "start")
}

func (cl *cluster) drop() {
	_ = exec.Command("pg_dropcluster", "--stop", cl.version, clusterName).Run() // #nosec G204 -- fixed tool and names
}

func pgctl(ctx context.Context, tool string, args ...string) error {
	out, err := exec.CommandContext(ctx, tool, args...).CombinedOutput() // #nosec G204 -- Debian's cluster tools with fixed arguments
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", tool, strings.Join(args, " "), err, out)
	}
	return nil
}
