-- +goose Up
-- Faster search (issue 4): the search vector moves out of the wide
-- disclosures row (title, body, folded copies) into a narrow table of its
-- own holding what a search filters on, so a search that matches half of
-- a province reads a table half the size and the wide rows only for the
-- page it shows. Like SQLite's FTS5 table it holds only what was
-- published (withdrawn items stay findable); the store keeps it in step
-- in the transaction of every change.
CREATE TABLE disclosure_search (
    id           BIGINT PRIMARY KEY REFERENCES disclosures (id),
    unit_id      BIGINT NOT NULL,
    commune_id   BIGINT,
    province_id  BIGINT,
    category     TEXT NOT NULL,
    published_on TEXT NOT NULL,
    search       tsvector NOT NULL
);
INSERT INTO disclosure_search (id, unit_id, commune_id, province_id, category, published_on, search)
    SELECT id, unit_id, commune_id, province_id, category, published_on, search
    FROM disclosures WHERE published_on IS NOT NULL;
CREATE INDEX disclosure_search_words ON disclosure_search USING GIN (search);
-- The newest matches of a scope: a scope read newest first.
CREATE INDEX disclosure_search_unit ON disclosure_search (unit_id, id);
CREATE INDEX disclosure_search_commune ON disclosure_search (commune_id, id);
CREATE INDEX disclosure_search_province ON disclosure_search (province_id, id);
DROP INDEX disclosures_search;
ALTER TABLE disclosures DROP COLUMN search;

-- A unit's lists also show what the units merged into it published: the
-- merged units are found by their successor.
CREATE INDEX units_successor ON units (successor_id);

-- +goose Down
DROP INDEX units_successor;
ALTER TABLE disclosures ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title_folded), 'A') ||
    setweight(to_tsvector('simple', body_folded), 'B') ||
    setweight(to_tsvector('simple', files_folded), 'C')) STORED;
CREATE INDEX disclosures_search ON disclosures USING GIN (search);
DROP TABLE disclosure_search;
