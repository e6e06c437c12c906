package web

import (
	"fmt"
	"net/http"
	"strconv"

	"coso/disclosure"
	"coso/place"
)

type complianceData struct {
	Unit      *place.Unit
	Report    *disclosure.Report
	Percent   int
	Prev      string
	Next      string
	CanManage bool
}

// compliancePage shows a unit's quarterly checklist: each disclosure on
// time, late by so many working days or still due; posting windows;
// loudspeaker duties; the channels still without a record; and the list
// of everything published in the quarter (art. 13.2). It is public: the
// province's target is that everything due is published, and anyone may
// check.
func (s *Server) compliancePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	y, q := disclosure.QuarterOf(s.store.Now())
	if v, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil {
		y = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("quarter")); err == nil {
		q = v
	}
	rep, err := s.store.DisclosureReport(ctx, u.ID, y, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	link := func(y, q int) string {
		if q == 0 {
			y, q = y-1, 4
		}
		if q == 5 {
			y, q = y+1, 1
		}
		return fmt.Sprintf("/units/%s/disclosures/compliance?year=%d&quarter=%d", u.Code, y, q)
	}
	d := complianceData{Unit: u, Report: rep, Percent: rep.Percent(), Prev: link(y, q-1), Next: link(y, q+1), CanManage: s.mayWrite(r, u.ID)}
	v := s.view(r, "", d)
	v.Title = v.T.T("dis_compliance_title", "Unit", u.Name, "Quarter", q, "Year", y)
	s.render(w, r, "disclosure_compliance", http.StatusOK, v)
}
