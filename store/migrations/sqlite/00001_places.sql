-- +goose Up
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TIMESTAMP NOT NULL,
    user_id   INTEGER,
    username  TEXT NOT NULL,
    role      TEXT NOT NULL,
    unit_id   INTEGER,
    action    TEXT NOT NULL,
    object    TEXT NOT NULL,
    summary   TEXT NOT NULL,
    addr      TEXT NOT NULL
);
CREATE INDEX audit_log_unit ON audit_log (unit_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
-- The audit trail is append-only: the engine itself refuses changes.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE units (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    name_folded  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    parent_id    INTEGER REFERENCES units (id),
    remote       BOOLEAN NOT NULL DEFAULT FALSE,
    ended_on     TEXT,
    successor_id INTEGER REFERENCES units (id),
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_folded ON units (name_folded);

CREATE TABLE unit_events (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    kind       TEXT NOT NULL,
    old_name   TEXT NOT NULL DEFAULT '',
    new_name   TEXT NOT NULL DEFAULT '',
    other_id   INTEGER REFERENCES units (id),
    on_date    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX unit_events_unit ON unit_events (unit_id);

-- +goose Down
DROP TABLE unit_events;
DROP TABLE units;
DROP TABLE audit_log;
