-- +goose Up
-- Dân kiểm tra, giám sát (issue 7): feedback, complaints, denunciations
-- and questions with their legal clocks, the reveals of a denouncer's
-- identity, satisfaction ratings, and the citizen reception schedule.

-- The published reception days of a unit's leaders (Law on Citizen
-- Reception art. 18–19). A session may be held online (from 1 July 2026).
CREATE TABLE reception_sessions (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    commune_id  INTEGER REFERENCES units (id),
    province_id INTEGER REFERENCES units (id),
    on_date     TEXT NOT NULL,
    starts      TEXT NOT NULL,
    ends        TEXT NOT NULL,
    host        TEXT NOT NULL,
    place       TEXT NOT NULL,
    online      BOOLEAN NOT NULL DEFAULT FALSE,
    cancelled   TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX reception_sessions_unit ON reception_sessions (unit_id, on_date);
CREATE INDEX reception_sessions_commune ON reception_sessions (commune_id, on_date);

-- One row per case, holding its current state. The sender's identity is
-- in identity_sealed only: AES-256-GCM under a key outside the database
-- (package seal), bound to the tracking code; empty when anonymous.
-- due_on is the deadline of the clock running now (or, once finished, of
-- the clock that finished it): overdue is due_on before today on an open
-- case, read from the date alone.
CREATE TABLE petitions (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('feedback', 'complaint', 'denunciation', 'question')),
    instance         INTEGER NOT NULL DEFAULT 0,
    channel          TEXT NOT NULL CHECK (channel IN ('portal', 'reception', 'paper', 'phone', 'forwarded')),
    unit_id          INTEGER NOT NULL REFERENCES units (id),
    commune_id       INTEGER REFERENCES units (id),
    province_id      INTEGER REFERENCES units (id),
    against_unit_id  INTEGER REFERENCES units (id),
    against_official TEXT NOT NULL DEFAULT '',
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    anonymous        BOOLEAN NOT NULL,
    identity_sealed  TEXT NOT NULL DEFAULT '',
    consent          BOOLEAN NOT NULL DEFAULT FALSE,
    filed_on         TEXT NOT NULL,
    received_on      TEXT NOT NULL,
    stage            TEXT NOT NULL CHECK (stage IN ('received', 'accepted', 'rejected', 'forwarded', 'resolved', 'closed')),
    complex          BOOLEAN NOT NULL DEFAULT FALSE,
    intake           TEXT NOT NULL DEFAULT '',
    intake_note      TEXT NOT NULL DEFAULT '',
    intake_on        TEXT,
    accepted_on      TEXT,
    forwarded_to     TEXT NOT NULL DEFAULT '',
    reason           TEXT NOT NULL DEFAULT '',
    answer           TEXT NOT NULL DEFAULT '',
    summary          TEXT NOT NULL DEFAULT '',
    finished_on      TEXT,
    due_on           TEXT,
    assignee_id      INTEGER REFERENCES users (id),
    appeal_of        TEXT NOT NULL DEFAULT '',
    session_id       INTEGER REFERENCES reception_sessions (id),
    rated            BOOLEAN NOT NULL DEFAULT FALSE,
    created_by       INTEGER REFERENCES users (id),
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX petitions_unit ON petitions (unit_id, stage, due_on);
CREATE INDEX petitions_commune ON petitions (commune_id, stage, due_on);
CREATE INDEX petitions_province ON petitions (province_id, stage, due_on);
CREATE INDEX petitions_open ON petitions (stage, due_on);
CREATE INDEX petitions_assignee ON petitions (assignee_id, stage);
CREATE INDEX petitions_received ON petitions (unit_id, received_on);

-- What happened to a case, step by step, with who took the step.
CREATE TABLE petition_events (
    id          INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    at          TIMESTAMP NOT NULL,
    on_date     TEXT NOT NULL,
    step        TEXT NOT NULL,
    unit_id     INTEGER REFERENCES units (id),
    user_id     INTEGER REFERENCES users (id),
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX petition_events_petition ON petition_events (petition_id);

-- Extensions of a denunciation's resolution, each decided in writing.
CREATE TABLE petition_extensions (
    petition_id INTEGER NOT NULL REFERENCES petitions (id),
    n           INTEGER NOT NULL,
    on_date     TEXT NOT NULL,
    days        INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id),
    PRIMARY KEY (petition_id, n)
);

-- Attachments and scans. The bytes are sealed like the identity (a letter
-- carries its writer's name and handwriting) under the data directory's
-- files/petitions folder, named by a random blob name; the name the file
-- came with is not kept.
CREATE TABLE petition_files (
    id           INTEGER PRIMARY KEY,
    petition_id  INTEGER NOT NULL REFERENCES petitions (id),
    n            INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    blob         TEXT NOT NULL,
    key_id       TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX petition_files_petition ON petition_files (petition_id);

-- Requests to reveal a denouncer's identity: a reason, then a second
-- official's decision. Every step is also in the audit trail.
CREATE TABLE petition_reveals (
    id           INTEGER PRIMARY KEY,
    petition_id  INTEGER NOT NULL REFERENCES petitions (id),
    requested_by INTEGER NOT NULL REFERENCES users (id),
    reason       TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    decided_by   INTEGER REFERENCES users (id),
    decided_at   TIMESTAMP,
    note         TEXT NOT NULL DEFAULT '',
    expires_at   TIMESTAMP
);
CREATE INDEX petition_reveals_petition ON petition_reveals (petition_id);

-- Satisfaction ratings (Law 10/2022/QH15 art. 34–35). A rating names the
-- unit, the official and the month, never the case or the person: the
-- case only records that it was rated. The key is random and, on SQLite,
-- there is no rowid, so neither tells the order of the ratings.
CREATE TABLE ratings (
    id          TEXT PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    commune_id  INTEGER REFERENCES units (id),
    province_id INTEGER REFERENCES units (id),
    official_id INTEGER REFERENCES users (id),
    about       TEXT NOT NULL CHECK (about IN ('petition', 'procedure')),
    procedure   TEXT NOT NULL DEFAULT '',
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT '',
    month       TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ratings_unit ON ratings (unit_id, month);
CREATE INDEX ratings_commune ON ratings (commune_id, month);
CREATE INDEX ratings_official ON ratings (official_id, month);

-- +goose Down
DROP TABLE ratings;
DROP TABLE petition_reveals;
DROP TABLE petition_files;
DROP TABLE petition_extensions;
DROP TABLE petition_events;
DROP TABLE petitions;
DROP TABLE reception_sessions;
