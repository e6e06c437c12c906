package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/petition"
	"coso/ratelimit"
)

// ReceptionRequest is a request for an online reception session, as the
// unit's officials see it (the contact included: they answer it).
type ReceptionRequest struct {
	ID      int64  `json:"id"`
	Code    string `json:"code"`
	Session string `json:"session" format:"date" doc:"The session's day"`
	Starts  string `json:"starts"`
	Name    string `json:"name"`
	Phone   string `json:"phone,omitempty"`
	Email   string `json:"email,omitempty"`
	Matter  string `json:"matter"`
	Status  string `json:"status" enum:"requested,accepted,refused"`
	Link    string `json:"link,omitempty"`
	At      string `json:"at,omitempty" doc:"HH:MM"`
	Reason  string `json:"reason,omitempty"`
}

func receptionRequestOut(q *petition.ReceptionRequest) ReceptionRequest {
	return ReceptionRequest{ID: q.ID, Code: q.Code, Session: date(q.Session.On), Starts: q.Session.Starts, Name: q.Name, Phone: q.Phone,
		Email: q.Email, Matter: q.Matter, Status: string(q.Status), Link: q.Link, At: q.At, Reason: q.Reason}
}

type receptionRequestInput struct {
	Code string `path:"code" maxLength:"32"`
	Body struct {
		Session int64  `json:"session" doc:"Id of an online session of the unit, at least 5 working days ahead"`
		Name    string `json:"name" maxLength:"200"`
		Phone   string `json:"phone,omitempty" maxLength:"20"`
		Email   string `json:"email,omitempty" maxLength:"200"`
		Matter  string `json:"matter" maxLength:"2000" doc:"The matter, in brief"`
	}
	addr string
}

// Resolve keeps the client's address for the rate limit.
func (in *receptionRequestInput) Resolve(ctx huma.Context) []error {
	in.addr = ctx.RemoteAddr()
	return nil
}

type receptionRequestCreated struct {
	Body struct {
		Code   string `json:"code" doc:"Named in the answer the resident receives by SMS or e-mail"`
		Status string `json:"status"`
	}
}

type receptionRequestsOutput struct {
	Body struct {
		Requests []ReceptionRequest `json:"requests"`
	}
}

type receptionDecideInput struct {
	Code    string `path:"code" maxLength:"32"`
	Request int64  `path:"rrequest" minimum:"1"`
	Body    struct {
		Accept bool   `json:"accept"`
		Link   string `json:"link,omitempty" maxLength:"500" doc:"Accepting: the https:// link to join"`
		At     string `json:"at,omitempty" doc:"Accepting: HH:MM, within the session"`
		Reason string `json:"reason,omitempty" maxLength:"4000" doc:"Refusing: the reason, sent to the resident"`
	}
}

type receptionRequestOutput struct {
	Body ReceptionRequest
}

func (s *server) receptionRequests(a huma.API) {
	tags := []string{"petitions"}
	huma.Register(a, huma.Operation{OperationID: "request-reception", Method: http.MethodPost, Path: "/api/v1/units/{code}/reception/requests",
		Summary: "Ask for an online reception session of the unit's schedule (from 1 July 2026, at least 5 working days ahead)", Tags: tags,
		DefaultStatus: http.StatusCreated}, s.createReceptionRequest)
	huma.Register(a, huma.Operation{OperationID: "list-reception-requests", Method: http.MethodGet, Path: "/api/v1/units/{code}/reception/requests",
		Summary: "The unit's requests for online reception", Tags: tags, Security: bearer}, s.listReceptionRequests)
	huma.Register(a, huma.Operation{OperationID: "decide-reception-request", Method: http.MethodPost, Path: "/api/v1/units/{code}/reception/requests/{rrequest}/decide",
		Summary: "Accept (with link and time) or refuse (with the reason) a request; the resident is told by SMS or e-mail", Tags: tags, Security: bearer}, s.decideReceptionRequest)
}

func (s *server) createReceptionRequest(ctx context.Context, in *receptionRequestInput) (*receptionRequestCreated, error) {
	if s.limits != nil {
		if err := s.limits.Check(ctx, ratelimit.PetitionPerAddr, ratelimit.Addr(in.addr)); err != nil {
			return nil, problem(err)
		}
	}
	q := &petition.ReceptionRequest{Name: in.Body.Name, Phone: in.Body.Phone, Email: in.Body.Email, Matter: in.Body.Matter}
	if err := s.store.CreateReceptionRequest(ctx, in.Code, in.Body.Session, q); err != nil {
		return nil, problem(err)
	}
	out := &receptionRequestCreated{}
	out.Body.Code, out.Body.Status = q.Code, string(q.Status)
	return out, nil
}

func (s *server) listReceptionRequests(ctx context.Context, in *receptionInput) (*receptionRequestsOutput, error) {
	u, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.PetitionAnswer, u.ID); err != nil {
		return nil, err
	}
	list, err := s.store.ReceptionRequests(ctx, u.ID)
	if err != nil {
		return nil, problem(err)
	}
	out := &receptionRequestsOutput{}
	out.Body.Requests = []ReceptionRequest{}
	for _, q := range list {
		out.Body.Requests = append(out.Body.Requests, receptionRequestOut(q))
	}
	return out, nil
}

func (s *server) decideReceptionRequest(ctx context.Context, in *receptionDecideInput) (*receptionRequestOutput, error) {
	q, err := s.store.ReceptionRequest(ctx, in.Request)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.PetitionAnswer, q.UnitID); err != nil {
		return nil, err
	}
	if q.Session.UnitCode != in.Code {
		return nil, problem(coso.NotFound("request " + strconv.FormatInt(in.Request, 10)))
	}
	q, err = s.store.DecideReceptionRequest(ctx, q.ID, in.Body.Accept, in.Body.Link, in.Body.At, in.Body.Reason)
	if err != nil {
		return nil, problem(err)
	}
	return &receptionRequestOutput{Body: receptionRequestOut(q)}, nil
}
