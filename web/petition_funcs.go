package web

import (
	"fmt"
	"net/http"
	"strings"

	"coso"
	"coso/lang"
	"coso/petition"
	"coso/viet"
)

func init() {
	funcs["kindOf"] = func(p *lang.Printer, k petition.Kind) string { return k.Name(p.Lang) }
	funcs["stageOf"] = func(p *lang.Printer, s petition.Stage) string { return s.Name(p.Lang) }
	funcs["channelOf"] = func(p *lang.Printer, c petition.Channel) string { return c.Name(p.Lang) }
	funcs["clockOf"] = func(p *lang.Printer, c petition.Clock) string { return c.Name(p.Lang) }
	funcs["ruleText"] = func(p *lang.Printer, r petition.Rule) string { return p.Pick(r.VI, r.EN) }
	funcs["caseTiming"] = caseTimingText
	funcs["deadlineState"] = deadlineText
	funcs["pct"] = func(n, of int) int {
		if of == 0 {
			return 0
		}
		return n * 100 / of
	}
	funcs["args"] = func(v ...any) []any { return v }
	funcs["phone"] = viet.FormatPhone
	funcs["days1"] = func(f float64) string { return strings.Replace(fmt.Sprintf("%.1f", f), ".", ",", 1) }
}

// caseTimingText says how a case stands against its current deadline.
func caseTimingText(p *lang.Printer, t petition.Timing) string {
	due := ""
	if !t.Due.IsZero() {
		due = t.Due.In(coso.Zone).Format("02/01/2006")
	}
	switch t.State {
	case petition.NoDeadline:
		return p.T("pet_timing_none")
	case petition.PastDue:
		return p.T("pet_timing_overdue", "N", t.LateBy, "Date", due)
	case petition.DueSoon:
		return p.T("pet_timing_due_soon", "Date", due)
	case petition.OnTime:
		return p.T("pet_timing_on_time")
	case petition.LateDone:
		return p.T("pet_timing_late", "N", t.LateBy)
	}
	return p.T("pet_timing_pending", "Date", due)
}

// deadlineText says how one clock stands.
func deadlineText(p *lang.Printer, d petition.Deadline) string {
	unit := "pet_days"
	if d.Rule.Working {
		unit = "pet_working_days"
	}
	return p.T("pet_deadline_"+string(d.State), "N", d.LateBy, "Unit", p.T(unit), "Done", d.Done.In(coso.Zone).Format("02/01/2006"))
}

// unitOfPetition finds the unit handling the case in the path, for the
// guard.
func unitOfPetition(s *Server, r *http.Request) (int64, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return 0, err
	}
	c, err := s.store.Petition(r.Context(), id)
	if err != nil {
		return 0, err
	}
	return c.UnitID, nil
}
