package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"coso/disclosure"
	"coso/place"
	"coso/store"
)

// disclosureFilterData is the state of a filter form.
type disclosureFilterData struct {
	Query      string
	Category   string
	From, To   string
	Categories []disclosure.Rule
}

type unitDisclosuresData struct {
	Unit         *place.Unit
	Ancestors    []*place.Unit
	Successor    *place.Unit   // the unit this one was merged into
	Predecessors []*place.Unit // the units merged into this one: their items are listed too
	Filter       disclosureFilterData
	Hits         []store.DisclosureHit
	Next         string // the link to the next page
	Feed         string
}

// readFilter reads the list filters from the query string; bad dates are
// ignored (a filter form is no place for an error page).
func readFilter(r *http.Request, f *store.DisclosureFilter) disclosureFilterData {
	q := r.URL.Query()
	fd := disclosureFilterData{Query: strings.TrimSpace(q.Get("q")), Category: q.Get("category"), From: q.Get("from"), To: q.Get("to")}
	if len([]rune(fd.Query)) > 200 {
		fd.Query = string([]rune(fd.Query)[:200])
	}
	if _, ok := disclosure.RuleFor(fd.Category); !ok {
		fd.Category = ""
	}
	f.Query, f.Category, f.Cursor = fd.Query, fd.Category, q.Get("cursor")
	if t, err := formDate(r, "from"); err == nil {
		f.From = t
	} else {
		fd.From = ""
	}
	if t, err := formDate(r, "to"); err == nil {
		f.To = t
	} else {
		fd.To = ""
	}
	fd.Categories = disclosure.Rules("")
	return fd
}

// nextLink is the current address with the cursor of the next page.
func nextLink(r *http.Request, cursor string) string {
	if cursor == "" {
		return ""
	}
	q := r.URL.Query()
	q.Set("cursor", cursor)
	return r.URL.Path + "?" + q.Encode()
}

// unitDisclosures lists what a unit and every unit under it published,
// newest first, with filters by category and period and a search.
func (s *Server) unitDisclosures(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := store.DisclosureFilter{UnitID: u.ID, Limit: 30}
	d := unitDisclosuresData{Unit: u, Filter: readFilter(r, &f), Feed: "/units/" + url.PathEscape(u.Code) + "/disclosures.atom"}
	if d.Filter.Category != "" {
		d.Feed += "?category=" + url.QueryEscape(d.Filter.Category)
	}
	if d.Ancestors, err = s.store.Ancestors(ctx, u); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.mergers(r, u, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.store.Disclosures(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Hits, d.Next = page.Hits, nextLink(r, page.NextCursor)
	v := s.view(r, "", d)
	v.Title = v.T.T("dis_list_title", "Unit", u.Name)
	s.render(w, r, "disclosure_list", http.StatusOK, v)
}

// mergers finds the unit u was merged into and the units merged into it,
// whose items its list holds.
func (s *Server) mergers(r *http.Request, u *place.Unit, d *unitDisclosuresData) error {
	var err error
	if u.SuccessorID != 0 {
		if d.Successor, err = s.store.Unit(r.Context(), u.SuccessorID); err != nil {
			return err
		}
	}
	d.Predecessors, err = s.store.Predecessors(r.Context(), u.ID)
	return err
}

type searchDisclosuresData struct {
	Unit   string
	Filter disclosureFilterData
	Hits   []store.DisclosureHit
	Next   string
	Asked  bool
}

// disclosureSearch searches everything published, accent-insensitively,
// with the matched words marked; filters combine with the words.
func (s *Server) disclosureSearch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := store.DisclosureFilter{Limit: 30}
	d := searchDisclosuresData{Filter: readFilter(r, &f), Unit: strings.TrimSpace(r.URL.Query().Get("unit"))}
	if d.Unit != "" {
		u, err := s.store.UnitByCode(ctx, d.Unit)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f.UnitID = u.ID
	}
	d.Asked = r.URL.RawQuery != ""
	if d.Asked {
		page, err := s.store.Disclosures(ctx, f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Hits, d.Next = page.Hits, nextLink(r, page.NextCursor)
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("dis_search_title")
	s.render(w, r, "disclosure_search", http.StatusOK, v)
}

// lastChange is the newest change among hits, for a feed's updated time.
func lastChange(hits []store.DisclosureHit) time.Time {
	var t time.Time
	for _, h := range hits {
		if h.UpdatedAt.After(t) {
			t = h.UpdatedAt
		}
	}
	return t
}
