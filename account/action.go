package account

import (
	"slices"
	"strings"
)

// Action is what a request does, named "thing.verb". Every route names one
// action; Allowed decides it.
type Action string

// Public is the pseudo-action of pages and calls anyone may use, signed in
// or not (published disclosures, the sign-in page).
const Public Action = "public"

const (
	UnitRead          Action = "unit.read"
	UnitWrite         Action = "unit.write"
	HouseholdRead     Action = "household.read"
	HouseholdWrite    Action = "household.write"
	CitizenLink       Action = "citizen.link" // confirm that a citizen account is a person of a household
	AccountRead       Action = "account.read"
	AccountManage     Action = "account.manage" // create and disable accounts, grant and revoke roles
	AuditRead         Action = "audit.read"
	PetitionRead      Action = "petition.read"
	PetitionAnswer    Action = "petition.answer"
	PetitionReveal    Action = "petition.reveal" // approve another official's request to see a denouncer's identity
	DisclosureWrite   Action = "disclosure.write"
	ConsultationWrite Action = "consultation.write"
	ConsultationRead  Action = "consultation.read" // hidden opinions and the scans of offline ones
	VoteManage        Action = "vote.manage"       // meetings, ballots, village-head elections
	// The commune's answer to a community's written decision: the People's
	// Committee's, and for board members the Front's (LAW.md "Dân quyết").
	VoteRecognise      Action = "vote.recognise"
	VoteRecogniseBoard Action = "vote.recognise_board"
	CommentWrite       Action = "comment.write"
	HouseholdAct       Action = "household.act"   // vote or sign for a household
	OutboxRead         Action = "outbox.read"     // the SMS and e-mail waiting, sent and failed
	OutboxRetry        Action = "outbox.retry"    // send a failed message again
	CalendarManage     Action = "calendar.manage" // the province's holidays and swapped working days
)

// actions is the one table of who may do what. A grant's role must be
// listed for the action, and the unit acted on must lie in the subtree of
// the grant's unit. Two roles are not listed because their rule is simpler
// than a list: province_admin may do every action under its province, and
// supervisor every *.read action under its unit and nothing else (issue 3).
// An action missing from this table is denied to everyone. Later parts add
// their actions here.
var actions = map[Action][]Role{
	UnitRead: {VillageHead, VillageFront, CommuneOfficer, CommuneChair, CommuneFront, InspectionBoard,
		AgencyAdmin, EnterpriseAdmin, ProvinceOfficer},
	UnitWrite: {}, // the administrative map is the province's
	// Households hold personal data: only those who keep the register.
	HouseholdRead:  {VillageHead, VillageFront, CommuneOfficer, CommuneChair},
	HouseholdWrite: {VillageHead, CommuneOfficer},
	CitizenLink:    {VillageHead, CommuneOfficer}, // issue 3: "once a village head or commune officer confirms it"
	AccountRead:    {AgencyAdmin, EnterpriseAdmin},
	AccountManage:  {AgencyAdmin, EnterpriseAdmin},
	AuditRead:      {AgencyAdmin, EnterpriseAdmin}, // issue 3: "supervisors and administrators"
	// Every role here must require TOTP (see roles); a test checks it.
	PetitionRead:   {CommuneOfficer, CommuneChair, CommuneFront, InspectionBoard, AgencyAdmin, EnterpriseAdmin, ProvinceOfficer},
	PetitionAnswer: {CommuneOfficer, CommuneChair, AgencyAdmin, EnterpriseAdmin, ProvinceOfficer},
	// A denouncer's identity is revealed only when a second official, a
	// head of the unit or the province's officer, approves a request with
	// its reason (issue 7; Law on Denunciations ch. VI).
	PetitionReveal:    {CommuneChair, AgencyAdmin, EnterpriseAdmin, ProvinceOfficer},
	DisclosureWrite:   {VillageHead, CommuneOfficer, CommuneChair, AgencyAdmin, EnterpriseAdmin},
	ConsultationWrite: {VillageHead, CommuneOfficer, CommuneChair, AgencyAdmin, EnterpriseAdmin},
	// Issue 5: hidden comments stay "visible to supervisors": those who
	// moderate, the Front and the inspection board (and, as every *.read,
	// the province's supervisors).
	ConsultationRead: {VillageHead, VillageFront, CommuneOfficer, CommuneChair, CommuneFront, InspectionBoard, AgencyAdmin, EnterpriseAdmin},
	VoteManage:       {VillageHead, VillageFront, CommuneOfficer, CommuneChair, CommuneFront},
	// The commune answers; the Front answers for board members (subject 5).
	VoteRecognise:      {CommuneOfficer, CommuneChair},
	VoteRecogniseBoard: {CommuneFront},
	CommentWrite:       {Citizen, HouseholdRep},
	HouseholdAct:       {HouseholdRep},
	// Issue 3: the outbox is "visible to administrators".
	OutboxRead:  {AgencyAdmin, EnterpriseAdmin},
	OutboxRetry: {AgencyAdmin, EnterpriseAdmin},
	// Working days count every legal deadline of the province: only its
	// administrator sets them.
	CalendarManage: {},
}

// Actions lists every known action except Public, sorted.
func Actions() []Action {
	out := make([]Action, 0, len(actions))
	for a := range actions {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Known tells whether a is in the table (or is Public).
func (a Action) Known() bool {
	_, ok := actions[a]
	return ok || a == Public
}

// IsRead tells whether a only reads.
func (a Action) IsRead() bool { return strings.HasSuffix(string(a), ".read") }

// May tells whether role r may do a somewhere (ignoring units).
func (r Role) May(a Action) bool {
	allowed, ok := actions[a]
	switch {
	case !ok:
		return false
	case r == ProvinceAdmin:
		return true
	case r == Supervisor:
		return a.IsRead()
	}
	return slices.Contains(allowed, r)
}

// Allowed is the one decision on every request: may a person holding
// grants do action on the unit unitID? within(unit, ancestor) tells whether
// unit lies in ancestor's subtree (or is it); it must answer false when it
// cannot tell. Everything not allowed is denied: unknown actions, revoked
// grants, unit 0, a nil within.
func Allowed(grants []Grant, action Action, unitID int64, within func(unit, ancestor int64) bool) bool {
	if action == Public {
		return true
	}
	if unitID == 0 || within == nil {
		return false
	}
	for _, g := range grants {
		if g.Active() && g.Role.May(action) && within(unitID, g.UnitID) {
			return true
		}
	}
	return false
}

// Roots returns the units whose subtrees grants allow action on, for
// filtering lists ("petitions I may read"). It answers no question about a
// single unit: use Allowed for that.
func Roots(grants []Grant, action Action) []int64 {
	var out []int64
	for _, g := range grants {
		if g.Active() && g.Role.May(action) && !slices.Contains(out, g.UnitID) {
			out = append(out, g.UnitID)
		}
	}
	return out
}
