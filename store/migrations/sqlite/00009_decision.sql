-- +goose Up
-- Dân quyết: matters put to the households of a village (or of every
-- village of a commune), and the three ways households answer: a meeting,
-- paper ballot sheets, online ballots (Law 10/2022 art. 15–24, Decree 59).
CREATE TABLE matters (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    commune_id     INTEGER NOT NULL REFERENCES units (id),
    province_id    INTEGER NOT NULL REFERENCES units (id),
    commune_wide   BOOLEAN NOT NULL DEFAULT FALSE,
    subject        INTEGER NOT NULL CHECK (subject BETWEEN 1 AND 6),
    title          TEXT NOT NULL,
    title_folded   TEXT NOT NULL,
    question       TEXT NOT NULL,
    forms          TEXT NOT NULL,
    proposal_path  TEXT NOT NULL,
    proposer       TEXT NOT NULL,
    supporters     INTEGER NOT NULL DEFAULT 0,
    collected_on   TEXT,
    front_approved BOOLEAN NOT NULL DEFAULT FALSE,
    deadline       TEXT,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'counted', 'recognised', 'refused')),
    households     INTEGER NOT NULL DEFAULT 0,
    meeting_on     TEXT,
    meeting_place  TEXT NOT NULL DEFAULT '',
    opened_at      TIMESTAMP,
    closed_at      TIMESTAMP,
    counted_at     TIMESTAMP,
    decided_on     TEXT,
    reason         TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX matters_unit ON matters (unit_id, id);
CREATE INDEX matters_commune ON matters (commune_id);

CREATE TABLE matter_options (
    matter_id INTEGER NOT NULL REFERENCES matters (id),
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL,
    PRIMARY KEY (matter_id, position)
);

CREATE TABLE matter_documents (
    id        INTEGER PRIMARY KEY,
    matter_id INTEGER NOT NULL REFERENCES matters (id),
    title     TEXT NOT NULL,
    ref       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX matter_documents_matter ON matter_documents (matter_id);

-- The villages a matter is put to and their households when it opened:
-- the denominators of the thresholds (art. 21.1).
CREATE TABLE matter_villages (
    matter_id  INTEGER NOT NULL REFERENCES matters (id),
    village_id INTEGER NOT NULL REFERENCES units (id),
    households INTEGER NOT NULL,
    PRIMARY KEY (matter_id, village_id)
);

-- A village's decision to vote online (Decree 59 art. 5).
CREATE TABLE online_optins (
    id          INTEGER PRIMARY KEY,
    village_id  INTEGER NOT NULL REFERENCES units (id),
    commune_id  INTEGER NOT NULL REFERENCES units (id),
    province_id INTEGER NOT NULL REFERENCES units (id),
    decided_on  TEXT NOT NULL,
    households  INTEGER NOT NULL,
    agreed      INTEGER NOT NULL,
    valid_until TEXT,
    revoked_on  TEXT,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX online_optins_village ON online_optins (village_id);

-- Meeting attendance, one row per household present. excluded is set when
-- the counting board resolved a conflict by counting the household
-- elsewhere.
CREATE TABLE matter_attendance (
    matter_id    INTEGER NOT NULL REFERENCES matters (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    village_id   INTEGER NOT NULL REFERENCES units (id),
    excluded     BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (matter_id, household_id)
);

-- The counts of a meeting (show of hands or secret ballot), per village
-- and option, entered by the counting board.
CREATE TABLE meeting_counts (
    matter_id  INTEGER NOT NULL REFERENCES matters (id),
    village_id INTEGER NOT NULL REFERENCES units (id),
    position   INTEGER NOT NULL,
    votes      INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (matter_id, village_id, position)
);

-- Paper ballot sheets, one per household, each with a unique serial. A
-- household ballot is not secret: the sheet names the household.
CREATE TABLE ballot_sheets (
    serial       TEXT PRIMARY KEY,
    matter_id    INTEGER NOT NULL REFERENCES matters (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    village_id   INTEGER NOT NULL REFERENCES units (id),
    returned     BOOLEAN NOT NULL DEFAULT FALSE,
    position     INTEGER,
    void         BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (matter_id, household_id)
);

-- Online voting. The participation row says which household took part
-- (the minutes list them); the ballot row says what was chosen. They are
-- written in one transaction but share nothing: the ballot has a random
-- key, no household, no person, no time; both tables are WITHOUT ROWID so
-- no hidden insertion-ordered rowid exists. See README-decision.md.
CREATE TABLE online_participation (
    matter_id    INTEGER NOT NULL REFERENCES matters (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    village_id   INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (matter_id, household_id)
) WITHOUT ROWID;

CREATE TABLE online_ballots (
    id           TEXT PRIMARY KEY,
    matter_id    INTEGER NOT NULL,
    village_id   INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    receipt_hash TEXT NOT NULL UNIQUE
) WITHOUT ROWID;
CREATE INDEX online_ballots_matter ON online_ballots (matter_id, village_id);

-- How the counting board resolved a household found in two channels.
CREATE TABLE matter_conflicts (
    matter_id    INTEGER NOT NULL REFERENCES matters (id),
    household_id INTEGER NOT NULL REFERENCES households (id),
    kept         TEXT NOT NULL CHECK (kept IN ('meeting', 'ballot', 'online')),
    reason       TEXT NOT NULL,
    resolved_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (matter_id, household_id)
);

-- +goose Down
DROP TABLE matter_conflicts;
DROP TABLE online_ballots;
DROP TABLE online_participation;
DROP TABLE ballot_sheets;
DROP TABLE meeting_counts;
DROP TABLE matter_attendance;
DROP TABLE online_optins;
DROP TABLE matter_villages;
DROP TABLE matter_documents;
DROP TABLE matter_options;
DROP TABLE matters;
