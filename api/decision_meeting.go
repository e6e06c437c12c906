package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/decision"
	"coso/store"
)

// The meetings of a matter: each village's (or each of its cluster
// meetings), their procedural votes and counts.

// Procedure is a procedural vote of a meeting.
type Procedure struct {
	Kind    string   `json:"kind" enum:"secretary,method,counting_board,witnesses"`
	Names   []string `json:"names,omitempty"`
	Method  string   `json:"method,omitempty" enum:"hands,secret,"`
	Present int      `json:"present" doc:"Households on the meeting's roster when it voted"`
	Approve int      `json:"approve" doc:"Of them, those approving (more than half are needed)"`
	TextVI  string   `json:"text_vi"`
	TextEN  string   `json:"text_en"`
}

// MeetingSession is one meeting of a matter.
type MeetingSession struct {
	VillageCode string      `json:"village_code"`
	ClusterID   int64       `json:"cluster_id,omitempty" doc:"The cluster meeting, in a village that meets by clusters"`
	Cluster     string      `json:"cluster,omitempty"`
	HeldOn      string      `json:"held_on,omitempty" format:"date" doc:"Date of the cluster meeting"`
	Place       string      `json:"place,omitempty"`
	Present     int         `json:"present"`
	Procedures  []Procedure `json:"procedures"`
	Missing     []string    `json:"missing" doc:"Procedural votes not taken yet: the counts wait for them"`
	Counts      []int       `json:"counts"`
}

type sessionsOutput struct {
	Body struct {
		Meetings []MeetingSession `json:"meetings"`
	}
}

type procedureInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		VillageCode string   `json:"village_code" maxLength:"32"`
		ClusterID   int64    `json:"cluster_id,omitempty" minimum:"0" doc:"A cluster meeting of the village; 0 or absent: the village's own meeting"`
		Kind        string   `json:"kind" enum:"secretary,method,counting_board,witnesses"`
		Names       []string `json:"names,omitempty" maxItems:"20" doc:"The secretary (1), the counting board (3 to 5, the first heads it) or the witnesses (2)"`
		Method      string   `json:"method,omitempty" enum:"hands,secret," doc:"For kind method: show of hands or secret ballot"`
		Approve     int      `json:"approve" minimum:"0" doc:"Households present that approved (more than half are needed)"`
	}
}

type clusterInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		VillageCode string `json:"village_code" maxLength:"32" doc:"A village of 200 households or more that has not met as one"`
		Name        string `json:"name" maxLength:"200" example:"Cụm 1: xóm Đông, xóm Giữa"`
		HeldOn      string `json:"held_on" format:"date" doc:"At least 2 days after the invitation, not in the future"`
		Place       string `json:"place" maxLength:"300"`
	}
}

type clusterOutput struct {
	Body struct {
		ID int64 `json:"id" doc:"The cluster meeting: give it as cluster_id to the roster, procedural votes and counts"`
	}
}

type invitationInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body Invitation
}

func (s *server) meetings(a huma.API) {
	tags := []string{"decisions"}
	huma.Register(a, huma.Operation{OperationID: "record-invitation", Method: http.MethodPut, Path: "/api/v1/matters/{id}/invitation",
		Summary: "Record the invitation to the meeting as it went out (at least 2 days before; for subjects 1–3 the documents too)",
		Tags:    tags, Security: bearer}, s.recordInvitation)
	huma.Register(a, huma.Operation{OperationID: "add-cluster", Method: http.MethodPost, Path: "/api/v1/matters/{id}/clusters",
		Summary: "Record a cluster meeting of a village of 200 households or more; the clusters' results add up",
		Tags:    tags, Security: bearer, DefaultStatus: http.StatusCreated}, s.addCluster)
	huma.Register(a, huma.Operation{OperationID: "list-meetings", Method: http.MethodGet, Path: "/api/v1/matters/{id}/meetings",
		Summary: "List the matter's meetings (each village's, or its cluster meetings) with their procedural votes and counts",
		Tags:    tags, Security: bearer}, s.listMeetings)
	huma.Register(a, huma.Operation{OperationID: "record-procedure", Method: http.MethodPost, Path: "/api/v1/matters/{id}/procedures",
		Summary: "Record a procedural vote of a meeting (secretary, method, counting board of 3–5, two witnesses)",
		Tags:    tags, Security: bearer}, s.recordProcedure)
}

func (s *server) listMeetings(ctx context.Context, in *matterIDInput) (*sessionsOutput, error) {
	ctx, m, err := s.manage(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	ss, err := s.store.MeetingSessions(ctx, m.ID, len(m.Options()))
	if err != nil {
		return nil, problem(err)
	}
	out := &sessionsOutput{}
	out.Body.Meetings = []MeetingSession{}
	for _, x := range ss {
		out.Body.Meetings = append(out.Body.Meetings, apiSession(x))
	}
	return out, nil
}

func apiSession(x store.MeetingSession) MeetingSession {
	ms := MeetingSession{VillageCode: x.Village.Code, ClusterID: x.ClusterID, Present: x.Present, Counts: x.Counts,
		Procedures: []Procedure{}, Missing: []string{}}
	if c := x.Cluster; c != nil {
		ms.Cluster, ms.HeldOn, ms.Place = c.Name, dateString(c.HeldOn), c.Place
	}
	for _, p := range x.Procedures {
		ms.Procedures = append(ms.Procedures, Procedure{Kind: string(p.Kind), Names: p.Names, Method: string(p.Method),
			Present: p.Present, Approve: p.Approve, TextVI: p.Text("vi"), TextEN: p.Text("en")})
	}
	for _, k := range decision.Missing(x.Procedures) {
		ms.Missing = append(ms.Missing, string(k))
	}
	return ms
}

func (s *server) recordProcedure(ctx context.Context, in *procedureInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error {
		v, err := s.store.UnitByCode(ctx, in.Body.VillageCode)
		if err != nil {
			return coso.Invalid("village_code", "Không có thôn mã %s.", "No village has code %s.", in.Body.VillageCode)
		}
		p := decision.Procedure{Kind: decision.Procedural(in.Body.Kind), Names: in.Body.Names, Method: decision.Method(in.Body.Method),
			Approve: in.Body.Approve}
		return s.store.RecordProcedure(ctx, in.ID, v.ID, in.Body.ClusterID, p)
	})
}

func (s *server) recordInvitation(ctx context.Context, in *invitationInput) (*matterOutput, error) {
	b := in.Body
	inv := decision.Invitation{Hour: b.Hour, Place: b.Place}
	var err error
	for _, d := range []struct {
		field, value string
		to           *time.Time
	}{{"issued_on", b.IssuedOn, &inv.IssuedOn}, {"meeting_on", b.MeetingOn, &inv.MeetingOn}, {"documents_on", b.DocumentsOn, &inv.DocumentsOn}} {
		if *d.to, err = parseDay(d.field, d.value); err != nil {
			return nil, problem(err)
		}
	}
	return s.step(ctx, in.ID, func(ctx context.Context) error { return s.store.RecordInvitation(ctx, in.ID, inv) })
}

func (s *server) addCluster(ctx context.Context, in *clusterInput) (*clusterOutput, error) {
	ctx, _, err := s.manage(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	v, err := s.store.UnitByCode(ctx, in.Body.VillageCode)
	if err != nil {
		return nil, problem(coso.Invalid("village_code", "Không có thôn mã %s.", "No village has code %s.", in.Body.VillageCode))
	}
	c := &decision.Cluster{Name: in.Body.Name, Place: in.Body.Place}
	if c.HeldOn, err = parseDay("held_on", in.Body.HeldOn); err != nil {
		return nil, problem(err)
	}
	if err := s.store.AddCluster(ctx, in.ID, v.ID, c); err != nil {
		return nil, problem(err)
	}
	out := &clusterOutput{}
	out.Body.ID = c.ID
	return out, nil
}
