package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/calendar"
	"coso/petition"
	"coso/ratelimit"
	"coso/store"
)

// PetitionDeadline is one legal clock of a case.
type PetitionDeadline struct {
	Clock       string `json:"clock" enum:"answer,accept,forward,resolve,appeal"`
	Due         string `json:"due" format:"date"`
	Done        string `json:"done,omitempty" format:"date"`
	State       string `json:"state" enum:"running,overdue,met,late,window,ended,moot"`
	LateBy      int    `json:"late_by,omitempty" doc:"Days (working days when working_days) late or overdue"`
	WorkingDays bool   `json:"working_days"`
	Article     string `json:"article" doc:"The law and article that set the limit"`
}

// PetitionExtension is one extension of a denunciation's deadline.
type PetitionExtension struct {
	On     string `json:"on" format:"date"`
	Days   int    `json:"days"`
	Reason string `json:"reason"`
}

// PetitionTiming is how a case stands against its current deadline.
type PetitionTiming struct {
	State  string `json:"state" enum:"none,pending,due_soon,overdue,on_time,late"`
	Due    string `json:"due,omitempty" format:"date"`
	LateBy int    `json:"late_by,omitempty" doc:"Calendar days past the deadline"`
}

// PetitionStatus is what anyone holding a tracking code sees: never who
// sent the case, nor what they wrote.
type PetitionStatus struct {
	Code        string              `json:"code" doc:"The tracking code"`
	StatusURL   string              `json:"status_url"`
	Kind        string              `json:"kind" enum:"feedback,complaint,denunciation,question"`
	Instance    int                 `json:"instance,omitempty" doc:"Complaints: 1 or 2"`
	Unit        string              `json:"unit"`
	UnitName    string              `json:"unit_name"`
	Channel     string              `json:"channel" enum:"portal,reception,paper,phone,forwarded"`
	FiledOn     string              `json:"filed_on" format:"date"`
	ReceivedOn  string              `json:"received_on" format:"date"`
	Stage       string              `json:"stage" enum:"received,accepted,rejected,forwarded,resolved,closed"`
	Intake      string              `json:"intake,omitempty" enum:"accepted,needs_time,rejected,forwarded,resolved"`
	IntakeOn    string              `json:"intake_on,omitempty" format:"date"`
	FinishedOn  string              `json:"finished_on,omitempty" format:"date"`
	Timing      PetitionTiming      `json:"timing"`
	Deadlines   []PetitionDeadline  `json:"deadlines"`
	Extensions  []PetitionExtension `json:"extensions,omitempty"`
	ForwardedTo string              `json:"forwarded_to,omitempty"`
	Reason      string              `json:"reason,omitempty" doc:"Why the case was rejected, forwarded or closed"`
	Answer      string              `json:"answer,omitempty" doc:"The official answer"`
	Rated       bool                `json:"rated"`
}

// PetitionIdentity is the sender of a feedback, complaint or question, for
// the officials who answer it. A denouncer's never appears in the API.
type PetitionIdentity struct {
	Name      string `json:"name"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
	Address   string `json:"address,omitempty"`
	CitizenID string `json:"citizen_id,omitempty"`
}

// PetitionCase is a case as its officials see it.
type PetitionCase struct {
	ID              int64             `json:"id"`
	Status          PetitionStatus    `json:"status"`
	Subject         string            `json:"subject"`
	Body            string            `json:"body"`
	Anonymous       bool              `json:"anonymous"`
	Sealed          bool              `json:"sealed" doc:"A denunciation: the sender's identity is secret and is never in the API"`
	Identity        *PetitionIdentity `json:"identity,omitempty" doc:"For the officials who answer a feedback, complaint or question"`
	Consent         bool              `json:"consent" doc:"The sender agrees to publication without personal data"`
	Complex         bool              `json:"complex"`
	AgainstUnit     string            `json:"against_unit,omitempty" doc:"The unit of the official a denunciation accuses"`
	AgainstOfficial string            `json:"against_official,omitempty"`
	Assignee        string            `json:"assignee,omitempty"`
	Summary         string            `json:"summary,omitempty"`
	AppealOf        string            `json:"appeal_of,omitempty"`
	Files           int               `json:"files"`
}

func (s *server) petitionStatus(ctx context.Context, c *petition.Case) (PetitionStatus, error) {
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return PetitionStatus{}, err
	}
	now := s.store.Now()
	t := c.Timing(cal, now)
	out := PetitionStatus{Code: c.Code, StatusURL: "/petitions/" + c.Code, Kind: string(c.Kind), Instance: c.Instance,
		Unit: c.UnitCode, UnitName: c.UnitName, Channel: string(c.Channel), FiledOn: date(c.FiledOn), ReceivedOn: date(c.ReceivedOn),
		Stage: string(c.Stage), Intake: string(c.Intake), IntakeOn: date(c.IntakeOn), FinishedOn: date(c.FinishedOn),
		Timing:      PetitionTiming{State: string(t.State), Due: date(t.Due), LateBy: t.LateBy},
		ForwardedTo: c.ForwardedTo, Reason: c.Reason, Answer: c.Answer, Rated: c.Rated, Deadlines: []PetitionDeadline{}}
	for _, d := range c.Deadlines(cal, now) {
		out.Deadlines = append(out.Deadlines, PetitionDeadline{Clock: string(d.Rule.Clock), Due: date(d.Due), Done: date(d.Done),
			State: string(d.State), LateBy: d.LateBy, WorkingDays: d.Rule.Working, Article: d.Rule.Article})
	}
	for _, e := range c.Extensions {
		out.Extensions = append(out.Extensions, PetitionExtension{On: date(e.On), Days: e.Days, Reason: e.Reason})
	}
	return out, nil
}

// petitionCase is the officials' view; the identity is added only for
// those who answer a case that is not a denunciation.
func (s *server) petitionCase(ctx context.Context, c *petition.Case, withIdentity bool) (PetitionCase, error) {
	st, err := s.petitionStatus(ctx, c)
	if err != nil {
		return PetitionCase{}, err
	}
	files, err := s.store.PetitionFiles(ctx, c.ID)
	if err != nil {
		return PetitionCase{}, err
	}
	out := PetitionCase{ID: c.ID, Status: st, Subject: c.Subject, Body: c.Body, Anonymous: c.Anonymous, Sealed: c.Kind.Sealed(),
		Consent: c.Consent, Complex: c.Complex, AgainstUnit: c.AgainstUnitCode, AgainstOfficial: c.AgainstOfficial,
		Assignee: c.AssigneeName, Summary: c.Summary, AppealOf: c.AppealOf, Files: len(files)}
	if withIdentity && !c.Kind.Sealed() && !c.Anonymous {
		id, err := s.store.PetitionIdentity(ctx, c.ID)
		if err != nil {
			return PetitionCase{}, err
		}
		out.Identity = &PetitionIdentity{Name: id.Name, Phone: id.Phone, Email: id.Email, Address: id.Address, CitizenID: id.CitizenID}
	}
	return out, nil
}

// PetitionUpload is a file sent with a case.
type PetitionUpload struct {
	Name    string `json:"name" maxLength:"200"`
	Content []byte `json:"content" doc:"The file's bytes, base64; PDF, JPEG, PNG, WebP, GIF, DOCX or ODT, at most 4 MB"`
}

type petitionCreateInput struct {
	Body struct {
		Unit            string           `json:"unit" maxLength:"32" doc:"Code of the commune, ward, province, agency or enterprise addressed"`
		Kind            string           `json:"kind" enum:"feedback,complaint,denunciation,question"`
		Instance        int              `json:"instance,omitempty" minimum:"0" maximum:"2" doc:"Complaints: 1 (default) or 2"`
		AppealOf        string           `json:"appeal_of,omitempty" maxLength:"20" doc:"Second instance: the first-instance case's tracking code"`
		Subject         string           `json:"subject" maxLength:"200"`
		Content         string           `json:"content" maxLength:"20000"`
		Anonymous       bool             `json:"anonymous,omitempty" doc:"Feedback and questions only"`
		Name            string           `json:"name,omitempty" maxLength:"200"`
		Phone           string           `json:"phone,omitempty" maxLength:"20"`
		Email           string           `json:"email,omitempty" maxLength:"200"`
		Address         string           `json:"address,omitempty" maxLength:"500"`
		CitizenID       string           `json:"citizen_id,omitempty" maxLength:"12"`
		AgainstOfficial string           `json:"against_official,omitempty" maxLength:"200" doc:"Denunciations of an official of the unit addressed: the post or name; the superior unit then handles the case"`
		Consent         bool             `json:"consent,omitempty" doc:"Publish the case and answer, without personal data, on the unit's page"`
		Channel         string           `json:"channel,omitempty" enum:"portal,reception,paper,phone,forwarded" doc:"Officers only (a token allowing petition.answer on the unit): how the case came in"`
		ReceivedOn      string           `json:"received_on,omitempty" format:"date" doc:"Officers only: the day a letter or call came in, at most 90 days back"`
		Files           []PetitionUpload `json:"files,omitempty" maxItems:"5"`
	}
	addr string
}

// Resolve keeps the client's address for the rate limit.
func (in *petitionCreateInput) Resolve(ctx huma.Context) []error {
	in.addr = ctx.RemoteAddr()
	return nil
}

type petitionStatusOutput struct {
	Body PetitionStatus
}

type petitionCodeInput struct {
	Code string `path:"code" maxLength:"20" doc:"The tracking code"`
}

type petitionCaseOutput struct {
	Body PetitionCase
}

type petitionListInput struct {
	Code    string `path:"code" maxLength:"32"`
	Open    bool   `query:"open" doc:"Only cases being handled"`
	Overdue bool   `query:"overdue" doc:"Only open cases past their deadline"`
	Below   bool   `query:"below" doc:"Only cases of the units below (what escalates to this unit)"`
	Before  int64  `query:"before" doc:"Cursor: cases older than this id"`
	Limit   int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

type petitionListOutput struct {
	Body struct {
		Petitions []PetitionCase `json:"petitions"`
	}
}

type petitionFiguresInput struct {
	Code string `path:"code" maxLength:"32"`
	Year int    `query:"year" minimum:"2020" maximum:"2100" doc:"Default: this year"`
}

// PetitionFigures are a unit's public numbers for a year.
type PetitionFigures struct {
	Unit        string  `json:"unit"`
	UnitName    string  `json:"unit_name"`
	Received    int     `json:"received"`
	Finished    int     `json:"finished"`
	OnTime      int     `json:"on_time"`
	Open        int     `json:"open"`
	Overdue     int     `json:"overdue"`
	AverageDays float64 `json:"average_days"`
	Ratings     int     `json:"ratings"`
	Score       float64 `json:"score,omitempty" doc:"Average satisfaction, 1–5"`
}

type petitionFiguresOutput struct {
	Body struct {
		Year  int               `json:"year"`
		Total PetitionFigures   `json:"total"`
		Units []PetitionFigures `json:"units" doc:"Per handling unit of the subtree"`
	}
}

func (s *server) petitions(a huma.API) {
	tags := []string{"petitions"}
	huma.Register(a, huma.Operation{OperationID: "create-petition", Method: http.MethodPost, Path: "/api/v1/petitions",
		Summary: "Send feedback, a complaint, a denunciation or a question; returns the tracking code", Tags: tags,
		DefaultStatus: http.StatusCreated, MaxBodyBytes: 10 << 20}, s.createPetition)
	huma.Register(a, huma.Operation{OperationID: "get-petition-status", Method: http.MethodGet, Path: "/api/v1/petitions/{code}/status",
		Summary: "The public status of a case by tracking code: stage, dates, deadlines, answer; never the sender", Tags: tags}, s.getPetitionStatus)
	huma.Register(a, huma.Operation{OperationID: "get-petition-figures", Method: http.MethodGet, Path: "/api/v1/units/{code}/petition-figures",
		Summary: "A unit's public figures: received, finished on time, overdue, average days", Tags: tags}, s.getPetitionFigures)
	huma.Register(a, huma.Operation{OperationID: "list-petitions", Method: http.MethodGet, Path: "/api/v1/units/{code}/petitions",
		Summary: "The cases of a unit and its subtree (officials)", Tags: tags, Security: bearer}, s.listPetitions)
	huma.Register(a, huma.Operation{OperationID: "get-petition", Method: http.MethodGet, Path: "/api/v1/petitions/{code}",
		Summary: "A case as its officials see it", Tags: tags, Security: bearer}, s.getPetition)
	s.petitionSteps(a, tags)
}

func (s *server) createPetition(ctx context.Context, in *petitionCreateInput) (*petitionStatusOutput, error) {
	b := in.Body
	c := &petition.Case{UnitCode: b.Unit, Kind: petition.Kind(b.Kind), Instance: b.Instance, AppealOf: b.AppealOf,
		Subject: b.Subject, Body: b.Content, Anonymous: b.Anonymous, Consent: b.Consent, AgainstOfficial: b.AgainstOfficial,
		Channel: petition.Portal, Identity: petition.Identity{Name: b.Name, Phone: b.Phone, Email: b.Email, Address: b.Address, CitizenID: b.CitizenID}}
	if b.Channel != "" && b.Channel != string(petition.Portal) {
		var err error
		if ctx, err = s.allowOnParent(ctx, account.PetitionAnswer, b.Unit); err != nil {
			return nil, err
		}
		c.Channel = petition.Channel(b.Channel)
		if c.ReceivedOn, err = parseDay("received_on", b.ReceivedOn); err != nil {
			return nil, err
		}
	} else if s.limits != nil {
		if err := s.limits.Check(ctx, ratelimit.PetitionPerAddr, ratelimit.Addr(in.addr)); err != nil {
			return nil, problem(err)
		}
	}
	var files []store.Upload
	for _, f := range b.Files {
		files = append(files, store.Upload{Name: f.Name, Data: f.Content})
	}
	if err := s.store.CreatePetition(ctx, c, files); err != nil {
		return nil, problem(err)
	}
	out, err := s.petitionStatus(ctx, c)
	if err != nil {
		return nil, problem(err)
	}
	return &petitionStatusOutput{Body: out}, nil
}

func (s *server) getPetitionStatus(ctx context.Context, in *petitionCodeInput) (*petitionStatusOutput, error) {
	code, err := petition.ParseCode(in.Code)
	if err != nil {
		return nil, problem(coso.NotFound("petition"))
	}
	c, err := s.store.PetitionByCode(ctx, code)
	if err != nil {
		return nil, problem(err)
	}
	out, err := s.petitionStatus(ctx, c)
	if err != nil {
		return nil, problem(err)
	}
	return &petitionStatusOutput{Body: out}, nil
}

func (s *server) getPetitionFigures(ctx context.Context, in *petitionFiguresInput) (*petitionFiguresOutput, error) {
	u, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	year := s.store.Now().In(coso.Zone).Year()
	if in.Year != 0 {
		year = in.Year
	}
	from, to := calendar.Date(year, time.January, 1), calendar.Date(year, time.December, 31)
	total, by, err := s.store.PetitionFigures(ctx, u.ID, from, to)
	if err != nil {
		return nil, problem(err)
	}
	out := &petitionFiguresOutput{}
	out.Body.Year = year
	out.Body.Total = apiFigures(u.Code, u.Name, total)
	out.Body.Units = []PetitionFigures{}
	for id, f := range by {
		unit, err := s.store.Unit(ctx, id)
		if err != nil {
			return nil, problem(err)
		}
		out.Body.Units = append(out.Body.Units, apiFigures(unit.Code, unit.Name, f))
	}
	return out, nil
}

func apiFigures(code, name string, f store.PetitionFigures) PetitionFigures {
	return PetitionFigures{Unit: code, UnitName: name, Received: f.Received, Finished: f.Finished, OnTime: f.OnTime,
		Open: f.Open, Overdue: f.Overdue, AverageDays: f.AverageDays, Ratings: f.Ratings, Score: f.Score}
}

func (s *server) listPetitions(ctx context.Context, in *petitionListInput) (*petitionListOutput, error) {
	if callerFrom(ctx) == nil {
		return nil, needToken()
	}
	u, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.PetitionRead, u.ID); err != nil {
		return nil, err
	}
	cs, err := s.store.Petitions(ctx, store.PetitionFilter{Under: u.ID, Open: in.Open, Overdue: in.Overdue, Below: in.Below,
		BeforeID: in.Before, Limit: in.Limit})
	if err != nil {
		return nil, problem(err)
	}
	out := &petitionListOutput{}
	out.Body.Petitions = []PetitionCase{}
	for _, c := range cs {
		x, err := s.petitionCase(ctx, c, false)
		if err != nil {
			return nil, problem(err)
		}
		out.Body.Petitions = append(out.Body.Petitions, x)
	}
	return out, nil
}

// petitionFor finds the case of a tracking code and checks that the caller
// may take action on its unit.
func (s *server) petitionFor(ctx context.Context, code string, action account.Action) (context.Context, *petition.Case, error) {
	if callerFrom(ctx) == nil {
		return ctx, nil, needToken()
	}
	code, err := petition.ParseCode(code)
	if err != nil {
		return ctx, nil, problem(coso.NotFound("petition"))
	}
	c, err := s.store.PetitionByCode(ctx, code)
	if err != nil {
		return ctx, nil, problem(err)
	}
	ctx, err = s.allow(ctx, action, c.UnitID)
	return ctx, c, err
}

func (s *server) getPetition(ctx context.Context, in *petitionCodeInput) (*petitionCaseOutput, error) {
	ctx, c, err := s.petitionFor(ctx, in.Code, account.PetitionRead)
	if err != nil {
		return nil, err
	}
	_, answerErr := s.allow(ctx, account.PetitionAnswer, c.UnitID)
	out, err := s.petitionCase(ctx, c, answerErr == nil)
	if err != nil {
		return nil, problem(err)
	}
	return &petitionCaseOutput{Body: out}, nil
}
