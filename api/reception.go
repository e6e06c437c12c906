package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso/calendar"
	"coso/petition"
)

// ReceptionSession is one published reception day of a unit's leader.
type ReceptionSession struct {
	On        string `json:"on" format:"date"`
	Starts    string `json:"starts" doc:"HH:MM"`
	Ends      string `json:"ends" doc:"HH:MM"`
	Host      string `json:"host" doc:"Who receives: post and name"`
	Place     string `json:"place"`
	Online    bool   `json:"online"`
	Cancelled string `json:"cancelled,omitempty" doc:"The reason, when cancelled"`
}

// ReceptionMonth is a month's schedule checked against the law's least.
type ReceptionMonth struct {
	Month    string `json:"month" doc:"YYYY-MM"`
	Days     int    `json:"days" doc:"Days with a session not cancelled"`
	Required int    `json:"required"`
	OK       bool   `json:"ok"`
	Rule     string `json:"rule"`
	Article  string `json:"article"`
}

type receptionInput struct {
	Code string `path:"code" maxLength:"32"`
}

type receptionOutput struct {
	Body struct {
		Unit     string             `json:"unit"`
		Sessions []ReceptionSession `json:"sessions" doc:"From the start of last month to three months ahead"`
		Months   []ReceptionMonth   `json:"months"`
	}
}

func (s *server) reception(a huma.API) {
	huma.Register(a, huma.Operation{OperationID: "get-reception", Method: http.MethodGet, Path: "/api/v1/units/{code}/reception",
		Summary: "A unit's citizen reception schedule, each month checked against the law's least", Tags: []string{"petitions"}}, s.getReception)
}

func (s *server) getReception(ctx context.Context, in *receptionInput) (*receptionOutput, error) {
	u, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	today := calendar.DayOf(s.store.Now())
	first := calendar.Date(today.Year(), today.Month(), 1)
	from, to := first.AddDate(0, -1, 0), first.AddDate(0, 4, -1)
	list, err := s.store.Sessions(ctx, u.ID, from, to)
	if err != nil {
		return nil, problem(err)
	}
	out := &receptionOutput{}
	out.Body.Unit, out.Body.Sessions, out.Body.Months = u.Code, []ReceptionSession{}, []ReceptionMonth{}
	var plain []petition.Session
	for _, x := range list {
		plain = append(plain, *x)
		out.Body.Sessions = append(out.Body.Sessions, ReceptionSession{On: date(x.On), Starts: x.Starts, Ends: x.Ends, Host: x.Host,
			Place: x.Place, Online: x.Online, Cancelled: x.Cancelled})
	}
	level := petition.Level("")
	switch {
	case u.Kind.IsCommuneLevel():
		level = petition.CommuneLevel
	case u.Kind.IsProvinceLevel():
		level = petition.ProvinceLevel
	default:
		return out, nil
	}
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return nil, problem(err)
	}
	for m := from; m.Before(to); m = m.AddDate(0, 1, 0) {
		if mc, ok := petition.CheckMonth(level, m, plain, cal); ok {
			out.Body.Months = append(out.Body.Months, ReceptionMonth{Month: mc.Month.Format("2006-01"), Days: mc.Days, Required: mc.Required,
				OK: mc.OK, Rule: mc.Rule.EN, Article: mc.Rule.Article})
		}
	}
	return out, nil
}
