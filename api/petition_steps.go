package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/petition"
)

type petitionAcceptInput struct {
	Code string `path:"code" maxLength:"20"`
	Body struct {
		Complex   bool   `json:"complex,omitempty" doc:"Complaints: a complex case (longer legal limit)"`
		NeedsTime bool   `json:"needs_time,omitempty" doc:"Feedback and questions: accepted, needs more time"`
		Note      string `json:"note,omitempty" maxLength:"4000"`
	}
}

type petitionReasonInput struct {
	Code string `path:"code" maxLength:"20"`
	Body struct {
		Reason string `json:"reason" maxLength:"4000" doc:"Shown to the sender through the tracking code: no personal data"`
	}
}

type petitionForwardInput struct {
	Code string `path:"code" maxLength:"20"`
	Body struct {
		To     string `json:"to" maxLength:"200" doc:"The competent body outside the platform"`
		Reason string `json:"reason" maxLength:"4000"`
	}
}

type petitionTransferInput struct {
	Code string `path:"code" maxLength:"20"`
	Body struct {
		Unit   string `json:"unit" maxLength:"32" doc:"Code of the competent unit; its deadlines run from today"`
		Reason string `json:"reason" maxLength:"4000"`
	}
}

type petitionAssignInput struct {
	Code string `path:"code" maxLength:"20"`
	Body struct {
		Username string `json:"username" maxLength:"100" doc:"An official who may answer the unit's cases; empty takes the case from whoever had it"`
	}
}

type petitionResolveInput struct {
	Code string `path:"code" maxLength:"20"`
	Body struct {
		Answer  string `json:"answer" maxLength:"20000" doc:"The official answer, shown on the status page: no personal data"`
		Summary string `json:"summary,omitempty" maxLength:"4000" doc:"Published on the unit's page when the sender consented: no personal data"`
	}
}

// petitionSteps registers the officials' steps on a case, by tracking code.
func (s *server) petitionSteps(a huma.API, tags []string) {
	op := func(id, path, summary string) huma.Operation {
		return huma.Operation{OperationID: id, Method: http.MethodPost, Path: "/api/v1/petitions/{code}/" + path, Summary: summary, Tags: tags, Security: bearer}
	}
	huma.Register(a, op("accept-petition", "accept", "Accept a case (thụ lý): starts the resolution clock"), s.acceptPetition)
	huma.Register(a, op("reject-petition", "reject", "Do not accept a case, with the reason"), s.rejectPetition)
	huma.Register(a, op("forward-petition", "forward", "Forward a case to a competent body outside the platform"), s.forwardPetition)
	huma.Register(a, op("transfer-petition", "transfer", "Transfer a received case to the competent unit"), s.transferPetition)
	huma.Register(a, op("assign-petition", "assign", "Assign a case to an official"), s.assignPetition)
	huma.Register(a, op("extend-petition", "extend", "Extend a denunciation's deadline by 30 days (at most twice), with the written reason"), s.extendPetition)
	huma.Register(a, op("resolve-petition", "resolve", "Record the official answer"), s.resolvePetition)
	huma.Register(a, op("close-petition", "close", "Close an open case without a decision (withdrawn, discontinued)"), s.closePetition)
}

// petitionStep checks the caller may answer the case, runs do and returns
// the case as its officials see it.
func (s *server) petitionStep(ctx context.Context, code string, do func(ctx context.Context, id int64) (*petition.Case, error)) (*petitionCaseOutput, error) {
	ctx, c, err := s.petitionFor(ctx, code, account.PetitionAnswer)
	if err != nil {
		return nil, err
	}
	c, err = do(ctx, c.ID)
	if err != nil {
		return nil, problem(err)
	}
	out, err := s.petitionCase(ctx, c, true)
	if err != nil {
		return nil, problem(err)
	}
	return &petitionCaseOutput{Body: out}, nil
}

func (s *server) acceptPetition(ctx context.Context, in *petitionAcceptInput) (*petitionCaseOutput, error) {
	return s.petitionStep(ctx, in.Code, func(ctx context.Context, id int64) (*petition.Case, error) {
		return s.store.AcceptPetition(ctx, id, in.Body.Complex, in.Body.NeedsTime, in.Body.Note)
	})
}

func (s *server) rejectPetition(ctx context.Context, in *petitionReasonInput) (*petitionCaseOutput, error) {
	return s.petitionStep(ctx, in.Code, func(ctx context.Context, id int64) (*petition.Case, error) {
		return s.store.RejectPetition(ctx, id, in.Body.Reason)
	})
}

func (s *server) forwardPetition(ctx context.Context, in *petitionForwardInput) (*petitionCaseOutput, error) {
	return s.petitionStep(ctx, in.Code, func(ctx context.Context, id int64) (*petition.Case, error) {
		return s.store.ForwardPetition(ctx, id, in.Body.To, in.Body.Reason)
	})
}

func (s *server) transferPetition(ctx context.Context, in *petitionTransferInput) (*petitionCaseOutput, error) {
	return s.petitionStep(ctx, in.Code, func(ctx context.Context, id int64) (*petition.Case, error) {
		return s.store.TransferPetition(ctx, id, in.Body.Unit, in.Body.Reason)
	})
}

func (s *server) assignPetition(ctx context.Context, in *petitionAssignInput) (*petitionCaseOutput, error) {
	return s.petitionStep(ctx, in.Code, func(ctx context.Context, id int64) (*petition.Case, error) {
		var uid int64
		if in.Body.Username != "" {
			u, err := s.store.UserByUsername(ctx, in.Body.Username)
			if err != nil {
				return nil, coso.Invalid("username", "Không có cán bộ %s.", "No official %s.", in.Body.Username)
			}
			uid = u.ID
		}
		return s.store.AssignPetition(ctx, id, uid)
	})
}

func (s *server) extendPetition(ctx context.Context, in *petitionReasonInput) (*petitionCaseOutput, error) {
	return s.petitionStep(ctx, in.Code, func(ctx context.Context, id int64) (*petition.Case, error) {
		return s.store.ExtendPetition(ctx, id, in.Body.Reason)
	})
}

func (s *server) resolvePetition(ctx context.Context, in *petitionResolveInput) (*petitionCaseOutput, error) {
	return s.petitionStep(ctx, in.Code, func(ctx context.Context, id int64) (*petition.Case, error) {
		return s.store.ResolvePetition(ctx, id, in.Body.Answer, in.Body.Summary)
	})
}

func (s *server) closePetition(ctx context.Context, in *petitionReasonInput) (*petitionCaseOutput, error) {
	return s.petitionStep(ctx, in.Code, func(ctx context.Context, id int64) (*petition.Case, error) {
		return s.store.ClosePetition(ctx, id, in.Body.Reason)
	})
}
