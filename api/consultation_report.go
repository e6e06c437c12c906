package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/consultation"
)

// ConsultationReport is the answer report: per section, the tally, the
// groups of like opinions with the authority's answers, and the outcome.
type ConsultationReport struct {
	ConsultationID int64           `json:"consultation_id"`
	Status         string          `json:"status" doc:"closed (a preview for its officers) or answered (published)"`
	Conclusion     string          `json:"conclusion,omitempty"`
	DisclosureID   int64           `json:"disclosure_id,omitempty" doc:"The category-11 disclosure, once published"`
	Sections       []ReportSection `json:"sections" doc:"The draft as a whole (n 0) first"`
	Missing        []ProblemField  `json:"missing" doc:"What stops publication: unanswered groups, missing outcomes, reasons"`
	URL            string          `json:"url"`
}

// ReportSection is one section of the report.
type ReportSection struct {
	N               int            `json:"n"`
	Title           string         `json:"title"`
	Agree           int            `json:"agree"`
	Disagree        int            `json:"disagree"`
	Other           int            `json:"other"`
	Hidden          map[string]int `json:"hidden" doc:"Hidden opinions by reason: counted, not answered"`
	Groups          []OpinionGroup `json:"groups"`
	Outcome         string         `json:"outcome,omitempty" enum:"kept,amended,dropped,"`
	Reason          string         `json:"reason,omitempty"`
	AgainstMajority bool           `json:"against_majority"`
}

// OpinionGroup is a group of like opinions and its answer.
type OpinionGroup struct {
	ID       int64   `json:"id"`
	Stance   string  `json:"stance"`
	Text     string  `json:"text"`
	Count    int     `json:"count"`
	Members  []int64 `json:"members" doc:"The opinions' ids"`
	Response string  `json:"response,omitempty" enum:"accepted,partly,explained,"`
	Reason   string  `json:"reason,omitempty"`
}

type reportOutput struct{ Body ConsultationReport }

type groupAnswerInput struct {
	ID    int64 `path:"id" minimum:"1"`
	Group int64 `path:"group" minimum:"1"`
	Body  struct {
		Response string `json:"response" enum:"accepted,partly,explained"`
		Reason   string `json:"reason,omitempty" maxLength:"2000" doc:"Required for partly and explained"`
	}
}

type outcomeInput struct {
	ID      int64 `path:"id" minimum:"1"`
	Section int   `path:"section" minimum:"0" doc:"0: the draft as a whole"`
	Body    struct {
		Outcome string `json:"outcome" enum:"kept,amended,dropped"`
		Reason  string `json:"reason,omitempty" maxLength:"2000" doc:"Required when the outcome goes against the majority"`
	}
}

type publishInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Conclusion string `json:"conclusion,omitempty" maxLength:"5000"`
	}
}

func (s *server) consultationReports(a huma.API) {
	tags := []string{"consultations"}
	reg := func(id, method, path, summary string, security bool) huma.Operation {
		op := huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags}
		if security {
			op.Security = bearer
		}
		return op
	}
	huma.Register(a, reg("get-consultation-report", http.MethodGet, "/api/v1/consultations/{id}/report", "Get the answer report (public once published)", false), s.getReport)
	huma.Register(a, reg("answer-group", http.MethodPut, "/api/v1/consultations/{id}/groups/{group}", "Answer a group of opinions", true), s.answerGroup)
	huma.Register(a, reg("set-outcome", http.MethodPut, "/api/v1/consultations/{id}/outcomes/{section}", "Record the outcome of a section", true), s.setOutcome)
	huma.Register(a, reg("publish-report", http.MethodPost, "/api/v1/consultations/{id}/report", "Publish the answer report (a category-11 disclosure; participants are told)", true), s.publishReport)
}

func (s *server) getReport(ctx context.Context, in *consultationIDInput) (*reportOutput, error) {
	r, err := s.store.ConsultationReport(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if r.C.Status != consultation.Answered && !(r.C.Status == consultation.Closed && s.mayWrite(ctx, r.C.UnitID)) {
		return nil, problem(coso.Errorf(coso.ENotFound, "report", "Báo cáo tiếp thu, giải trình chưa được công bố.", "The answer report is not published yet."))
	}
	out := ConsultationReport{ConsultationID: r.C.ID, Status: string(r.C.Status), Conclusion: r.C.Conclusion, DisclosureID: r.C.DisclosureID,
		Missing: []ProblemField{}, URL: "/consultations/" + itoa(r.C.ID) + "/report"}
	for _, sec := range r.Sections {
		rs := ReportSection{N: sec.N, Title: sec.Title, Agree: sec.Tally.Agree, Disagree: sec.Tally.Disagree, Other: sec.Tally.Other,
			Hidden: map[string]int{}, Groups: []OpinionGroup{}, Outcome: string(sec.Outcome), Reason: sec.Reason, AgainstMajority: sec.AgainstMajority()}
		for k, v := range sec.Tally.Hidden {
			rs.Hidden[string(k)] = v
		}
		for _, g := range sec.Groups {
			og := OpinionGroup{ID: g.ID, Stance: string(g.Stance), Text: g.Text, Count: g.Count, Response: string(g.Response), Reason: g.Reason, Members: []int64{}}
			for _, m := range g.Members {
				og.Members = append(og.Members, m.ID)
			}
			rs.Groups = append(rs.Groups, og)
		}
		out.Sections = append(out.Sections, rs)
	}
	for _, m := range r.Missing() {
		out.Missing = append(out.Missing, *field(m))
	}
	return &reportOutput{Body: out}, nil
}

// answering checks that the caller may answer for the consultation's
// commune: an officer of another commune is refused (403).
func (s *server) answering(ctx context.Context, id int64) (context.Context, error) {
	c, err := s.store.Consultation(ctx, id)
	if err != nil {
		return ctx, problem(err)
	}
	return s.allow(ctx, account.ConsultationWrite, c.UnitID)
}

func (s *server) answerGroup(ctx context.Context, in *groupAnswerInput) (*reportOutput, error) {
	ctx, err := s.answering(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if err := s.store.AnswerGroup(ctx, in.ID, in.Group, consultation.Response(in.Body.Response), in.Body.Reason); err != nil {
		return nil, problem(err)
	}
	return s.getReport(ctx, &consultationIDInput{ID: in.ID})
}

func (s *server) setOutcome(ctx context.Context, in *outcomeInput) (*reportOutput, error) {
	ctx, err := s.answering(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if err := s.store.SetOutcome(ctx, in.ID, in.Section, consultation.Outcome(in.Body.Outcome), in.Body.Reason); err != nil {
		return nil, problem(err)
	}
	return s.getReport(ctx, &consultationIDInput{ID: in.ID})
}

func (s *server) publishReport(ctx context.Context, in *publishInput) (*reportOutput, error) {
	ctx, err := s.answering(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	url := s.baseURL(ctx) + "/consultations/" + itoa(in.ID) + "/report"
	if err := s.store.PublishReport(ctx, in.ID, in.Body.Conclusion, url); err != nil {
		return nil, problem(err)
	}
	return s.getReport(ctx, &consultationIDInput{ID: in.ID})
}
