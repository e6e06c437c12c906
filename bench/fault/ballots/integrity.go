package main

import (
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// integrity runs PRAGMA integrity_check on the data directory's SQLite
// file, opened read-only: the check sees the database exactly as the
// killed server left it (its write-ahead log included), and leaves the
// recovery to the next start. It returns how long the check took.
func integrity(dataDir string) (time.Duration, error) {
	start := time.Now()
	u := url.URL{Scheme: "file", Path: filepath.Join(dataDir, "coso.db"), RawQuery: "mode=ro&_pragma=busy_timeout(10000)"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rows, err := db.Query("PRAGMA integrity_check")
	if err != nil {
		return 0, fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return 0, err
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		// The check names up to 100 problems; the first few say enough.
		return 0, fmt.Errorf("integrity check failed (%d problems): %s", len(problems), strings.Join(problems[:min(5, len(problems))], "; "))
	}
	return time.Since(start), nil
}
