package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"coso/store"
)

// figureResult is one aggregate query's B3 numbers, in milliseconds.
type figureResult struct {
	name        string
	coso, shell []float64
	shellName   string
}

// figuresBench times each query of store.Figures for the province through
// the platform's driver, and the same SQL in the engine's own shell.
func figuresBench(ctx context.Context, cfg store.Config, province int64, r *report) error {
	fmt.Fprintln(os.Stderr, "B3 figures")
	s, err := store.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	const times = 5
	for _, f := range store.Figures() {
		fr := &figureResult{name: f.Name}
		for range times {
			start := time.Now()
			rows, err := s.DB().QueryContext(ctx, f.SQL, province)
			if err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
			for rows.Next() {
			}
			if err := rows.Close(); err != nil {
				return err
			}
			fr.coso = append(fr.coso, ms(time.Since(start)))
		}
		sql := strings.ReplaceAll(f.SQL, "$1", strconv.FormatInt(province, 10))
		if cfg.DSN == "" {
			fr.shellName = "sqlite3"
			fr.shell, err = sqliteShell(filepath.Join(cfg.DataDir, "coso.db"), sql, times)
		} else {
			fr.shellName = "psql"
			fr.shell, err = psql(cfg.DSN, sql, times)
		}
		if err != nil {
			return fmt.Errorf("%s in %s: %w", f.Name, fr.shellName, err)
		}
		r.figures = append(r.figures, fr)
	}
	return nil
}

var sqliteTime = regexp.MustCompile(`Run Time: real ([0-9.]+)`)

func sqliteShell(db, sql string, times int) ([]float64, error) {
	script := ".timer on\n" + strings.Repeat(sql+";\n", times)
	cmd := exec.Command("sqlite3", "-readonly", db) // #nosec G204 -- the sqlite3 shell on our own database file
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, out)
	}
	var msList []float64
	for _, m := range sqliteTime.FindAllStringSubmatch(string(out), -1) {
		sec, _ := strconv.ParseFloat(m[1], 64)
		msList = append(msList, sec*1000)
	}
	if len(msList) != times {
		return nil, fmt.Errorf("sqlite3 printed %d timings: %s", len(msList), out)
	}
	return msList, nil
}

var psqlTime = regexp.MustCompile(`Time: ([0-9.]+) ms`)

func psql(dsn, sql string, times int) ([]float64, error) {
	args := []string{"-X", "-q", dsn, "-c", `\timing on`}
	for range times {
		args = append(args, "-c", sql)
	}
	out, err := exec.Command("psql", args...).CombinedOutput() // #nosec G204 -- psql with our own query
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, out)
	}
	var msList []float64
	for _, m := range psqlTime.FindAllStringSubmatch(string(out), -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		msList = append(msList, v)
	}
	if len(msList) != times {
		return nil, fmt.Errorf("psql printed %d timings: %s", len(msList), out)
	}
	return msList, nil
}
