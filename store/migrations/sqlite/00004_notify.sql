-- +goose Up
-- Every SMS and e-mail is a row here, written in the transaction of the
-- change that causes it; notify.Worker sends it later. A worker claims a
-- row by setting claim and claimed_until; a claim whose lease has run out
-- (the worker died mid-send) may be taken again.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    secret          BOOLEAN NOT NULL DEFAULT FALSE,
    unit_id         INTEGER REFERENCES units (id),
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claim           TEXT NOT NULL DEFAULT '',
    claimed_until   TIMESTAMP,
    expires_at      TIMESTAMP,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_unit ON outbox (unit_id, id);

-- Citizens' accounts: a phone number, linked to a person of a household
-- once an official confirms it.
CREATE TABLE citizens (
    id           INTEGER PRIMARY KEY,
    phone        TEXT NOT NULL UNIQUE,
    person_id    INTEGER,
    linked_by    INTEGER,
    linked_at    TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX citizens_person ON citizens (person_id);

-- One live sign-in code per phone, stored as a keyed hash only.
CREATE TABLE phone_codes (
    phone      TEXT PRIMARY KEY,
    code_hash  TEXT NOT NULL,
    tries      INTEGER NOT NULL DEFAULT 0,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX phone_codes_expires ON phone_codes (expires_at);

-- Attempt counters shared by every app server (package ratelimit).
CREATE TABLE rate_limits (
    key          TEXT NOT NULL,
    window_start TIMESTAMP NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);

-- +goose Down
DROP TABLE rate_limits;
DROP TABLE phone_codes;
DROP TABLE citizens;
DROP TABLE outbox;
