-- +goose Up
-- API tokens of citizens (POST /api/v1/auth/token with a phone and code).
-- A table of their own rather than a citizen_id column in api_tokens:
-- api_tokens.user_id is NOT NULL with a foreign key to users, and SQLite
-- cannot relax a NOT NULL column without rebuilding the table; two owner
-- columns would also need a CHECK that exactly one is set, and every query
-- of officials' tokens (DisableUser revokes them) would have to remember
-- it. Here each row's owner is a plain foreign key. Only the SHA-256 of
-- the token is kept, as for officials.
CREATE TABLE citizen_tokens (
    id         INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX citizen_tokens_citizen ON citizen_tokens (citizen_id);

-- +goose Down
DROP TABLE citizen_tokens;
