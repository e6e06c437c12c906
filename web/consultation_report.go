package web

import (
	"fmt"
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/consultation"
	"coso/consultation/paper"
	"coso/lang"
)

type reportData struct {
	C          *consultation.Consultation
	R          *consultation.Report
	Totals     consultation.Tally
	Channels   []option
	Missing    []*coso.Error
	Groups     int
	Answered   int
	Responses  []option
	Outcomes   []option
	Reasons    []consultation.HideReason
	Preview    bool // closed, not yet published: only officers see it
	Error      *coso.Error
	Conclusion string
}

// loadReport reads the report of the consultation in the path for a page
// that is public once the report is published, and shown to the officers
// who prepare it before.
func (s *Server) loadReport(r *http.Request, officers bool) (*reportData, error) {
	ctx := r.Context()
	id, err := pathInt(r, "id")
	if err != nil {
		return nil, err
	}
	rep, err := s.store.ConsultationReport(ctx, id)
	if err != nil {
		return nil, err
	}
	c := rep.C
	canEdit := s.may(ctx, account.ConsultationWrite, c.UnitID)
	switch {
	case c.Status == consultation.Answered:
	case c.Status == consultation.Closed && canEdit:
	case officers && canEdit:
	default:
		return nil, coso.Errorf(coso.ENotFound, "report", "Báo cáo tiếp thu, giải trình chưa được công bố.", "The answer report is not published yet.")
	}
	l := s.cat.Printer(lang.FromRequest(r)).Lang
	d := &reportData{C: c, R: rep, Totals: rep.Totals(), Missing: rep.Missing(), Preview: c.Status != consultation.Answered,
		Reasons: consultation.HideReasons(), Conclusion: c.Conclusion}
	d.Groups, d.Answered = rep.Groups()
	for _, f := range consultation.Forms() {
		if n := rep.Channels[f]; n > 0 {
			d.Channels = append(d.Channels, option{Value: strconv.Itoa(n), Name: f.Name(l)})
		}
	}
	for _, x := range consultation.Responses() {
		d.Responses = append(d.Responses, option{Value: string(x), Name: x.Name(l)})
	}
	for _, x := range consultation.Outcomes() {
		d.Outcomes = append(d.Outcomes, option{Value: string(x), Name: x.Name(l)})
	}
	return d, nil
}

// consultationReport is the public answer report: every section with its
// opinions grouped by idea, every opinion under its group, hidden ones as
// counted lines, the authority's answers and the outcome of each section.
func (s *Server) consultationReport(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadReport(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("con_report_title") + ": " + d.C.Title
	s.render(w, r, "consultation_report", http.StatusOK, v)
}

// reportPDF is the answer report as a PDF.
func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadReport(r, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	is := paper.Issuer{Commune: d.C.UnitName, Date: d.C.AnsweredAt, URL: fmt.Sprintf("%s/consultations/%d/report", s.baseURL(r), d.C.ID)}
	if d.Preview {
		is.Date = s.store.Now()
	}
	s.sendPDF(w, r, paper.Report(is, d.R), fmt.Sprintf("bao-cao-tiep-thu-%d.pdf", d.C.ID))
}

// adminReport is where officers answer each group, record the outcome of
// each section and publish the report.
func (s *Server) adminReport(w http.ResponseWriter, r *http.Request) {
	s.showAdminReport(w, r, http.StatusOK, nil)
}

func (s *Server) showAdminReport(w http.ResponseWriter, r *http.Request, status int, failure error) {
	d, err := s.loadReport(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if failure != nil {
		d.Error, _ = firstError(failure)
		d.Conclusion = r.PostFormValue("conclusion")
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("con_answer_title") + ": " + d.C.Title
	s.render(w, r, "admin_report", status, v)
}

func (s *Server) reportDone(w http.ResponseWriter, r *http.Request, err error, anchor string) {
	if err != nil {
		if e, _ := firstError(err); e.Code == coso.EInternal {
			s.fail(w, r, err)
			return
		}
		s.showAdminReport(w, r, badInput(err), err)
		return
	}
	http.Redirect(w, r, "/admin/consultations/"+r.PathValue("id")+"/report"+anchor, http.StatusSeeOther)
}

// answerGroup records the answer to one group of opinions.
func (s *Server) answerGroup(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	gid, err := pathInt(r, "group")
	if err == nil {
		err = s.store.AnswerGroup(r.Context(), id, gid, consultation.Response(r.PostFormValue("response")), r.PostFormValue("reason"))
	}
	s.reportDone(w, r, err, fmt.Sprintf("#g%d", gid))
}

// setOutcome records the outcome of a section.
func (s *Server) setOutcome(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	section, err := formInt(r, "section")
	if err == nil {
		err = s.store.SetOutcome(r.Context(), id, section, consultation.Outcome(r.PostFormValue("outcome")), r.PostFormValue("reason"))
	}
	s.reportDone(w, r, err, fmt.Sprintf("#r%d", section))
}

// publishReport publishes the report, its disclosure of category 11, and
// tells the participants.
func (s *Server) publishReport(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	url := fmt.Sprintf("%s/consultations/%d/report", s.baseURL(r), id)
	if err := s.store.PublishReport(r.Context(), id, r.PostFormValue("conclusion"), url); err != nil {
		s.reportDone(w, r, err, "")
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/consultations/%d/report", id), http.StatusSeeOther)
}

func init() {
	funcs["groupText"] = consultation.GroupText
	funcs["publicName"] = func(o *consultation.Opinion, lang string) string { return o.PublicName(lang) }
}
