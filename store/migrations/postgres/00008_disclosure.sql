-- +goose Up
-- Dân biết (issue 4): the working-day calendar, disclosures with their
-- versions, files, channels used and posting extensions, requests for
-- information, and the reminders already sent.

-- Days off and swapped working days. Saturdays and Sundays are days off
-- unless listed here as 'workday'. Seeded with package calendar's
-- Defaults for 2025–2030 (the government's decisions for 2025 and 2026,
-- the Labour Code's days for later years); administrators edit it.
CREATE TABLE holidays (
    date    TEXT PRIMARY KEY,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))
);
INSERT INTO holidays (date, name_vi, name_en, kind) VALUES
    ('2025-01-01', 'Tết Dương lịch', 'New Year''s Day', 'holiday'),
    ('2025-01-27', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2025-01-28', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2025-01-29', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2025-01-30', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2025-01-31', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2025-04-07', 'Giỗ Tổ Hùng Vương', 'Hùng Kings'' Commemoration Day', 'holiday'),
    ('2025-04-26', 'Làm bù (Ngày Quốc tế lao động)', 'Working day in exchange: International Labour Day', 'workday'),
    ('2025-04-30', 'Ngày Chiến thắng', 'Reunification Day', 'holiday'),
    ('2025-05-01', 'Ngày Quốc tế lao động', 'International Labour Day', 'holiday'),
    ('2025-05-02', 'Nghỉ hoán đổi (Ngày Quốc tế lao động)', 'Day off swapped for a Saturday: International Labour Day', 'holiday'),
    ('2025-09-01', 'Quốc khánh', 'National Day', 'holiday'),
    ('2025-09-02', 'Quốc khánh', 'National Day', 'holiday'),
    ('2026-01-01', 'Tết Dương lịch', 'New Year''s Day', 'holiday'),
    ('2026-02-16', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2026-02-17', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2026-02-18', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2026-02-19', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2026-02-20', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'Compensatory day off: Hùng Kings'' Commemoration Day', 'holiday'),
    ('2026-04-30', 'Ngày Chiến thắng', 'Reunification Day', 'holiday'),
    ('2026-05-01', 'Ngày Quốc tế lao động', 'International Labour Day', 'holiday'),
    ('2026-09-01', 'Quốc khánh', 'National Day', 'holiday'),
    ('2026-09-02', 'Quốc khánh', 'National Day', 'holiday'),
    ('2027-01-01', 'Tết Dương lịch', 'New Year''s Day', 'holiday'),
    ('2027-02-05', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2027-02-08', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2027-02-09', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2027-02-10', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day off: Lunar New Year (Tết)', 'holiday'),
    ('2027-02-11', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day off: Lunar New Year (Tết)', 'holiday'),
    ('2027-04-16', 'Giỗ Tổ Hùng Vương', 'Hùng Kings'' Commemoration Day', 'holiday'),
    ('2027-04-30', 'Ngày Chiến thắng', 'Reunification Day', 'holiday'),
    ('2027-05-03', 'Nghỉ bù Ngày Quốc tế lao động', 'Compensatory day off: International Labour Day', 'holiday'),
    ('2027-09-01', 'Quốc khánh', 'National Day', 'holiday'),
    ('2027-09-02', 'Quốc khánh', 'National Day', 'holiday'),
    ('2028-01-03', 'Nghỉ bù Tết Dương lịch', 'Compensatory day off: New Year''s Day', 'holiday'),
    ('2028-01-25', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2028-01-26', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2028-01-27', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2028-01-28', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2028-01-31', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day off: Lunar New Year (Tết)', 'holiday'),
    ('2028-04-04', 'Giỗ Tổ Hùng Vương', 'Hùng Kings'' Commemoration Day', 'holiday'),
    ('2028-05-01', 'Ngày Quốc tế lao động', 'International Labour Day', 'holiday'),
    ('2028-05-02', 'Nghỉ bù Ngày Chiến thắng', 'Compensatory day off: Reunification Day', 'holiday'),
    ('2028-09-01', 'Quốc khánh', 'National Day', 'holiday'),
    ('2028-09-04', 'Nghỉ bù Quốc khánh', 'Compensatory day off: National Day', 'holiday'),
    ('2029-01-01', 'Tết Dương lịch', 'New Year''s Day', 'holiday'),
    ('2029-02-12', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2029-02-13', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2029-02-14', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2029-02-15', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2029-02-16', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2029-04-23', 'Giỗ Tổ Hùng Vương', 'Hùng Kings'' Commemoration Day', 'holiday'),
    ('2029-04-30', 'Ngày Chiến thắng', 'Reunification Day', 'holiday'),
    ('2029-05-01', 'Ngày Quốc tế lao động', 'International Labour Day', 'holiday'),
    ('2029-09-03', 'Nghỉ bù Quốc khánh', 'Compensatory day off: National Day', 'holiday'),
    ('2029-09-04', 'Nghỉ bù Quốc khánh', 'Compensatory day off: National Day', 'holiday'),
    ('2030-01-01', 'Tết Dương lịch', 'New Year''s Day', 'holiday'),
    ('2030-02-01', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2030-02-04', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2030-02-05', 'Tết Nguyên đán', 'Lunar New Year (Tết)', 'holiday'),
    ('2030-02-06', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day off: Lunar New Year (Tết)', 'holiday'),
    ('2030-02-07', 'Nghỉ bù Tết Nguyên đán', 'Compensatory day off: Lunar New Year (Tết)', 'holiday'),
    ('2030-04-12', 'Giỗ Tổ Hùng Vương', 'Hùng Kings'' Commemoration Day', 'holiday'),
    ('2030-04-30', 'Ngày Chiến thắng', 'Reunification Day', 'holiday'),
    ('2030-05-01', 'Ngày Quốc tế lao động', 'International Labour Day', 'holiday'),
    ('2030-09-02', 'Quốc khánh', 'National Day', 'holiday'),
    ('2030-09-03', 'Quốc khánh', 'National Day', 'holiday');

-- One row per disclosure, holding its current text. commune_id and
-- province_id are the unit's commune-level and province-level units (the
-- partition keys, and how a commune's or province's list is read without
-- walking the tree).
CREATE TABLE disclosures (
    id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    unit_id          BIGINT NOT NULL REFERENCES units (id),
    commune_id       BIGINT REFERENCES units (id),
    province_id      BIGINT REFERENCES units (id),
    category         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
    version          INTEGER NOT NULL DEFAULT 0,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    title_folded     TEXT NOT NULL,
    body_folded      TEXT NOT NULL,
    files_folded     TEXT NOT NULL DEFAULT '',
    audience         TEXT NOT NULL,
    decided_on       TEXT NOT NULL,
    publish_due      TEXT NOT NULL,
    published_on     TEXT,
    posting_until    TEXT,
    published_at     TIMESTAMPTZ,
    withdrawn_on     TEXT,
    withdrawn_reason TEXT NOT NULL DEFAULT '',
    created_by       BIGINT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    -- Accent-insensitive search: the folded texts, weighted title first.
    search           tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_folded), 'A') ||
        setweight(to_tsvector('simple', body_folded), 'B') ||
        setweight(to_tsvector('simple', files_folded), 'C')) STORED
);
CREATE INDEX disclosures_unit ON disclosures (unit_id, published_on);
CREATE INDEX disclosures_commune ON disclosures (commune_id, published_on);
CREATE INDEX disclosures_province ON disclosures (province_id, published_on);
CREATE INDEX disclosures_due ON disclosures (status, publish_due);
CREATE INDEX disclosures_search ON disclosures USING GIN (search);

-- Every published text: version 1 at publication, one more per correction.
CREATE TABLE disclosure_versions (
    disclosure_id BIGINT NOT NULL REFERENCES disclosures (id),
    version       INTEGER NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (disclosure_id, version)
);

-- The villages a disclosure is for, when it is not for the whole unit.
CREATE TABLE disclosure_audience (
    disclosure_id BIGINT NOT NULL REFERENCES disclosures (id),
    unit_id       BIGINT NOT NULL REFERENCES units (id),
    PRIMARY KEY (disclosure_id, unit_id)
);

-- Attachments and evidence. The bytes live under the data directory's
-- files/disclosures folder, named by their SHA-256, outside any served
-- folder; a handler serves them.
CREATE TABLE disclosure_files (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    disclosure_id BIGINT NOT NULL REFERENCES disclosures (id),
    kind          TEXT NOT NULL CHECK (kind IN ('attachment', 'evidence')),
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX disclosure_files_disclosure ON disclosure_files (disclosure_id);

-- Channels used (art. 12.1), with their dates and evidence.
CREATE TABLE disclosure_uses (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    disclosure_id BIGINT NOT NULL REFERENCES disclosures (id),
    channel       TEXT NOT NULL,
    from_on       TEXT NOT NULL,
    to_on         TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    file_id       BIGINT REFERENCES disclosure_files (id),
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX disclosure_uses_disclosure ON disclosure_uses (disclosure_id);

-- Extensions of the posting window, with their reasons.
CREATE TABLE disclosure_extensions (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    disclosure_id BIGINT NOT NULL REFERENCES disclosures (id),
    old_until     TEXT NOT NULL,
    new_until     TEXT NOT NULL,
    reason        TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX disclosure_extensions_disclosure ON disclosure_extensions (disclosure_id);

-- Requests for information (Law on Access to Information art. 29). The
-- requester's name and contact are never shown publicly.
CREATE TABLE information_requests (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    unit_id       BIGINT NOT NULL REFERENCES units (id),
    commune_id    BIGINT REFERENCES units (id),
    province_id   BIGINT REFERENCES units (id),
    name          TEXT NOT NULL,
    contact       TEXT NOT NULL,
    question      TEXT NOT NULL,
    public        BOOLEAN NOT NULL,
    received_on   TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    extended      BOOLEAN NOT NULL DEFAULT FALSE,
    extend_reason TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('open', 'answered', 'refused')),
    answer        TEXT NOT NULL DEFAULT '',
    answered_on   TEXT,
    disclosure_id BIGINT REFERENCES disclosures (id),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX information_requests_unit ON information_requests (unit_id, received_on);
CREATE INDEX information_requests_commune ON information_requests (commune_id, received_on);
CREATE INDEX information_requests_open ON information_requests (status, due_on);

-- Reminders sent: one per item, recipient and day, whichever node sends.
CREATE TABLE reminders (
    object    TEXT NOT NULL,
    recipient BIGINT NOT NULL,
    day       TEXT NOT NULL,
    PRIMARY KEY (object, recipient, day)
);

-- +goose Down
DROP TABLE reminders;
DROP TABLE information_requests;
DROP TABLE disclosure_extensions;
DROP TABLE disclosure_uses;
DROP TABLE disclosure_files;
DROP TABLE disclosure_audience;
DROP TABLE disclosure_versions;
DROP TABLE disclosures;
DROP TABLE holidays;
