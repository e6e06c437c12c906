-- +goose Up
-- A resident's request to be received at an online session of a unit's
-- published schedule (Law on Citizen Reception as amended by Law
-- 136/2025/QH15, from 1 July 2026). The resident's name, phone and e-mail
-- are sealed under the identity keys, bound to the request's code.
CREATE TABLE reception_requests (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    session_id     INTEGER NOT NULL REFERENCES reception_sessions (id),
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    contact_sealed TEXT NOT NULL,
    matter         TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'refused')),
    link           TEXT NOT NULL DEFAULT '',
    at_time        TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL DEFAULT '',
    decided_by     INTEGER REFERENCES users (id),
    decided_at     TIMESTAMP,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX reception_requests_unit ON reception_requests (unit_id, status);
CREATE INDEX reception_requests_session ON reception_requests (session_id);

-- +goose Down
DROP TABLE reception_requests;
