package web

import (
	"net/http"
	"strings"

	"coso/decision"
	"coso/lang"
	"coso/place"
	"coso/store"
)

type optionLine struct {
	Label string
	Votes int
}

type villageLine struct {
	Name    string
	Text    string
	Options []optionLine
}

type matterPageData struct {
	Matter   *decision.Matter
	Unit     *place.Unit
	Subject  string
	Forms    []string
	Options  []string
	Result   *resultView
	Code     string
	Receipt  *store.ReceiptCheck
	Adopted  bool
	Receipts bool // the matter uses online voting
	Ballot   *ballotView
	Answerer string // the body that answers the decision
	Effect   string // when a recognised decision takes effect
}

// resultView is a result as pages show it.
type resultView struct {
	Households   int
	Participants int
	Threshold    string
	Adopted      bool
	Text         string
	Options      []optionLine
	Villages     []villageLine
}

func newResultView(p *lang.Printer, m *decision.Matter, o *decision.Outcome) *resultView {
	t := o.Total()
	th := m.Subject.Threshold()
	rv := &resultView{Households: t.Households, Participants: t.Participants, Threshold: p.Pick(th.VI, th.EN),
		Adopted: o.Adopted(), Text: o.Text(p.Lang), Options: optionLines(p, m, t.Counts)}
	if o.CommuneWide {
		for _, v := range o.Villages {
			rv.Villages = append(rv.Villages, villageLine{Name: v.Name, Text: v.Text(p.Lang), Options: optionLines(p, m, v.Counts)})
		}
	}
	return rv
}

func optionLines(p *lang.Printer, m *decision.Matter, counts []int) []optionLine {
	var out []optionLine
	for _, o := range m.Options() {
		l := optionLine{Label: o.Label(p.Lang)}
		if o.Index < len(counts) {
			l.Votes = counts[o.Index]
		}
		out = append(out, l)
	}
	return out
}

// matterPage is the public page of a matter: what is asked, how it is
// decided, and once the vote closed, the result in words.
func (s *Server) matterPage(w http.ResponseWriter, r *http.Request) {
	s.showMatter(w, r, "")
}

// receiptPage checks a receipt code on the matter's page. It says whether
// a ballot with that code is held, never what it chose.
func (s *Server) receiptPage(w http.ResponseWriter, r *http.Request) {
	s.showMatter(w, r, strings.TrimSpace(r.URL.Query().Get("code")))
}

func (s *Server) showMatter(w http.ResponseWriter, r *http.Request, code string) {
	s.renderMatter(w, r, http.StatusOK, code, nil)
}

// renderMatter shows the public page of a matter: with the result of a
// receipt check for code (if any), and for the household representative
// the ballot form, or the receipt just given (b, after a cast).
func (s *Server) renderMatter(w http.ResponseWriter, r *http.Request, status int, code string, b *ballotView) {
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
	d := matterPageData{Matter: m, Subject: m.Subject.Name(v.Lang), Code: code, Receipts: m.Uses(decision.Online),
		Answerer: m.Recogniser().Name(v.Lang), Effect: m.Subject.Answer().Effect(v.Lang)}
	d.Unit, _ = s.store.Unit(ctx, m.UnitID)
	for _, f := range m.Forms {
		d.Forms = append(d.Forms, f.Name(v.Lang))
	}
	for _, o := range m.Options() {
		d.Options = append(d.Options, o.Label(v.Lang))
	}
	if m.Status != decision.Draft && m.Status != decision.Open {
		_, o, err := s.store.Result(ctx, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Result = newResultView(v.T, m, o)
	}
	if code != "" {
		c, err := s.store.CheckReceipt(ctx, id, code)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Receipt = &c
	}
	if d.Ballot = b; b == nil {
		if d.Ballot, err = s.ballotFor(r, m); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	v.Data = d
	s.render(w, r, "matter", status, v)
}
