package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/disclosure"
	"coso/ratelimit"
	"coso/store"
)

// InfoRequest is the public shape of a request for information: never the
// requester's name or contact.
type InfoRequest struct {
	ID           int64  `json:"id"`
	URL          string `json:"url"`
	Unit         string `json:"unit"`
	UnitName     string `json:"unit_name"`
	Question     string `json:"question"`
	ReceivedOn   string `json:"received_on" format:"date"`
	DueOn        string `json:"due_on" format:"date" doc:"10 working days after receipt, 20 once extended (Law on Access to Information art. 29)"`
	Extended     bool   `json:"extended"`
	ExtendReason string `json:"extend_reason,omitempty"`
	Status       string `json:"status" enum:"open,answered,refused"`
	Answer       string `json:"answer,omitempty"`
	AnsweredOn   string `json:"answered_on,omitempty" format:"date"`
	DisclosureID int64  `json:"disclosure_id,omitempty" doc:"The disclosure published in answer"`
	Timing       Timing `json:"timing"`
}

func (s *server) apiRequest(ctx context.Context, r *disclosure.Request) (InfoRequest, error) {
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return InfoRequest{}, err
	}
	return InfoRequest{ID: r.ID, URL: fmt.Sprintf("/information-requests/%d", r.ID), Unit: r.UnitCode, UnitName: r.UnitName,
		Question: r.Question, ReceivedOn: date(r.ReceivedOn), DueOn: date(r.DueOn), Extended: r.Extended, ExtendReason: r.ExtendReason,
		Status: string(r.Status), Answer: r.Answer, AnsweredOn: date(r.AnsweredOn), DisclosureID: r.DisclosureID,
		Timing: apiTiming(r.Timing(cal, s.store.Now()))}, nil
}

type infoRequestCreateInput struct {
	Code string `path:"code" maxLength:"32"`
	Body struct {
		Name     string `json:"name" maxLength:"200" doc:"The requester's name; never published"`
		Contact  string `json:"contact" maxLength:"200" doc:"Phone or e-mail for the answer; never published"`
		Question string `json:"question" maxLength:"5000"`
		Public   *bool  `json:"public,omitempty" doc:"Show the question and answer publicly (without name and contact); default true"`
	}
	addr string
}

// Resolve keeps the client's address for the rate limit.
func (in *infoRequestCreateInput) Resolve(ctx huma.Context) []error {
	in.addr = ctx.RemoteAddr()
	return nil
}

type infoRequestOutput struct {
	Body InfoRequest
}

type infoRequestIDInput struct {
	ID int64 `path:"id" minimum:"1"`
}

type infoRequestListInput struct {
	Code   string `path:"code" maxLength:"32"`
	Before int64  `query:"before" doc:"Cursor: requests older than this id"`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type infoRequestListOutput struct {
	Body struct {
		Requests []InfoRequest `json:"requests"`
	}
}

type infoRequestAnswerInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Status       string `json:"status" enum:"answered,refused"`
		Answer       string `json:"answer" maxLength:"100000" doc:"The answer, or the reason for refusing"`
		DisclosureID int64  `json:"disclosure_id,omitempty" doc:"A disclosure published in answer"`
	}
}

type infoRequestExtendInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Reason string `json:"reason" maxLength:"2000"`
	}
}

func (s *server) infoRequests(a huma.API) {
	tags := []string{"information requests"}
	huma.Register(a, huma.Operation{OperationID: "create-information-request", Method: http.MethodPost, Path: "/api/v1/units/{code}/information-requests",
		Summary: "Ask a unit for information not yet published", Tags: tags, DefaultStatus: http.StatusCreated}, s.createInfoRequest)
	huma.Register(a, huma.Operation{OperationID: "list-information-requests", Method: http.MethodGet, Path: "/api/v1/units/{code}/information-requests",
		Summary: "List the public requests for information of a unit and its subtree", Tags: tags}, s.listInfoRequests)
	huma.Register(a, huma.Operation{OperationID: "get-information-request", Method: http.MethodGet, Path: "/api/v1/information-requests/{id}",
		Summary: "Get a public request for information and its answer", Tags: tags}, s.getInfoRequest)
	huma.Register(a, huma.Operation{OperationID: "answer-information-request", Method: http.MethodPost, Path: "/api/v1/information-requests/{id}/answer",
		Summary: "Answer (or refuse) a request for information", Tags: tags, Security: bearer}, s.answerInfoRequest)
	huma.Register(a, huma.Operation{OperationID: "extend-information-request", Method: http.MethodPost, Path: "/api/v1/information-requests/{id}/extend",
		Summary: "Extend the deadline once by 10 working days", Tags: tags, Security: bearer}, s.extendInfoRequest)
}

func (s *server) createInfoRequest(ctx context.Context, in *infoRequestCreateInput) (*infoRequestOutput, error) {
	if s.limits != nil {
		if err := s.limits.Check(ctx, ratelimit.InfoRequestPerAddr, ratelimit.Addr(in.addr)); err != nil {
			return nil, problem(err)
		}
	}
	r := &disclosure.Request{UnitCode: in.Code, Name: in.Body.Name, Contact: in.Body.Contact, Question: in.Body.Question, Public: true}
	if in.Body.Public != nil {
		r.Public = *in.Body.Public
	}
	if err := s.store.CreateInfoRequest(ctx, r); err != nil {
		return nil, problem(err)
	}
	out, err := s.apiRequest(ctx, r)
	if err != nil {
		return nil, problem(err)
	}
	if !r.Public {
		out.Question = "" // the citizen asked for it to stay private
	}
	return &infoRequestOutput{Body: out}, nil
}

func (s *server) listInfoRequests(ctx context.Context, in *infoRequestListInput) (*infoRequestListOutput, error) {
	u, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	rs, err := s.store.InfoRequests(ctx, store.InfoRequestFilter{UnitID: u.ID, PublicOnly: true, BeforeID: in.Before, Limit: in.Limit})
	if err != nil {
		return nil, problem(err)
	}
	out := &infoRequestListOutput{}
	out.Body.Requests = []InfoRequest{}
	for _, r := range rs {
		x, err := s.apiRequest(ctx, r)
		if err != nil {
			return nil, problem(err)
		}
		out.Body.Requests = append(out.Body.Requests, x)
	}
	return out, nil
}

func (s *server) getInfoRequest(ctx context.Context, in *infoRequestIDInput) (*infoRequestOutput, error) {
	r, err := s.store.InfoRequest(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if !r.Public {
		return nil, problem(coso.NotFound(fmt.Sprintf("information request %d", in.ID)))
	}
	out, err := s.apiRequest(ctx, r)
	if err != nil {
		return nil, problem(err)
	}
	return &infoRequestOutput{Body: out}, nil
}

// requestForChange checks that the caller may answer request id and
// returns the context with the actor for the audit trail.
func (s *server) requestForChange(ctx context.Context, id int64) (context.Context, error) {
	if callerFrom(ctx) == nil {
		return ctx, needToken()
	}
	r, err := s.store.InfoRequest(ctx, id)
	if err != nil {
		return ctx, problem(err)
	}
	return s.allow(ctx, account.DisclosureWrite, r.UnitID)
}

func (s *server) answerInfoRequest(ctx context.Context, in *infoRequestAnswerInput) (*infoRequestOutput, error) {
	ctx, err := s.requestForChange(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	r, err := s.store.AnswerInfoRequest(ctx, in.ID, disclosure.RequestStatus(in.Body.Status), in.Body.Answer, in.Body.DisclosureID)
	if err != nil {
		return nil, problem(err)
	}
	out, err := s.apiRequest(ctx, r)
	if err != nil {
		return nil, problem(err)
	}
	return &infoRequestOutput{Body: out}, nil
}

func (s *server) extendInfoRequest(ctx context.Context, in *infoRequestExtendInput) (*infoRequestOutput, error) {
	ctx, err := s.requestForChange(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	r, err := s.store.ExtendInfoRequest(ctx, in.ID, in.Body.Reason)
	if err != nil {
		return nil, problem(err)
	}
	out, err := s.apiRequest(ctx, r)
	if err != nil {
		return nil, problem(err)
	}
	return &infoRequestOutput{Body: out}, nil
}
