package store

import (
	"context"

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
		ms.Present = present[ms.Session]
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
