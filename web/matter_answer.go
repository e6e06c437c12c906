package web

import (
	"net/http"

	"coso"
	"coso/account"
	"coso/decision"
	"coso/lang"
	"coso/store"
)

// After the count: the village records the day it sent the written
// decision to the commune; the commune (the Front for board members)
// recognises it or refuses it in writing; a recognised decision is
// announced to the households.

func init() {
	funcs["clock"] = clockText
}

// clockText says how a step stands against its deadline in working days;
// nothing while it cannot start.
func clockText(p *lang.Printer, c decision.Clock) string {
	unit := p.T("dec_working_days")
	if c.LateBy == 1 {
		unit = p.T("dec_working_day")
	}
	switch c.State {
	case decision.Pending:
		return p.T("dec_clock_due", "Date", c.Due.In(coso.Zone).Format("02/01/2006"))
	case decision.Overdue:
		return p.T("dec_clock_overdue", "N", c.LateBy, "Unit", unit)
	case decision.OnTime:
		return p.T("dec_clock_on_time")
	case decision.Late:
		return p.T("dec_clock_late", "N", c.LateBy, "Unit", unit)
	}
	return ""
}

// mayAnswer tells whether the official may give the commune's answer to
// m: the People's Committee's, or the Front's for board members.
func (s *Server) mayAnswer(r *http.Request, m *decision.Matter) bool {
	ctx := r.Context()
	return account.Allowed(whoFrom(ctx).Grants, store.RecogniseAction(m.Recogniser()), m.CommuneID, s.store.WithinFunc(ctx))
}

// matterSend records the day the written decision was sent to the commune.
func (s *Server) matterSend(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	on, err := formDate(r, "sent_on")
	if err == nil {
		err = s.store.SendMatter(r.Context(), id, on)
	}
	s.matterDone(w, r, err)
}

// matterDecision records the commune's recognition or written refusal,
// for the body the law names, and announces a recognised decision.
func (s *Server) matterDecision(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := matterID(r)
	m, err := s.store.Matter(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.mayAnswer(r, m) {
		s.fail(w, r, notTheAnswerer(m))
		return
	}
	on, err := formDate(r, "decided_on")
	if err == nil {
		if r.PostFormValue("decision") == string(decision.Refused) {
			err = s.store.RefuseMatter(ctx, id, on, r.PostFormValue("reason"))
		} else {
			err = s.store.RecogniseMatter(ctx, id, on, r.PostFormValue("reason"))
		}
	}
	if err == nil {
		// Best effort: the background job announces what this misses.
		if _, aerr := s.store.AnnounceDecision(ctx, id, s.baseURL(r)); aerr != nil {
			s.log.Warn("announcing a recognised decision", "matter", id, "err", aerr)
		}
	}
	s.matterDone(w, r, err)
}

// notTheAnswerer is the refusal to an official of the commune who is not
// the body that answers this subject.
func notTheAnswerer(m *decision.Matter) error {
	by := m.Recogniser()
	return coso.Errorf(coso.EForbidden, "decision", "Văn bản này do %[1]s công nhận hoặc trả lời.", "This decision is answered by %[2]s.",
		by.Name("vi"), by.Name("en"))
}
