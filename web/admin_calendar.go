package web

import (
	"net/http"
	"strconv"

	"coso"
	"coso/calendar"
)

type calendarData struct {
	Year   int
	Days   []calendar.Day
	Prev   int
	Next   int
	Error  *coso.Error
	Values map[string]string
}

// calendarPage lists the days off and swapped working days of a year, for
// the province administrator to correct once the government's notice is
// out (Tết moves every year).
func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) {
	year := s.store.Now().In(coso.Zone).Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		year = y
	}
	s.renderCalendar(w, r, year, nil)
}

func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, year int, err error) {
	days, derr := s.store.Holidays(r.Context(), year)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	d := calendarData{Year: year, Days: days, Prev: year - 1, Next: year + 1, Values: map[string]string{}}
	status := http.StatusOK
	if err != nil {
		d.Error, status = firstError(err)
		if status >= 500 {
			s.fail(w, r, err)
			return
		}
		for _, k := range []string{"date", "name_vi", "name_en", "kind"} {
			d.Values[k] = r.PostFormValue(k)
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("cal_title", "Year", year)
	s.render(w, r, "admin_calendar", status, v)
}

func (s *Server) setHoliday(w http.ResponseWriter, r *http.Request) {
	date, err := formDate(r, "date")
	year := s.store.Now().In(coso.Zone).Year()
	if !date.IsZero() {
		year = date.Year()
	}
	if err == nil {
		err = s.store.SetHoliday(r.Context(), calendar.Day{Date: date, NameVI: r.PostFormValue("name_vi"), NameEN: r.PostFormValue("name_en"),
			Kind: calendar.Kind(r.PostFormValue("kind"))})
	}
	if err != nil {
		s.renderCalendar(w, r, year, err)
		return
	}
	http.Redirect(w, r, "/admin/calendar?year="+strconv.Itoa(year), http.StatusSeeOther)
}

func (s *Server) removeHoliday(w http.ResponseWriter, r *http.Request) {
	date, err := formDate(r, "date")
	if err == nil && date.IsZero() {
		err = coso.Invalid("date", "Cần ngày.", "The date is required.")
	}
	if err == nil {
		err = s.store.RemoveHoliday(r.Context(), date)
	}
	if err != nil {
		s.renderCalendar(w, r, s.store.Now().In(coso.Zone).Year(), err)
		return
	}
	http.Redirect(w, r, "/admin/calendar?year="+strconv.Itoa(date.Year()), http.StatusSeeOther)
}
