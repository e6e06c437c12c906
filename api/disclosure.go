package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/disclosure"
	"coso/store"
	"coso/viet"
)

// Disclosure is the API shape of a disclosure.
type Disclosure struct {
	ID              int64                 `json:"id"`
	URL             string                `json:"url" doc:"The public page"`
	Unit            string                `json:"unit" doc:"Code of the publishing unit" example:"14845"`
	UnitName        string                `json:"unit_name"`
	Category        string                `json:"category" doc:"Category code: 1–14 (communes, art. 11), A1… (agencies, art. 46), E1… (state enterprises, art. 64)" example:"7"`
	CategoryName    string                `json:"category_name"`
	Title           string                `json:"title"`
	Body            string                `json:"body,omitempty" doc:"Markdown (absent in lists)"`
	Status          string                `json:"status" enum:"draft,published,corrected,withdrawn"`
	Version         int                   `json:"version" doc:"0 for a draft, 1 once published, one more per correction"`
	Audience        string                `json:"audience" enum:"unit,villages,staff"`
	Villages        []string              `json:"villages,omitempty" doc:"Codes of the villages the disclosure is for, when audience is villages"`
	DecidedOn       string                `json:"decided_on" format:"date"`
	PublishDue      string                `json:"publish_due" format:"date" doc:"Last day to publish under the rules"`
	PublishedOn     string                `json:"published_on,omitempty" format:"date"`
	PostingUntil    string                `json:"posting_until,omitempty" format:"date" doc:"Last day of the posting window; for a draft, the last day if it were published today; absent when posted permanently"`
	Permanent       bool                  `json:"permanent" doc:"Posted permanently, updated when it changes (categories 4 and 13)"`
	Loudspeaker     int                   `json:"loudspeaker_days" doc:"Consecutive days of loudspeaker broadcast required (0: none)"`
	WithdrawnOn     string                `json:"withdrawn_on,omitempty" format:"date"`
	WithdrawnReason string                `json:"withdrawn_reason,omitempty"`
	Timing          Timing                `json:"timing"`
	Versions        []DisclosureVersion   `json:"versions,omitempty"`
	Files           []DisclosureFile      `json:"files,omitempty"`
	Channels        []DisclosureChannel   `json:"channels,omitempty"`
	TitleMarked     []Segment             `json:"title_marked,omitempty" doc:"With a search: the title, the matched words marked"`
	Snippet         []Segment             `json:"snippet,omitempty" doc:"With a search: a part of the body, the matched words marked"`
	Extensions      []DisclosureExtension `json:"extensions,omitempty"`
}

// Segment is a piece of text in search results; match marks the words
// the search matched.
type Segment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

func segments(in []viet.Segment) []Segment {
	out := make([]Segment, len(in))
	for i, s := range in {
		out[i] = Segment{Text: s.Text, Match: s.Match}
	}
	return out
}

// Timing is how something stands against its legal deadline.
type Timing struct {
	State       string `json:"state" enum:"on_time,late,due,overdue,dropped"`
	Due         string `json:"due" format:"date"`
	LateBy      int    `json:"late_by" doc:"Days late"`
	WorkingDays bool   `json:"working_days" doc:"late_by counts working days (else calendar days)"`
}

// DisclosureVersion is one published text.
type DisclosureVersion struct {
	Version   int       `json:"version"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Reason    string    `json:"reason,omitempty" doc:"Why it was corrected"`
	CreatedAt time.Time `json:"created_at"`
}

// DisclosureFile is an attachment or a piece of evidence.
type DisclosureFile struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind" enum:"attachment,evidence"`
	Name string `json:"name"`
	Type string `json:"type"`
	Size int64  `json:"size"`
	URL  string `json:"url"`
}

// DisclosureChannel is a channel used, with its dates.
type DisclosureChannel struct {
	Channel string `json:"channel" enum:"portal,posting,village_house,loudspeaker,village_head,letter,meeting,reception,mass_org,telecom"`
	From    string `json:"from" format:"date"`
	To      string `json:"to" format:"date"`
	Note    string `json:"note,omitempty"`
	FileID  int64  `json:"file_id,omitempty" doc:"Evidence, such as a photo of the posted notice"`
}

// DisclosureExtension is a lengthening of the posting window.
type DisclosureExtension struct {
	From   string `json:"from" format:"date"`
	To     string `json:"to" format:"date"`
	Reason string `json:"reason"`
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(coso.Zone).Format("2006-01-02")
}

func apiTiming(t disclosure.Timing) Timing {
	return Timing{State: string(t.State), Due: date(t.Due), LateBy: t.LateBy, WorkingDays: t.Working}
}

func (s *server) apiDisclosure(ctx context.Context, d *disclosure.Disclosure, full bool) (Disclosure, error) {
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return Disclosure{}, err
	}
	r := d.Rule()
	out := Disclosure{ID: d.ID, URL: fmt.Sprintf("/disclosures/%d", d.ID), Unit: d.UnitCode, UnitName: d.UnitName,
		Category: d.Category, CategoryName: r.VI, Title: d.Title, Body: d.Body, Status: d.State(), Version: d.Version,
		Audience: string(d.Audience), DecidedOn: date(d.DecidedOn), PublishDue: date(d.PublishDue), PublishedOn: date(d.PublishedOn),
		PostingUntil: date(d.PostingUntil), Permanent: r.Permanent(), Loudspeaker: r.LoudspeakerDays,
		WithdrawnOn: date(d.WithdrawnOn), WithdrawnReason: d.WithdrawnReason, Timing: apiTiming(d.Timing(cal, s.store.Now()))}
	if d.Status == disclosure.Draft {
		out.PostingUntil = date(r.PostingEnd(s.store.Now()))
	}
	if !full {
		out.Body = ""
		return out, nil
	}
	for _, id := range d.AudienceUnits {
		if u, err := s.store.Unit(ctx, id); err == nil {
			out.Villages = append(out.Villages, u.Code)
		}
	}
	for _, v := range d.Versions {
		out.Versions = append(out.Versions, DisclosureVersion{Version: v.N, Title: v.Title, Body: v.Body, Reason: v.Reason, CreatedAt: v.CreatedAt})
	}
	for _, f := range d.Files {
		out.Files = append(out.Files, DisclosureFile{ID: f.ID, Kind: string(f.Kind), Name: f.Name, Type: f.Type, Size: f.Size,
			URL: fmt.Sprintf("/disclosures/%d/files/%d", d.ID, f.ID)})
	}
	for _, u := range d.Uses {
		out.Channels = append(out.Channels, DisclosureChannel{Channel: string(u.Channel), From: date(u.From), To: date(u.To), Note: u.Note, FileID: u.FileID})
	}
	for _, e := range d.Extensions {
		out.Extensions = append(out.Extensions, DisclosureExtension{From: date(e.OldUntil), To: date(e.NewUntil), Reason: e.Reason})
	}
	return out, nil
}

// DisclosureInput is what a client sends to create a draft.
type DisclosureInput struct {
	Unit      string   `json:"unit" maxLength:"32" doc:"Code of the publishing unit" example:"14845"`
	Category  string   `json:"category" maxLength:"8" example:"7"`
	Title     string   `json:"title" maxLength:"300" example:"Danh sách hộ nghèo được hỗ trợ tiền điện quý I/2026"`
	Body      string   `json:"body,omitempty" maxLength:"100000" doc:"Markdown; raw HTML is not rendered"`
	DecidedOn string   `json:"decided_on" format:"date" doc:"Date of the decision or document"`
	Audience  string   `json:"audience,omitempty" enum:"unit,villages,staff" doc:"Default: the whole unit (staff for agencies and enterprises)"`
	Villages  []string `json:"villages,omitempty" maxItems:"200" doc:"Village codes, when audience is villages"`
}

type disclosureCreateInput struct {
	Body DisclosureInput
}

type disclosureIDInput struct {
	ID int64 `path:"id" minimum:"1"`
}

type disclosurePublishInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		PublishedOn string `json:"published_on,omitempty" format:"date" doc:"Default today; an earlier date when the notice was posted on paper first"`
	}
}

type disclosureWithdrawInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Reason string `json:"reason" maxLength:"2000" doc:"Shown publicly with the withdrawn disclosure"`
	}
}

type disclosureCorrectInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Title  string `json:"title" maxLength:"300"`
		Body   string `json:"body,omitempty" maxLength:"100000"`
		Reason string `json:"reason" maxLength:"2000" doc:"Shown publicly with the new version"`
	}
}

type disclosureOutput struct {
	Body Disclosure
}

type disclosureListInput struct {
	Unit     string `query:"unit" maxLength:"32" doc:"Code of a unit: its disclosures and those of every unit under it"`
	Category string `query:"category" maxLength:"8"`
	Q        string `query:"q" maxLength:"200" doc:"Words to find in titles, bodies and PDF attachments, with or without diacritics; results are ranked"`
	From     string `query:"from" format:"date" doc:"Published on or after"`
	To       string `query:"to" format:"date" doc:"Published on or before"`
	Cursor   string `query:"cursor" maxLength:"40"`
	Limit    int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
}

type disclosureListOutput struct {
	Body struct {
		Disclosures []Disclosure `json:"disclosures"`
		NextCursor  string       `json:"next_cursor,omitempty"`
	}
}

func (s *server) disclosures(a huma.API) {
	tags := []string{"disclosures"}
	huma.Register(a, huma.Operation{OperationID: "list-disclosure-categories", Method: http.MethodGet, Path: "/api/v1/disclosure-categories",
		Summary: "The categories of information to publish, with their legal deadlines, posting and broadcast duties", Tags: tags}, s.listCategories)
	huma.Register(a, huma.Operation{OperationID: "list-disclosures", Method: http.MethodGet, Path: "/api/v1/disclosures",
		Summary: "List or search published disclosures", Tags: tags}, s.listDisclosures)
	huma.Register(a, huma.Operation{OperationID: "get-disclosure", Method: http.MethodGet, Path: "/api/v1/disclosures/{id}",
		Summary: "Get a disclosure with its versions, files and channels", Tags: tags}, s.getDisclosure)
	huma.Register(a, huma.Operation{OperationID: "create-disclosure", Method: http.MethodPost, Path: "/api/v1/disclosures",
		Summary: "Create a draft disclosure", Tags: tags, DefaultStatus: http.StatusCreated, Security: bearer}, s.createDisclosure)
	huma.Register(a, huma.Operation{OperationID: "publish-disclosure", Method: http.MethodPost, Path: "/api/v1/disclosures/{id}/publish",
		Summary: "Publish a draft", Tags: tags, Security: bearer}, s.publishDisclosure)
	huma.Register(a, huma.Operation{OperationID: "correct-disclosure", Method: http.MethodPost, Path: "/api/v1/disclosures/{id}/correct",
		Summary: "Publish a corrected version (the earlier ones stay visible)", Tags: tags, Security: bearer}, s.correctDisclosure)
	huma.Register(a, huma.Operation{OperationID: "withdraw-disclosure", Method: http.MethodPost, Path: "/api/v1/disclosures/{id}/withdraw",
		Summary: "Withdraw a disclosure with a public reason (it stays visible)", Tags: tags, Security: bearer}, s.withdrawDisclosure)
	huma.Register(a, huma.Operation{OperationID: "get-disclosure-compliance", Method: http.MethodGet, Path: "/api/v1/units/{code}/disclosure-compliance",
		Summary: "The quarterly disclosure checklist of a unit and its subtree", Tags: tags}, s.getCompliance)
	s.infoRequests(a)
}

// parseDay reads an optional YYYY-MM-DD field.
func (s *server) listDisclosures(ctx context.Context, in *disclosureListInput) (*disclosureListOutput, error) {
	f := store.DisclosureFilter{Category: in.Category, Query: in.Q, Cursor: in.Cursor, Limit: in.Limit}
	var err error
	if f.From, err = parseDay("from", in.From); err != nil {
		return nil, problem(err)
	}
	if f.To, err = parseDay("to", in.To); err != nil {
		return nil, problem(err)
	}
	if in.Unit != "" {
		u, err := s.unitField(ctx, "unit", in.Unit)
		if err != nil {
			return nil, err
		}
		f.UnitID = u.ID
	}
	page, err := s.store.Disclosures(ctx, f)
	if err != nil {
		return nil, problem(err)
	}
	out := &disclosureListOutput{}
	out.Body.Disclosures = []Disclosure{}
	out.Body.NextCursor = page.NextCursor
	for _, h := range page.Hits {
		d, err := s.apiDisclosure(ctx, h.Disclosure, false)
		if err != nil {
			return nil, problem(err)
		}
		if in.Q != "" {
			d.TitleMarked, d.Snippet = segments(h.Marks), segments(h.Snippet)
		}
		out.Body.Disclosures = append(out.Body.Disclosures, d)
	}
	return out, nil
}

// readable returns a disclosure the caller may see: a draft only to those
// who may publish for its unit.
func (s *server) readable(ctx context.Context, id int64) (*disclosure.Disclosure, error) {
	d, err := s.store.Disclosure(ctx, id)
	if err != nil {
		return nil, problem(err)
	}
	if !d.Public() {
		if _, err := s.allow(ctx, account.DisclosureWrite, d.UnitID); err != nil {
			if callerFrom(ctx) == nil {
				return nil, problem(coso.NotFound(fmt.Sprintf("disclosure:%d", id)))
			}
			return nil, err
		}
	}
	return d, nil
}

func (s *server) getDisclosure(ctx context.Context, in *disclosureIDInput) (*disclosureOutput, error) {
	d, err := s.readable(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return s.disclosureOut(ctx, d)
}

func (s *server) disclosureOut(ctx context.Context, d *disclosure.Disclosure) (*disclosureOutput, error) {
	out, err := s.apiDisclosure(ctx, d, true)
	if err != nil {
		return nil, problem(err)
	}
	return &disclosureOutput{Body: out}, nil
}

func (s *server) createDisclosure(ctx context.Context, in *disclosureCreateInput) (*disclosureOutput, error) {
	ctx, err := s.allowOnParent(ctx, account.DisclosureWrite, in.Body.Unit)
	if err != nil {
		return nil, err
	}
	decided, err := parseDay("decided_on", in.Body.DecidedOn)
	if err != nil {
		return nil, problem(err)
	}
	aud, err := disclosure.ParseAudience(in.Body.Audience)
	if err != nil {
		return nil, problem(err)
	}
	if in.Body.Audience == "" {
		aud = ""
	}
	d := &disclosure.Disclosure{UnitCode: in.Body.Unit, Category: in.Body.Category, Title: in.Body.Title, Body: in.Body.Body,
		DecidedOn: decided, Audience: aud}
	for _, code := range in.Body.Villages {
		v, err := s.store.UnitByCode(ctx, code)
		if err != nil {
			return nil, problem(coso.Invalid("villages", "Không có thôn, tổ dân phố mã %s.", "No village has code %s.", code))
		}
		d.AudienceUnits = append(d.AudienceUnits, v.ID)
	}
	if err := s.store.CreateDisclosure(ctx, d); err != nil {
		return nil, problem(err)
	}
	return s.disclosureOut(ctx, d)
}

// writable checks that the caller may change disclosure id and returns
// the context with the actor for the audit trail.
func (s *server) writable(ctx context.Context, id int64) (context.Context, error) {
	if callerFrom(ctx) == nil {
		// Say nothing about which numbers exist to a caller without a token.
		return ctx, needToken()
	}
	d, err := s.store.Disclosure(ctx, id)
	if err != nil {
		return ctx, problem(err)
	}
	return s.allow(ctx, account.DisclosureWrite, d.UnitID)
}

func (s *server) publishDisclosure(ctx context.Context, in *disclosurePublishInput) (*disclosureOutput, error) {
	ctx, err := s.writable(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	on, err := parseDay("published_on", in.Body.PublishedOn)
	if err != nil {
		return nil, problem(err)
	}
	d, err := s.store.PublishDisclosure(ctx, in.ID, on)
	if err != nil {
		return nil, problem(err)
	}
	return s.disclosureOut(ctx, d)
}

func (s *server) correctDisclosure(ctx context.Context, in *disclosureCorrectInput) (*disclosureOutput, error) {
	ctx, err := s.writable(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	d, err := s.store.CorrectDisclosure(ctx, in.ID, in.Body.Title, in.Body.Body, in.Body.Reason)
	if err != nil {
		return nil, problem(err)
	}
	return s.disclosureOut(ctx, d)
}

func (s *server) withdrawDisclosure(ctx context.Context, in *disclosureWithdrawInput) (*disclosureOutput, error) {
	ctx, err := s.writable(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	d, err := s.store.WithdrawDisclosure(ctx, in.ID, in.Body.Reason)
	if err != nil {
		return nil, problem(err)
	}
	return s.disclosureOut(ctx, d)
}

// Category is one category of information to publish, with the law's
// numbers for it.
type Category struct {
	Code            string   `json:"code"`
	Scope           string   `json:"scope" enum:"commune,agency,enterprise"`
	NameVI          string   `json:"name_vi"`
	NameEN          string   `json:"name_en"`
	Article         string   `json:"article"`
	DeadlineDays    int      `json:"deadline_days"`
	WorkingDays     bool     `json:"working_days"`
	PostingDays     int      `json:"posting_days" doc:"0: posted permanently"`
	LoudspeakerDays int      `json:"loudspeaker_days"`
	Channels        []string `json:"channels"`
}

type categoriesOutput struct {
	Body struct {
		Categories []Category `json:"categories"`
	}
}

func (s *server) listCategories(ctx context.Context, _ *struct{}) (*categoriesOutput, error) {
	out := &categoriesOutput{}
	for _, r := range disclosure.Rules("") {
		c := Category{Code: r.Code, Scope: string(r.Scope), NameVI: r.VI, NameEN: r.EN, Article: r.Article, DeadlineDays: r.Deadline.Days,
			WorkingDays: r.Deadline.Working, PostingDays: r.PostingDays, LoudspeakerDays: r.LoudspeakerDays}
		for _, ch := range r.Channels {
			c.Channels = append(c.Channels, string(ch))
		}
		out.Body.Categories = append(out.Body.Categories, c)
	}
	return out, nil
}

type complianceInput struct {
	Code    string `path:"code" maxLength:"32"`
	Year    int    `query:"year" minimum:"2000" maximum:"2100" doc:"Default: this year"`
	Quarter int    `query:"quarter" minimum:"1" maximum:"4" doc:"Default: this quarter"`
}

// ComplianceItem is one line of the quarterly checklist.
type ComplianceItem struct {
	ID              int64    `json:"id"`
	Unit            string   `json:"unit"`
	Title           string   `json:"title"`
	Category        string   `json:"category"`
	Status          string   `json:"status"`
	DecidedOn       string   `json:"decided_on" format:"date"`
	PublishedOn     string   `json:"published_on,omitempty" format:"date"`
	Timing          Timing   `json:"timing"`
	Posting         string   `json:"posting" enum:"none,permanent,running,finished,ended"`
	PostingUntil    string   `json:"posting_until,omitempty" format:"date"`
	LoudspeakerDays int      `json:"loudspeaker_days_required"`
	Broadcast       int      `json:"loudspeaker_days_recorded" doc:"Longest run of consecutive broadcast days recorded"`
	LoudspeakerMet  bool     `json:"loudspeaker_met"`
	MissingChannels []string `json:"missing_channels,omitempty" doc:"Channels the rules require that have no record yet"`
	URL             string   `json:"url"`
}

type complianceOutput struct {
	Body struct {
		Unit      string           `json:"unit"`
		Year      int              `json:"year"`
		Quarter   int              `json:"quarter"`
		From      string           `json:"from" format:"date"`
		To        string           `json:"to" format:"date"`
		OnTime    int              `json:"on_time"`
		Late      int              `json:"late"`
		Due       int              `json:"due"`
		Overdue   int              `json:"overdue"`
		DutyUnmet int              `json:"loudspeaker_unmet"`
		Percent   *int             `json:"percent_on_time,omitempty" doc:"Share of what fell due that came out on time; absent when nothing fell due"`
		Items     []ComplianceItem `json:"items"`
		Published []int64          `json:"published" doc:"Ids of everything published in the quarter (the list of art. 13.2)"`
	}
}

func (s *server) getCompliance(ctx context.Context, in *complianceInput) (*complianceOutput, error) {
	u, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	y, q := disclosure.QuarterOf(s.store.Now())
	if in.Year != 0 {
		y = in.Year
	}
	if in.Quarter != 0 {
		q = in.Quarter
	}
	rep, err := s.store.DisclosureReport(ctx, u.ID, y, q)
	if err != nil {
		return nil, problem(err)
	}
	out := &complianceOutput{}
	b := &out.Body
	b.Unit, b.Year, b.Quarter, b.From, b.To = u.Code, rep.Year, rep.Quarter, date(rep.From), date(rep.To)
	b.OnTime, b.Late, b.Due, b.Overdue, b.DutyUnmet = rep.OnTime, rep.Late, rep.Pending, rep.Overdue, rep.DutyUnmet
	if p := rep.Percent(); p >= 0 {
		b.Percent = &p
	}
	b.Items, b.Published = []ComplianceItem{}, []int64{}
	for _, c := range rep.Checks {
		it := ComplianceItem{ID: c.D.ID, Unit: c.D.UnitCode, Title: c.D.Title, Category: c.D.Category, Status: c.D.State(),
			DecidedOn: date(c.D.DecidedOn), PublishedOn: date(c.D.PublishedOn), Timing: apiTiming(c.Timing), Posting: string(c.Posting),
			PostingUntil: date(c.D.PostingUntil), LoudspeakerDays: c.Loudspeaker, Broadcast: c.Broadcast, LoudspeakerMet: c.LoudspeakerMet,
			URL: "/disclosures/" + strconv.FormatInt(c.D.ID, 10)}
		if !c.D.Public() {
			it.Title, it.URL = "", "" // a draft's text is the office's own until published
		}
		for _, m := range c.Missing {
			it.MissingChannels = append(it.MissingChannels, string(m))
		}
		b.Items = append(b.Items, it)
	}
	for _, d := range rep.Published {
		b.Published = append(b.Published, d.ID)
	}
	return out, nil
}
