-- +goose Up
-- Faster search (issue 4). The full-text index gets prefix indexes of two
-- and three letters: the last word of a query is matched as a prefix
-- ("ngh" while typing "nghèo"), and without them FTS5 walks every term
-- that starts with it. The table is rebuilt from disclosures, the only
-- source of its text.
DROP TABLE disclosure_fts;
CREATE VIRTUAL TABLE disclosure_fts USING fts5(scope, published_on UNINDEXED, title, body, files,
    tokenize = 'unicode61', prefix = '2 3');
INSERT INTO disclosure_fts (disclosure_fts, rank) VALUES ('rank', 'bm25(0, 0, 10.0, 3.0, 1.0)');
INSERT INTO disclosure_fts (rowid, scope, published_on, title, body, files)
    SELECT id, 'u' || unit_id || ' c' || COALESCE(commune_id, 0) || ' p' || COALESCE(province_id, 0) || ' k' || category,
        published_on, title_folded, body_folded, files_folded
    FROM disclosures WHERE published_on IS NOT NULL;

-- A unit's lists also show what the units merged into it published: the
-- merged units are found by their successor.
CREATE INDEX units_successor ON units (successor_id);

-- +goose Down
DROP INDEX units_successor;
DROP TABLE disclosure_fts;
CREATE VIRTUAL TABLE disclosure_fts USING fts5(scope, published_on UNINDEXED, title, body, files, tokenize = 'unicode61');
INSERT INTO disclosure_fts (disclosure_fts, rank) VALUES ('rank', 'bm25(0, 0, 10.0, 3.0, 1.0)');
INSERT INTO disclosure_fts (rowid, scope, published_on, title, body, files)
    SELECT id, 'u' || unit_id || ' c' || COALESCE(commune_id, 0) || ' p' || COALESCE(province_id, 0) || ' k' || category,
        published_on, title_folded, body_folded, files_folded
    FROM disclosures WHERE published_on IS NOT NULL;
