package store

import (
	"context"
	"fmt"
	"time"

	"coso/calendar"
	"coso/petition"
)

// PetitionFilter selects cases for the queues and the public lists.
type PetitionFilter struct {
	Under     int64 // the unit and its subtree; 0: everywhere
	OwnUnit   bool  // with Under: only cases the unit itself handles
	Below     bool  // with Under: only cases of units strictly below it (what escalates to a superior)
	Assignee  int64 // only cases assigned to this official
	Open      bool  // only received or accepted cases
	Overdue   bool  // only open cases past their deadline today
	Published bool  // only cases published with the sender's consent
	Kind      petition.Kind
	BeforeID  int64 // cursor: only cases with id < BeforeID
	Limit     int   // default 100
}

// Petitions lists cases; open ones by deadline (the nearest first), others
// newest first.
func (s *Store) Petitions(ctx context.Context, f PetitionFilter) ([]*petition.Case, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	q := "SELECT " + petitionColumns + petitionFrom + "WHERE 1=1"
	if f.Under != 0 {
		col, err := s.scopeColumn(ctx, f.Under)
		if err != nil {
			return nil, err
		}
		p := arg(f.Under)
		switch {
		case f.OwnUnit:
			q += " AND p.unit_id = " + p
		case f.Below:
			q += " AND p." + col + " = " + p + " AND p.unit_id <> " + p
		default:
			q += " AND p." + col + " = " + p
		}
	}
	if f.Assignee != 0 {
		q += " AND p.assignee_id = " + arg(f.Assignee)
	}
	if f.Open || f.Overdue {
		q += " AND p.stage IN ('received', 'accepted')"
	}
	if f.Overdue {
		q += " AND p.due_on < " + arg(formatDate(s.today()))
	}
	if f.Published {
		q += " AND p.consent AND p.stage = 'resolved' AND p.summary <> ''"
	}
	if f.Kind != "" {
		q += " AND p.kind = " + arg(string(f.Kind))
	}
	if f.BeforeID > 0 {
		q += " AND p.id < " + arg(f.BeforeID)
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	order := " ORDER BY p.id DESC"
	if f.Open || f.Overdue {
		// Cases with no deadline running come last.
		order = " ORDER BY CASE WHEN p.due_on IS NULL THEN 1 ELSE 0 END, p.due_on, p.id"
	}
	return queryAll(ctx, s.r, scanPetition, q+order+" LIMIT "+arg(f.Limit), args...) // #nosec G202 -- only column names and $n placeholders are joined
}

// PetitionFigures are a unit's public numbers over a period.
type PetitionFigures struct {
	Received    int     // cases received in the period
	Finished    int     // cases finished (answered, rejected, forwarded, closed) in the period
	OnTime      int     // of those, finished by their deadline
	Open        int     // open today
	Overdue     int     // open today and past their deadline
	AverageDays float64 // days from receipt to the end, over the cases finished in the period
	Ratings     int     // satisfaction ratings given in the period
	Score       float64 // their average, 1–5
}

// OnTimeShare is the share (0–100) of finished cases finished on time.
func (f PetitionFigures) OnTimeShare() int {
	if f.Finished == 0 {
		return 0
	}
	return f.OnTime * 100 / f.Finished
}

// PetitionFigures counts the cases of unit's subtree (every unit, when
// unit is 0) received or finished between from and to (local dates, both
// included), and those open today; by is keyed by the handling unit.
func (s *Store) PetitionFigures(ctx context.Context, unit int64, from, to time.Time) (total PetitionFigures, by map[int64]PetitionFigures, err error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	f, t := formatDate(from), formatDate(to)
	// #nosec G202 -- only $n placeholders and a column name chosen in code are joined; values go in args
	q := `SELECT p.unit_id, p.stage, p.received_on, COALESCE(p.finished_on, ''), COALESCE(p.due_on, '') FROM petitions p
		WHERE (p.stage IN ('received', 'accepted') OR p.received_on BETWEEN ` + arg(f) + " AND " + arg(t) +
		" OR p.finished_on BETWEEN " + arg(f) + " AND " + arg(t) + ")"
	if unit != 0 {
		col, err := s.scopeColumn(ctx, unit)
		if err != nil {
			return total, nil, err
		}
		q += " AND p." + col + " = " + arg(unit)
	}
	rows, err := s.r.QueryContext(ctx, q, args...) // #nosec G202 -- only column names and $n placeholders are joined
	if err != nil {
		return total, nil, err
	}
	defer rows.Close()
	by = map[int64]PetitionFigures{}
	sums := map[int64]int{}
	var sum int
	today := s.today()
	for rows.Next() {
		var id int64
		var stage, received, finished, due string
		if err := rows.Scan(&id, &stage, &received, &finished, &due); err != nil {
			return total, nil, err
		}
		fig, days := countCase(petition.Stage(stage), received, finished, due, f, t, today)
		by[id] = addFigures(by[id], fig)
		total = addFigures(total, fig)
		sums[id] += days
		sum += days
	}
	if err := rows.Err(); err != nil {
		return total, nil, err
	}
	for id, fig := range by {
		if fig.Finished > 0 {
			fig.AverageDays = float64(sums[id]) / float64(fig.Finished)
			by[id] = fig
		}
	}
	if total.Finished > 0 {
		total.AverageDays = float64(sum) / float64(total.Finished)
	}
	if unit == 0 {
		return total, by, nil
	}
	ratings, err := s.Ratings(ctx, unit, monthOf(from), monthOf(to))
	if err != nil {
		return total, nil, err
	}
	total.Ratings, total.Score = ratings.Total.Count, ratings.Total.Average()
	for id, sc := range ratings.ByUnit {
		fig := by[id]
		fig.Ratings, fig.Score = sc.Count, sc.Average()
		by[id] = fig
	}
	return total, by, nil
}

// countCase is one case's share of the figures, and its days from receipt
// to the end when it finished in the period.
func countCase(stage petition.Stage, received, finished, due, from, to string, today time.Time) (PetitionFigures, int) {
	var fig PetitionFigures
	if received >= from && received <= to {
		fig.Received = 1
	}
	if stage.Open() {
		fig.Open = 1
		if due != "" && due < formatDate(today) {
			fig.Overdue = 1
		}
		return fig, 0
	}
	if finished < from || finished > to {
		return fig, 0
	}
	fig.Finished = 1
	if due == "" || finished <= due {
		fig.OnTime = 1
	}
	return fig, calendar.DaysBetween(parseDate(received), parseDate(finished))
}

func addFigures(a, b PetitionFigures) PetitionFigures {
	a.Received += b.Received
	a.Finished += b.Finished
	a.OnTime += b.OnTime
	a.Open += b.Open
	a.Overdue += b.Overdue
	return a
}

// scopeColumn is the column (of petitions or ratings) that selects a
// unit's subtree: the partition keys for a province or commune, the unit
// itself otherwise (agencies and enterprises have nothing below them).
func (s *Store) scopeColumn(ctx context.Context, unitID int64) (string, error) {
	u, err := s.Unit(ctx, unitID)
	if err != nil {
		return "", err
	}
	switch {
	case u.Kind.IsProvinceLevel():
		return "province_id", nil
	case u.Kind.IsCommuneLevel():
		return "commune_id", nil
	}
	return "unit_id", nil
}
