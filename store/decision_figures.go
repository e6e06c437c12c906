package store

import (
	"context"
)

// VillageFigures is what each form of voting gave in one village of a
// matter: what the minutes (Forms 02–04 of Decree 59) report.
type VillageFigures struct {
	MatterVillage
	Present  int   // households present at the meeting (not excluded by the counting board)
	Meeting  []int // the counting board's counts, per option
	Issued   int   // paper ballot sheets issued
	Returned int   // sheets returned and counted
	Void     int   // sheets returned but voided (the household voted online)
	Paper    []int // counted sheets per option
	Online   int   // households that voted online
}

// MatterFigures returns the figures of every village of an opened matter,
// in order of village code. Online choices are not among them: they are
// counted only in Result, after the close.
func (s *Store) MatterFigures(ctx context.Context, matterID int64, options int) ([]VillageFigures, error) {
	vs, err := s.MatterVillages(ctx, matterID)
	if err != nil {
		return nil, err
	}
	meeting, err := s.MeetingCounts(ctx, matterID, options)
	if err != nil {
		return nil, err
	}
	out := make([]VillageFigures, len(vs))
	at := map[int64]*VillageFigures{}
	for i, v := range vs {
		out[i] = VillageFigures{MatterVillage: v, Meeting: meeting[v.ID], Paper: make([]int, options)}
		if out[i].Meeting == nil {
			out[i].Meeting = make([]int, options)
		}
		at[v.ID] = &out[i]
	}
	type row struct {
		village int64
		n       int
	}
	count := func(query string, add func(f *VillageFigures, n int)) error {
		rows, err := queryAll(ctx, s.r, func(r scanner) (row, error) {
			var x row
			return x, r.Scan(&x.village, &x.n)
		}, query, matterID)
		for _, x := range rows {
			if f := at[x.village]; f != nil {
				add(f, x.n)
			}
		}
		return err
	}
	err = firstError(
		count("SELECT village_id, COUNT(*) FROM matter_attendance WHERE matter_id = $1 AND NOT excluded GROUP BY village_id",
			func(f *VillageFigures, n int) { f.Present = n }),
		count("SELECT village_id, COUNT(*) FROM ballot_sheets WHERE matter_id = $1 GROUP BY village_id",
			func(f *VillageFigures, n int) { f.Issued = n }),
		count("SELECT village_id, COUNT(*) FROM ballot_sheets WHERE matter_id = $1 AND returned AND NOT void GROUP BY village_id",
			func(f *VillageFigures, n int) { f.Returned = n }),
		count("SELECT village_id, COUNT(*) FROM ballot_sheets WHERE matter_id = $1 AND returned AND void GROUP BY village_id",
			func(f *VillageFigures, n int) { f.Void = n }),
		count("SELECT village_id, COUNT(*) FROM online_participation WHERE matter_id = $1 GROUP BY village_id",
			func(f *VillageFigures, n int) { f.Online = n }),
	)
	if err != nil {
		return nil, err
	}
	sheets, err := s.Sheets(ctx, matterID)
	for _, b := range sheets {
		if f := at[b.VillageID]; f != nil && b.Returned && !b.Void && b.Option >= 0 && b.Option < options {
			f.Paper[b.Option]++
		}
	}
	return out, err
}
