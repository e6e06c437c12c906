package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/account"
	"coso/petition"
)

// monthOf is the YYYY-MM of a date: the only time a rating keeps.
func monthOf(t time.Time) string { return t.In(coso.Zone).Format("2006-01") }

// RatePetition records the sender's rating of a finished case, once: the
// case is marked rated and the rating written, in one transaction, with
// nothing that links them. The rating names the unit, the official the
// case was assigned to (if any) and the month.
func (s *Store) RatePetition(ctx context.Context, code string, score int, comment string) error {
	r := petition.Rating{About: petition.AboutPetition, Score: score, Comment: comment, Month: monthOf(s.today())}
	if err := r.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		c, err := scanPetition(tx.QueryRow("SELECT "+petitionColumns+petitionFrom+"WHERE p.code = $1", code))
		if err == sql.ErrNoRows {
			return coso.NotFound("petition")
		}
		if err != nil {
			return err
		}
		if !c.Finished() {
			return coso.Errorf(coso.EConflict, "", "Đánh giá được khi đơn đã giải quyết xong.", "A case can be rated once it is finished.")
		}
		// The time of the last change stays as it was: rating is not a
		// change the case's officials made, and a new time would tell them
		// when the rating came.
		res, err := tx.Exec("UPDATE petitions SET rated = TRUE WHERE id = $1 AND NOT rated", c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coso.Errorf(coso.EConflict, "", "Đơn này đã được đánh giá.", "This case has already been rated.")
		}
		r.UnitID, r.OfficialID = c.UnitID, c.AssigneeID
		return tx.insertRating(r)
	})
}

// RateProcedure records a resident's rating of an administrative
// procedure at the one-stop desk of unit, and of the official who served
// them (0 when not given), who must be one of the unit's (UnitOfficials).
func (s *Store) RateProcedure(ctx context.Context, unitCode string, officialID int64, procedure string, score int, comment string) error {
	u, err := s.disclosureUnit(ctx, 0, unitCode)
	if err != nil {
		return err
	}
	if err := receivingUnit(u); err != nil {
		return err
	}
	r := petition.Rating{UnitID: u.ID, OfficialID: officialID, About: petition.AboutProcedure, Procedure: procedure,
		Score: score, Comment: comment, Month: monthOf(s.today())}
	if err := r.Validate(); err != nil {
		return err
	}
	if officialID != 0 {
		staff, err := s.UnitOfficials(ctx, u.ID)
		if err != nil {
			return err
		}
		found := false
		for _, o := range staff {
			found = found || o.ID == officialID
		}
		if !found {
			return coso.Invalid("official", "Cán bộ này không làm việc ở đơn vị.", "This official does not work at the unit.")
		}
	}
	return s.write(ctx, func(tx *Tx) error { return tx.insertRating(r) })
}

func (tx *Tx) insertRating(r petition.Rating) error {
	u, err := scanUnit(tx.QueryRow("SELECT "+unitColumns+unitFrom+"WHERE u.id = $1", r.UnitID))
	if err != nil {
		return err
	}
	commune, province, err := tx.partition(u)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO ratings (id, unit_id, commune_id, province_id, official_id, about, procedure, score, comment, month)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, newBallotID(), r.UnitID, nullID(commune), nullID(province), nullID(r.OfficialID),
		string(r.About), r.Procedure, r.Score, r.Comment, r.Month); err != nil {
		return err
	}
	// The audit line names the unit only: not the case, not the person.
	return tx.Audit(r.UnitID, "rating.create", fmt.Sprintf("unit:%d", r.UnitID), "about="+string(r.About))
}

// UnitOfficials are the officials whose own grant on the unit lets them
// answer residents (those a resident may rate at its desk).
func (s *Store) UnitOfficials(ctx context.Context, unitID int64) ([]*account.User, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT g.user_id, g.role FROM grants g JOIN users us ON us.id = g.user_id
		WHERE g.revoked_at IS NULL AND NOT us.disabled AND g.unit_id = $1 ORDER BY g.user_id`, unitID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	seen := map[int64]bool{}
	for rows.Next() {
		var id int64
		var role string
		if err := rows.Scan(&id, &role); err != nil {
			_ = rows.Close()
			return nil, err
		}
		if r := account.Role(role); r != account.ProvinceAdmin && r.May(account.PetitionAnswer) && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []*account.User
	for _, id := range ids {
		u, err := s.User(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// RatingFigures are the ratings of a unit's subtree over some months.
type RatingFigures struct {
	Total      petition.Score
	ByMonth    map[string]petition.Score // YYYY-MM
	ByUnit     map[int64]petition.Score
	ByOfficial map[int64]petition.Score
	Officials  map[int64]string // display names
	Comments   []RatingComment  // the latest comments, newest month first
}

// RatingComment is a comment with its score and month, and nothing else.
type RatingComment struct {
	Month, Procedure, Comment string
	Score                     int
	About                     petition.About
}

// Ratings counts the ratings of unit's subtree from month from to month
// to (YYYY-MM, both included).
func (s *Store) Ratings(ctx context.Context, unit int64, from, to string) (RatingFigures, error) {
	f := RatingFigures{ByMonth: map[string]petition.Score{}, ByUnit: map[int64]petition.Score{},
		ByOfficial: map[int64]petition.Score{}, Officials: map[int64]string{}}
	col, err := s.scopeColumn(ctx, unit)
	if err != nil {
		return f, err
	}
	// #nosec G202 -- col is a column name chosen in code
	rows, err := s.r.QueryContext(ctx, `SELECT r.unit_id, COALESCE(r.official_id, 0), COALESCE(us.display_name, ''), r.about, r.procedure,
		r.score, r.comment, r.month FROM ratings r LEFT JOIN users us ON us.id = r.official_id
		WHERE r.`+col+` = $1 AND r.month BETWEEN $2 AND $3 ORDER BY r.month DESC, r.id`, unit, from, to)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var uid, oid int64
		var name string
		var c RatingComment
		var about string
		if err := rows.Scan(&uid, &oid, &name, &about, &c.Procedure, &c.Score, &c.Comment, &c.Month); err != nil {
			return f, err
		}
		c.About = petition.About(about)
		f.Total = f.Total.Add(c.Score)
		f.ByMonth[c.Month] = f.ByMonth[c.Month].Add(c.Score)
		f.ByUnit[uid] = f.ByUnit[uid].Add(c.Score)
		if oid != 0 {
			f.ByOfficial[oid] = f.ByOfficial[oid].Add(c.Score)
			f.Officials[oid] = name
		}
		if c.Comment != "" && len(f.Comments) < 50 {
			f.Comments = append(f.Comments, c)
		}
	}
	return f, rows.Err()
}

// Months lists the n months up to and including the one of t, oldest first.
func Months(t time.Time, n int) []string {
	y, m, _ := t.In(coso.Zone).Date()
	first := time.Date(y, m, 1, 0, 0, 0, 0, coso.Zone)
	out := make([]string, n)
	for i := range n {
		out[n-1-i] = monthOf(first.AddDate(0, -i, 0))
	}
	return out
}
