package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/decision"
	"coso/viet"
)

// Meeting attendance, the counting board's counts, conflicts between
// channels, and the result.

// RecordAttendance marks households present at (or absent from) the
// matter's meeting, from the roster. A household that voted online is
// still recorded, and listed as a conflict. In a village that meets by
// clusters, use RecordClusterAttendance.
func (s *Store) RecordAttendance(ctx context.Context, matterID int64, households []int64, present bool) error {
	return s.RecordClusterAttendance(ctx, matterID, 0, households, present)
}

// RecordClusterAttendance marks households present at (or absent from)
// one cluster meeting of their village (clusterID 0: the village's own
// meeting). A household attends one meeting of the matter only.
func (s *Store) RecordClusterAttendance(ctx context.Context, matterID, clusterID int64, households []int64, present bool) error {
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.matter(matterID, "")
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Open, decision.Closed), wantForm(m, decision.Meeting)); err != nil {
			return err
		}
		for _, h := range households {
			if err := tx.attend(matterID, h, clusterID, present); err != nil {
				return err
			}
		}
		what := "absent"
		if present {
			what = "present"
		}
		return tx.Audit(m.UnitID, "matter.attendance", matterObject(matterID), fmt.Sprintf("%d households %s, cluster %d", len(households), what, clusterID))
	})
}

func (tx *Tx) attend(matterID, householdID, clusterID int64, present bool) error {
	village, err := tx.voterVillage(matterID, householdID)
	if err != nil {
		return err
	}
	if err := tx.checkAttendanceSession(matterID, village, clusterID); err != nil {
		return err
	}
	if !present {
		_, err = tx.Exec("DELETE FROM matter_attendance WHERE matter_id = $1 AND household_id = $2 AND cluster_id = $3", matterID, householdID, clusterID)
		return err
	}
	var code string
	var elsewhere int64
	err = tx.QueryRow(`SELECT h.code, a.cluster_id FROM matter_attendance a JOIN households h ON h.id = a.household_id
		WHERE a.matter_id = $1 AND a.household_id = $2`, matterID, householdID).Scan(&code, &elsewhere)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return err
	case elsewhere != clusterID:
		return coso.Errorf(coso.EConflict, "present", "Hộ %s đã được điểm danh ở một cụm họp khác; mỗi hộ chỉ dự một cụm.",
			"Household %s is already on the roster of another cluster meeting; a household attends one only.", code)
	}
	_, err = tx.Exec(`INSERT INTO matter_attendance (matter_id, household_id, village_id, cluster_id) VALUES ($1, $2, $3, $4)
		ON CONFLICT (matter_id, household_id) DO NOTHING`, matterID, householdID, village, clusterID)
	return err
}

// checkAttendanceSession refuses the village's own roster in a village that
// meets by clusters, and a cluster of another village.
func (tx *Tx) checkAttendanceSession(matterID, villageID, clusterID int64) error {
	clusters, err := tx.villageClusters(matterID, villageID)
	switch {
	case err != nil:
		return err
	case clusterID == 0 && clusters > 0:
		return coso.Invalid("cluster", "Thôn này họp theo cụm: điểm danh, biểu quyết thủ tục và nhập kết quả theo từng cụm.",
			"This village meets by clusters: the roster, procedural votes and counts go by cluster.")
	}
	return tx.checkSession(matterID, villageID, clusterID)
}

// villageClusters counts a village's cluster meetings for the matter.
func (tx *Tx) villageClusters(matterID, villageID int64) (int, error) {
	var n int
	err := tx.QueryRow("SELECT COUNT(*) FROM meeting_clusters WHERE matter_id = $1 AND village_id = $2", matterID, villageID).Scan(&n)
	return n, err
}

// Attendance lists the households present at the matter's meeting.
func (s *Store) Attendance(ctx context.Context, matterID int64) ([]int64, error) {
	return queryAll(ctx, s.r, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "SELECT household_id FROM matter_attendance WHERE matter_id = $1 ORDER BY household_id", matterID)
}

// AttendanceSessions tells, of each household present at a meeting of
// the matter, which: the cluster meeting, or 0 for its village's own.
func (s *Store) AttendanceSessions(ctx context.Context, matterID int64) (map[int64]int64, error) {
	type row struct{ h, c int64 }
	rows, err := queryAll(ctx, s.r, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.h, &x.c)
	}, "SELECT household_id, cluster_id FROM matter_attendance WHERE matter_id = $1", matterID)
	out := make(map[int64]int64, len(rows))
	for _, x := range rows {
		out[x.h] = x.c
	}
	return out, err
}

// EnterCounts records the counting board's counts of the meeting in one
// village, one number per option, once the meeting took its procedural
// votes (the counting board is elected before it counts). They cannot
// exceed the households present (less those counted in another channel).
func (s *Store) EnterCounts(ctx context.Context, matterID, villageID int64, counts []int) error {
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(matterID)
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Open, decision.Closed), wantForm(m, decision.Meeting)); err != nil {
			return err
		}
		if err := tx.checkAttendanceSession(matterID, villageID, 0); err != nil {
			return err
		}
		if err := tx.proceduresTaken(matterID, villageID, 0); err != nil {
			return err
		}
		if len(counts) != len(m.Options()) {
			return coso.Invalid("counts", "Cần %d số, mỗi phương án một số.", "Give %d counts, one per option.", len(m.Options()))
		}
		present, err := tx.presentIn(matterID, villageID)
		if err != nil {
			return err
		}
		if err := (decision.Tally{Households: present, Participants: present, Counts: counts}).Check(); err != nil {
			return coso.Invalid("counts", "Tổng số biểu quyết vượt số hộ có mặt (%d).", "The counts add up to more than the %d households present.", present)
		}
		for i, c := range counts {
			if _, err := tx.Exec(`INSERT INTO meeting_counts (matter_id, village_id, position, votes) VALUES ($1, $2, $3, $4)
				ON CONFLICT (matter_id, village_id, position) DO UPDATE SET votes = excluded.votes`, matterID, villageID, i, c); err != nil {
				return err
			}
		}
		return tx.Audit(villageID, "matter.counts", matterObject(matterID), fmt.Sprint(counts))
	})
}

// presentIn counts the households present in a village of the matter, less
// those the board counted in another channel.
func (tx *Tx) presentIn(matterID, villageID int64) (int, error) {
	var in, present int
	err := tx.QueryRow(`SELECT (SELECT COUNT(*) FROM matter_villages WHERE matter_id = $1 AND village_id = $2),
		(SELECT COUNT(*) FROM matter_attendance WHERE matter_id = $1 AND village_id = $2 AND NOT excluded)`, matterID, villageID).Scan(&in, &present)
	if err == nil && in == 0 {
		err = coso.Invalid("village", "Thôn này không biểu quyết việc này.", "This village does not vote on this matter.")
	}
	return present, err
}

// Conflict is a household found in more than one channel.
type Conflict struct {
	HouseholdID   int64
	HouseholdCode string
	VillageID     int64
	Online        bool
	Serial        string // the returned paper ballot, if any
	Meeting       bool
	Kept          decision.Form // "" while unresolved
	Reason        string
	ResolvedAt    time.Time
}

// Resolved tells whether the board resolved the conflict.
func (c *Conflict) Resolved() bool { return c.Kept != "" }

// Conflicts lists the households found in more than one channel.
func (s *Store) Conflicts(ctx context.Context, matterID int64) ([]*Conflict, error) {
	return queryAll(ctx, s.r, scanConflict, conflictQuery+" ORDER BY h.code", matterID)
}

const conflictQuery = `SELECT h.id, h.code, h.village_id,
	EXISTS (SELECT 1 FROM online_participation p WHERE p.matter_id = $1 AND p.household_id = h.id),
	COALESCE((SELECT b.serial FROM ballot_sheets b WHERE b.matter_id = $1 AND b.household_id = h.id AND b.returned), ''),
	EXISTS (SELECT 1 FROM matter_attendance a WHERE a.matter_id = $1 AND a.household_id = h.id),
	COALESCE(c.kept, '') AS kept, COALESCE(c.reason, '') AS reason, c.resolved_at
	FROM households h LEFT JOIN matter_conflicts c ON c.matter_id = $1 AND c.household_id = h.id
	WHERE h.id IN (SELECT household_id FROM (
		SELECT household_id FROM online_participation WHERE matter_id = $1
		UNION ALL SELECT household_id FROM ballot_sheets WHERE matter_id = $1 AND returned
		UNION ALL SELECT household_id FROM matter_attendance WHERE matter_id = $1) x
		GROUP BY household_id HAVING COUNT(*) > 1)`

func scanConflict(r scanner) (*Conflict, error) {
	var c Conflict
	var at sql.NullTime
	err := r.Scan(&c.HouseholdID, &c.HouseholdCode, &c.VillageID, &c.Online, &c.Serial, &c.Meeting, &c.Kept, &c.Reason, &at)
	c.ResolvedAt = at.Time
	return &c, err
}

// ResolveConflict records how the counting board counts a household found
// in more than one channel: the kept channel counts, the others do not.
// An online ballot cannot be withdrawn (nothing links it to the household),
// so when the household voted online, online is what is kept.
func (s *Store) ResolveConflict(ctx context.Context, matterID, householdID int64, kept decision.Form, reason string) error {
	reason, err := requireReason(reason)
	if err != nil {
		return err
	}
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(matterID)
		if err != nil {
			return err
		}
		if err := wantStatus(m, decision.Open, decision.Closed); err != nil {
			return err
		}
		c, err := scanConflict(tx.QueryRow(conflictQuery+" AND h.id = $2", matterID, householdID))
		if err != nil {
			return coso.Invalid("household", "Hộ này không có xung đột giữa các hình thức.", "This household is not found in two channels.")
		}
		if err := c.check(kept); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE ballot_sheets SET void = $1 WHERE matter_id = $2 AND household_id = $3",
			kept != decision.Ballot, matterID, householdID); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE matter_attendance SET excluded = $1 WHERE matter_id = $2 AND household_id = $3",
			kept != decision.Meeting, matterID, householdID); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO matter_conflicts (matter_id, household_id, kept, reason, resolved_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (matter_id, household_id) DO UPDATE SET kept = excluded.kept, reason = excluded.reason, resolved_at = excluded.resolved_at`,
			matterID, householdID, string(kept), viet.NFC(reason), now.UTC()); err != nil {
			return err
		}
		return tx.Audit(c.VillageID, "matter.conflict", matterObject(matterID), fmt.Sprintf("household %d kept %s", householdID, kept))
	})
}

func (c *Conflict) check(kept decision.Form) error {
	has := map[decision.Form]bool{decision.Online: c.Online, decision.Ballot: c.Serial != "", decision.Meeting: c.Meeting}
	if !has[kept] {
		return coso.Invalid("kept", "Hộ không biểu quyết bằng hình thức %s.", "The household did not vote by %s.", kept)
	}
	if c.Online && kept != decision.Online {
		return coso.Invalid("kept", "Hộ đã biểu quyết trực tuyến; phiếu trực tuyến không rút lại được, nên chỉ tính phiếu trực tuyến.",
			"The household voted online; an online ballot cannot be withdrawn, so the online ballot is the one counted.")
	}
	return nil
}

// CountMatter fixes the result once the vote is closed and every conflict
// is resolved.
func (s *Store) CountMatter(ctx context.Context, id int64) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(id)
		if err != nil {
			return err
		}
		if err := m.Status.Move(decision.Counted); err != nil {
			return err
		}
		var open int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM (`+conflictQuery+`) c WHERE c.kept = ''`, id).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return coso.Errorf(coso.EConflict, "conflicts", "Còn %d hộ có xung đột giữa các hình thức chưa được Tổ kiểm phiếu giải quyết.",
				"%d households found in two channels are not yet resolved by the counting board.", open)
		}
		o, err := outcome(ctx, tx.Tx, m)
		if err != nil {
			return err
		}
		for _, v := range o.Villages {
			if err := v.Tally.Check(); err != nil {
				return err
			}
		}
		if _, err := tx.Exec("UPDATE matters SET status = 'counted', counted_at = $1, updated_at = $1 WHERE id = $2", now.UTC(), id); err != nil {
			return err
		}
		t := o.Total()
		return tx.Audit(m.UnitID, "matter.count", matterObject(id), fmt.Sprintf("%d of %d households took part, adopted %v", t.Participants, t.Households, o.Adopted()))
	})
}

// Result returns the matter's outcome: per village, all households, those
// taking part, the count of each option, the threshold and whether it was
// adopted. Counts are shown only after the vote closed.
func (s *Store) Result(ctx context.Context, id int64) (*decision.Matter, *decision.Outcome, error) {
	m, err := s.Matter(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if m.Status == decision.Draft || m.Status == decision.Open {
		return m, nil, coso.Errorf(coso.EConflict, "status", "Kết quả chỉ được công bố sau khi kết thúc biểu quyết.",
			"The counts are shown only after the vote is closed.")
	}
	o, err := outcome(ctx, s.r, m)
	return m, o, err
}
