package web

import (
	"net/http"

	"coso/lang"
	"coso/place"
	"coso/store"
)

type unitData struct {
	Unit         *place.Unit
	Ancestors    []*place.Unit
	Successor    *place.Unit
	Children     []*place.Unit
	Attached     []*place.Unit
	Predecessors []*place.Unit
	History      []eventLine
	Stats        store.Stats
	Households   map[int64]int // households now under each child unit
}

type eventLine struct {
	On   string
	Text string
	Note string
}

// unitPage shows one unit: where it sits, what lies below it, its history
// (with that of the units merged into it), and the parts that publish
// records for it.
func (s *Server) unitPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := unitData{Unit: u}
	if d.Ancestors, err = s.store.Ancestors(ctx, u); err != nil {
		s.fail(w, r, err)
		return
	}
	if u.SuccessorID != 0 {
		d.Successor, _ = s.store.Unit(ctx, u.SuccessorID)
	}
	kids, err := s.store.Units(ctx, store.UnitFilter{ParentID: u.ID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, k := range kids {
		if k.Kind == place.Agency || k.Kind == place.Enterprise {
			d.Attached = append(d.Attached, k)
		} else {
			d.Children = append(d.Children, k)
		}
	}
	if d.Predecessors, err = s.store.Predecessors(ctx, u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Stats, err = s.store.UnitStats(ctx, u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Households, err = s.store.ChildHouseholdCounts(ctx, u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, u.Name, d)
	events, err := s.store.History(ctx, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, e := range events {
		d.History = append(d.History, eventText(v.T, e))
	}
	v.Data = d
	s.render(w, r, "unit", http.StatusOK, v)
}

func eventText(p *lang.Printer, e place.Event) eventLine {
	l := eventLine{On: e.On.Format("02/01/2006"), Note: e.Note}
	switch e.Kind {
	case place.Renamed:
		l.Text = p.T("event_renamed", "Old", e.OldName, "New", e.NewName)
	case place.MergedInto, place.Absorbed, place.Moved:
		l.Text = p.T("event_"+string(e.Kind), "Other", e.OtherName)
	default:
		l.Text = p.T("event_created")
	}
	return l
}
