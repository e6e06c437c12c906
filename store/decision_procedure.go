package store

import (
	"context"
	"fmt"
	"strings"

	"coso"
	"coso/decision"
)

// The procedural votes of a community meeting: its secretary, the voting
// method, the counting board and the two household witnesses, each
// approved by more than half of the households present. A village meets
// once (cluster 0) or, with 200 households or more, in clusters, each
// cluster meeting taking its own procedural votes.

// SessionProcedure is a procedural vote of one meeting of a matter: the
// village's meeting (ClusterID 0) or one of its cluster meetings.
type SessionProcedure struct {
	Session
	decision.Procedure
}

// RecordProcedure records a procedural vote of the meeting of a village
// (clusterID 0) or of one of its cluster meetings. The households present
// are those ticked on that meeting's roster; the vote needs more than half
// of them. Recording a vote again replaces it.
func (s *Store) RecordProcedure(ctx context.Context, matterID, villageID, clusterID int64, p decision.Procedure) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(matterID)
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Open, decision.Closed), wantForm(m, decision.Meeting)); err != nil {
			return err
		}
		if err := tx.checkAttendanceSession(matterID, villageID, clusterID); err != nil {
			return err
		}
		if p.Present, err = tx.sessionPresent(matterID, villageID, clusterID); err != nil {
			return err
		}
		if err := p.Validate(); err != nil {
			return err
		}
		others, err := tx.sessionProcedures(matterID, villageID, clusterID)
		if err != nil {
			return err
		}
		all := []decision.Procedure{p}
		for _, o := range others {
			if o.Kind != p.Kind {
				all = append(all, o)
			}
		}
		if err := decision.CheckProcedures(all); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO meeting_procedures (matter_id, village_id, cluster_id, kind, method, names, present, approve, recorded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (matter_id, village_id, cluster_id, kind) DO UPDATE SET method = excluded.method, names = excluded.names,
				present = excluded.present, approve = excluded.approve, recorded_at = excluded.recorded_at`,
			matterID, villageID, clusterID, string(p.Kind), string(p.Method), strings.Join(p.Names, "\n"), p.Present, p.Approve, now.UTC()); err != nil {
			return err
		}
		return tx.Audit(villageID, "matter.procedure", matterObject(matterID),
			fmt.Sprintf("%s, cluster %d: %d of %d approved", p.Kind, clusterID, p.Approve, p.Present))
	})
}

// checkSession checks that the village votes on the matter and that the
// cluster, when not 0, is one of that village's cluster meetings.
func (tx *Tx) checkSession(matterID, villageID, clusterID int64) error {
	var in, cluster int
	err := tx.QueryRow(`SELECT (SELECT COUNT(*) FROM matter_villages WHERE matter_id = $1 AND village_id = $2),
		(SELECT COUNT(*) FROM meeting_clusters WHERE id = $3 AND matter_id = $1 AND village_id = $2)`, matterID, villageID, clusterID).Scan(&in, &cluster)
	switch {
	case err != nil:
		return err
	case in == 0:
		return coso.Invalid("village", "Thôn này không biểu quyết việc này.", "This village does not vote on this matter.")
	case clusterID != 0 && cluster == 0:
		return coso.Invalid("cluster", "Không có cụm họp này trong thôn.", "No such cluster meeting in this village.")
	}
	return nil
}

// sessionPresent counts the households on a meeting's roster (those the
// counting board later counted elsewhere included: they were there).
func (tx *Tx) sessionPresent(matterID, villageID, clusterID int64) (int, error) {
	var n int
	err := tx.QueryRow("SELECT COUNT(*) FROM matter_attendance WHERE matter_id = $1 AND village_id = $2 AND cluster_id = $3",
		matterID, villageID, clusterID).Scan(&n)
	return n, err
}

const procedureColumns = `village_id, cluster_id, kind, method, names, present, approve`

func scanProcedure(r scanner) (SessionProcedure, error) {
	var p SessionProcedure
	var names string
	err := r.Scan(&p.VillageID, &p.ClusterID, &p.Kind, &p.Method, &names, &p.Present, &p.Approve)
	if names != "" {
		p.Names = strings.Split(names, "\n")
	}
	return p, err
}

func (tx *Tx) sessionProcedures(matterID, villageID, clusterID int64) ([]decision.Procedure, error) {
	ps, err := queryAllQ(tx.ctx, tx.Tx, scanProcedure, "SELECT "+procedureColumns+
		" FROM meeting_procedures WHERE matter_id = $1 AND village_id = $2 AND cluster_id = $3", matterID, villageID, clusterID)
	out := make([]decision.Procedure, len(ps))
	for i, p := range ps {
		out[i] = p.Procedure
	}
	return out, err
}

// proceduresTaken refuses counts of a meeting that has not yet taken all
// its procedural votes: the counting board enters counts once elected.
func (tx *Tx) proceduresTaken(matterID, villageID, clusterID int64) error {
	ps, err := tx.sessionProcedures(matterID, villageID, clusterID)
	if err != nil {
		return err
	}
	if missing := decision.Missing(ps); len(missing) > 0 {
		return decision.ErrProceduresMissing(missing)
	}
	return nil
}

// Procedures lists the procedural votes of every meeting of a matter, in
// order of village, cluster and the order the meeting takes them.
func (s *Store) Procedures(ctx context.Context, matterID int64) ([]SessionProcedure, error) {
	return queryAll(ctx, s.r, scanProcedure, "SELECT "+procedureColumns+` FROM meeting_procedures WHERE matter_id = $1
		ORDER BY village_id, cluster_id, CASE kind WHEN 'secretary' THEN 1 WHEN 'method' THEN 2 WHEN 'counting_board' THEN 3 ELSE 4 END`, matterID)
}

// Session names one meeting of a matter: a village's own (ClusterID 0),
// or one of its cluster meetings.
type Session struct{ VillageID, ClusterID int64 }

// SessionPresence counts the households on each meeting's roster.
func (s *Store) SessionPresence(ctx context.Context, matterID int64) (map[Session]int, error) {
	type row struct {
		s Session
		n int
	}
	rows, err := queryAll(ctx, s.r, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.s.VillageID, &x.s.ClusterID, &x.n)
	}, "SELECT village_id, cluster_id, COUNT(*) FROM matter_attendance WHERE matter_id = $1 GROUP BY village_id, cluster_id", matterID)
	out := map[Session]int{}
	for _, x := range rows {
		out[x.s] = x.n
	}
	return out, err
}
