package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"time"

	"coso"
	"coso/viet"
)

const dateLayout = "2006-01-02"

func parseDate(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation(dateLayout, s, coso.Zone)
	if err != nil {
		return time.Time{}
	}
	return t
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(coso.Zone).Format(dateLayout)
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatDate(t)
}

// words splits a search query into folded words.
func words(q string) []string {
	return strings.Fields(viet.Fold(q))
}

// lineError stamps a file line on err, keeping its code and messages.
func lineError(err error, line int) *coso.Error {
	var e *coso.Error
	if errors.As(err, &e) {
		c := *e
		c.Line = line
		return &c
	}
	return &coso.Error{Code: coso.EInvalid, Line: line, VI: "Dòng không nhập được.", EN: "The line could not be imported."}
}

func sortByLine(es coso.Errors) {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Line < es[j].Line })
}

// queryAll runs a read query and scans every row with scan.
func queryAll[T any](ctx context.Context, db *sql.DB, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
