package web

import (
	"fmt"
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/decision"
	"coso/decision/paper"
	"coso/render"
	"coso/store"
)

// The papers of a matter as PDFs: Forms 01–04 of Decree 59/2023/NĐ-CP and
// the household ballot sheets (package decision/paper), for the back
// office; and the community's decision (Form 03) on the public page once
// the commune has recognised it.

// papers is what every paper of a matter starts from.
type papers struct {
	m  *decision.Matter
	is paper.Issuer
}

func (s *Server) loadPapers(r *http.Request) (*papers, error) {
	ctx := r.Context()
	id, err := matterID(r)
	if err != nil {
		return nil, err
	}
	m, err := s.store.Matter(ctx, id)
	if err != nil {
		return nil, err
	}
	u, err := s.store.Unit(ctx, m.UnitID)
	if err != nil {
		return nil, err
	}
	is := paper.Issuer{Commune: u.Name, Date: s.store.Now(), URL: s.baseURL(r) + "/matters/" + strconv.FormatInt(id, 10)}
	if !m.CommuneWide {
		c, err := s.store.Unit(ctx, u.ParentID)
		if err != nil {
			return nil, err
		}
		is.Commune, is.Village = c.Name, u.Name
	}
	return &papers{m: m, is: is}, nil
}

// baseURL is the address people use: the configured public address, or
// the one this request came to.
func (s *Server) baseURL(r *http.Request) string {
	if s.public != "" {
		return s.public
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// sendPDF draws d and sends it inline under name.
func (s *Server) sendPDF(w http.ResponseWriter, r *http.Request, d *render.Doc, name string) {
	b, err := d.Bytes()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", name))
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b) // a client gone away is not the server's error
}

// paperRefused is the answer when a paper does not exist for the matter
// yet (or at all): it names what is missing.
func paperRefused(vi, en string) error { return &coso.Error{Code: coso.EConflict, VI: vi, EN: en} }

// invitationPDF is Form 01, one page per household of the matter's
// villages, or with posting=1 one copy to post.
func (s *Server) invitationPDF(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadPapers(r)
	if err == nil && !p.m.Uses(decision.Meeting) {
		err = paperRefused("Việc này không họp hội nghị, nên không có giấy mời.", "This matter has no meeting, so no invitation.")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.m.Invitation.Issued() {
		p.is.Date = p.m.Invitation.IssuedOn // the date under the motto is the day it went out
	}
	var hs []paper.Household
	if r.FormValue("posting") == "" {
		if hs, err = s.paperHouseholds(r, p.m, nil); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.sendPDF(w, r, paper.Invitation(p.is, p.m, hs), fmt.Sprintf("mau01-giay-moi-%d.pdf", p.m.ID))
}

// paperHouseholds lists the live households of the matter's unit, with
// their representatives' names for those who may read the register, and
// each one's ballot serial when serials is given.
func (s *Server) paperHouseholds(r *http.Request, m *decision.Matter, serials map[int64]string) ([]paper.Household, error) {
	ctx := r.Context()
	f := store.HouseholdFilter{VillageID: m.UnitID}
	if m.CommuneWide {
		f = store.HouseholdFilter{CommuneID: m.UnitID}
	}
	hs, err := s.store.Households(ctx, f)
	if err != nil {
		return nil, err
	}
	names := account.Allowed(whoFrom(ctx).Grants, account.HouseholdRead, m.UnitID, s.store.WithinFunc(ctx))
	var out []paper.Household
	for _, h := range hs {
		if serials != nil && serials[h.ID] == "" {
			continue
		}
		ph := paper.Household{Code: h.Code, Serial: serials[h.ID]}
		if names {
			ph.Representative = h.RepresentativeName
		}
		out = append(out, ph)
	}
	return out, nil
}

// figures are the matter's villages with what each form gave.
func (s *Server) figures(r *http.Request, m *decision.Matter) ([]paper.Village, error) {
	fs, err := s.store.MatterFigures(r.Context(), m.ID, len(m.Options()))
	if err != nil {
		return nil, err
	}
	ss, err := s.store.MeetingSessions(r.Context(), m.ID, len(m.Options()))
	if err != nil {
		return nil, err
	}
	var out []paper.Village
	for _, f := range fs {
		v := paper.Village{Name: f.Name, Households: f.Households, Present: f.Present, Meeting: f.Meeting,
			Issued: f.Issued, Returned: f.Returned, Void: f.Void, Paper: f.Paper, Online: f.Online}
		for _, x := range ss {
			switch {
			case x.VillageID != f.ID:
			case x.Cluster == nil:
				v.Procedures = x.Procedures
			default:
				v.Clusters = append(v.Clusters, paper.Cluster{Name: x.Cluster.Name, HeldOn: x.Cluster.HeldOn, Place: x.Cluster.Place,
					Present: x.Counted, Meeting: x.Counts, Procedures: x.Procedures})
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// minutesPDF is Form 02 (the meeting's count) or Form 04 (the household
// ballots' count): once the vote is open and the form is used.
func (s *Server) minutesPDF(form decision.Form) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, err := s.loadPapers(r)
		switch {
		case err != nil:
		case !p.m.Uses(form):
			err = paperRefused("Việc này không dùng hình thức "+form.Name("vi")+".", "This matter does not use "+form.Name("en")+".")
		case p.m.Status == decision.Draft:
			err = paperRefused("Việc chưa mở biểu quyết, chưa có gì để kiểm.", "The vote is not open yet: there is nothing to count.")
		}
		var vs []paper.Village
		if err == nil {
			vs, err = s.figures(r, p.m)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if form == decision.Meeting {
			s.sendPDF(w, r, paper.MeetingMinutes(p.is, p.m, vs), fmt.Sprintf("mau02-bien-ban-kiem-phieu-hoi-nghi-%d.pdf", p.m.ID))
			return
		}
		s.sendPDF(w, r, paper.BallotMinutes(p.is, p.m, vs), fmt.Sprintf("mau04-bien-ban-kiem-phieu-ho-gia-dinh-%d.pdf", p.m.ID))
	}
}

// decisionPDF is Form 03, once the result is fixed (counted).
func (s *Server) decisionPDF(w http.ResponseWriter, r *http.Request) {
	s.sendDecision(w, r, func(m *decision.Matter) error {
		if m.Status == decision.Draft || m.Status == decision.Open || m.Status == decision.Closed {
			return paperRefused("Kết quả chưa được chốt (kiểm phiếu xong mới có văn bản quyết định).",
				"The result is not fixed yet: the decision is written once the vote is counted.")
		}
		return nil
	})
}

// publicDecisionPDF is Form 03 on the public page: the law makes the
// decision public once the commune has recognised it.
func (s *Server) publicDecisionPDF(w http.ResponseWriter, r *http.Request) {
	s.sendDecision(w, r, func(m *decision.Matter) error {
		if m.Status != decision.Recognised {
			return coso.NotFound("decision")
		}
		return nil
	})
}

func (s *Server) sendDecision(w http.ResponseWriter, r *http.Request, ready func(*decision.Matter) error) {
	p, err := s.loadPapers(r)
	if err == nil {
		err = ready(p.m)
	}
	var vs []paper.Village
	var o *decision.Outcome
	if err == nil {
		vs, err = s.figures(r, p.m)
	}
	if err == nil {
		_, o, err = s.store.Result(r.Context(), p.m.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendPDF(w, r, paper.Decision(p.is, p.m, vs, o), fmt.Sprintf("mau03-quyet-dinh-cong-dong-%d.pdf", p.m.ID))
}

// ballotsPDF prints the household ballot sheets, one per household with
// its serial, once they are issued (when the vote opens). The QR code of
// each opens the matter's back-office page with the serial filled in.
func (s *Server) ballotsPDF(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadPapers(r)
	var sheets []store.Sheet
	if err == nil {
		sheets, err = s.store.Sheets(r.Context(), p.m.ID)
	}
	if err == nil && len(sheets) == 0 {
		err = paperRefused("Chưa có phiếu: phiếu được phát khi mở biểu quyết bằng phiếu lấy ý kiến hộ gia đình.",
			"No sheets yet: they are issued when a vote by household ballots opens.")
	}
	var hs []paper.Household
	if err == nil {
		serials := map[int64]string{}
		for _, b := range sheets {
			serials[b.HouseholdID] = b.Serial
		}
		hs, err = s.paperHouseholds(r, p.m, serials)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := s.baseURL(r) + "/admin/matters/" + strconv.FormatInt(p.m.ID, 10) + "?serial="
	s.sendPDF(w, r, paper.Ballots(p.is, p.m, hs, func(serial string) string { return base + serial }),
		fmt.Sprintf("phieu-lay-y-kien-%d.pdf", p.m.ID))
}

// rosterPDF prints the roster of each meeting of the matter (each
// village's, or each of its cluster meetings) with a QR code per
// household that opens the matter's page ready to mark it present.
func (s *Server) rosterPDF(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadPapers(r)
	switch {
	case err != nil:
	case !p.m.Uses(decision.Meeting):
		err = paperRefused("Việc này không họp hội nghị, nên không có danh sách dự họp.", "This matter has no meeting, so no roster.")
	case p.m.Status == decision.Draft:
		err = paperRefused("Việc chưa mở biểu quyết: danh sách hộ được lập khi mở.", "The vote is not open yet: the roster is made when it opens.")
	}
	var meetings []paper.RosterMeeting
	if err == nil {
		meetings, err = s.rosterMeetings(r, p.m)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.sendPDF(w, r, paper.Roster(p.is, p.m, meetings), fmt.Sprintf("danh-sach-du-hop-%d.pdf", p.m.ID))
}

func (s *Server) rosterMeetings(r *http.Request, m *decision.Matter) ([]paper.RosterMeeting, error) {
	ctx := r.Context()
	ss, err := s.store.MeetingSessions(ctx, m.ID, len(m.Options()))
	if err != nil {
		return nil, err
	}
	at, err := s.store.AttendanceSessions(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	clusters := map[int64]string{}
	for _, x := range ss {
		if x.Cluster != nil {
			clusters[x.ClusterID] = x.Cluster.Name
		}
	}
	names := account.Allowed(whoFrom(ctx).Grants, account.HouseholdRead, m.UnitID, s.store.WithinFunc(ctx))
	base := fmt.Sprintf("%s/admin/matters/%d?household=", s.baseURL(r), m.ID)
	var out []paper.RosterMeeting
	for _, x := range ss {
		hs, err := s.store.Households(ctx, store.HouseholdFilter{VillageID: x.VillageID})
		if err != nil {
			return nil, err
		}
		mt := paper.RosterMeeting{Name: x.Village.Name}
		if x.Cluster != nil {
			mt.Name = x.Village.Name + ", " + lowerFirst(x.Cluster.Name)
		}
		for _, h := range hs {
			rh := paper.RosterHousehold{Household: paper.Household{Code: h.Code}, URL: base + strconv.FormatInt(h.ID, 10)}
			if x.Cluster != nil {
				rh.URL += "&cluster=" + strconv.FormatInt(x.ClusterID, 10)
			}
			if c, ok := at[h.ID]; ok && c != x.ClusterID {
				rh.Elsewhere = clusters[c]
			}
			if names {
				rh.Representative = h.RepresentativeName
			}
			mt.Households = append(mt.Households, rh)
		}
		out = append(out, mt)
	}
	return out, nil
}
