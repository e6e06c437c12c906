package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/decision"
	"coso/store"
)

type matterIDInput struct {
	ID int64 `path:"id" minimum:"1"`
}

type matterOutput struct{ Body Matter }

type matterListInput struct {
	Unit   string `query:"unit" maxLength:"32" doc:"Code of a unit: its matters and those of the units below it"`
	Status string `query:"status" maxLength:"20" doc:"draft, open, closed, counted, recognised or refused"`
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

type matterListOutput struct {
	Body struct {
		Matters []Matter `json:"matters"`
	}
}

type matterCreateInput struct{ Body MatterInput }

type meetingInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		On    string `json:"on" format:"date"`
		Place string `json:"place" maxLength:"300"`
	}
}

type attendanceInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Households []string `json:"households" minItems:"1" maxItems:"5000" doc:"Household codes"`
		Present    bool     `json:"present" doc:"true to mark present, false to take the mark away"`
		ClusterID  int64    `json:"cluster_id,omitempty" minimum:"0" doc:"The cluster meeting, in a village that meets by clusters"`
	}
}

type countsInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		VillageCode string `json:"village_code" maxLength:"32" doc:"The village whose meeting is counted"`
		ClusterID   int64  `json:"cluster_id,omitempty" minimum:"0" doc:"The cluster meeting counted, in a village that meets by clusters; its counts add up into the village's"`
		Counts      []int  `json:"counts" maxItems:"20" doc:"Votes per option, in the order of the matter's options"`
	}
}

type paperBallotInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Serial string `json:"serial" maxLength:"40" example:"12-K7QZ2M4A"`
		Option int    `json:"option" minimum:"0" doc:"Index of the option marked on the sheet"`
	}
}

type castInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Option int `json:"option" minimum:"0" doc:"Index of the chosen option"`
	}
}

type receiptOutput struct {
	Body struct {
		MatterID int64  `json:"matter_id"`
		Receipt  string `json:"receipt" doc:"Keep this code: it is shown once, and lets you check later that your ballot is counted" example:"K7QZ-2M4A-PX3D-9B6C"`
		CheckURL string `json:"check_url"`
	}
}

type receiptCheckInput struct {
	ID   int64  `path:"id" minimum:"1"`
	Code string `path:"code" maxLength:"40"`
}

type receiptCheckOutput struct {
	Body struct {
		Found  bool   `json:"found" doc:"A ballot with this receipt is stored and is (or will be) counted. The choice is never shown."`
		Status string `json:"status" doc:"The matter's status"`
	}
}

type resultOutput struct{ Body Result }

type conflictOutput struct {
	Body struct {
		Conflicts []Conflict `json:"conflicts"`
	}
}

// Conflict is a household found in more than one form.
type Conflict struct {
	HouseholdCode string `json:"household_code"`
	Online        bool   `json:"online"`
	Serial        string `json:"serial,omitempty" doc:"The returned paper ballot"`
	Meeting       bool   `json:"meeting"`
	Kept          string `json:"kept,omitempty" enum:"meeting,ballot,online,"`
	Reason        string `json:"reason,omitempty"`
}

type resolveInput struct {
	ID        int64  `path:"id" minimum:"1"`
	Household string `path:"household" maxLength:"40" doc:"Household code"`
	Body      struct {
		Kept   string `json:"kept" enum:"meeting,ballot,online" doc:"The form that counts for this household"`
		Reason string `json:"reason" maxLength:"500"`
	}
}

type sendInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		On string `json:"on" format:"date" doc:"Date the written decision (Form 03) was sent to the commune People's Committee and Front"`
	}
}

type recognitionInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Decision string `json:"decision" enum:"recognised,refused"`
		On       string `json:"on,omitempty" format:"date" doc:"Date of the commune's decision (default today)"`
		Reason   string `json:"reason,omitempty" maxLength:"2000" doc:"Required for a refusal: the written reasons"`
	}
}

type optInInput struct {
	Code string `path:"code" maxLength:"32" doc:"The village"`
	Body struct {
		DecidedOn  string `json:"decided_on" format:"date"`
		Households int    `json:"households" minimum:"1" doc:"All households of the village"`
		Agreed     int    `json:"agreed" minimum:"0" doc:"Households that agreed to vote online"`
		ValidUntil string `json:"valid_until,omitempty" format:"date"`
	}
}

type optInOutput struct {
	Body struct {
		ID int64 `json:"id"`
	}
}

func (s *server) matters(a huma.API) {
	tags := []string{"decisions"}
	reg := func(id, method, path, summary string, security bool, status int) huma.Operation {
		op := huma.Operation{OperationID: id, Method: method, Path: path, Summary: summary, Tags: tags, DefaultStatus: status}
		if security {
			op.Security = bearer
		}
		return op
	}
	huma.Register(a, reg("list-matters", http.MethodGet, "/api/v1/matters", "List matters put to households", false, 0), s.listMatters)
	huma.Register(a, reg("get-matter", http.MethodGet, "/api/v1/matters/{id}", "Get a matter", false, 0), s.getMatter)
	huma.Register(a, reg("create-matter", http.MethodPost, "/api/v1/matters", "Create a matter (draft)", true, http.StatusCreated), s.createMatter)
	huma.Register(a, reg("open-matter", http.MethodPost, "/api/v1/matters/{id}/open", "Open the vote", true, 0), s.openMatter)
	huma.Register(a, reg("close-matter", http.MethodPost, "/api/v1/matters/{id}/close", "Close the vote", true, 0), s.closeMatter)
	huma.Register(a, reg("count-matter", http.MethodPost, "/api/v1/matters/{id}/count", "Fix the result (no conflict may remain)", true, 0), s.countMatter)
	huma.Register(a, reg("hold-meeting", http.MethodPut, "/api/v1/matters/{id}/meeting", "Record the meeting's date and place", true, 0), s.holdMeeting)
	huma.Register(a, reg("record-attendance", http.MethodPost, "/api/v1/matters/{id}/attendance", "Mark households present at the meeting", true, 0), s.recordAttendance)
	huma.Register(a, reg("enter-counts", http.MethodPut, "/api/v1/matters/{id}/counts", "Enter the counting board's counts of a village's meeting", true, 0), s.enterCounts)
	huma.Register(a, reg("add-household-ballots", http.MethodPost, "/api/v1/matters/{id}/household-ballots",
		"Use household ballots after a meeting that lacked households (subjects 3–5)", true, 0), s.addBallots)
	huma.Register(a, reg("register-paper-ballot", http.MethodPost, "/api/v1/matters/{id}/paper-ballots", "Record a returned paper ballot by its serial", true, http.StatusCreated), s.registerBallot)
	huma.Register(a, reg("cast-ballot", http.MethodPost, "/api/v1/matters/{id}/ballots", "Cast the household's online ballot", true, http.StatusCreated), s.castBallot)
	huma.Register(a, reg("check-receipt", http.MethodGet, "/api/v1/matters/{id}/receipts/{code}", "Check that a ballot with this receipt is counted", false, 0), s.checkReceipt)
	huma.Register(a, reg("get-result", http.MethodGet, "/api/v1/matters/{id}/result", "Get the result (after the close)", false, 0), s.getResult)
	huma.Register(a, reg("list-conflicts", http.MethodGet, "/api/v1/matters/{id}/conflicts", "List households found in two forms", true, 0), s.listConflicts)
	huma.Register(a, reg("resolve-conflict", http.MethodPut, "/api/v1/matters/{id}/conflicts/{household}", "Resolve a conflict with a reason", true, 0), s.resolveConflict)
	huma.Register(a, reg("send-matter", http.MethodPost, "/api/v1/matters/{id}/send",
		"Record that the written decision was sent to the commune (its 5 working days to answer start)", true, 0), s.sendMatter)
	huma.Register(a, reg("decide-matter", http.MethodPost, "/api/v1/matters/{id}/recognition",
		"Recognise or refuse the decision (the commune; the commune Front for board members); a recognised decision is announced to households", true, 0), s.decideMatter)
	huma.Register(a, reg("record-online-optin", http.MethodPost, "/api/v1/villages/{code}/online-optins",
		"Record the village's decision to vote online (Decree 59 art. 5)", true, http.StatusCreated), s.recordOptIn)
}

func (s *server) listMatters(ctx context.Context, in *matterListInput) (*matterListOutput, error) {
	f := store.MatterFilter{Status: decision.Status(in.Status), Limit: in.Limit}
	if in.Status != "" && decision.Status(in.Status).Name("en") == "" {
		return nil, problem(coso.Invalid("status", "Trạng thái không hợp lệ.", "Unknown status."))
	}
	if in.Unit != "" {
		u, err := s.unitField(ctx, "unit", in.Unit)
		if err != nil {
			return nil, err
		}
		f.UnitID = u.ID
	}
	ms, err := s.store.Matters(ctx, f)
	if err != nil {
		return nil, problem(err)
	}
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return nil, problem(err)
	}
	out := &matterListOutput{}
	out.Body.Matters = []Matter{}
	for _, m := range ms {
		a := apiMatter(m)
		withDeadlines(&a, m, cal, s.store.Now())
		out.Body.Matters = append(out.Body.Matters, a)
	}
	return out, nil
}

func (s *server) getMatter(ctx context.Context, in *matterIDInput) (*matterOutput, error) {
	m, err := s.store.Matter(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		return nil, problem(err)
	}
	out := &matterOutput{Body: apiMatter(m)}
	withDeadlines(&out.Body, m, cal, s.store.Now())
	return out, nil
}

func (s *server) createMatter(ctx context.Context, in *matterCreateInput) (*matterOutput, error) {
	b := in.Body
	u, err := s.unitField(ctx, "unit_code", b.UnitCode)
	if err != nil {
		return nil, err
	}
	if ctx, err = s.allow(ctx, account.VoteManage, u.ID); err != nil {
		return nil, err
	}
	m := &decision.Matter{UnitID: u.ID, CommuneWide: b.CommuneWide, Subject: decision.Subject(b.Subject), Title: b.Title,
		Question: b.Question, Choices: b.Choices,
		Proposal: decision.Proposal{Path: decision.Path(b.Proposal.Path), Proposer: b.Proposal.Proposer,
			Supporters: b.Proposal.Supporters, FrontApproved: b.Proposal.FrontApproved}}
	for _, f := range b.Forms {
		m.Forms = append(m.Forms, decision.Form(f))
	}
	for _, d := range b.Documents {
		m.Documents = append(m.Documents, decision.Document{Title: d.Title, Ref: d.Ref})
	}
	if m.Deadline, err = parseDay("deadline", b.Deadline); err != nil {
		return nil, problem(err)
	}
	if m.Proposal.CollectedOn, err = parseDay("collected_on", b.Proposal.CollectedOn); err != nil {
		return nil, problem(err)
	}
	if err := s.store.CreateMatter(ctx, m); err != nil {
		return nil, problem(err)
	}
	return s.getMatter(ctx, &matterIDInput{ID: m.ID})
}

// manage checks VoteManage on the matter's unit and returns the matter
// and the context with the actor the grant allowed, for the audit trail.
func (s *server) manage(ctx context.Context, id int64) (context.Context, *decision.Matter, error) {
	m, err := s.store.Matter(ctx, id)
	if err != nil {
		return ctx, nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.VoteManage, m.UnitID); err != nil {
		return ctx, nil, err
	}
	return ctx, m, nil
}

// step runs a change of a matter for an official who may manage it.
func (s *server) step(ctx context.Context, id int64, fn func(context.Context) error) (*matterOutput, error) {
	ctx, _, err := s.manage(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := fn(ctx); err != nil {
		return nil, problem(err)
	}
	return s.getMatter(ctx, &matterIDInput{ID: id})
}

func (s *server) openMatter(ctx context.Context, in *matterIDInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error { return s.store.OpenMatter(ctx, in.ID) })
}

func (s *server) closeMatter(ctx context.Context, in *matterIDInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error { return s.store.CloseMatter(ctx, in.ID) })
}

func (s *server) countMatter(ctx context.Context, in *matterIDInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error { return s.store.CountMatter(ctx, in.ID) })
}

func (s *server) addBallots(ctx context.Context, in *matterIDInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error { return s.store.AddBallots(ctx, in.ID) })
}

func (s *server) holdMeeting(ctx context.Context, in *meetingInput) (*matterOutput, error) {
	on, err := parseDay("on", in.Body.On)
	if err != nil {
		return nil, problem(err)
	}
	return s.step(ctx, in.ID, func(ctx context.Context) error { return s.store.HoldMeeting(ctx, in.ID, on, in.Body.Place) })
}

func (s *server) recordAttendance(ctx context.Context, in *attendanceInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error {
		var ids []int64
		for _, code := range in.Body.Households {
			h, err := s.store.HouseholdByCode(ctx, code)
			if err != nil {
				return err
			}
			ids = append(ids, h.ID)
		}
		return s.store.RecordClusterAttendance(ctx, in.ID, in.Body.ClusterID, ids, in.Body.Present)
	})
}

func (s *server) enterCounts(ctx context.Context, in *countsInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error {
		if in.Body.ClusterID != 0 {
			return s.store.EnterClusterCounts(ctx, in.ID, in.Body.ClusterID, in.Body.Counts)
		}
		v, err := s.store.UnitByCode(ctx, in.Body.VillageCode)
		if err != nil {
			return coso.Invalid("village_code", "Không có thôn mã %s.", "No village has code %s.", in.Body.VillageCode)
		}
		return s.store.EnterCounts(ctx, in.ID, v.ID, in.Body.Counts)
	})
}

func (s *server) registerBallot(ctx context.Context, in *paperBallotInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error {
		return s.store.RegisterBallot(ctx, in.ID, in.Body.Serial, in.Body.Option)
	})
}

// castBallot casts the online ballot of the household that the caller (a
// citizen whose token says which person they are, see WithVoter)
// represents in the matter's village. The guard is household_rep on that
// village, a grant derived from the register on every request.
func (s *server) castBallot(ctx context.Context, in *castInput) (*receiptOutput, error) {
	m, err := s.store.Matter(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.HouseholdAct, m.UnitID); err != nil {
		return nil, err
	}
	person, ok := VoterFrom(ctx)
	if !ok {
		return nil, problem(coso.Errorf(coso.EForbidden, "", "Cần đăng nhập với tư cách đại diện hộ gia đình.", "Sign in as a household representative."))
	}
	v, err := s.store.MatterVoter(ctx, in.ID, person)
	if err != nil {
		if coso.ErrorCode(err) == coso.ENotFound {
			return nil, problem(coso.Errorf(coso.EForbidden, "", "Bạn không đại diện hộ nào của thôn biểu quyết việc này.",
				"You do not represent a household of a village voting on this matter."))
		}
		return nil, problem(err)
	}
	r, err := s.store.CastOnline(ctx, in.ID, v.HouseholdID, in.Body.Option)
	if err != nil {
		return nil, problem(err)
	}
	out := &receiptOutput{}
	out.Body.MatterID, out.Body.Receipt = in.ID, r.Code
	out.Body.CheckURL = "/api/v1/matters/" + itoa(in.ID) + "/receipts/" + r.Code
	return out, nil
}

func (s *server) checkReceipt(ctx context.Context, in *receiptCheckInput) (*receiptCheckOutput, error) {
	c, err := s.store.CheckReceipt(ctx, in.ID, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	out := &receiptCheckOutput{}
	out.Body.Found, out.Body.Status = c.Found, string(c.Status)
	return out, nil
}

func (s *server) getResult(ctx context.Context, in *matterIDInput) (*resultOutput, error) {
	m, o, err := s.store.Result(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	return &resultOutput{Body: apiResult(m, o)}, nil
}

func (s *server) listConflicts(ctx context.Context, in *matterIDInput) (*conflictOutput, error) {
	ctx, _, err := s.manage(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	cs, err := s.store.Conflicts(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	out := &conflictOutput{}
	out.Body.Conflicts = []Conflict{}
	for _, c := range cs {
		out.Body.Conflicts = append(out.Body.Conflicts, Conflict{HouseholdCode: c.HouseholdCode, Online: c.Online, Serial: c.Serial,
			Meeting: c.Meeting, Kept: string(c.Kept), Reason: c.Reason})
	}
	return out, nil
}

func (s *server) resolveConflict(ctx context.Context, in *resolveInput) (*matterOutput, error) {
	return s.step(ctx, in.ID, func(ctx context.Context) error {
		h, err := s.store.HouseholdByCode(ctx, in.Household)
		if err != nil {
			return err
		}
		return s.store.ResolveConflict(ctx, in.ID, h.ID, decision.Form(in.Body.Kept), in.Body.Reason)
	})
}

func (s *server) sendMatter(ctx context.Context, in *sendInput) (*matterOutput, error) {
	on, err := parseDay("on", in.Body.On)
	if err != nil {
		return nil, problem(err)
	}
	return s.step(ctx, in.ID, func(ctx context.Context) error { return s.store.SendMatter(ctx, in.ID, on) })
}

// decideMatter records the commune's answer. It is the commune's to give,
// so the permission is checked on the commune, for the body the law
// names: the People's Committee, or the Front for board members. A
// recognised decision is then announced to the households.
func (s *server) decideMatter(ctx context.Context, in *recognitionInput) (*matterOutput, error) {
	m, err := s.store.Matter(ctx, in.ID)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, store.RecogniseAction(m.Recogniser()), m.CommuneID); err != nil {
		return nil, err
	}
	on, err := parseDay("on", in.Body.On)
	if err != nil {
		return nil, problem(err)
	}
	if in.Body.Decision == string(decision.Refused) {
		err = s.store.RefuseMatter(ctx, in.ID, on, in.Body.Reason)
	} else {
		err = s.store.RecogniseMatter(ctx, in.ID, on, in.Body.Reason)
	}
	if err != nil {
		return nil, problem(err)
	}
	// Best effort: the background job announces what this misses.
	if _, err := s.store.AnnounceDecision(ctx, in.ID, s.public); err != nil {
		s.log.Warn("announcing a recognised decision", "matter", in.ID, "err", err)
	}
	return s.getMatter(ctx, &matterIDInput{ID: in.ID})
}

func (s *server) recordOptIn(ctx context.Context, in *optInInput) (*optInOutput, error) {
	v, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.VoteManage, v.ID); err != nil {
		return nil, err
	}
	o := &decision.OptIn{VillageID: v.ID, Households: in.Body.Households, Agreed: in.Body.Agreed}
	if o.DecidedOn, err = parseDay("decided_on", in.Body.DecidedOn); err != nil {
		return nil, problem(err)
	}
	if o.ValidUntil, err = parseDay("valid_until", in.Body.ValidUntil); err != nil {
		return nil, problem(err)
	}
	if err := s.store.RecordOptIn(ctx, o); err != nil {
		return nil, problem(err)
	}
	out := &optInOutput{}
	out.Body.ID = o.ID
	return out, nil
}
