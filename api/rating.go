package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/petition"
	"coso/ratelimit"
	"coso/store"
)

type ratePetitionInput struct {
	Code string `path:"code" maxLength:"20" doc:"The tracking code of a finished case"`
	Body struct {
		Score   int    `json:"score" minimum:"1" maximum:"5" doc:"1 very unsatisfied … 5 very satisfied"`
		Comment string `json:"comment,omitempty" maxLength:"1000"`
	}
	addr string
}

func (in *ratePetitionInput) Resolve(ctx huma.Context) []error {
	in.addr = ctx.RemoteAddr()
	return nil
}

type rateProcedureInput struct {
	Code string `path:"code" maxLength:"32"`
	Body struct {
		Procedure string `json:"procedure" maxLength:"200" doc:"The administrative procedure, e.g. birth registration"`
		Official  string `json:"official,omitempty" maxLength:"100" doc:"Username of the official who served, one of the unit's"`
		Score     int    `json:"score" minimum:"1" maximum:"5"`
		Comment   string `json:"comment,omitempty" maxLength:"1000"`
	}
	addr string
}

func (in *rateProcedureInput) Resolve(ctx huma.Context) []error {
	in.addr = ctx.RemoteAddr()
	return nil
}

// RatingScore is a count of ratings and their average.
type RatingScore struct {
	Count   int     `json:"count"`
	Average float64 `json:"average,omitempty"`
}

type ratingsInput struct {
	Code   string `path:"code" maxLength:"32"`
	Months int    `query:"months" minimum:"1" maximum:"36" default:"12"`
}

type ratingsOutput struct {
	Body struct {
		Unit    string                 `json:"unit"`
		Total   RatingScore            `json:"total"`
		ByMonth map[string]RatingScore `json:"by_month" doc:"YYYY-MM → score"`
		ByUnit  map[string]RatingScore `json:"by_unit" doc:"unit code → score"`
	}
}

func score(s petition.Score) RatingScore { return RatingScore{Count: s.Count, Average: s.Average()} }

func (s *server) ratings(a huma.API) {
	tags := []string{"ratings"}
	huma.Register(a, huma.Operation{OperationID: "rate-petition", Method: http.MethodPost, Path: "/api/v1/petitions/{code}/rating",
		Summary: "Rate the handling of a finished case (once; the rating keeps no link to the case)", Tags: tags, DefaultStatus: http.StatusNoContent}, s.ratePetition)
	huma.Register(a, huma.Operation{OperationID: "rate-procedure", Method: http.MethodPost, Path: "/api/v1/units/{code}/ratings",
		Summary: "Rate an administrative procedure at a unit's one-stop desk", Tags: tags, DefaultStatus: http.StatusNoContent}, s.rateProcedure)
	huma.Register(a, huma.Operation{OperationID: "get-ratings", Method: http.MethodGet, Path: "/api/v1/units/{code}/ratings",
		Summary: "A unit's satisfaction by month and by unit below it; never who rated", Tags: tags}, s.getRatings)
}

func (s *server) ratePetition(ctx context.Context, in *ratePetitionInput) (*struct{}, error) {
	if s.limits != nil {
		if err := s.limits.Check(ctx, ratelimit.RatingPerAddr, ratelimit.Addr(in.addr)); err != nil {
			return nil, problem(err)
		}
	}
	code, err := petition.ParseCode(in.Code)
	if err != nil {
		return nil, problem(err)
	}
	if err := s.store.RatePetition(ctx, code, in.Body.Score, in.Body.Comment); err != nil {
		return nil, problem(err)
	}
	return nil, nil
}

func (s *server) rateProcedure(ctx context.Context, in *rateProcedureInput) (*struct{}, error) {
	if s.limits != nil {
		if err := s.limits.Check(ctx, ratelimit.RatingPerAddr, ratelimit.Addr(in.addr)); err != nil {
			return nil, problem(err)
		}
	}
	var official int64
	if in.Body.Official != "" {
		u, err := s.store.UserByUsername(ctx, in.Body.Official)
		if err != nil {
			return nil, problem(petitionErrOfficial())
		}
		official = u.ID
	}
	if err := s.store.RateProcedure(ctx, in.Code, official, in.Body.Procedure, in.Body.Score, in.Body.Comment); err != nil {
		return nil, problem(err)
	}
	return nil, nil
}

func (s *server) getRatings(ctx context.Context, in *ratingsInput) (*ratingsOutput, error) {
	u, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	months := store.Months(s.store.Now(), in.Months)
	f, err := s.store.Ratings(ctx, u.ID, months[0], months[len(months)-1])
	if err != nil {
		return nil, problem(err)
	}
	out := &ratingsOutput{}
	out.Body.Unit, out.Body.Total = u.Code, score(f.Total)
	out.Body.ByMonth, out.Body.ByUnit = map[string]RatingScore{}, map[string]RatingScore{}
	for m, sc := range f.ByMonth {
		out.Body.ByMonth[m] = score(sc)
	}
	for id, sc := range f.ByUnit {
		unit, err := s.store.Unit(ctx, id)
		if err != nil {
			return nil, problem(err)
		}
		out.Body.ByUnit[unit.Code] = score(sc)
	}
	return out, nil
}

func petitionErrOfficial() error {
	return coso.Invalid("official", "Cán bộ này không làm việc ở đơn vị.", "This official does not work at the unit.")
}
