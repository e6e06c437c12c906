-- +goose Up
-- Dân bàn (issue 5): consultations on drafts split into numbered sections,
-- the opinions received online and offline with their versions, the
-- groups of like opinions and the authority's answers (Law 10/2022
-- art. 25–29). Nothing is deleted: an edit is a new version, a hide keeps
-- the opinion with its reason.
CREATE TABLE consultations (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    commune_id    INTEGER NOT NULL REFERENCES units (id),
    province_id   INTEGER NOT NULL REFERENCES units (id),
    subject       INTEGER NOT NULL CHECK (subject BETWEEN 1 AND 9),
    title         TEXT NOT NULL,
    title_folded  TEXT NOT NULL,
    summary       TEXT NOT NULL DEFAULT '',
    audience      TEXT NOT NULL CHECK (audience IN ('unit', 'villages', 'affected', 'organisations')),
    audience_note TEXT NOT NULL DEFAULT '',
    forms         TEXT NOT NULL,
    opens_on      TEXT,
    closes_on     TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'answered')),
    opened_at     TIMESTAMP,
    closed_at     TIMESTAMP,
    answered_at   TIMESTAMP,
    disclosure_id INTEGER REFERENCES disclosures (id),
    conclusion    TEXT NOT NULL DEFAULT '',
    created_by    INTEGER REFERENCES users (id),
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX consultations_unit ON consultations (unit_id, id);
CREATE INDEX consultations_province ON consultations (province_id, status);

CREATE TABLE consultation_sections (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    n               INTEGER NOT NULL CHECK (n >= 1),
    label           TEXT NOT NULL DEFAULT '',
    heading         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (consultation_id, n)
);

CREATE TABLE consultation_villages (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    village_id      INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (consultation_id, village_id)
);

CREATE TABLE consultation_documents (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    title           TEXT NOT NULL,
    ref             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX consultation_documents_c ON consultation_documents (consultation_id);

-- Each lengthening of the period, with its reason and who decided it.
CREATE TABLE consultation_extensions (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    old_closes_on   TEXT NOT NULL,
    new_closes_on   TEXT NOT NULL,
    reason          TEXT NOT NULL,
    username        TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX consultation_extensions_c ON consultation_extensions (consultation_id);

-- Letters of organisations and scans of offline opinions; the bytes are
-- kept under the data directory, named by their SHA-256.
CREATE TABLE consultation_files (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    name            TEXT NOT NULL,
    content_type    TEXT NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX consultation_files_c ON consultation_files (consultation_id);

-- The groups of like opinions on a section (0: the draft as a whole) with
-- one stance, formed when the consultation closes, and the authority's
-- response to each (tiếp thu, giải trình).
CREATE TABLE opinion_groups (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    section         INTEGER NOT NULL CHECK (section >= 0),
    stance          TEXT NOT NULL CHECK (stance IN ('agree', 'disagree', 'other')),
    text            TEXT NOT NULL,
    folded          TEXT NOT NULL,
    response        TEXT NOT NULL DEFAULT '' CHECK (response IN ('', 'accepted', 'partly', 'explained')),
    reason          TEXT NOT NULL DEFAULT '',
    answered_by     TEXT NOT NULL DEFAULT '',
    answered_at     TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX opinion_groups_c ON opinion_groups (consultation_id, section);

-- One opinion: a citizen's comment on the portal (author names the
-- account, one per section, editable until the close) or one entered by
-- an officer (an organisation's formal opinion, meeting minutes, an
-- opinion sheet, the suggestion box, the hotline). village, sex and age
-- band are kept as they were when it came in, for the participation
-- figures; hidden opinions keep their text, reason and who hid them.
CREATE TABLE opinions (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    commune_id      INTEGER NOT NULL REFERENCES units (id),
    province_id     INTEGER NOT NULL REFERENCES units (id),
    section         INTEGER NOT NULL CHECK (section >= 0),
    stance          TEXT NOT NULL CHECK (stance IN ('agree', 'disagree', 'other')),
    body            TEXT NOT NULL,
    folded          TEXT NOT NULL,
    channel         TEXT NOT NULL,
    author          TEXT NOT NULL DEFAULT '',
    citizen_id      INTEGER REFERENCES citizens (id),
    person_id       INTEGER REFERENCES persons (id),
    show_name       BOOLEAN NOT NULL DEFAULT FALSE,
    organisation    TEXT NOT NULL DEFAULT '',
    village_id      INTEGER REFERENCES units (id),
    sex             TEXT NOT NULL DEFAULT '',
    age_band        TEXT NOT NULL DEFAULT '',
    received_on     TEXT NOT NULL,
    source_note     TEXT NOT NULL DEFAULT '',
    file_id         INTEGER REFERENCES consultation_files (id),
    version         INTEGER NOT NULL DEFAULT 1,
    group_id        INTEGER REFERENCES opinion_groups (id),
    hidden_reason   TEXT NOT NULL DEFAULT '' CHECK (hidden_reason IN ('', 'abuse', 'personal_data', 'spam')),
    hidden_by       TEXT NOT NULL DEFAULT '',
    hidden_at       TIMESTAMP,
    entered_by      INTEGER REFERENCES users (id),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX opinions_c ON opinions (consultation_id, section, id);
CREATE INDEX opinions_group ON opinions (group_id);
CREATE INDEX opinions_citizen ON opinions (citizen_id);
-- A citizen comments once per section and edits that comment.
CREATE UNIQUE INDEX opinions_author ON opinions (consultation_id, section, author) WHERE author <> '';

CREATE TABLE opinion_versions (
    opinion_id INTEGER NOT NULL REFERENCES opinions (id),
    version    INTEGER NOT NULL,
    section    INTEGER NOT NULL,
    stance     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (opinion_id, version)
);

-- What the authority decided on each section (0: the draft as a whole)
-- after hearing the opinions, and its reasons.
CREATE TABLE consultation_outcomes (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    section         INTEGER NOT NULL CHECK (section >= 0),
    outcome         TEXT NOT NULL CHECK (outcome IN ('kept', 'amended', 'dropped')),
    reason          TEXT NOT NULL DEFAULT '',
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, section)
);

-- +goose Down
DROP TABLE consultation_outcomes;
DROP TABLE opinion_versions;
DROP TABLE opinions;
DROP TABLE opinion_groups;
DROP TABLE consultation_files;
DROP TABLE consultation_extensions;
DROP TABLE consultation_documents;
DROP TABLE consultation_villages;
DROP TABLE consultation_sections;
DROP TABLE consultations;
