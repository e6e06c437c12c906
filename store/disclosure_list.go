package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"coso"
	"coso/disclosure"
	"coso/viet"
)

// DisclosureFilter selects disclosures for a list or a search.
type DisclosureFilter struct {
	UnitID   int64     // the unit and everything under it; 0: everywhere
	Category string    // "": every category
	From, To time.Time // published between (inclusive); zero: open
	Query    string    // words to find, with or without diacritics: ranked results
	Drafts   bool      // the office's drafts instead of what was published
	Limit    int       // default 50, at most 500
	Cursor   string    // NextCursor of the previous page
}

// DisclosureHit is a disclosure in a list, with its title and a snippet
// of its text where the search words are marked.
type DisclosureHit struct {
	*disclosure.Disclosure
	Rank    float64
	Marks   []viet.Segment // the title, with the matches marked
	Snippet []viet.Segment
}

// DisclosurePage is one page of a list.
type DisclosurePage struct {
	Hits       []DisclosureHit
	NextCursor string // empty on the last page
}

// snippetWords is how many words of the body a search result shows.
const snippetWords = 40

// Disclosures lists published (or, with f.Drafts, draft) disclosures.
// Without a query they come newest first, a page at a time; with one they
// come by relevance: the words are matched accent-insensitively against
// the folded title, body and attachment text, the last word also as a
// prefix, and the matches are marked on the original words. Drafts are
// listed, never searched.
//
// A page is read in two steps: the ids of the page, ranked and filtered
// (inside the FTS5 index on SQLite), then those rows in full, so that no
// body is read or sorted for a row that is not shown.
func (s *Store) Disclosures(ctx context.Context, f DisclosureFilter) (*DisclosurePage, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 500)
	words := searchWords(f.Query)
	if f.Drafts {
		words = nil
	}
	keys, offset, err := s.pageKeys(ctx, f, words)
	if err != nil {
		return nil, err
	}
	page := &DisclosurePage{}
	if len(keys) > f.Limit {
		keys = keys[:f.Limit]
		last := keys[f.Limit-1]
		if len(words) > 0 {
			page.NextCursor = "o" + strconv.Itoa(offset+f.Limit)
		} else {
			page.NextCursor = last.date + "." + strconv.FormatInt(last.id, 10)
		}
	}
	byID, err := s.disclosuresByID(ctx, keys)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if d := byID[k.id]; d != nil {
			h := DisclosureHit{Disclosure: d, Rank: k.rank, Marks: []viet.Segment{{Text: d.Title}}}
			if len(words) > 0 {
				h.Marks = viet.Highlight(d.Title, words, true)
				h.Snippet = viet.Snippet(disclosure.PlainText(d.Body), words, true, snippetWords)
			}
			page.Hits = append(page.Hits, h)
		}
	}
	return page, nil
}

// pageKey is one row of a page: its id, rank and the date the order
// runs on.
type pageKey struct {
	id   int64
	rank float64
	date string
}

// pageKeys selects the ids of one page (and one more, to tell whether
// another page follows).
func (s *Store) pageKeys(ctx context.Context, f DisclosureFilter, words []string) ([]pageKey, int, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	sel, where := "d.id, 0, COALESCE(d.published_on, '')", " WHERE d.published_on IS NOT NULL"
	switch {
	case f.Drafts:
		sel, where = "d.id, 0, d.publish_due", " WHERE d.status = 'draft'"
	case len(words) > 0 && s.dialect == SQLite:
		return s.ftsKeys(ctx, f, words)
	case len(words) > 0:
		return s.tsKeys(ctx, f, words)
	}
	if f.UnitID != 0 {
		sc, err := s.scopeOf(ctx, f.UnitID)
		if err != nil {
			return nil, 0, err
		}
		where += " AND " + sc.where("d", arg)
	}
	if f.Category != "" {
		where += " AND d.category = " + arg(f.Category)
	}
	if !f.From.IsZero() {
		where += " AND d.published_on >= " + arg(formatDate(f.From))
	}
	if !f.To.IsZero() {
		where += " AND d.published_on <= " + arg(formatDate(f.To))
	}
	order, _, err := pageOrder(&where, arg, f, false)
	if err != nil {
		return nil, 0, err
	}
	q := "SELECT " + sel + " FROM disclosures d" + where + order + " LIMIT " + arg(f.Limit+1) // #nosec G202 -- only $n placeholders are joined; values go in args
	keys, err := queryAll(ctx, s.r, scanPageKey, q, args...)
	return keys, 0, err
}

func scanPageKey(row scanner) (pageKey, error) {
	var k pageKey
	err := row.Scan(&k.id, &k.rank, &k.date)
	return k, err
}

// disclosuresByID reads the rows of a page.
func (s *Store) disclosuresByID(ctx context.Context, keys []pageKey) (map[int64]*disclosure.Disclosure, error) {
	out := make(map[int64]*disclosure.Disclosure, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.id
	}
	in, args := inList(ids)
	ds, err := queryAll(ctx, s.r, scanDisclosure, "SELECT "+disclosureColumns+disclosureFrom+"WHERE d.id IN ("+in+")", args...)
	for _, d := range ds {
		out[d.ID] = d
	}
	return out, err
}

// pageOrder adds the keyset condition of the cursor to where and returns
// the ORDER BY clause and, for ranked results, the offset.
func pageOrder(where *string, arg func(any) string, f DisclosureFilter, ranked bool) (string, int, error) {
	bad := coso.Invalid("cursor", "Con trỏ trang không hợp lệ.", "Invalid cursor.")
	if ranked {
		off := 0
		if f.Cursor != "" {
			n, err := strconv.Atoi(strings.TrimPrefix(f.Cursor, "o"))
			if err != nil || n < 0 || !strings.HasPrefix(f.Cursor, "o") || n > 10_000 {
				return "", 0, bad
			}
			off = n
		}
		return " ORDER BY rank DESC, d.published_on DESC, d.id DESC", off, nil
	}
	col, dir, cmp := "d.published_on", "DESC", "<"
	if f.Drafts {
		col, dir, cmp = "d.publish_due", "ASC", ">"
	}
	if f.Cursor != "" {
		date, idText, ok := strings.Cut(f.Cursor, ".")
		id, err := strconv.ParseInt(idText, 10, 64)
		if !ok || err != nil || parseDate(date).IsZero() {
			return "", 0, bad
		}
		d, i := arg(date), arg(id)
		*where += " AND (" + col + " " + cmp + " " + d + " OR (" + col + " = " + d + " AND d.id " + cmp + " " + i + "))"
	}
	return " ORDER BY " + col + " " + dir + ", d.id " + dir, 0, nil
}

// searchWords folds a query into at most 8 words.
func searchWords(q string) []string {
	ws := words(q)
	if len(ws) > 8 {
		ws = ws[:8]
	}
	return ws
}

// ftsQuery is an FTS5 query: every word must match in the texts, the
// last one also as a prefix. Folded words hold only letters and digits;
// the quotes keep FTS5 from reading any of them as an operator.
func ftsQuery(ws []string) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = `"` + strings.ReplaceAll(w, `"`, "") + `"`
	}
	parts[len(parts)-1] += "*"
	return "{title body files} : (" + strings.Join(parts, " ") + ")"
}

// rankWindow bounds the matches a search ranks: the most recently
// recorded ones. Ranking reads a row's sizes per match, so a word found in
// half of a province's 100,000 disclosures would cost a scan of 50,000;
// among the newest 5,000 matches the best come first, and an older item is
// found by adding a word or a date.
var rankWindow = 5000

// ftsKeys ranks a search inside the SQLite FTS5 index: the filters are
// tokens of its scope column. The newest rankWindow matches are read
// newest first (FTS5 walks its rowids backwards and stops there), and
// only they are ranked.
func (s *Store) ftsKeys(ctx context.Context, f DisclosureFilter, words []string) ([]pageKey, int, error) {
	match := ftsQuery(words)
	if f.UnitID != 0 {
		sc, err := s.scopeOf(ctx, f.UnitID)
		if err != nil {
			return nil, 0, err
		}
		match += " AND " + sc.fts()
	}
	if _, ok := disclosure.RuleFor(f.Category); ok {
		match += " AND scope : k" + strings.ToLower(f.Category)
	} else if f.Category != "" {
		return nil, 0, nil
	}
	args := []any{match}
	where := " WHERE disclosure_fts MATCH $1"
	if !f.From.IsZero() {
		args = append(args, formatDate(f.From))
		where += fmt.Sprintf(" AND published_on >= $%d", len(args))
	}
	if !f.To.IsZero() {
		args = append(args, formatDate(f.To))
		where += fmt.Sprintf(" AND published_on <= $%d", len(args))
	}
	_, offset, err := pageOrder(new(string), nil, f, true)
	if err != nil {
		return nil, 0, err
	}
	args = append(args, rankWindow, f.Limit+1, offset)
	n := len(args)
	q := `SELECT id, r, '' FROM (SELECT rowid AS id, -rank AS r FROM disclosure_fts` + where + fmt.Sprintf(` ORDER BY rowid DESC LIMIT $%d)
		ORDER BY r DESC, id DESC LIMIT $%d OFFSET $%d`, n-2, n-1, n)
	keys, err := queryAll(ctx, s.r, scanPageKey, q, args...)
	return keys, offset, err
}

// tsKeys ranks a search on PostgreSQL, in the narrow disclosure_search
// table: the newest rankWindow matches of the scope, found through the
// GIN index or by reading the scope newest first, whichever the planner
// finds cheaper, and only they are ranked.
func (s *Store) tsKeys(ctx context.Context, f DisclosureFilter, words []string) ([]pageKey, int, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	q := arg(tsQuery(words))
	where := " WHERE x.search @@ to_tsquery('simple', " + q + ")"
	if f.UnitID != 0 {
		sc, err := s.scopeOf(ctx, f.UnitID)
		if err != nil {
			return nil, 0, err
		}
		where += " AND " + sc.where("x", arg)
	}
	if f.Category != "" {
		where += " AND x.category = " + arg(f.Category)
	}
	if !f.From.IsZero() {
		where += " AND x.published_on >= " + arg(formatDate(f.From))
	}
	if !f.To.IsZero() {
		where += " AND x.published_on <= " + arg(formatDate(f.To))
	}
	order, offset, err := pageOrder(new(string), nil, f, true)
	if err != nil {
		return nil, 0, err
	}
	// The window's ids first, then only those rows ranked: a condition
	// "id >= the window's oldest" instead let the planner read the whole
	// scope again when a word was rare.
	// #nosec G202 -- only fixed SQL and $n placeholders are joined; values go in args
	sql := "SELECT x.id, ts_rank_cd(x.search, to_tsquery('simple', " + q + ")) AS rank, x.published_on FROM disclosure_search x" +
		" WHERE x.id IN (SELECT x.id FROM disclosure_search x" + where + " ORDER BY x.id DESC LIMIT " + arg(rankWindow) + ")" +
		strings.ReplaceAll(order, "d.", "x.") + " LIMIT " + arg(f.Limit+1)
	if offset > 0 {
		sql += " OFFSET " + arg(offset)
	}
	// Planned for its own words every time: a prepared statement's generic
	// plan (which PostgreSQL switches to after five runs) can not tell a
	// word found in half the province from one found in ten notices, and
	// took 450 ms where the plan for the words takes 70.
	args = append([]any{pgx.QueryExecModeCacheDescribe}, args...)
	keys, err := queryAll(ctx, s.r, scanPageKey, sql, args...)
	return keys, offset, err
}

// tsQuery is the same query for PostgreSQL's to_tsquery.
func tsQuery(ws []string) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = "'" + strings.NewReplacer("'", "", `\`, "").Replace(w) + "'"
	}
	parts[len(parts)-1] += ":*"
	return strings.Join(parts, " & ")
}
