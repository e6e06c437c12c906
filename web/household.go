package web

import (
	"net/http"

	"coso/account"
	"coso/household"
	"coso/lang"
	"coso/place"
	"coso/viet"
)

// memberLine is one member as the household page shows them: the citizen
// ID always masked, the phone masked unless the viewer may change the
// household.
type memberLine struct {
	PersonID       int64
	Name           string
	Relation       string
	Sex            string
	BirthDate      string
	Age            int // -1 when the birth date is unknown
	CitizenID      string
	Phone          string
	Representative bool
	Adult          bool
	Since          string
	Until          string
	LeaveReason    string
}

type householdData struct {
	Household *household.Household
	Village   *place.Unit
	Members   []memberLine
	Past      []memberLine
	Reps      []household.Representation
	Moves     []household.Move
	CanWrite  bool
}

// householdOf reads the household of a route's {household} and its village.
func (s *Server) householdOf(r *http.Request) (*household.Household, *place.Unit, error) {
	h, err := s.store.HouseholdByCode(r.Context(), r.PathValue("household"))
	if err != nil {
		return nil, nil, err
	}
	u, err := s.store.Unit(r.Context(), h.VillageID)
	return h, u, err
}

// householdPage shows a household: its members, who represented it and
// when, its moves, and (to those who may) the forms that change it.
func (s *Server) householdPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	h, u, err := s.householdOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := householdData{Household: h, Village: u, CanWrite: s.may(r.Context(), account.HouseholdWrite, u.ID) && !h.Ended()}
	p := s.cat.Printer(lang.FromRequest(r))
	all, err := s.store.HouseholdMembers(ctx, h.ID, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	showPhone := s.may(r.Context(), account.HouseholdWrite, u.ID)
	for _, m := range all {
		l := s.memberLine(p, m, showPhone)
		if m.Current() {
			d.Members = append(d.Members, l)
		} else {
			d.Past = append(d.Past, l)
		}
	}
	if d.Reps, err = s.store.RepresentativeHistory(ctx, h.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Moves, err = s.store.HouseholdMoves(ctx, h.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("hh_title", "Code", h.Code)
	s.render(w, r, "household", http.StatusOK, v)
}

func (s *Server) memberLine(p *lang.Printer, m household.Member, showPhone bool) memberLine {
	per := m.Person
	l := memberLine{PersonID: per.ID, Name: per.FullName, Relation: m.Relation, Sex: per.Sex.Name(p.Lang),
		BirthDate: dmy(per.BirthDate), Age: per.Age(s.store.Now()), CitizenID: maskCitizenID(per.CitizenID),
		Phone: maskPhone(per.Phone), Representative: m.Representative, Since: dmy(m.Since), Until: dmy(m.Until),
		LeaveReason: m.LeaveReason}
	l.Adult = l.Age >= household.AdultAge
	if showPhone {
		l.Phone = viet.FormatPhone(per.Phone)
	}
	return l
}
