package store

import (
	"context"
	"database/sql"

	"coso"
	"coso/decision"
)

// querier is what a read needs: the read pool, or a write transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// outcome adds up the three channels for every village of the matter.
// Paper ballots voided and attendance excluded by the counting board do
// not count; a household counts once however many channels it used.
func outcome(ctx context.Context, q querier, m *decision.Matter) (*decision.Outcome, error) {
	type village struct {
		id         int64
		name       string
		households int
	}
	vs, err := queryAllQ(ctx, q, func(r scanner) (village, error) {
		var v village
		return v, r.Scan(&v.id, &v.name, &v.households)
	}, `SELECT mv.village_id, u.name, mv.households FROM matter_villages mv JOIN units u ON u.id = mv.village_id
		WHERE mv.matter_id = $1 ORDER BY u.code`, m.ID)
	if err != nil {
		return nil, err
	}
	n := len(m.Options())
	tallies := map[int64]*decision.Tally{}
	for _, v := range vs {
		tallies[v.id] = &decision.Tally{Households: v.households, Counts: make([]int, n)}
	}
	if err := addCounts(ctx, q, tallies, m.ID); err != nil {
		return nil, err
	}
	o := &decision.Outcome{CommuneWide: m.CommuneWide}
	for _, v := range vs {
		o.Villages = append(o.Villages, decision.VillageResult{VillageID: v.id, Name: v.name, Result: decision.Decide(m, *tallies[v.id])})
	}
	return o, nil
}

const channelCounts = `SELECT village_id, position, COUNT(*) FROM online_ballots WHERE matter_id = $1 GROUP BY village_id, position
	UNION ALL SELECT village_id, position, COUNT(*) FROM ballot_sheets WHERE matter_id = $1 AND returned AND NOT void GROUP BY village_id, position
	UNION ALL SELECT village_id, position, votes FROM meeting_counts WHERE matter_id = $1`

const participantCounts = `SELECT village_id, COUNT(DISTINCT household_id) FROM (
	SELECT village_id, household_id FROM online_participation WHERE matter_id = $1
	UNION SELECT village_id, household_id FROM ballot_sheets WHERE matter_id = $1 AND returned AND NOT void
	UNION SELECT village_id, household_id FROM matter_attendance WHERE matter_id = $1 AND NOT excluded) x GROUP BY village_id`

func addCounts(ctx context.Context, q querier, tallies map[int64]*decision.Tally, matterID int64) error {
	type row struct {
		village  int64
		pos, num int
	}
	rows, err := queryAllQ(ctx, q, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.village, &x.pos, &x.num)
	}, channelCounts, matterID)
	if err != nil {
		return err
	}
	for _, x := range rows {
		if t := tallies[x.village]; t != nil && x.pos >= 0 && x.pos < len(t.Counts) {
			t.Counts[x.pos] += x.num
		}
	}
	parts, err := queryAllQ(ctx, q, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.village, &x.num)
	}, participantCounts, matterID)
	for _, x := range parts {
		if t := tallies[x.village]; t != nil {
			t.Participants = x.num
		}
	}
	return err
}

// queryAllQ is queryAll for any querier.
func queryAllQ[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Participant is a household that took part, and how.
type Participant struct {
	HouseholdID   int64
	HouseholdCode string
	Channel       decision.Form
}

// Participants lists the households that took part in each channel (the
// minutes list them), in order of household code. It says nothing of any
// household's choice.
func (s *Store) Participants(ctx context.Context, matterID int64) ([]Participant, error) {
	return queryAll(ctx, s.r, func(r scanner) (Participant, error) {
		var p Participant
		return p, r.Scan(&p.HouseholdID, &p.HouseholdCode, &p.Channel)
	}, `SELECT h.id, h.code, x.channel FROM (
		SELECT household_id, 'online' AS channel FROM online_participation WHERE matter_id = $1
		UNION ALL SELECT household_id, 'ballot' FROM ballot_sheets WHERE matter_id = $1 AND returned AND NOT void
		UNION ALL SELECT household_id, 'meeting' FROM matter_attendance WHERE matter_id = $1 AND NOT excluded) x
		JOIN households h ON h.id = x.household_id ORDER BY h.code, x.channel`, matterID)
}

// Voter is the household a person represents in one of a matter's
// villages, and whether it has taken part in the vote by any form.
type Voter struct {
	HouseholdID   int64
	HouseholdCode string
	VillageID     int64
	Voted         bool // online, on a returned paper sheet, or present at the meeting
}

// MatterVoter returns the household that the person represents now in
// one of the matter's villages (fixed when the vote opened): the
// household a citizen signed in as household_rep votes for. ENotFound
// when the person represents no household there.
func (s *Store) MatterVoter(ctx context.Context, matterID, personID int64) (*Voter, error) {
	var v Voter
	err := s.r.QueryRowContext(ctx, `SELECT h.id, h.code, h.village_id,
		EXISTS (SELECT 1 FROM online_participation WHERE matter_id = $1 AND household_id = h.id)
		OR EXISTS (SELECT 1 FROM ballot_sheets WHERE matter_id = $1 AND household_id = h.id AND returned AND NOT void)
		OR EXISTS (SELECT 1 FROM matter_attendance WHERE matter_id = $1 AND household_id = h.id AND NOT excluded)
		FROM households h JOIN matter_villages mv ON mv.village_id = h.village_id AND mv.matter_id = $1
		WHERE h.representative_id = $2 AND h.ended_on IS NULL ORDER BY h.id LIMIT 1`, matterID, personID).
		Scan(&v.HouseholdID, &v.HouseholdCode, &v.VillageID, &v.Voted)
	if err == sql.ErrNoRows {
		return nil, coso.Errorf(coso.ENotFound, "household", "Bạn không đại diện hộ nào của thôn biểu quyết việc này.",
			"You do not represent a household of a village voting on this matter.")
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// MatterVillage is a village a matter was put to, with its households
// when the vote opened.
type MatterVillage struct {
	ID         int64
	Code       string
	Name       string
	Households int
}

// MatterVillages lists the villages of an opened matter in order of code.
func (s *Store) MatterVillages(ctx context.Context, matterID int64) ([]MatterVillage, error) {
	return queryAll(ctx, s.r, func(r scanner) (MatterVillage, error) {
		var v MatterVillage
		return v, r.Scan(&v.ID, &v.Code, &v.Name, &v.Households)
	}, `SELECT u.id, u.code, u.name, mv.households FROM matter_villages mv JOIN units u ON u.id = mv.village_id
		WHERE mv.matter_id = $1 ORDER BY u.code`, matterID)
}

// MeetingCounts returns the counting board's counts per village, one
// number per option (nil for a village with none entered).
func (s *Store) MeetingCounts(ctx context.Context, matterID int64, options int) (map[int64][]int, error) {
	type row struct {
		village    int64
		pos, votes int
	}
	rows, err := queryAll(ctx, s.r, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.village, &x.pos, &x.votes)
	}, "SELECT village_id, position, votes FROM meeting_counts WHERE matter_id = $1", matterID)
	out := map[int64][]int{}
	for _, x := range rows {
		if out[x.village] == nil {
			out[x.village] = make([]int, options)
		}
		if x.pos < options {
			out[x.village][x.pos] = x.votes
		}
	}
	return out, err
}
