-- +goose Up
-- Facts about the store itself, one row each (store.MarkDemo: the store
-- holds the demo province and its demo accounts with fixed TOTP secrets).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The audit trail page filters by person and by action, newest first.
CREATE INDEX audit_log_user ON audit_log (username, at);
CREATE INDEX audit_log_action ON audit_log (action, at);

-- +goose Down
DROP INDEX audit_log_action;
DROP INDEX audit_log_user;
DROP TABLE settings;
