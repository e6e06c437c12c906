// Command coso runs the grassroots democracy platform: the server and the
// administrative commands, all on the same data directory or database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"coso"
	"coso/store"
)

// command is one subcommand of coso.
type command struct {
	name, usage string
	run         func(ctx context.Context, env *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve [--addr HOST:PORT] [--demo]: run the portal, back office and API", serve},
		{"migrate", "migrate: bring the database schema up to date", migrate},
		{"gen", "gen [--communes 166] [--villages-per-commune 36] [--households-per-village 185] [--disclosures-per-commune 600] [--seed N] [--units FILE.csv]: fill an empty store with a synthetic province", gen},
		{"backup", "backup FILE: write a consistent copy of the store (database and uploaded files), while serving", backup},
		{"restore", "restore FILE: fill an empty data directory or database from a backup", restore},
		{"users", usersUsage, users},
		{"units", "units import FILE.csv | units list [--parent CODE] | units merge --into CODE --on YYYY-MM-DD [--note TEXT] CODE...", units},
		{"petitions", petitionsUsage, petitions},
		{"households", "households import --village CODE FILE.csv | households list --village CODE [--q WORDS] | households export --village CODE > FILE.csv", households},
	}
}

// env is what every command shares: the common flags and the output.
type env struct {
	data, db string
	stdout   io.Writer
	stderr   io.Writer
	stdin    io.Reader
	log      *slog.Logger
}

// flags returns a flag set with the flags every command takes: --data and
// --db, defaulting to COSO_DATA and COSO_DB.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("coso "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&e.data, "data", envOr("COSO_DATA", "./coso-data"), "data directory: the SQLite database and uploaded files (COSO_DATA)")
	fs.StringVar(&e.db, "db", os.Getenv("COSO_DB"), "PostgreSQL URL, postgres://…; empty for the embedded SQLite store (COSO_DB)")
	return fs
}

func (e *env) open(ctx context.Context) (*store.Store, error) {
	return store.Open(ctx, store.Config{DataDir: e.data, DSN: e.db})
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command and returns the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			if err == nil {
				return 0
			}
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			printError(stderr, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "coso: lệnh không có / unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "coso: nền tảng dân chủ cơ sở / the grassroots democracy platform")
	fmt.Fprintln(w, "\nCommands (every command takes --data DIR and --db URL):")
	for _, c := range commands() {
		fmt.Fprintln(w, "  coso "+c.usage)
	}
}

// printError prints every error of err in both languages, with its line
// and field, so an officer fixing a file sees all problems at once.
func printError(w io.Writer, err error) {
	var es coso.Errors
	if errors.As(err, &es) {
		fmt.Fprintf(w, "Lỗi / errors: %d\n", len(es))
		for _, e := range es {
			printOne(w, e)
		}
		return
	}
	var ce *coso.Error
	if errors.As(err, &ce) {
		printOne(w, ce)
		return
	}
	fmt.Fprintln(w, "coso:", err)
}

func printOne(w io.Writer, e *coso.Error) {
	where := ""
	if e.Line > 0 {
		where = fmt.Sprintf("dòng/line %d: ", e.Line)
	}
	if e.Field != "" {
		where += e.Field + ": "
	}
	fmt.Fprintf(w, "  %s%s / %s\n", where, e.VI, e.EN)
}
