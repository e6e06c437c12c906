package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"coso"
	"coso/account"
	"coso/decision"
	"coso/household"
	"coso/lang"
	"coso/place"
	"coso/store"
)

type mattersData struct {
	Matters []*decision.Matter
}

// adminMatters lists the matters under the unit chosen with "unit" (the
// guard checked it), or else under every unit the official manages votes
// for.
func (s *Server) adminMatters(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := mattersData{}
	seen := map[int64]bool{}
	roots := account.Roots(whoFrom(ctx).Grants, account.VoteManage)
	if code := r.FormValue("unit"); code != "" {
		u, err := s.store.UnitByCode(ctx, code)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		roots = []int64{u.ID}
	}
	for _, root := range roots {
		ms, err := s.store.Matters(ctx, store.MatterFilter{UnitID: root, Limit: 200})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, m := range ms {
			if !seen[m.ID] {
				seen[m.ID] = true
				d.Matters = append(d.Matters, m)
			}
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("matters_title")
	s.render(w, r, "admin_matters", http.StatusOK, v)
}

type rosterLine struct {
	ID        int64
	Code      string
	Name      string // the representative, shown to those who keep the register
	Present   bool
	Elsewhere string // the cluster meeting the household attended instead
}

// villageCounts is a village of the matter with the meeting's counts so far.
type villageCounts struct {
	store.MatterVillage
	Counts []int
}

// markView is a household scanned from the printed roster: the page
// offers to mark it present at that meeting.
type markView struct {
	Line    rosterLine
	Session string
	Cluster int64
}

// meetingSession is one meeting of a village: its own (ClusterID 0) or one
// of its cluster meetings, with its procedural votes and counts.
type meetingSession struct {
	VillageID, ClusterID int64
	Key                  string // unique in the page, for element ids
	Name                 string
	Present              int
	Steps                []procStep
	Counts               []int
	Ready                bool // every procedural vote taken: the board may enter counts
	Roster               []rosterLine
	HeldOn               time.Time // a cluster meeting's day and place
	Place                string
}

// procStep is one procedural vote of a session, as recorded so far.
type procStep struct {
	Kind    decision.Procedural
	Label   string
	Text    string // the vote in words once recorded
	Names   string // one a line, for the form
	Method  decision.Method
	Approve int
	Rows    int
}

type adminMatterData struct {
	Matter   *decision.Matter
	Unit     *place.Unit
	Subject  string
	Forms    []string
	Options  []decision.Option
	Villages []villageCounts
	Sessions []meetingSession
	Methods  []decision.Method
	// Villages of 200 households or more that meet, or may still meet, by clusters.
	Clusterable []store.MatterVillage
	Present     int
	Sheets      []store.Sheet
	Conflicts   []*store.Conflict
	Result      *resultView
	Error       *coso.Error
	Serial      string    // a ballot's serial from its QR code, to record it
	Mark        *markView // a household from the roster's QR code, to mark present
	Papers      []paperLink
	// What the page offers, by status and form.
	Open, Running, Closed, Counted, Meeting, Paper, CanAddBallots bool
	// After the count: sending to the commune and its answer.
	Answered    bool
	CanSend     bool // the written decision may be recorded as sent
	CanAnswer   bool // this official gives the commune's answer, and it was sent
	SendClock   decision.Clock
	AnswerClock decision.Clock
	Answerer    string // the body that answers
	Effect      string // when the decision takes effect
	Today       string // the date fields' default
}

// adminMatter is the village head's page for one matter: its steps, the
// meeting and its roster, the counts, the paper ballots, the conflicts
// and the result.
func (s *Server) adminMatter(w http.ResponseWriter, r *http.Request) {
	s.showAdminMatter(w, r, http.StatusOK, nil)
}

func (s *Server) showAdminMatter(w http.ResponseWriter, r *http.Request, status int, failure error) {
	ctx := r.Context()
	id, err := matterID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.store.Matter(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, m.Title, nil)
	d := adminMatterData{Matter: m, Subject: m.Subject.Name(v.Lang), Options: m.Options(),
		Open: m.Status == decision.Draft, Running: m.Status == decision.Open, Closed: m.Status == decision.Closed,
		Counted: m.Status == decision.Counted, Meeting: m.Uses(decision.Meeting), Paper: m.Uses(decision.Ballot)}
	d.CanAddBallots = d.Running && m.Subject.MeetingOnly() && !d.Paper
	if err := s.answerState(r, m, v.Lang, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Serial = r.URL.Query().Get("serial")
	d.Papers = paperLinks(v.T, m)
	if failure != nil {
		d.Error, _ = firstError(failure)
	}
	d.Unit, _ = s.store.Unit(ctx, m.UnitID)
	for _, f := range m.Forms {
		d.Forms = append(d.Forms, f.Name(v.Lang))
	}
	if err := s.loadMatterWork(r, m, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Mark = scanned(r, &d)
	if !d.Open && !d.Running {
		if _, o, err := s.store.Result(ctx, id); err == nil {
			d.Result = newResultView(v.T, m, o)
		}
	}
	v.Data = d
	s.render(w, r, "admin_matter", status, v)
}

func (s *Server) loadMatterWork(r *http.Request, m *decision.Matter, d *adminMatterData) error {
	ctx := r.Context()
	vs, err := s.store.MatterVillages(ctx, m.ID)
	if err != nil {
		return err
	}
	counts, err := s.store.MeetingCounts(ctx, m.ID, len(m.Options()))
	if err != nil {
		return err
	}
	for _, v := range vs {
		c := counts[v.ID]
		if c == nil {
			c = make([]int, len(m.Options()))
		}
		d.Villages = append(d.Villages, villageCounts{MatterVillage: v, Counts: c})
	}
	if d.Conflicts, err = s.store.Conflicts(ctx, m.ID); err != nil {
		return err
	}
	if d.Paper {
		if d.Sheets, err = s.store.Sheets(ctx, m.ID); err != nil {
			return err
		}
	}
	if !d.Meeting || d.Open {
		return nil
	}
	return s.loadSessions(r, m, d)
}

// rosterLine is a household on a meeting's roster.
func roster(hs []*household.Household, at map[int64]int64, cluster int64, clusters map[int64]string, names bool) []rosterLine {
	var out []rosterLine
	for _, h := range hs {
		c, here := at[h.ID]
		l := rosterLine{ID: h.ID, Code: h.Code, Present: here && c == cluster}
		if here && c != cluster {
			l.Elsewhere = clusters[c]
		}
		if names {
			l.Name = h.RepresentativeName
		}
		out = append(out, l)
	}
	return out
}

// paperLink is one printable paper of a matter.
type paperLink struct {
	Href, Label string
}

// paperLinks lists the papers that exist for the matter at its stage.
func paperLinks(t *lang.Printer, m *decision.Matter) []paperLink {
	base := fmt.Sprintf("/admin/matters/%d/", m.ID)
	opened := m.Status != decision.Draft
	fixed := opened && m.Status != decision.Open && m.Status != decision.Closed
	var out []paperLink
	add := func(ok bool, file, key string) {
		if ok {
			out = append(out, paperLink{Href: base + file, Label: t.T(key)})
		}
	}
	add(m.Uses(decision.Meeting), "form01.pdf", "paper_form01")
	add(m.Uses(decision.Meeting), "form01.pdf?posting=1", "paper_form01_posting")
	add(opened && m.Uses(decision.Ballot), "ballots.pdf", "paper_ballots")
	add(opened && m.Uses(decision.Meeting), "roster.pdf", "paper_roster")
	add(opened && m.Uses(decision.Meeting), "form02.pdf", "paper_form02")
	add(opened && m.Uses(decision.Ballot), "form04.pdf", "paper_form04")
	add(fixed, "form03.pdf", "paper_form03")
	return out
}

// answerState fills what the page shows after the count: the deadlines to
// send the written decision and to answer it, and who answers.
func (s *Server) answerState(r *http.Request, m *decision.Matter, lang string, d *adminMatterData) error {
	cal, err := s.store.Calendar(r.Context())
	if err != nil {
		return err
	}
	now := today(s.store.Now())
	d.Today = now.Format("2006-01-02")
	d.Answered = m.Status == decision.Recognised || m.Status == decision.Refused
	d.SendClock, d.AnswerClock = m.SendClock(cal, now), m.AnswerClock(cal, now)
	d.CanSend = d.Counted && m.SentOn.IsZero()
	d.CanAnswer = d.Counted && !m.SentOn.IsZero() && s.mayAnswer(r, m)
	d.Answerer = m.Recogniser().Name(lang)
	d.Effect = m.Subject.Answer().Effect(lang)
	return nil
}

// loadSessions fills the meetings of each village (or of its clusters)
// with their rosters, procedural votes and counts, and the villages that
// may still meet by clusters.
func (s *Server) loadSessions(r *http.Request, m *decision.Matter, d *adminMatterData) error {
	ctx := r.Context()
	ss, err := s.store.MeetingSessions(ctx, m.ID, len(m.Options()))
	if err != nil {
		return err
	}
	at, err := s.store.AttendanceSessions(ctx, m.ID)
	if err != nil {
		return err
	}
	d.Present = len(at)
	clusters := map[int64]string{}
	for _, x := range ss {
		if x.Cluster != nil {
			clusters[x.ClusterID] = x.Cluster.Name
		}
	}
	names := account.Allowed(whoFrom(ctx).Grants, account.HouseholdRead, m.UnitID, s.store.WithinFunc(ctx))
	households := map[int64][]*household.Household{}
	seen := map[int64]bool{}
	l := lang.FromRequest(r)
	d.Methods = []decision.Method{decision.ShowOfHands, decision.SecretBallot}
	for _, x := range ss {
		ses := meetingSession{VillageID: x.VillageID, ClusterID: x.ClusterID, Key: fmt.Sprint(x.VillageID), Name: x.Name(),
			Counts: x.Counts, Present: x.Present}
		if x.Cluster != nil {
			ses.Key = fmt.Sprintf("%dk%d", x.VillageID, x.ClusterID)
			ses.Name = x.Village.Name + " · " + x.Cluster.Name
			ses.HeldOn, ses.Place = x.Cluster.HeldOn, x.Cluster.Place
		}
		ses.Steps, ses.Ready = procSteps(x.Procedures, l)
		hs, ok := households[x.VillageID]
		if !ok {
			if hs, err = s.store.Households(ctx, store.HouseholdFilter{VillageID: x.VillageID}); err != nil {
				return err
			}
			households[x.VillageID] = hs
		}
		ses.Roster = roster(hs, at, x.ClusterID, clusters, names)
		d.Sessions = append(d.Sessions, ses)
		// A village of 200 households or more may meet by clusters until
		// it has met as one (a roster or procedural votes of its own).
		split := x.Village.Households >= decision.ClusterHouseholds && (x.Cluster != nil || x.Present == 0 && len(x.Procedures) == 0)
		if split && !seen[x.VillageID] {
			seen[x.VillageID] = true
			d.Clusterable = append(d.Clusterable, x.Village)
		}
	}
	return nil
}

// procSteps lists the procedural votes of a meeting in order, with those
// taken filled in, and tells whether all were taken.
func procSteps(taken []decision.Procedure, l string) ([]procStep, bool) {
	byKind := map[decision.Procedural]decision.Procedure{}
	for _, p := range taken {
		byKind[p.Kind] = p
	}
	var out []procStep
	for _, k := range decision.Procedurals() {
		_, rows := k.Names()
		st := procStep{Kind: k, Label: k.Name(l), Rows: max(rows, 1)}
		if p, ok := byKind[k]; ok {
			st.Text, st.Names, st.Method, st.Approve = p.Text(l), strings.Join(p.Names, "\n"), p.Method, p.Approve
		}
		out = append(out, st)
	}
	return out, len(decision.Missing(taken)) == 0
}

// scanned finds the household of the roster's QR code (?household=,
// &cluster=) on its meeting's roster, while the meeting takes attendance.
func scanned(r *http.Request, d *adminMatterData) *markView {
	q := r.URL.Query()
	id, err := strconv.ParseInt(q.Get("household"), 10, 64)
	if err != nil || !(d.Running || d.Closed) {
		return nil
	}
	cluster, _ := strconv.ParseInt(q.Get("cluster"), 10, 64)
	for _, ses := range d.Sessions {
		if ses.ClusterID != cluster {
			continue
		}
		for _, l := range ses.Roster {
			if l.ID == id {
				return &markView{Line: l, Session: ses.Name, Cluster: cluster}
			}
		}
	}
	return nil
}
