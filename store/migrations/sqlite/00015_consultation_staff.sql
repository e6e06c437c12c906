-- +goose Up
-- Dân bàn, continued (issue 5). Agencies and state enterprises consult
-- their staff and workers (Law 10/2022 art. 53–55, 71) on subjects of
-- their own, numbered 53xx and 71xx. The CHECK of consultations.subject
-- (1–9, art. 25) cannot be widened on SQLite without rebuilding a table
-- that five others reference, so such a consultation keeps 9 ("anything
-- else the law requires", art. 25.9) in subject and its own subject in
-- staff_subject, and 'unit' (everyone in the unit: its staff, its
-- workers) in audience; the store maps both back.
ALTER TABLE consultations ADD COLUMN staff_subject INTEGER NOT NULL DEFAULT 0;

-- The disclosure that publishes the draft when it opens (art. 11.11 for
-- a commune), kept at once so a retry makes no second one.
ALTER TABLE consultations ADD COLUMN draft_disclosure_id INTEGER REFERENCES disclosures (id);

-- The households a draft about named citizens concerns (art. 25.8, 27):
-- they must be told and heard; their representatives get an SMS when the
-- consultation opens (notified_at: once).
CREATE TABLE consultation_households (
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    household_id    INTEGER NOT NULL REFERENCES households (id),
    notified_at     TIMESTAMP,
    PRIMARY KEY (consultation_id, household_id)
);
CREATE INDEX consultation_households_h ON consultation_households (household_id);

-- +goose Down
DROP TABLE consultation_households;
ALTER TABLE consultations DROP COLUMN draft_disclosure_id;
ALTER TABLE consultations DROP COLUMN staff_subject;
