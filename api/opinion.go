package api

import (
	"context"
	"encoding/base64"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/consultation"
	"coso/store"
)

// Comment is the API shape of an opinion. A hidden opinion keeps its
// place and its count, but not its text.
type Comment struct {
	ID           int64  `json:"id"`
	Section      int    `json:"section" doc:"0: the draft as a whole"`
	Stance       string `json:"stance" enum:"agree,disagree,other"`
	Text         string `json:"text,omitempty"`
	Channel      string `json:"channel" doc:"portal, or the offline source: conference, meeting, sheet, box, hotline, front, telecom"`
	NameVI       string `json:"name_vi" doc:"How it is signed in public"`
	NameEN       string `json:"name_en"`
	ReceivedOn   string `json:"received_on" format:"date"`
	Version      int    `json:"version" doc:"1, +1 per edit; every version is kept"`
	Hidden       bool   `json:"hidden"`
	HiddenReason string `json:"hidden_reason,omitempty" enum:"abuse,personal_data,spam,"`
	URL          string `json:"url"`
}

func apiComment(o *consultation.Opinion) Comment {
	c := Comment{ID: o.ID, Section: o.Section, Stance: string(o.Stance), Text: o.Text, Channel: string(o.Channel),
		NameVI: o.PublicName("vi"), NameEN: o.PublicName("en"), ReceivedOn: dateString(o.ReceivedOn), Version: o.Version,
		Hidden: o.IsHidden(), HiddenReason: string(o.Hidden), URL: "/consultations/" + itoa(o.ConsultationID) + "#o" + itoa(o.ID)}
	if o.IsHidden() {
		c.Text = ""
	}
	return c
}

type commentListInput struct {
	ID      int64 `path:"id" minimum:"1"`
	Section int   `query:"section" minimum:"-1" default:"-1" doc:"-1: every section; 0: the draft as a whole"`
}

type commentListOutput struct {
	Body struct {
		Comments []Comment `json:"comments"`
	}
}

type commentInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Section  int    `json:"section" minimum:"0" doc:"0: the draft as a whole"`
		Stance   string `json:"stance" enum:"agree,disagree,other"`
		Text     string `json:"text,omitempty" maxLength:"5000" doc:"Required for other"`
		ShowName bool   `json:"show_name,omitempty" doc:"Sign with my name (a confirmed account); otherwise “a resident of” the village"`
	}
}

type commentEditInput struct {
	ID      int64 `path:"id" minimum:"1"`
	Comment int64 `path:"comment" minimum:"1"`
	Body    struct {
		Stance   string `json:"stance" enum:"agree,disagree,other"`
		Text     string `json:"text,omitempty" maxLength:"5000"`
		ShowName bool   `json:"show_name,omitempty"`
	}
}

type commentOutput struct{ Body Comment }

type offlineInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Section      int         `json:"section" minimum:"0"`
		Stance       string      `json:"stance" enum:"agree,disagree,other"`
		Text         string      `json:"text,omitempty" maxLength:"5000"`
		Channel      string      `json:"channel" enum:"conference,meeting,sheet,box,hotline,front,telecom" doc:"front: an organisation's formal opinion, with its letter"`
		Organisation string      `json:"organisation,omitempty" maxLength:"300"`
		VillageCode  string      `json:"village_code,omitempty" maxLength:"32"`
		Sex          string      `json:"sex,omitempty" enum:"male,female,"`
		AgeBand      string      `json:"age_band,omitempty" enum:"u18,18-29,30-44,45-59,60+,"`
		ReceivedOn   string      `json:"received_on" format:"date"`
		SourceNote   string      `json:"source_note,omitempty" maxLength:"1000"`
		Attachment   *Attachment `json:"attachment,omitempty" doc:"The scan, or the organisation's letter"`
	}
}

// Attachment is a file sent inside a JSON body.
type Attachment struct {
	Name    string `json:"name" maxLength:"200" example:"cong-van-hoi-nong-dan.pdf"`
	Content string `json:"content" maxLength:"12600000" doc:"The file's bytes, base64 (at most 9 MB)"`
}

type hideInput struct {
	ID      int64 `path:"id" minimum:"1"`
	Comment int64 `path:"comment" minimum:"1"`
	Body    struct {
		Reason string `json:"reason" enum:"abuse,personal_data,spam"`
	}
}

func (s *server) opinions(a huma.API) {
	tags := []string{"consultations"}
	reg := func(id, method, path, summary string, security bool, status int) huma.Operation {
		op := huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags, DefaultStatus: status}
		if security {
			op.Security = bearer
		}
		return op
	}
	huma.Register(a, reg("list-comments", http.MethodGet, "/api/v1/consultations/{id}/comments", "List the opinions (hidden ones without their text)", false, 0), s.listComments)
	huma.Register(a, reg("post-comment", http.MethodPost, "/api/v1/consultations/{id}/comments", "Comment on a section (citizens, while open)", true, http.StatusCreated), s.postComment)
	huma.Register(a, reg("edit-comment", http.MethodPut, "/api/v1/consultations/{id}/comments/{comment}", "Edit one's own comment (while open; versions are kept)", true, 0), s.editComment)
	huma.Register(a, reg("enter-opinion", http.MethodPost, "/api/v1/consultations/{id}/opinions", "Enter an opinion received offline, or an organisation's formal opinion", true, http.StatusCreated), s.enterOpinion)
	huma.Register(a, reg("hide-comment", http.MethodPost, "/api/v1/consultations/{id}/comments/{comment}/hide", "Hide an opinion for abuse, personal data or spam", true, 0), s.hideComment)
}

func (s *server) listComments(ctx context.Context, in *commentListInput) (*commentListOutput, error) {
	c, err := s.store.Consultation(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if !c.Status.Public() && !s.mayWrite(ctx, c.UnitID) {
		return nil, problem(coso.NotFound("consultation"))
	}
	ops, err := s.store.Opinions(ctx, c.ID, store.OpinionFilter{Section: in.Section})
	if err != nil {
		return nil, problem(err)
	}
	out := &commentListOutput{}
	out.Body.Comments = []Comment{}
	for _, o := range ops {
		out.Body.Comments = append(out.Body.Comments, apiComment(o))
	}
	return out, nil
}

// commenter is the citizen behind a token.
func commenter(ctx context.Context) store.Commenter {
	c := callerFrom(ctx)
	if c == nil || c.citizen == nil {
		return store.Commenter{}
	}
	return store.Commenter{CitizenID: c.citizen.ID, PersonID: c.citizen.PersonID}
}

// allowComment checks that the caller is a citizen who may comment on the
// consultation's commune.
func (s *server) allowComment(ctx context.Context, id int64) (context.Context, error) {
	c, err := s.store.Consultation(ctx, id)
	if err != nil {
		return ctx, problem(err)
	}
	if ctx, err = s.allow(ctx, account.CommentWrite, c.UnitID); err != nil {
		return ctx, err
	}
	if commenter(ctx).CitizenID == 0 {
		return ctx, problem(coso.Forbidden())
	}
	return ctx, nil
}

func (s *server) postComment(ctx context.Context, in *commentInput) (*commentOutput, error) {
	ctx, err := s.allowComment(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	o := &consultation.Opinion{Section: in.Body.Section, Stance: consultation.Stance(in.Body.Stance), Text: in.Body.Text, ShowName: in.Body.ShowName}
	if err := s.store.PostComment(ctx, in.ID, commenter(ctx), o); err != nil {
		return nil, problem(err)
	}
	return s.comment(ctx, o.ID)
}

func (s *server) comment(ctx context.Context, id int64) (*commentOutput, error) {
	o, err := s.store.Opinion(ctx, id)
	if err != nil {
		return nil, problem(err)
	}
	return &commentOutput{Body: apiComment(o)}, nil
}

func (s *server) editComment(ctx context.Context, in *commentEditInput) (*commentOutput, error) {
	ctx, err := s.allowComment(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	if o, err := s.store.Opinion(ctx, in.Comment); err != nil || o.ConsultationID != in.ID {
		return nil, problem(coso.NotFound("comment"))
	}
	o, err := s.store.EditComment(ctx, in.Comment, commenter(ctx), consultation.Stance(in.Body.Stance), in.Body.Text, in.Body.ShowName)
	if err != nil {
		return nil, problem(err)
	}
	return &commentOutput{Body: apiComment(o)}, nil
}

func (s *server) enterOpinion(ctx context.Context, in *offlineInput) (*commentOutput, error) {
	c, err := s.store.Consultation(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.ConsultationWrite, c.UnitID); err != nil {
		return nil, err
	}
	b := in.Body
	o := &consultation.Opinion{Section: b.Section, Stance: consultation.Stance(b.Stance), Text: b.Text, Channel: consultation.Form(b.Channel),
		Organisation: b.Organisation, Sex: b.Sex, AgeBand: b.AgeBand, SourceNote: b.SourceNote}
	if b.VillageCode != "" {
		v, err := s.store.UnitByCode(ctx, b.VillageCode)
		if err != nil {
			return nil, problem(coso.Invalid("village_code", "Không có thôn mã %s.", "No village has code %s.", b.VillageCode))
		}
		o.VillageID = v.ID
	}
	if o.ReceivedOn, err = parseDay("received_on", b.ReceivedOn); err != nil {
		return nil, err
	}
	var file *store.Upload
	if b.Attachment != nil {
		data, err := base64.StdEncoding.DecodeString(b.Attachment.Content)
		if err != nil {
			return nil, problem(coso.Invalid("attachment", "Tệp đính kèm phải mã hoá base64.", "The attachment must be base64."))
		}
		file = &store.Upload{Name: b.Attachment.Name, Data: data}
	}
	if err := s.store.EnterOpinion(ctx, in.ID, o, file); err != nil {
		return nil, problem(err)
	}
	return s.comment(ctx, o.ID)
}

func (s *server) hideComment(ctx context.Context, in *hideInput) (*commentOutput, error) {
	o, err := s.store.Opinion(ctx, in.Comment)
	if err != nil || o.ConsultationID != in.ID {
		return nil, problem(coso.NotFound("comment"))
	}
	c, err := s.store.Consultation(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.ConsultationWrite, c.UnitID); err != nil {
		return nil, err
	}
	if err := s.store.HideOpinion(ctx, in.Comment, consultation.HideReason(in.Body.Reason)); err != nil {
		return nil, problem(err)
	}
	return s.comment(ctx, in.Comment)
}
