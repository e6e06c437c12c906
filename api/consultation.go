package api

import (
	"context"

	"github.com/danielgtaylor/huma/v2"

	"coso/account"
	"coso/consultation"
)

// Dân bàn: consultations on drafts, their sections and opinions.

// Consultation is the API shape of a consultation.
type Consultation struct {
	ID           int64                   `json:"id"`
	UnitCode     string                  `json:"unit_code" doc:"The consulting commune or ward"`
	UnitName     string                  `json:"unit_name"`
	Subject      int                     `json:"subject" minimum:"1" maximum:"7109" doc:"Item of art. 25 (1–9); an agency's subject 53xx (art. 53) or an enterprise's 71xx (art. 71)"`
	SubjectVI    string                  `json:"subject_vi"`
	SubjectEN    string                  `json:"subject_en"`
	Article      string                  `json:"article" doc:"Where the subject comes from"`
	Title        string                  `json:"title"`
	Summary      string                  `json:"summary,omitempty"`
	Sections     []Section               `json:"sections"`
	Forms        []string                `json:"forms" doc:"Forms of art. 26: portal, conference, meeting, sheet, box, hotline, front, telecom"`
	Documents    []MatterDocument        `json:"documents"`
	Audience     string                  `json:"audience" enum:"unit,villages,affected,organisations,staff,workers"`
	Villages     []string                `json:"villages,omitempty" doc:"Codes of the villages asked, when the audience is villages"`
	AudienceNote string                  `json:"audience_note,omitempty"`
	OpensOn      string                  `json:"opens_on,omitempty" format:"date" doc:"Publication date (planned while a draft)"`
	ClosesOn     string                  `json:"closes_on" format:"date" doc:"Last day opinions are taken"`
	MinDays      int                     `json:"min_days" doc:"The least number of days the law keeps it open"`
	Status       string                  `json:"status" enum:"draft,open,closed,answered"`
	Accepting    bool                    `json:"accepting" doc:"Citizens may comment today"`
	Extensions   []ConsultationExtension `json:"extensions"`
	DisclosureID int64                   `json:"disclosure_id,omitempty" doc:"The category-11 disclosure of the answer report"`
	Households   int                     `json:"households_named,omitempty" doc:"How many households the draft names (art. 27); their codes are kept for the officers"`
	DraftID      int64                   `json:"draft_disclosure_id,omitempty" doc:"The disclosure that published the draft when it opened (category 11 for a commune, A9 or E10 for an agency or enterprise)"`
	URL          string                  `json:"url" doc:"The public page"`
}

// Section is one numbered part of a draft.
type Section struct {
	N       int    `json:"n" doc:"Its number, 1-based; 0 in opinions means the draft as a whole"`
	Label   string `json:"label,omitempty" example:"Điều 3"`
	Heading string `json:"heading,omitempty"`
	Text    string `json:"text,omitempty"`
	URL     string `json:"url" doc:"Its address on the public page"`
}

// ConsultationExtension is a lengthening of the period.
type ConsultationExtension struct {
	From   string `json:"from" format:"date"`
	To     string `json:"to" format:"date"`
	Reason string `json:"reason"`
}

// ConsultationInput is what a client sends to create a consultation. The
// draft comes as sections, or as text split at its "Điều N" or numbered
// headings (split "auto") or one section per line (split "lines").
type ConsultationInput struct {
	UnitCode     string           `json:"unit_code" maxLength:"32"`
	Subject      int              `json:"subject" minimum:"1" maximum:"7109" doc:"Item of art. 25 (1–9) for a commune; 5301–5309 for an agency asking its staff (art. 53), 7101–7109 for a state enterprise asking its workers (art. 71)"`
	Title        string           `json:"title" maxLength:"300"`
	Summary      string           `json:"summary,omitempty" maxLength:"5000"`
	Sections     []SectionInput   `json:"sections,omitempty" maxItems:"300"`
	Draft        string           `json:"draft,omitempty" maxLength:"500000" doc:"The draft as text, when sections is empty"`
	Split        string           `json:"split,omitempty" enum:"auto,lines" doc:"How to split draft (default auto)"`
	Forms        []string         `json:"forms,omitempty" maxItems:"8" doc:"portal is always added"`
	Documents    []MatterDocument `json:"documents,omitempty" maxItems:"50"`
	Audience     string           `json:"audience,omitempty" enum:"unit,villages,affected,organisations,staff,workers"`
	Villages     []string         `json:"villages,omitempty" maxItems:"200" doc:"Village codes, for the audience villages"`
	AudienceNote string           `json:"audience_note,omitempty" maxLength:"1000"`
	Households   []string         `json:"households,omitempty" maxItems:"500" doc:"Codes of the households a draft about named citizens concerns (audience affected, art. 27); their representatives are texted when it opens"`
	OpensOn      string           `json:"opens_on,omitempty" format:"date"`
	ClosesOn     string           `json:"closes_on" format:"date"`
}

// SectionInput is one section as sent.
type SectionInput struct {
	Label   string `json:"label,omitempty" maxLength:"40"`
	Heading string `json:"heading,omitempty" maxLength:"300"`
	Text    string `json:"text,omitempty" maxLength:"20000"`
}

func apiConsultation(c *consultation.Consultation, villages []string, accepting bool) Consultation {
	base := "/consultations/" + itoa(c.ID)
	out := Consultation{ID: c.ID, UnitCode: c.UnitCode, UnitName: c.UnitName, Subject: int(c.Subject), SubjectVI: c.Subject.Name("vi"),
		SubjectEN: c.Subject.Name("en"), Article: c.Subject.Article(), Title: c.Title, Summary: c.Summary, Sections: []Section{},
		Forms: []string{}, Documents: []MatterDocument{}, Audience: string(c.Audience), Villages: villages, AudienceNote: c.AudienceNote,
		OpensOn: dateString(c.OpensOn), ClosesOn: dateString(c.ClosesOn), MinDays: c.MinDays(), Status: string(c.Status),
		Accepting: accepting, Extensions: []ConsultationExtension{}, DisclosureID: c.DisclosureID, DraftID: c.DraftDisclosureID, Households: len(c.Households), URL: base}
	for _, x := range c.Sections {
		out.Sections = append(out.Sections, Section{N: x.N, Label: x.Label, Heading: x.Heading, Text: x.Text, URL: base + "#" + x.Anchor()})
	}
	for _, f := range c.Forms {
		out.Forms = append(out.Forms, string(f))
	}
	for _, d := range c.Docs {
		out.Documents = append(out.Documents, MatterDocument{Title: d.Title, Ref: d.Ref})
	}
	for _, e := range c.Extensions {
		out.Extensions = append(out.Extensions, ConsultationExtension{From: dateString(e.OldClose), To: dateString(e.NewClose), Reason: e.Reason})
	}
	return out
}

// mayWrite tells whether the caller may prepare the consultation's unit's
// consultations (drafts are theirs only).
func (s *server) mayWrite(ctx context.Context, unitID int64) bool {
	c := callerFrom(ctx)
	return c != nil && account.Allowed(c.grants, account.ConsultationWrite, unitID, s.store.WithinFunc(ctx))
}

type baseKey struct{}

// rememberBase keeps the address the request came to, for links sent to
// people when no public address is configured.
func rememberBase(ctx huma.Context, next func(huma.Context)) {
	scheme := "http"
	if ctx.TLS() != nil {
		scheme = "https"
	}
	next(huma.WithValue(ctx, baseKey{}, scheme+"://"+ctx.Host()))
}

// baseURL is the address people use.
func (s *server) baseURL(ctx context.Context) string {
	if s.public != "" {
		return s.public
	}
	b, _ := ctx.Value(baseKey{}).(string)
	return b
}
