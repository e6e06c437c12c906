package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/calendar"
	"coso/consultation"
	"coso/store"
)

type consultationIDInput struct {
	ID int64 `path:"id" minimum:"1"`
}

type consultationOutput struct{ Body Consultation }

type consultationListInput struct {
	Unit   string `query:"unit" maxLength:"32" doc:"Code of a unit: its consultations and those of the units below it"`
	Status string `query:"status" maxLength:"20" doc:"open, closed or answered (drafts are never listed)"`
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

type consultationListOutput struct {
	Body struct {
		Consultations []Consultation `json:"consultations"`
	}
}

type consultationCreateInput struct{ Body ConsultationInput }

type consultationOpenInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		ClosesOn string `json:"closes_on,omitempty" format:"date" doc:"The closing date (default: the planned one)"`
		OpensOn  string `json:"opens_on,omitempty" format:"date" doc:"The publication date (default today): an earlier posting on paper, up to 60 days back"`
	}
}

type consultationExtendInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		ClosesOn string `json:"closes_on" format:"date"`
		Reason   string `json:"reason" maxLength:"2000"`
	}
}

func (s *server) consultations(a huma.API) {
	tags := []string{"consultations"}
	reg := func(id, method, path, summary string, security bool, status int) huma.Operation {
		op := huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags, DefaultStatus: status}
		if security {
			op.Security = bearer
		}
		return op
	}
	huma.Register(a, reg("list-consultations", http.MethodGet, "/api/v1/consultations", "List published consultations", false, 0), s.listConsultations)
	huma.Register(a, reg("get-consultation", http.MethodGet, "/api/v1/consultations/{id}", "Get a consultation with its sections", false, 0), s.getConsultation)
	huma.Register(a, reg("create-consultation", http.MethodPost, "/api/v1/consultations", "Create a consultation (draft)", true, http.StatusCreated), s.createConsultation)
	huma.Register(a, reg("open-consultation", http.MethodPost, "/api/v1/consultations/{id}/open", "Publish the draft and open it for opinions", true, 0), s.openConsultation)
	huma.Register(a, reg("extend-consultation", http.MethodPost, "/api/v1/consultations/{id}/extend", "Extend the period, with a reason", true, 0), s.extendConsultation)
	huma.Register(a, reg("close-consultation", http.MethodPost, "/api/v1/consultations/{id}/close", "Close once the period is over", true, 0), s.closeConsultation)
}

func (s *server) listConsultations(ctx context.Context, in *consultationListInput) (*consultationListOutput, error) {
	f := store.ConsultationFilter{Statuses: store.PublicStatuses, Limit: in.Limit}
	if in.Status != "" {
		st := consultation.Status(in.Status)
		if !st.Public() {
			return nil, problem(coso.Invalid("status", "Trạng thái phải là open, closed hoặc answered.", "The status must be open, closed or answered."))
		}
		f.Statuses = []consultation.Status{st}
	}
	if in.Unit != "" {
		u, err := s.store.UnitByCode(ctx, in.Unit)
		if err != nil {
			return nil, problem(coso.Invalid("unit", "Không có đơn vị mã %s.", "No unit has code %s.", in.Unit))
		}
		f.UnitID = u.ID
	}
	cs, err := s.store.Consultations(ctx, f)
	if err != nil {
		return nil, problem(err)
	}
	out := &consultationListOutput{}
	out.Body.Consultations = []Consultation{}
	now := s.store.Now()
	for _, c := range cs {
		out.Body.Consultations = append(out.Body.Consultations, apiConsultation(c, nil, c.Accepting(now)))
	}
	return out, nil
}

func (s *server) getConsultation(ctx context.Context, in *consultationIDInput) (*consultationOutput, error) {
	c, err := s.store.Consultation(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if !c.Status.Public() && !s.mayWrite(ctx, c.UnitID) {
		return nil, problem(coso.NotFound("consultation"))
	}
	var villages []string
	for _, id := range c.AudienceUnits {
		if u, err := s.store.Unit(ctx, id); err == nil {
			villages = append(villages, u.Code)
		}
	}
	return &consultationOutput{Body: apiConsultation(c, villages, c.Accepting(calendar.DayOf(s.store.Now())))}, nil
}

func (s *server) createConsultation(ctx context.Context, in *consultationCreateInput) (*consultationOutput, error) {
	b := in.Body
	u, err := s.store.UnitByCode(ctx, b.UnitCode)
	if err != nil {
		return nil, problem(coso.Invalid("unit_code", "Không có đơn vị mã %s.", "No unit has code %s.", b.UnitCode))
	}
	if ctx, err = s.allow(ctx, account.ConsultationWrite, u.ID); err != nil {
		return nil, err
	}
	c := &consultation.Consultation{UnitID: u.ID, Subject: consultation.Subject(b.Subject), Title: b.Title, Summary: b.Summary,
		Audience: consultation.Audience(b.Audience), AudienceNote: b.AudienceNote, Households: b.Households}
	for i, x := range b.Sections {
		c.Sections = append(c.Sections, consultation.Section{N: i + 1, Label: x.Label, Heading: x.Heading, Text: x.Text})
	}
	if len(c.Sections) == 0 {
		if b.Split == "lines" {
			c.Sections = consultation.SplitLines(b.Draft)
		} else {
			c.Sections = consultation.Split(b.Draft)
		}
	}
	for _, f := range b.Forms {
		c.Forms = append(c.Forms, consultation.Form(f))
	}
	for _, d := range b.Documents {
		c.Docs = append(c.Docs, consultation.Document{Title: d.Title, Ref: d.Ref})
	}
	for _, code := range b.Villages {
		v, err := s.store.UnitByCode(ctx, code)
		if err != nil {
			return nil, problem(coso.Invalid("villages", "Không có thôn mã %s.", "No village has code %s.", code))
		}
		c.AudienceUnits = append(c.AudienceUnits, v.ID)
	}
	if c.OpensOn, err = parseDay("opens_on", b.OpensOn); err != nil {
		return nil, err
	}
	if c.ClosesOn, err = parseDay("closes_on", b.ClosesOn); err != nil {
		return nil, err
	}
	if err := s.store.CreateConsultation(ctx, c); err != nil {
		return nil, problem(err)
	}
	return s.getConsultation(ctx, &consultationIDInput{ID: c.ID})
}

// consultationStep runs a change of a consultation for an official who
// may prepare the consultations of its commune.
func (s *server) consultationStep(ctx context.Context, id int64, fn func(context.Context) error) (*consultationOutput, error) {
	c, err := s.store.Consultation(ctx, id)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.ConsultationWrite, c.UnitID); err != nil {
		return nil, err
	}
	if err := fn(ctx); err != nil {
		return nil, problem(err)
	}
	return s.getConsultation(ctx, &consultationIDInput{ID: id})
}

func (s *server) openConsultation(ctx context.Context, in *consultationOpenInput) (*consultationOutput, error) {
	closes, err := parseDay("closes_on", in.Body.ClosesOn)
	if err != nil {
		return nil, err
	}
	on, err := parseDay("opens_on", in.Body.OpensOn)
	if err != nil {
		return nil, err
	}
	return s.consultationStep(ctx, in.ID, func(ctx context.Context) error {
		return s.store.OpenConsultationOn(ctx, in.ID, on, closes, s.baseURL(ctx)+"/consultations/"+itoa(in.ID))
	})
}

func (s *server) extendConsultation(ctx context.Context, in *consultationExtendInput) (*consultationOutput, error) {
	until, err := parseDay("closes_on", in.Body.ClosesOn)
	if err != nil {
		return nil, err
	}
	return s.consultationStep(ctx, in.ID, func(ctx context.Context) error {
		return s.store.ExtendConsultation(ctx, in.ID, until, in.Body.Reason)
	})
}

func (s *server) closeConsultation(ctx context.Context, in *consultationIDInput) (*consultationOutput, error) {
	return s.consultationStep(ctx, in.ID, func(ctx context.Context) error { return s.store.CloseConsultation(ctx, in.ID) })
}
