package web

import (
	"net/http"

	"coso/account"
	"coso/petition"
	"coso/place"
	"coso/store"
)

type caseLine struct {
	C      *petition.Case
	Timing petition.Timing
}

type unitQueue struct {
	Unit     *place.Unit
	Open     []caseLine // the unit's own open cases, nearest deadline first
	Below    []caseLine // overdue cases of the units below: what escalates here
	Finished []caseLine // the unit's cases finished lately
	MayEnter bool       // the official may take cases in for the unit
}

type adminPetitionsData struct {
	Mine  []caseLine
	Units []unitQueue
}

// adminPetitions is an official's queues: the cases assigned to them, and
// for each unit their grants cover, its open cases by deadline, the cases
// overdue in the units below it (they escalate here on the date alone),
// and those finished lately.
func (s *Server) adminPetitions(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	who := whoFrom(ctx)
	cal, err := s.store.Calendar(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.store.Now()
	lines := func(cs []*petition.Case) []caseLine {
		out := make([]caseLine, 0, len(cs))
		for _, c := range cs {
			out = append(out, caseLine{C: c, Timing: c.Timing(cal, now)})
		}
		return out
	}
	var d adminPetitionsData
	mine, err := s.store.Petitions(ctx, store.PetitionFilter{Assignee: who.User.ID, Open: true, Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Mine = lines(mine)
	for _, root := range account.Roots(who.Grants, account.PetitionRead) {
		u, err := s.store.Unit(ctx, root)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		q := unitQueue{Unit: u, MayEnter: s.may(ctx, account.PetitionAnswer, root)}
		for _, f := range []struct {
			filter store.PetitionFilter
			into   *[]caseLine
		}{
			{store.PetitionFilter{Under: root, OwnUnit: true, Open: true, Limit: 500}, &q.Open},
			{store.PetitionFilter{Under: root, Below: true, Overdue: true, Limit: 500}, &q.Below},
			{store.PetitionFilter{Under: root, OwnUnit: true, Limit: 30}, &q.Finished},
		} {
			cs, err := s.store.Petitions(ctx, f.filter)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			*f.into = lines(cs)
		}
		kept := q.Finished[:0]
		for _, l := range q.Finished {
			if l.C.Finished() {
				kept = append(kept, l)
			}
		}
		q.Finished = kept
		d.Units = append(d.Units, q)
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("pet_admin_title")
	s.render(w, r, "admin_petitions", http.StatusOK, v)
}
