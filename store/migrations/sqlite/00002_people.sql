-- +goose Up
-- Persons and households. Every row of citizen data carries its province
-- and commune (the partition keys of a distributed engine) and, where it has
-- one, its village; they follow the household when it moves.
CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    full_name   TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    birth_date  TEXT,
    sex         TEXT NOT NULL,
    citizen_id  TEXT UNIQUE,
    phone       TEXT,
    village_id  INTEGER NOT NULL REFERENCES units (id),
    commune_id  INTEGER NOT NULL REFERENCES units (id),
    province_id INTEGER NOT NULL REFERENCES units (id),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX persons_phone ON persons (phone);
CREATE INDEX persons_folded ON persons (name_folded);
CREATE INDEX persons_village ON persons (village_id);
CREATE INDEX persons_commune ON persons (commune_id);
CREATE INDEX persons_province ON persons (province_id);

CREATE TABLE households (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    code_folded       TEXT NOT NULL,
    village_id        INTEGER NOT NULL REFERENCES units (id),
    commune_id        INTEGER NOT NULL REFERENCES units (id),
    province_id       INTEGER NOT NULL REFERENCES units (id),
    address           TEXT NOT NULL DEFAULT '',
    representative_id INTEGER REFERENCES persons (id),
    ended_on          TEXT,
    end_reason        TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX households_village ON households (village_id);
CREATE INDEX households_commune ON households (commune_id);
CREATE INDEX households_province ON households (province_id);

-- A person is a current member of at most one household; past memberships stay.
CREATE TABLE household_members (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id),
    person_id    INTEGER NOT NULL REFERENCES persons (id),
    relation     TEXT NOT NULL,
    since_date   TEXT NOT NULL,
    until_date   TEXT,
    join_reason  TEXT NOT NULL DEFAULT '',
    leave_reason TEXT NOT NULL DEFAULT '',
    commune_id   INTEGER NOT NULL REFERENCES units (id),
    province_id  INTEGER NOT NULL REFERENCES units (id),
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX household_members_household ON household_members (household_id);
CREATE INDEX household_members_person ON household_members (person_id);
CREATE INDEX household_members_commune ON household_members (commune_id);
CREATE UNIQUE INDEX household_members_current ON household_members (person_id) WHERE until_date IS NULL;

-- A household has at most one current representative; past ones stay.
CREATE TABLE household_representatives (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id),
    person_id    INTEGER NOT NULL REFERENCES persons (id),
    from_date    TEXT NOT NULL,
    to_date      TEXT,
    reason       TEXT NOT NULL DEFAULT '',
    commune_id   INTEGER NOT NULL REFERENCES units (id),
    province_id  INTEGER NOT NULL REFERENCES units (id),
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX household_representatives_household ON household_representatives (household_id);
CREATE INDEX household_representatives_commune ON household_representatives (commune_id);
CREATE UNIQUE INDEX household_representatives_current ON household_representatives (household_id) WHERE to_date IS NULL;

CREATE TABLE household_moves (
    id              INTEGER PRIMARY KEY,
    household_id    INTEGER NOT NULL REFERENCES households (id),
    from_village_id INTEGER NOT NULL REFERENCES units (id),
    to_village_id   INTEGER NOT NULL REFERENCES units (id),
    on_date         TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    commune_id      INTEGER NOT NULL REFERENCES units (id),
    province_id     INTEGER NOT NULL REFERENCES units (id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX household_moves_household ON household_moves (household_id);
CREATE INDEX household_moves_commune ON household_moves (commune_id);

-- +goose Down
DROP TABLE household_moves;
DROP TABLE household_representatives;
DROP TABLE household_members;
DROP TABLE households;
DROP TABLE persons;
