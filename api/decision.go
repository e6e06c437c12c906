package api

import (
	"context"
	"strconv"
	"time"

	"coso"
	"coso/decision"
)

// Dân quyết: matters put to households, their votes and results.

// voterKey carries the person casting an online ballot.
type voterKey struct{}

// WithVoter returns a context saying that the caller is the person
// personID. The auth layer sets it for a citizen signed in as a household
// representative; the ballot is cast for the household that person
// represents now.
func WithVoter(ctx context.Context, personID int64) context.Context {
	return context.WithValue(ctx, voterKey{}, personID)
}

// VoterFrom returns the person set by WithVoter.
func VoterFrom(ctx context.Context) (int64, bool) {
	id, ok := ctx.Value(voterKey{}).(int64)
	return id, ok && id > 0
}

// Matter is the API shape of a matter.
type Matter struct {
	ID           int64            `json:"id"`
	UnitCode     string           `json:"unit_code" doc:"The village, or the commune for a commune-wide matter"`
	CommuneWide  bool             `json:"commune_wide"`
	Subject      int              `json:"subject" minimum:"1" maximum:"6" doc:"Item of art. 15 (1 public works, 2 community funds, 3 covenant, 4 village head, 5 board members, 6 other)"`
	SubjectVI    string           `json:"subject_vi"`
	SubjectEN    string           `json:"subject_en"`
	Title        string           `json:"title"`
	Question     string           `json:"question"`
	Options      []Option         `json:"options"`
	Forms        []string         `json:"forms" enum:"meeting,ballot,online"`
	Documents    []MatterDocument `json:"documents"`
	Proposal     MatterProposal   `json:"proposal"`
	Deadline     string           `json:"deadline,omitempty" format:"date"`
	Status       string           `json:"status" enum:"draft,open,closed,counted,recognised,refused"`
	Households   int              `json:"households" doc:"All households of the village(s) when the vote opened"`
	Threshold    Threshold        `json:"threshold"`
	Invitation   *Invitation      `json:"invitation,omitempty" doc:"The invitation to the meeting, once it went out"`
	MeetingOn    string           `json:"meeting_on,omitempty" format:"date"`
	MeetingPlace string           `json:"meeting_place,omitempty"`
	SentOn       string           `json:"sent_on,omitempty" format:"date" doc:"Date the written decision (Form 03) was sent to the commune People's Committee and Front"`
	SendDue      string           `json:"send_due,omitempty" format:"date" doc:"Last day to send it: 5 working days after the count"`
	AnswerDue    string           `json:"answer_due,omitempty" format:"date" doc:"Last day for the commune's answer: 5 working days after it was sent"`
	Due          string           `json:"due_state,omitempty" enum:"due,overdue,on_time,late," doc:"How the step now due (sending, then the answer) stands against its deadline"`
	AnsweredBy   string           `json:"answered_by" enum:"committee,front" doc:"Who recognises the decision: the commune People's Committee, or the commune Front for board members"`
	DecidedOn    string           `json:"decided_on,omitempty" format:"date" doc:"Date the commune recognised or refused the decision"`
	Reason       string           `json:"reason,omitempty" doc:"The commune's note, or its written reasons for a refusal"`
	EffectiveOn  string           `json:"effective_on,omitempty" format:"date" doc:"Date a recognised decision takes effect"`
	EffectVI     string           `json:"effect_vi"`
	EffectEN     string           `json:"effect_en"`
	URL          string           `json:"url" doc:"The matter's public page"`
}

// Invitation is the invitation to the community meeting (Form 01) as it
// went out.
type Invitation struct {
	IssuedOn    string `json:"issued_on" format:"date" doc:"Day it went out: at least 2 days before the meeting"`
	MeetingOn   string `json:"meeting_on" format:"date"`
	Hour        string `json:"hour,omitempty" example:"19:30"`
	Place       string `json:"place" maxLength:"300"`
	DocumentsOn string `json:"documents_on,omitempty" format:"date" doc:"Day the documents reached every household (required for subjects 1–3, at least 2 days before the meeting)"`
}

// Option is one answer a household may give.
type Option struct {
	Index int    `json:"index"`
	VI    string `json:"vi"`
	EN    string `json:"en"`
}

// MatterDocument is a paper that goes with a matter.
type MatterDocument struct {
	Title string `json:"title" maxLength:"300"`
	Ref   string `json:"ref,omitempty" maxLength:"500" doc:"File name or address"`
}

// MatterProposal says who proposed the matter.
type MatterProposal struct {
	Path          string `json:"path" enum:"village_head,commune_chair,citizens"`
	Proposer      string `json:"proposer" maxLength:"200"`
	Supporters    int    `json:"supporters,omitempty" minimum:"0" doc:"Households that agreed to a citizens' initiative"`
	CollectedOn   string `json:"collected_on,omitempty" format:"date" doc:"Date their agreement was collected (valid 3 months)"`
	FrontApproved bool   `json:"front_approved,omitempty" doc:"The Front board approved an initiative below 10% of households"`
}

// Threshold is the share of all households a matter needs.
type Threshold struct {
	Num    int    `json:"num"`
	Den    int    `json:"den"`
	Strict bool   `json:"strict" doc:"More than num/den; otherwise at least num/den"`
	VI     string `json:"vi"`
	EN     string `json:"en"`
}

// MatterInput is what a client sends to create a matter.
type MatterInput struct {
	UnitCode    string           `json:"unit_code" maxLength:"32"`
	CommuneWide bool             `json:"commune_wide,omitempty"`
	Subject     int              `json:"subject" minimum:"1" maximum:"6"`
	Title       string           `json:"title" maxLength:"300"`
	Question    string           `json:"question" maxLength:"2000"`
	Choices     []string         `json:"choices,omitempty" maxItems:"20" doc:"Empty: agree / disagree / other opinion"`
	Forms       []string         `json:"forms" minItems:"1" maxItems:"3" enum:"meeting,ballot,online"`
	Documents   []MatterDocument `json:"documents,omitempty" maxItems:"50"`
	Proposal    MatterProposal   `json:"proposal"`
	Deadline    string           `json:"deadline,omitempty" format:"date"`
}

// Result is the outcome of a matter.
type Result struct {
	MatterID     int64           `json:"matter_id"`
	Status       string          `json:"status"`
	Households   int             `json:"households" doc:"All households, the denominator"`
	Participants int             `json:"participants" doc:"Households that took part by any form"`
	Options      []OptionCount   `json:"options"`
	Threshold    Threshold       `json:"threshold"`
	Adopted      bool            `json:"adopted"`
	TextVI       string          `json:"text_vi" example:"62 trên 100 hộ đồng ý, quá một nửa: thông qua"`
	TextEN       string          `json:"text_en" example:"62 of 100 households agreed, more than half: adopted"`
	Villages     []VillageResult `json:"villages,omitempty" doc:"Each village's result (commune-wide matters)"`
}

// OptionCount is one option with its votes.
type OptionCount struct {
	Option
	Votes int `json:"votes"`
}

// VillageResult is one village's result in a commune-wide matter.
type VillageResult struct {
	Name         string        `json:"name"`
	Households   int           `json:"households"`
	Participants int           `json:"participants"`
	Options      []OptionCount `json:"options"`
	Need         int           `json:"need" doc:"Votes needed to adopt"`
	Adopted      bool          `json:"adopted"`
	TextVI       string        `json:"text_vi"`
	TextEN       string        `json:"text_en"`
}

func apiThreshold(t decision.Threshold) Threshold {
	return Threshold{Num: t.Num, Den: t.Den, Strict: t.Strict, VI: t.VI, EN: t.EN}
}

func apiMatter(m *decision.Matter) Matter {
	out := Matter{ID: m.ID, UnitCode: m.UnitCode, CommuneWide: m.CommuneWide, Subject: int(m.Subject), SubjectVI: m.Subject.Name("vi"),
		SubjectEN: m.Subject.Name("en"), Title: m.Title, Question: m.Question, Options: apiOptions(m), Forms: []string{},
		Documents: []MatterDocument{}, Deadline: dateString(m.Deadline), Status: string(m.Status), Households: m.Households,
		Threshold: apiThreshold(m.Subject.Threshold()), MeetingOn: dateString(m.MeetingOn), MeetingPlace: m.Place,
		DecidedOn: dateString(m.DecidedOn), Reason: m.Reason, URL: "/matters/" + itoa(m.ID),
		SentOn: dateString(m.SentOn), AnsweredBy: string(m.Recogniser()), EffectiveOn: dateString(m.EffectiveOn()),
		EffectVI: m.Subject.Answer().Effect("vi"), EffectEN: m.Subject.Answer().Effect("en"),
		Proposal: MatterProposal{Path: string(m.Proposal.Path), Proposer: m.Proposal.Proposer, Supporters: m.Proposal.Supporters,
			CollectedOn: dateString(m.Proposal.CollectedOn), FrontApproved: m.Proposal.FrontApproved}}
	for _, f := range m.Forms {
		out.Forms = append(out.Forms, string(f))
	}
	if inv := m.Invitation; inv.Issued() {
		out.Invitation = &Invitation{IssuedOn: dateString(inv.IssuedOn), MeetingOn: dateString(inv.MeetingOn), Hour: inv.Hour,
			Place: inv.Place, DocumentsOn: dateString(inv.DocumentsOn)}
	}
	for _, d := range m.Documents {
		out.Documents = append(out.Documents, MatterDocument{Title: d.Title, Ref: d.Ref})
	}
	return out
}

// withDeadlines adds the deadlines of sending and answering, counted in
// working days on the province's calendar.
func withDeadlines(out *Matter, m *decision.Matter, cal decision.Calendar, today time.Time) {
	send, answer := m.SendClock(cal, today), m.AnswerClock(cal, today)
	out.SendDue, out.AnswerDue = dateString(send.Due), dateString(answer.Due)
	if _, c, ok := m.Due(cal, today); ok {
		out.Due = string(c.State)
	} else if m.Status == decision.Recognised || m.Status == decision.Refused {
		out.Due = string(answer.State)
	}
}

func apiOptions(m *decision.Matter) []Option {
	var out []Option
	for _, o := range m.Options() {
		out = append(out, Option{Index: o.Index, VI: o.VI, EN: o.EN})
	}
	return out
}

func optionCounts(m *decision.Matter, counts []int) []OptionCount {
	var out []OptionCount
	for _, o := range apiOptions(m) {
		c := OptionCount{Option: o}
		if o.Index < len(counts) {
			c.Votes = counts[o.Index]
		}
		out = append(out, c)
	}
	return out
}

func apiResult(m *decision.Matter, o *decision.Outcome) Result {
	t := o.Total()
	r := Result{MatterID: m.ID, Status: string(m.Status), Households: t.Households, Participants: t.Participants,
		Options: optionCounts(m, t.Counts), Threshold: apiThreshold(m.Subject.Threshold()), Adopted: o.Adopted(),
		TextVI: o.Text("vi"), TextEN: o.Text("en")}
	if o.CommuneWide {
		for _, v := range o.Villages {
			r.Villages = append(r.Villages, VillageResult{Name: v.Name, Households: v.Households, Participants: v.Participants,
				Options: optionCounts(m, v.Counts), Need: v.Need, Adopted: v.Adopted, TextVI: v.Text("vi"), TextEN: v.Text("en")})
		}
	}
	return r
}

func dateString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(coso.Zone).Format("2006-01-02")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
