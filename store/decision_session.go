package store

import (
	"context"
	"database/sql"
	"fmt"

	"coso"
	"coso/decision"
)

// MeetingSession is one meeting of a matter with what it recorded: a
// village's own meeting, or, in a village that meets by clusters, one of
// its cluster meetings.
type MeetingSession struct {
	Session
	Village    MatterVillage
	Cluster    *decision.Cluster // nil for the village's own meeting
	Present    int               // households on its roster
	Counted    int               // of them, those the counting board did not count in another form
	Procedures []decision.Procedure
	Counts     []int // the counting board's counts, per option
}

// Name is the cluster's name, or the village's.
func (m MeetingSession) Name() string {
	if m.Cluster != nil {
		return m.Cluster.Name
	}
	return m.Village.Name
}

// MeetingSessions lists the meetings of an opened matter, village by
// village in order of code: each village's own meeting, or its cluster
// meetings when it meets by clusters.
func (s *Store) MeetingSessions(ctx context.Context, matterID int64, options int) ([]MeetingSession, error) {
	vs, err := s.MatterVillages(ctx, matterID)
	if err != nil {
		return nil, err
	}
	clusters, err := s.Clusters(ctx, matterID)
	if err != nil {
		return nil, err
	}
	present, err := s.SessionPresence(ctx, matterID)
	if err != nil {
		return nil, err
	}
	counted, err := s.sessionCounted(ctx, matterID)
	if err != nil {
		return nil, err
	}
	ps, err := s.Procedures(ctx, matterID)
	if err != nil {
		return nil, err
	}
	villageCounts, err := s.MeetingCounts(ctx, matterID, options)
	if err != nil {
		return nil, err
	}
	clusterCounts, err := s.clusterCounts(ctx, matterID, options)
	if err != nil {
		return nil, err
	}
	var out []MeetingSession
	add := func(ms MeetingSession, counts []int) {
		ms.Present, ms.Counted = present[ms.Session], counted[ms.Session]
		ms.Counts = counts
		if ms.Counts == nil {
			ms.Counts = make([]int, options)
		}
		for _, p := range ps {
			if p.Session == ms.Session {
				ms.Procedures = append(ms.Procedures, p.Procedure)
			}
		}
		out = append(out, ms)
	}
	for _, v := range vs {
		own := true
		for i := range clusters {
			if c := &clusters[i]; c.VillageID == v.ID {
				own = false
				add(MeetingSession{Session: Session{v.ID, c.ID}, Village: v, Cluster: c}, clusterCounts[c.ID])
			}
		}
		if own {
			add(MeetingSession{Session: Session{VillageID: v.ID}, Village: v}, villageCounts[v.ID])
		}
	}
	return out, nil
}

// Clusters lists the cluster meetings of a matter in order of village and
// of creation.
func (s *Store) Clusters(ctx context.Context, matterID int64) ([]decision.Cluster, error) {
	return queryAll(ctx, s.r, func(r scanner) (decision.Cluster, error) {
		var c decision.Cluster
		var held string
		err := r.Scan(&c.ID, &c.VillageID, &c.Name, &held, &c.Place)
		c.HeldOn = parseDate(held)
		return c, err
	}, "SELECT id, village_id, name, held_on, place FROM meeting_clusters WHERE matter_id = $1 ORDER BY village_id, id", matterID)
}

// clusterCounts returns each cluster meeting's counts, one number per option.
func (s *Store) clusterCounts(ctx context.Context, matterID int64, options int) (map[int64][]int, error) {
	type row struct {
		cluster    int64
		pos, votes int
	}
	rows, err := queryAll(ctx, s.r, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.cluster, &x.pos, &x.votes)
	}, `SELECT cc.cluster_id, cc.position, cc.votes FROM cluster_counts cc JOIN meeting_clusters c ON c.id = cc.cluster_id
		WHERE c.matter_id = $1`, matterID)
	out := map[int64][]int{}
	for _, x := range rows {
		if out[x.cluster] == nil {
			out[x.cluster] = make([]int, options)
		}
		if x.pos < options {
			out[x.cluster][x.pos] = x.votes
		}
	}
	return out, err
}

// AddCluster records a cluster meeting of a village of 200 or more
// households: its name, the day it was held (at least 2 days after the
// invitation) and its place. From then the village meets by clusters: its
// roster, procedural votes and counts go by cluster and add up into the
// village's. A village that already met as one (a roster, procedural
// votes or counts of its own meeting) cannot be split.
func (s *Store) AddCluster(ctx context.Context, matterID, villageID int64, c *decision.Cluster) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(matterID)
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Open, decision.Closed), wantForm(m, decision.Meeting)); err != nil {
			return err
		}
		var households, own int
		err = tx.QueryRow(`SELECT COALESCE((SELECT households FROM matter_villages WHERE matter_id = $1 AND village_id = $2), -1),
			(SELECT COUNT(*) FROM matter_attendance WHERE matter_id = $1 AND village_id = $2 AND cluster_id = 0)
			+ (SELECT COUNT(*) FROM meeting_procedures WHERE matter_id = $1 AND village_id = $2 AND cluster_id = 0)
			+ CASE WHEN EXISTS (SELECT 1 FROM meeting_clusters WHERE matter_id = $1 AND village_id = $2) THEN 0
				ELSE (SELECT COUNT(*) FROM meeting_counts WHERE matter_id = $1 AND village_id = $2) END`, matterID, villageID).Scan(&households, &own)
		switch {
		case err != nil:
			return err
		case households < 0:
			return coso.Invalid("village", "Thôn này không biểu quyết việc này.", "This village does not vote on this matter.")
		case own > 0:
			return coso.Errorf(coso.EConflict, "village", "Thôn đã họp chung (đã có điểm danh, biểu quyết thủ tục hoặc kết quả); không chia cụm được nữa.",
				"The village already met as one (a roster, procedural votes or counts are recorded); it cannot be split into clusters now.")
		}
		c.VillageID = villageID
		if err := c.Validate(m, households, today(now)); err != nil {
			return err
		}
		c.ID, err = tx.Insert(`INSERT INTO meeting_clusters (matter_id, village_id, name, held_on, place, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			matterID, villageID, c.Name, formatDate(c.HeldOn), c.Place, now.UTC())
		if err != nil && isUnique(err) {
			return coso.Errorf(coso.EConflict, "name", "Thôn đã có cụm “%s”.", "The village already has a cluster “%s”.", c.Name)
		}
		if err != nil {
			return err
		}
		// The matter's meeting day is that of its last meeting.
		if m.MeetingOn.IsZero() || c.HeldOn.After(m.MeetingOn) {
			place := m.Place
			if place == "" {
				place = "Họp theo cụm dân cư"
			}
			if _, err := tx.Exec("UPDATE matters SET meeting_on = $1, meeting_place = $2, updated_at = $3 WHERE id = $4",
				formatDate(c.HeldOn), place, now.UTC(), matterID); err != nil {
				return err
			}
		}
		return tx.Audit(villageID, "matter.cluster", matterObject(matterID), fmt.Sprintf("cluster %d held %s", c.ID, formatDate(c.HeldOn)))
	})
}

// EnterClusterCounts records the counting board's counts of one cluster
// meeting, once it took its procedural votes; they cannot exceed the
// households present there (less those counted in another channel). The
// village's meeting counts become the sum of its clusters'.
func (s *Store) EnterClusterCounts(ctx context.Context, matterID, clusterID int64, counts []int) error {
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(matterID)
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Open, decision.Closed), wantForm(m, decision.Meeting)); err != nil {
			return err
		}
		var village int64
		err = tx.QueryRow("SELECT village_id FROM meeting_clusters WHERE id = $1 AND matter_id = $2", clusterID, matterID).Scan(&village)
		if err == sql.ErrNoRows {
			return coso.Invalid("cluster", "Không có cụm họp này.", "No such cluster meeting.")
		}
		if err != nil {
			return err
		}
		if err := tx.proceduresTaken(matterID, village, clusterID); err != nil {
			return err
		}
		if len(counts) != len(m.Options()) {
			return coso.Invalid("counts", "Cần %d số, mỗi phương án một số.", "Give %d counts, one per option.", len(m.Options()))
		}
		var present int
		if err := tx.QueryRow("SELECT COUNT(*) FROM matter_attendance WHERE matter_id = $1 AND cluster_id = $2 AND NOT excluded",
			matterID, clusterID).Scan(&present); err != nil {
			return err
		}
		if err := (decision.Tally{Households: present, Participants: present, Counts: counts}).Check(); err != nil {
			return coso.Invalid("counts", "Tổng số biểu quyết vượt số hộ có mặt ở cụm (%d).", "The counts add up to more than the %d households present at the cluster.", present)
		}
		for i, c := range counts {
			if _, err := tx.Exec(`INSERT INTO cluster_counts (cluster_id, position, votes) VALUES ($1, $2, $3)
				ON CONFLICT (cluster_id, position) DO UPDATE SET votes = excluded.votes`, clusterID, i, c); err != nil {
				return err
			}
		}
		if _, err := tx.Exec("DELETE FROM meeting_counts WHERE matter_id = $1 AND village_id = $2", matterID, village); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO meeting_counts (matter_id, village_id, position, votes)
			SELECT c.matter_id, c.village_id, cc.position, SUM(cc.votes) FROM cluster_counts cc JOIN meeting_clusters c ON c.id = cc.cluster_id
			WHERE c.matter_id = $1 AND c.village_id = $2 GROUP BY c.matter_id, c.village_id, cc.position`, matterID, village); err != nil {
			return err
		}
		return tx.Audit(village, "matter.counts", matterObject(matterID), fmt.Sprintf("cluster %d: %v", clusterID, counts))
	})
}

// sessionCounted counts the households on each meeting's roster that the
// counting board did not count in another form.
func (s *Store) sessionCounted(ctx context.Context, matterID int64) (map[Session]int, error) {
	type row struct {
		s Session
		n int
	}
	rows, err := queryAll(ctx, s.r, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.s.VillageID, &x.s.ClusterID, &x.n)
	}, "SELECT village_id, cluster_id, COUNT(*) FROM matter_attendance WHERE matter_id = $1 AND NOT excluded GROUP BY village_id, cluster_id", matterID)
	out := map[Session]int{}
	for _, x := range rows {
		out[x.s] = x.n
	}
	return out, err
}
