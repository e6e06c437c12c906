package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso/account"
	"coso/consultation"
	"coso/store"
)

// Participation is who took part in a consultation.
type Participation struct {
	Opinions  int            `json:"opinions" doc:"Every opinion, hidden ones included"`
	People    int            `json:"people" doc:"Distinct commenters on the portal plus every opinion entered offline"`
	ByVillage []CountLine    `json:"by_village"`
	BySex     []CountLine    `json:"by_sex"`
	ByAge     []CountLine    `json:"by_age_band"`
	ByChannel []CountLine    `json:"by_channel"`
	Sections  []SectionCount `json:"sections" doc:"Most disagreed first"`
}

// CountLine is one line of a breakdown; an empty key is "unknown".
type CountLine struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	N    int    `json:"n"`
}

// SectionCount is how a section was received.
type SectionCount struct {
	N        int    `json:"n"`
	Title    string `json:"title"`
	Agree    int    `json:"agree"`
	Disagree int    `json:"disagree"`
	Other    int    `json:"other"`
}

type participationOutput struct{ Body Participation }

func lines(cs []consultation.Count) []CountLine {
	out := []CountLine{}
	for _, c := range cs {
		out = append(out, CountLine{Key: c.Key, Name: c.Name, N: c.N})
	}
	return out
}

func (s *server) consultationStats(a huma.API) {
	huma.Register(a, huma.Operation{OperationID: "get-participation", Method: http.MethodGet, Path: "/api/v1/consultations/{id}/participation",
		Summary: "Participation by village, sex, age band and channel; sections most disagreed with", Tags: []string{"consultations"}, Security: bearer},
		s.getParticipation)
}

func (s *server) getParticipation(ctx context.Context, in *consultationIDInput) (*participationOutput, error) {
	c, err := s.store.Consultation(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.ConsultationRead, c.UnitID); err != nil {
		return nil, err
	}
	ops, err := s.store.Opinions(ctx, c.ID, store.OpinionFilter{Section: store.AllSections})
	if err != nil {
		return nil, problem(err)
	}
	st := consultation.Participation(c, ops, "vi", "Không rõ")
	out := Participation{Opinions: st.Opinions, People: st.People, ByVillage: lines(st.ByVillage), BySex: lines(st.BySex),
		ByAge: lines(st.ByAge), ByChannel: lines(st.ByChannel), Sections: []SectionCount{}}
	for _, x := range st.Sections {
		out.Sections = append(out.Sections, SectionCount{N: x.N, Title: x.Title, Agree: x.Agree, Disagree: x.Disagree, Other: x.Other})
	}
	return &participationOutput{Body: out}, nil
}
