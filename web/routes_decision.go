package web

import (
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/decision"
	"coso/store"
)

// decisionRoutes are the pages of dân quyết: the public page of a matter
// with its result and the receipt check, the household representative's
// online ballot, and the village head's back office.
func (s *Server) decisionRoutes() []Route {
	vm := account.VoteManage
	return []Route{
		{Method: "GET", Pattern: "/matters/{id}", Access: public, Handler: s.matterPage, Cache: true, Shows: store.ShowsDecisions},
		{Method: "GET", Pattern: "/matters/{id}/receipt", Access: public, Handler: s.receiptPage},
		// The portal's list of a unit's recognised decisions and open votes.
		{Method: "GET", Pattern: "/units/{code}/decisions", Access: public, Handler: s.unitDecisions, Cache: true, Shows: store.ShowsDecisions},
		// The household representative's online ballot: household_rep on
		// the matter's village, a grant derived from the register.
		{Method: "POST", Pattern: "/matters/{id}/ballot", Access: account.HouseholdAct, Handler: s.castBallot, Unit: matterUnit},
		// The community's decision (Form 03) is public once recognised.
		{Method: "GET", Pattern: "/matters/{id}/decision.pdf", Access: public, Handler: s.publicDecisionPDF},

		{Method: "GET", Pattern: "/admin/matters", Access: vm, Handler: s.adminMatters},
		{Method: "GET", Pattern: "/admin/matters/new", Access: vm, Handler: s.newMatterForm},
		{Method: "POST", Pattern: "/admin/matters", Access: vm, Handler: s.createMatter},
		{Method: "POST", Pattern: "/admin/optins/{code}", Access: vm, Handler: s.recordOptIn},
		{Method: "GET", Pattern: "/admin/matters/{id}", Access: vm, Handler: s.adminMatter, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/step", Access: vm, Handler: s.matterStep, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/invitation", Access: vm, Handler: s.matterInvitation, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/meeting", Access: vm, Handler: s.matterMeeting, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/clusters", Access: vm, Handler: s.matterCluster, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/attendance", Access: vm, Handler: s.matterAttendance, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/procedure", Access: vm, Handler: s.matterProcedure, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/counts", Access: vm, Handler: s.matterCounts, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/paper", Access: vm, Handler: s.matterPaper, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/conflicts", Access: vm, Handler: s.matterConflict, Unit: matterUnit},
		{Method: "POST", Pattern: "/admin/matters/{id}/send", Access: vm, Handler: s.matterSend, Unit: matterUnit},
		// The commune's answer: vote.manage on the commune, and the handler
		// checks the body the law names (the Front for board members).
		{Method: "POST", Pattern: "/admin/matters/{id}/decision", Access: vm, Handler: s.matterDecision, Unit: matterCommune},
		// Papers: Forms 01–04 of Decree 59 and the household ballot sheets.
		{Method: "GET", Pattern: "/admin/matters/{id}/form01.pdf", Access: vm, Handler: s.invitationPDF, Unit: matterUnit},
		{Method: "GET", Pattern: "/admin/matters/{id}/form02.pdf", Access: vm, Handler: s.minutesPDF(decision.Meeting), Unit: matterUnit},
		{Method: "GET", Pattern: "/admin/matters/{id}/form03.pdf", Access: vm, Handler: s.decisionPDF, Unit: matterUnit},
		{Method: "GET", Pattern: "/admin/matters/{id}/form04.pdf", Access: vm, Handler: s.minutesPDF(decision.Ballot), Unit: matterUnit},
		{Method: "GET", Pattern: "/admin/matters/{id}/ballots.pdf", Access: vm, Handler: s.ballotsPDF, Unit: matterUnit},
		{Method: "GET", Pattern: "/admin/matters/{id}/roster.pdf", Access: vm, Handler: s.rosterPDF, Unit: matterUnit},
	}
}

func matterID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, coso.NotFound(r.PathValue("id"))
	}
	return id, nil
}

// matterUnit is the unit of the matter in the path: its village, or its
// commune when commune-wide.
func matterUnit(s *Server, r *http.Request) (int64, error) {
	id, err := matterID(r)
	if err != nil {
		return 0, err
	}
	m, err := s.store.Matter(r.Context(), id)
	if err != nil {
		return 0, err
	}
	return m.UnitID, nil
}

// matterCommune is the commune that answers the matter's decision.
func matterCommune(s *Server, r *http.Request) (int64, error) {
	id, err := matterID(r)
	if err != nil {
		return 0, err
	}
	m, err := s.store.Matter(r.Context(), id)
	if err != nil {
		return 0, err
	}
	return m.CommuneID, nil
}
