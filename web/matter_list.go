package web

import (
	"net/http"

	"coso/decision"
	"coso/place"
	"coso/store"
)

// decisionLine is one decision on a unit's public list.
type decisionLine struct {
	Matter *decision.Matter
	Text   string // the result in words
}

type unitDecisionsData struct {
	Unit       *place.Unit
	Open       []*decision.Matter
	Recognised []decisionLine
}

// unitDecisions is the portal's list of what the households of a unit
// (and of the units below it) decide: the votes open now, and the
// decisions the commune recognised, with their results in words. Drafts,
// counts not yet answered and refused decisions are not listed.
func (s *Server) unitDecisions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := unitDecisionsData{Unit: u}
	if d.Open, err = s.store.Matters(ctx, store.MatterFilter{UnitID: u.ID, Status: decision.Open, Limit: 100}); err != nil {
		s.fail(w, r, err)
		return
	}
	done, err := s.store.Matters(ctx, store.MatterFilter{UnitID: u.ID, Status: decision.Recognised, Limit: 100})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, u.Name, nil)
	for _, m := range done {
		_, o, err := s.store.Result(ctx, m.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Recognised = append(d.Recognised, decisionLine{Matter: m, Text: o.Text(v.Lang)})
	}
	v.Title = v.T.T("decisions_title", "Unit", u.Name)
	v.Data = d
	s.render(w, r, "unit_decisions", http.StatusOK, v)
}
