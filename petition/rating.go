package petition

import (
	"strings"
	"unicode/utf8"

	"coso"
	"coso/viet"
)

// About says what a rating is about.
type About string

const (
	AboutPetition  About = "petition"  // the handling of a finished case
	AboutProcedure About = "procedure" // an administrative procedure at the one-stop desk
)

// Rating is a resident's satisfaction with how the authority and an
// official served them (Law 10/2022/QH15 art. 34–35): a score from 1 to 5
// and a comment. It names the unit, the official (when known) and the
// month, never the case or the person who rated.
type Rating struct {
	UnitID     int64
	OfficialID int64 // 0 when not known
	About      About
	Procedure  string // the procedure, for a one-stop desk rating
	Score      int
	Comment    string
	Month      string // YYYY-MM
}

// MaxComment bounds a rating's comment.
const MaxComment = 1000

// Validate normalises a rating and checks it.
func (r *Rating) Validate() error {
	r.Comment = strings.TrimSpace(viet.Text(r.Comment))
	r.Procedure = strings.TrimSpace(viet.Text(r.Procedure))
	switch {
	case r.About != AboutPetition && r.About != AboutProcedure:
		return coso.Invalid("about", "Đánh giá về đơn thư hoặc thủ tục hành chính.", "A rating is about a case or an administrative procedure.")
	case r.Score < 1 || r.Score > 5:
		return coso.Invalid("score", "Chọn mức hài lòng từ 1 (rất không hài lòng) đến 5 (rất hài lòng).", "Choose a score from 1 (very unsatisfied) to 5 (very satisfied).")
	case utf8.RuneCountInString(r.Comment) > MaxComment:
		return coso.Invalid("comment", "Ý kiến dài quá %d ký tự.", "The comment is longer than %d characters.", MaxComment)
	case r.About == AboutProcedure && (utf8.RuneCountInString(r.Procedure) < 3 || utf8.RuneCountInString(r.Procedure) > 200):
		return coso.Invalid("procedure", "Cần tên thủ tục hành chính (3 đến 200 ký tự).", "The procedure's name is required (3 to 200 characters).")
	}
	if r.About == AboutPetition {
		r.Procedure = ""
	}
	return nil
}

// Score is a count of ratings and their sum, for averages.
type Score struct {
	Count int
	Sum   int
}

// Average is the mean score, 0 without ratings.
func (s Score) Average() float64 {
	if s.Count == 0 {
		return 0
	}
	return float64(s.Sum) / float64(s.Count)
}

// Add counts one more rating.
func (s Score) Add(score int) Score { return Score{Count: s.Count + 1, Sum: s.Sum + score} }
