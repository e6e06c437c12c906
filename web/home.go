package web

import (
	"net/http"

	"coso/place"
	"coso/store"
)

type homeData struct {
	Provinces []*place.Unit
	Province  *place.Unit
	Communes  []*place.Unit
	Stats     store.Stats
}

// home shows the province and its communes; where the store holds several
// provinces it lists them.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	provinces, err := s.store.Units(ctx, store.UnitFilter{TopLevel: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := homeData{Provinces: provinces}
	if len(provinces) == 1 {
		d.Province = provinces[0]
		d.Communes, err = s.store.Units(ctx, store.UnitFilter{ParentID: d.Province.ID,
			Kinds: []place.Kind{place.Commune, place.Ward, place.SpecialZone}})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if d.Stats, err = s.store.UnitStats(ctx, d.Province.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("site_name")
	if d.Province != nil {
		v.Title = d.Province.Name + " · " + v.Title
	}
	s.render(w, r, "home", http.StatusOK, v)
}
