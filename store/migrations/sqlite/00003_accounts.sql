-- +goose Up
-- Accounts of officials and citizens. password_hash is a PHC string
-- (argon2id); totp_secret is empty until enrolled.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    display_name_folded TEXT NOT NULL,
    email               TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    password_hash       TEXT NOT NULL DEFAULT '',
    totp_secret         TEXT NOT NULL DEFAULT '',
    disabled            BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX users_folded ON users (display_name_folded);

-- A role on a unit, covering its subtree. Revoked grants stay for the record.
CREATE TABLE grants (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    role       TEXT NOT NULL,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    granted_by INTEGER REFERENCES users (id),
    granted_at TIMESTAMP NOT NULL,
    revoked_by INTEGER REFERENCES users (id),
    revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX grants_active ON grants (user_id, role, unit_id) WHERE revoked_at IS NULL;
CREATE INDEX grants_unit ON grants (unit_id);

-- API tokens: only the SHA-256 of the token is kept.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The last TOTP time step each user signed in with: a code is refused
-- unless its step is later, so no code works twice.
CREATE TABLE totp_steps (
    user_id   INTEGER PRIMARY KEY REFERENCES users (id),
    last_step INTEGER NOT NULL
);

-- Web sessions (github.com/alexedwards/scs). token is the SHA-256 of the
-- cookie's token; user_id lets an official list and end their sessions.
CREATE TABLE sessions (
    token      TEXT PRIMARY KEY,
    data       BLOB NOT NULL,
    expiry     TIMESTAMP NOT NULL,
    user_id    INTEGER REFERENCES users (id),
    addr       TEXT NOT NULL DEFAULT '',
    agent      TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);
CREATE INDEX sessions_user ON sessions (user_id);

-- +goose Down
DROP TABLE sessions;
DROP TABLE totp_steps;
DROP TABLE api_tokens;
DROP TABLE grants;
DROP TABLE users;
