package web

import (
	"net/http"

	"coso/account"
	"coso/store"
)

// consultationRoutes are the pages of "Dân bàn": the public page of a
// consultation with its sections and opinions, the list of a unit's
// consultations, and the back office that prepares, opens, extends and
// closes them.
func (s *Server) consultationRoutes() []Route {
	write := account.ConsultationWrite
	return []Route{
		{Method: "GET", Pattern: "/consultations/{id}", Access: public, Handler: s.consultationPage, Cache: true, Shows: store.ShowsConsultations},
		{Method: "GET", Pattern: "/units/{code}/consultations", Access: public, Handler: s.unitConsultations, Cache: true, Shows: store.ShowsConsultations},
		// The answer report: public once published, a preview for its officers before.
		{Method: "GET", Pattern: "/consultations/{id}/report", Access: public, Handler: s.consultationReport, Cache: true, Shows: store.ShowsConsultations},
		{Method: "GET", Pattern: "/consultations/{id}/report.pdf", Access: public, Handler: s.reportPDF},
		{Method: "GET", Pattern: "/consultations/{id}/notice.pdf", Access: public, Handler: s.consultationNotice},
		// Citizens comment: role citizen on the province, derived for every
		// signed-in citizen, covers the consultation's commune.
		{Method: "POST", Pattern: "/consultations/{id}/comments", Access: account.CommentWrite, Handler: s.postComment, Unit: consultationUnit},
		{Method: "POST", Pattern: "/consultations/{id}/comments/{comment}", Access: account.CommentWrite, Handler: s.editComment, Unit: consultationUnit},

		{Method: "GET", Pattern: "/admin/consultations", Access: write, Handler: s.adminConsultations},
		{Method: "GET", Pattern: "/admin/consultations/new", Access: write, Handler: s.newConsultationForm},
		{Method: "POST", Pattern: "/admin/consultations", Access: write, Handler: s.createConsultation},
		{Method: "GET", Pattern: "/admin/consultations/{id}", Access: write, Handler: s.adminConsultation, Unit: consultationUnit},
		{Method: "POST", Pattern: "/admin/consultations/{id}/step", Access: write, Handler: s.consultationStep, Unit: consultationUnit},
		{Method: "POST", Pattern: "/admin/consultations/{id}/extend", Access: write, Handler: s.extendConsultation, Unit: consultationUnit},
		{Method: "GET", Pattern: "/admin/consultations/{id}/opinions", Access: write, Handler: s.adminOpinions, Unit: consultationUnit},
		{Method: "POST", Pattern: "/admin/consultations/{id}/opinions", Access: write, Handler: s.enterOpinion, Unit: consultationUnit},
		{Method: "POST", Pattern: "/admin/consultations/{id}/opinions/{opinion}/hide", Access: write, Handler: s.hideOpinion, Unit: consultationUnit},
		{Method: "GET", Pattern: "/admin/consultations/{id}/report", Access: write, Handler: s.adminReport, Unit: consultationUnit},
		{Method: "POST", Pattern: "/admin/consultations/{id}/groups/{group}", Access: write, Handler: s.answerGroup, Unit: consultationUnit},
		{Method: "POST", Pattern: "/admin/consultations/{id}/outcomes", Access: write, Handler: s.setOutcome, Unit: consultationUnit},
		{Method: "POST", Pattern: "/admin/consultations/{id}/publish", Access: write, Handler: s.publishReport, Unit: consultationUnit},
		{Method: "GET", Pattern: "/admin/consultations/{id}/sheets.pdf", Access: write, Handler: s.opinionSheets, Unit: consultationUnit},
		{Method: "GET", Pattern: "/admin/consultations/{id}/dashboard", Access: account.ConsultationRead, Handler: s.consultationDashboard, Unit: consultationUnit},
		// Letters and scans may carry names and signatures: for those who
		// moderate and supervise.
		{Method: "GET", Pattern: "/admin/consultations/{id}/files/{file}", Access: account.ConsultationRead, Handler: s.consultationFile, Unit: consultationUnit},
	}
}

// consultationUnit is the commune of the consultation in the path.
func consultationUnit(s *Server, r *http.Request) (int64, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return 0, err
	}
	c, err := s.store.Consultation(r.Context(), id)
	if err != nil {
		return 0, err
	}
	return c.UnitID, nil
}
