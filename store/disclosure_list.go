package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

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
// prefix, and the matches are marked on the original words.
func (s *Store) Disclosures(ctx context.Context, f DisclosureFilter) (*DisclosurePage, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 500)
	words := searchWords(f.Query)
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	rank := "0"
	from := disclosureFrom
	where := " WHERE d.published_on IS NOT NULL"
	if f.Drafts {
		where = " WHERE d.status = 'draft'"
	}
	if len(words) > 0 {
		switch s.dialect {
		case SQLite:
			from = " FROM disclosure_fts JOIN disclosures d ON d.id = disclosure_fts.rowid JOIN units u ON u.id = d.unit_id "
			where += " AND disclosure_fts MATCH " + arg(ftsQuery(words))
			rank = "-bm25(disclosure_fts, 10.0, 3.0, 1.0)"
		default:
			q := arg(tsQuery(words))
			where += " AND d.search @@ to_tsquery('simple', " + q + ")"
			rank = "ts_rank_cd(d.search, to_tsquery('simple', " + q + "))"
		}
	}
	if f.UnitID != 0 {
		col, err := s.scopeColumn(ctx, f.UnitID)
		if err != nil {
			return nil, err
		}
		where += " AND d." + col + " = " + arg(f.UnitID)
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
	order, offset, err := pageOrder(&where, arg, f, len(words) > 0)
	if err != nil {
		return nil, err
	}
	q := "SELECT " + disclosureColumns + ", " + rank + " AS rank" + from + where + order +
		" LIMIT " + arg(f.Limit+1) // #nosec G202 -- only $n placeholders are joined; values go in args
	if offset > 0 {
		q += " OFFSET " + arg(offset)
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	page := &DisclosurePage{}
	for rows.Next() {
		var h DisclosureHit
		d, err := scanDisclosure(scanWithRank{rows, &h.Rank})
		if err != nil {
			return nil, err
		}
		h.Disclosure = d
		page.Hits = append(page.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(page.Hits) > f.Limit {
		page.Hits = page.Hits[:f.Limit]
		last := page.Hits[f.Limit-1]
		switch {
		case len(words) > 0:
			page.NextCursor = "o" + strconv.Itoa(offset+f.Limit)
		case f.Drafts:
			page.NextCursor = formatDate(last.PublishDue) + "." + strconv.FormatInt(last.ID, 10)
		default:
			page.NextCursor = formatDate(last.PublishedOn) + "." + strconv.FormatInt(last.ID, 10)
		}
	}
	for i := range page.Hits {
		h := &page.Hits[i]
		h.Marks = viet.Highlight(h.Title, words, true)
		h.Snippet = viet.Snippet(plainText(h.Body), words, true, snippetWords)
	}
	return page, nil
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

// scopeColumn is the column (of disclosures or information_requests) that selects a unit's subtree: the
// partition keys for a province or commune, the unit itself otherwise
// (villages, agencies and enterprises have nothing below them that
// publishes).
func (s *Store) scopeColumn(ctx context.Context, unitID int64) (string, error) {
	u, err := s.Unit(ctx, unitID)
	if err != nil {
		return "", err
	}
	switch {
	case u.Kind.IsProvinceLevel():
		return "province_id", nil
	case u.Kind.IsCommuneLevel():
		return "commune_id", nil
	}
	return "unit_id", nil
}

// searchWords folds a query into at most 8 words.
func searchWords(q string) []string {
	ws := words(q)
	if len(ws) > 8 {
		ws = ws[:8]
	}
	return ws
}

// ftsQuery is an FTS5 query: every word must match, the last one also as
// a prefix. Folded words hold only letters and digits; the quotes keep
// FTS5 from reading any of them as an operator.
func ftsQuery(ws []string) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = `"` + strings.ReplaceAll(w, `"`, "") + `"`
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " ")
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

// plainText takes the Markdown marks off a body for a snippet.
func plainText(md string) string {
	r := strings.NewReplacer("**", "", "__", "", "`", "", "#", "", "> ", "", "* ", "", "- ", "", "\n", " ")
	return r.Replace(md)
}

// scanWithRank scans a disclosure row followed by its rank.
type scanWithRank struct {
	row  scanner
	rank *float64
}

func (s scanWithRank) Scan(dest ...any) error { return s.row.Scan(append(dest, s.rank)...) }
