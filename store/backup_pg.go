package store

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
)

// PostgreSQL is backed up with its own tools: pg_dump takes one consistent
// snapshot while the server keeps serving, and pg_restore replays it. They
// come with the postgresql-client package. A store on the database's
// default schema dumps the whole database (it is coso's own); a store on a
// schema named by search_path dumps that schema only.

// pgTarget splits the store's URL into what libpq understands and the
// schema named by search_path (a pgx parameter libpq refuses).
func (s *Store) pgTarget() (dsn, schema string, err error) {
	u, err := url.Parse(s.dsn)
	if err != nil {
		return "", "", err
	}
	q := u.Query()
	schema = q.Get("search_path")
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String(), schema, nil
}

func (s *Store) pgDump(ctx context.Context, path string) error {
	dsn, schema, err := s.pgTarget()
	if err != nil {
		return err
	}
	args := []string{"--format=custom", "--no-owner", "--no-privileges", "--file=" + path}
	if schema != "" {
		args = append(args, "--schema="+schema)
	}
	return runPG(ctx, "pg_dump", append(args, "--dbname="+dsn)...)
}

func (s *Store) pgRestore(ctx context.Context, path string) error {
	dsn, schema, err := s.pgTarget()
	if err != nil {
		return err
	}
	args := []string{"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"}
	if schema != "" {
		// The dump creates its schema; the empty one the store opened
		// must go first.
		if _, err := s.w.ExecContext(context.WithoutCancel(ctx), "DROP SCHEMA IF EXISTS "+quoteIdent(schema)); err != nil {
			return err
		}
	}
	return runPG(ctx, "pg_restore", append(args, "--dbname="+dsn, path)...)
}

func runPG(ctx context.Context, tool string, args ...string) error {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, tool, args...) // #nosec G204 -- fixed tool, arguments from the store's own configuration, no shell
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		// pg tools print the URL in some messages: keep only the first line
		// of their complaint and never the password.
		msg, _, _ := strings.Cut(stderr.String(), "\n")
		return fmt.Errorf("%s: %w: %s", tool, err, redactURLs(msg))
	}
	return nil
}

func redactURLs(s string) string {
	for _, f := range strings.Fields(s) {
		if u, err := url.Parse(strings.Trim(f, `"'`)); err == nil && u.User != nil {
			s = strings.ReplaceAll(s, f, u.Redacted())
		}
	}
	return s
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
