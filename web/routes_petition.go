package web

import (
	"coso/account"
	"coso/store"
)

// petitionRoutes are the pages of "Dân kiểm tra, giám sát": residents send
// feedback, complaints, denunciations and questions and follow them by
// tracking code; officers take cases in, answer them against the legal
// clocks, and reveal a denouncer only with a second official's approval.
func (s *Server) petitionRoutes() []Route {
	read, answer, reveal := account.PetitionRead, account.PetitionAnswer, account.PetitionReveal
	return []Route{
		// Public.
		{Method: "GET", Pattern: "/petitions", Access: public, Handler: s.petitionLookup},
		{Method: "GET", Pattern: "/petitions/rules", Access: public, Handler: s.petitionRules, Cache: true},
		{Method: "GET", Pattern: "/petitions/{code}", Access: public, Handler: s.petitionStatus},
		{Method: "GET", Pattern: "/units/{code}/petitions", Access: public, Handler: s.unitPetitions, Cache: true, Shows: store.ShowsPetitions},
		{Method: "GET", Pattern: "/units/{code}/petitions/new", Access: public, Handler: s.petitionForm},
		{Method: "POST", Pattern: "/units/{code}/petitions", Access: public, Handler: s.createPetition},
		{Method: "GET", Pattern: "/petitions/{code}/rating", Access: public, Handler: s.ratingForm},
		{Method: "POST", Pattern: "/petitions/{code}/rating", Access: public, Handler: s.ratePetition},
		{Method: "GET", Pattern: "/units/{code}/ratings", Access: public, Handler: s.unitRatings, Cache: true, Shows: store.ShowsPetitions},
		{Method: "GET", Pattern: "/units/{code}/ratings/new", Access: public, Handler: s.procedureRatingForm},
		{Method: "POST", Pattern: "/units/{code}/ratings", Access: public, Handler: s.rateProcedure},
		{Method: "GET", Pattern: "/units/{code}/reception", Access: public, Handler: s.unitReception, Cache: true, Shows: store.ShowsPetitions},
		{Method: "GET", Pattern: "/units/{code}/reception/request", Access: public, Handler: s.receptionRequestForm},
		{Method: "POST", Pattern: "/units/{code}/reception/requests", Access: public, Handler: s.createReceptionRequest},

		// Back office.
		{Method: "GET", Pattern: "/admin/petitions", Access: read, Handler: s.adminPetitions},
		{Method: "GET", Pattern: "/admin/ratings", Access: read, Handler: s.adminRatings},
		{Method: "GET", Pattern: "/admin/units/{code}/petitions/new", Access: answer, Handler: s.intakeForm},
		{Method: "GET", Pattern: "/admin/units/{code}/reception", Access: answer, Handler: s.adminReception},
		{Method: "POST", Pattern: "/admin/units/{code}/reception", Access: answer, Handler: s.addSession},
		{Method: "POST", Pattern: "/admin/units/{code}/reception/{session}/cancel", Access: answer, Handler: s.cancelSession},
		{Method: "POST", Pattern: "/admin/units/{code}/reception/requests/{rrequest}/decide", Access: answer, Handler: s.decideReceptionRequest},
		{Method: "POST", Pattern: "/admin/units/{code}/petitions", Access: answer, Handler: s.createIntake},
		{Method: "GET", Pattern: "/admin/petitions/{id}", Access: read, Handler: s.adminPetition, Unit: unitOfPetition},
		{Method: "GET", Pattern: "/admin/petitions/{id}/files/{pfile}", Access: answer, Handler: s.petitionFile, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/accept", Access: answer, Handler: s.acceptPetition, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/reject", Access: answer, Handler: s.rejectPetition, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/forward", Access: answer, Handler: s.forwardPetition, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/transfer", Access: answer, Handler: s.transferPetition, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/assign", Access: answer, Handler: s.assignPetition, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/extend", Access: answer, Handler: s.extendPetition, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/resolve", Access: answer, Handler: s.resolvePetition, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/close", Access: answer, Handler: s.closePetition, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/reveals", Access: answer, Handler: s.requestReveal, Unit: unitOfPetition},
		{Method: "POST", Pattern: "/admin/petitions/{id}/reveals/{reveal}/decide", Access: reveal, Handler: s.decideReveal, Unit: unitOfPetition},
		{Method: "GET", Pattern: "/admin/petitions/{id}/reveals/{reveal}", Access: answer, Handler: s.revealPage, Unit: unitOfPetition},
	}
}
