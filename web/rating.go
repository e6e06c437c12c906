package web

import (
	"net/http"
	"strconv"
	"strings"

	"coso"
	"coso/account"
	"coso/petition"
	"coso/place"
	"coso/ratelimit"
	"coso/store"
	"coso/viet"
)

type ratingFormData struct {
	Case      *petition.Case // rating a case
	Unit      *place.Unit    // rating a procedure at the unit's desk
	Officials []*account.User
	Values    map[string]string
	Error     *coso.Error
	Done      bool
}

// ratingForm is where the sender of a finished case rates how it was
// handled. The tracking code is the only key: no sign-in, and the rating
// keeps no trace of the case.
func (s *Server) ratingForm(w http.ResponseWriter, r *http.Request) {
	c, err := s.caseOfCode(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRating(w, r, ratingFormData{Case: c, Values: map[string]string{}}, http.StatusOK)
}

func (s *Server) caseOfCode(r *http.Request) (*petition.Case, error) {
	code, err := petition.ParseCode(r.PathValue("code"))
	if err != nil {
		return nil, coso.NotFound("petition")
	}
	return s.store.PetitionByCode(r.Context(), code)
}

func (s *Server) renderRating(w http.ResponseWriter, r *http.Request, d ratingFormData, status int) {
	v := s.view(r, "", d)
	v.Title = v.T.T("rate_title")
	s.render(w, r, "rating_form", status, v)
}

func formValues(r *http.Request) map[string]string {
	out := map[string]string{}
	for k, v := range r.PostForm {
		out[k] = strings.Join(v, "")
	}
	return out
}

func (s *Server) ratePetition(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.caseOfCode(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := ratingFormData{Case: c, Values: formValues(r)}
	score, _ := strconv.Atoi(r.PostFormValue("score"))
	err = s.limits.Check(ctx, ratelimit.RatingPerAddr, ratelimit.Addr(r.RemoteAddr))
	if err == nil {
		err = s.store.RatePetition(ctx, c.Code, score, r.PostFormValue("comment"))
	}
	s.ratingDone(w, r, d, err)
}

func (s *Server) ratingDone(w http.ResponseWriter, r *http.Request, d ratingFormData, err error) {
	if err != nil {
		var status int
		d.Error, status = firstError(err)
		if status >= 500 {
			s.fail(w, r, err)
			return
		}
		setRetryAfter(w, err)
		s.renderRating(w, r, d, status)
		return
	}
	d.Done = true
	s.renderRating(w, r, d, http.StatusCreated)
}

// procedureRatingForm is where a resident rates a procedure at the unit's
// one-stop desk and, if they wish, the official who served them.
func (s *Server) procedureRatingForm(w http.ResponseWriter, r *http.Request) {
	d, err := s.procedureRating(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderRating(w, r, d, http.StatusOK)
}

func (s *Server) procedureRating(r *http.Request) (ratingFormData, error) {
	u, err := s.store.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return ratingFormData{}, err
	}
	officials, err := s.store.UnitOfficials(r.Context(), u.ID)
	if err != nil {
		return ratingFormData{}, err
	}
	viet.SortBy(officials, func(o *account.User) string { return o.DisplayName })
	return ratingFormData{Unit: u, Officials: officials, Values: map[string]string{}}, nil
}

func (s *Server) rateProcedure(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := s.procedureRating(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Values = formValues(r)
	score, _ := strconv.Atoi(r.PostFormValue("score"))
	official, _ := strconv.ParseInt(r.PostFormValue("official"), 10, 64)
	err = s.limits.Check(ctx, ratelimit.RatingPerAddr, ratelimit.Addr(r.RemoteAddr))
	if err == nil {
		err = s.store.RateProcedure(ctx, d.Unit.Code, official, r.PostFormValue("procedure"), score, r.PostFormValue("comment"))
	}
	s.ratingDone(w, r, d, err)
}

type monthLine struct {
	Month string
	Score petition.Score
}

type unitRatingsData struct {
	Unit     *place.Unit
	Months   []monthLine
	Figures  store.RatingFigures
	Units    []unitScore
	Official []officialScore
	Back     bool // the back office's page, with officials and comments
}

type unitScore struct {
	Unit  *place.Unit
	Score petition.Score
}

type officialScore struct {
	Name  string
	Score petition.Score
}

// ratingData gathers a unit's ratings of the last 12 months.
func (s *Server) ratingData(r *http.Request, u *place.Unit, back bool) (unitRatingsData, error) {
	ctx := r.Context()
	months := store.Months(s.store.Now(), 12)
	f, err := s.store.Ratings(ctx, u.ID, months[0], months[len(months)-1])
	if err != nil {
		return unitRatingsData{}, err
	}
	d := unitRatingsData{Unit: u, Figures: f, Back: back}
	for i := len(months) - 1; i >= 0; i-- {
		d.Months = append(d.Months, monthLine{Month: months[i], Score: f.ByMonth[months[i]]})
	}
	for id, sc := range f.ByUnit {
		unit, err := s.store.Unit(ctx, id)
		if err != nil {
			return d, err
		}
		d.Units = append(d.Units, unitScore{Unit: unit, Score: sc})
	}
	viet.SortBy(d.Units, func(x unitScore) string { return x.Unit.Name })
	if back {
		for id, sc := range f.ByOfficial {
			d.Official = append(d.Official, officialScore{Name: f.Officials[id], Score: sc})
		}
		viet.SortBy(d.Official, func(x officialScore) string { return x.Name })
	} else {
		d.Figures.Comments = nil
	}
	return d, nil
}

// unitRatings shows a unit's satisfaction month by month and per unit
// below it, for everyone.
func (s *Server) unitRatings(w http.ResponseWriter, r *http.Request) {
	u, err := s.store.UnitByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.ratingData(r, u, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", []unitRatingsData{d})
	v.Title = v.T.T("rate_unit_title", "Unit", u.Name)
	s.render(w, r, "ratings", http.StatusOK, v)
}

// adminRatings shows the officials the ratings of their units, per
// official and with the comments; never who rated.
func (s *Server) adminRatings(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var all []unitRatingsData
	for _, root := range account.Roots(whoFrom(ctx).Grants, account.PetitionRead) {
		u, err := s.store.Unit(ctx, root)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d, err := s.ratingData(r, u, true)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		all = append(all, d)
	}
	v := s.view(r, "", all)
	v.Title = v.T.T("rate_admin_title")
	s.render(w, r, "ratings", http.StatusOK, v)
}
