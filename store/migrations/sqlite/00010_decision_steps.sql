-- +goose Up
-- Dân quyết, the steps around the vote: the invitation to the meeting
-- (at least 2 days before; for subjects 1–3 the documents too), the
-- meeting's procedural votes (secretary, voting method, counting board,
-- two household witnesses), meetings by clusters in villages of 200 or
-- more households, and the written decision sent to the commune, answered
-- by it and announced to the households.
ALTER TABLE matters ADD COLUMN invited_on TEXT;
ALTER TABLE matters ADD COLUMN planned_on TEXT;
ALTER TABLE matters ADD COLUMN planned_hour TEXT NOT NULL DEFAULT '';
ALTER TABLE matters ADD COLUMN planned_place TEXT NOT NULL DEFAULT '';
ALTER TABLE matters ADD COLUMN documents_on TEXT;
ALTER TABLE matters ADD COLUMN sent_on TEXT;
ALTER TABLE matters ADD COLUMN announced_at TIMESTAMP;
CREATE INDEX matters_status ON matters (status, commune_id);

-- A cluster meeting of a village (cluster_id 0 is the village's single
-- meeting). Its attendance and counts add up into the village's.
CREATE TABLE meeting_clusters (
    id         INTEGER PRIMARY KEY,
    matter_id  INTEGER NOT NULL REFERENCES matters (id),
    village_id INTEGER NOT NULL REFERENCES units (id),
    name       TEXT NOT NULL,
    held_on    TEXT NOT NULL,
    place      TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (matter_id, village_id, name)
);
CREATE INDEX meeting_clusters_matter ON meeting_clusters (matter_id, village_id);

ALTER TABLE matter_attendance ADD COLUMN cluster_id INTEGER NOT NULL DEFAULT 0;

-- The counting board's counts of one cluster meeting, per option; the
-- village's meeting_counts are their sum.
CREATE TABLE cluster_counts (
    cluster_id INTEGER NOT NULL REFERENCES meeting_clusters (id),
    position   INTEGER NOT NULL,
    votes      INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (cluster_id, position)
);

-- The procedural votes of a meeting (or of a cluster meeting): who was
-- chosen (names, one a line) or which method, approved by how many of the
-- households present.
CREATE TABLE meeting_procedures (
    matter_id   INTEGER NOT NULL REFERENCES matters (id),
    village_id  INTEGER NOT NULL REFERENCES units (id),
    cluster_id  INTEGER NOT NULL DEFAULT 0,
    kind        TEXT NOT NULL CHECK (kind IN ('secretary', 'method', 'counting_board', 'witnesses')),
    method      TEXT NOT NULL DEFAULT '',
    names       TEXT NOT NULL DEFAULT '',
    present     INTEGER NOT NULL,
    approve     INTEGER NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (matter_id, village_id, cluster_id, kind)
);

-- +goose Down
DROP TABLE meeting_procedures;
DROP TABLE cluster_counts;
ALTER TABLE matter_attendance DROP COLUMN cluster_id;
DROP TABLE meeting_clusters;
DROP INDEX matters_status;
ALTER TABLE matters DROP COLUMN announced_at;
ALTER TABLE matters DROP COLUMN sent_on;
ALTER TABLE matters DROP COLUMN documents_on;
ALTER TABLE matters DROP COLUMN planned_place;
ALTER TABLE matters DROP COLUMN planned_hour;
ALTER TABLE matters DROP COLUMN planned_on;
ALTER TABLE matters DROP COLUMN invited_on;
