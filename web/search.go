package web

import (
	"net/http"
	"strings"

	"coso/place"
	"coso/store"
)

type searchData struct {
	Query   string
	Results []*place.Unit
	Parents map[int64]*place.Unit
}

// search finds units by name, whatever diacritics the person typed.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len([]rune(q)) > 100 {
		q = string([]rune(q)[:100])
	}
	d := searchData{Query: q, Parents: map[int64]*place.Unit{}}
	if q != "" {
		res, err := s.store.Units(r.Context(), store.UnitFilter{Query: q, Limit: 200})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Results = rankUnits(res, q)
		for _, u := range d.Results {
			if u.ParentID != 0 && d.Parents[u.ParentID] == nil {
				if p, err := s.store.Unit(r.Context(), u.ParentID); err == nil {
					d.Parents[u.ParentID] = p
				}
			}
		}
	}
	v := s.view(r, "", d)
	v.Query = q
	v.Title = v.T.T("nav_search")
	s.render(w, r, "search", http.StatusOK, v)
}
