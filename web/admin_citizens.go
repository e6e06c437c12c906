package web

import (
	"net/http"
	"strconv"
	"strings"

	"coso"
	"coso/account"
	"coso/lang"
	"coso/store"
	"coso/viet"
)

type citizensData struct {
	Matches   matchTable
	Done      bool // an account was just confirmed
	Error     *coso.Error
	Searched  bool
	Phone     string     // the phone searched, as typed
	Found     matchTable // accounts and persons with the phone searched
	NoAccount bool       // nobody signed in with the phone searched
}

// matchTable is a table of matches with the printer its template needs.
type matchTable struct {
	T     *lang.Printer
	Lines []matchLine
}

type matchLine struct {
	store.CitizenMatch
	Phone  string // formatted for reading
	Linked bool
}

// citizensPage lists the citizen accounts that wait for a confirmation
// and whose phone is that of a person in the official's units.
func (s *Server) citizensPage(w http.ResponseWriter, r *http.Request) {
	s.renderCitizens(w, r, http.StatusOK, citizensData{Done: r.URL.Query().Get("done") == "1"})
}

func (s *Server) renderCitizens(w http.ResponseWriter, r *http.Request, status int, d citizensData) {
	ms, err := s.store.CitizenMatches(r.Context(), store.CitizenMatchFilter{Roots: s.linkRoots(r), Limit: 200})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r, "", nil)
	d.Matches = matchTable{T: v.T, Lines: lines(ms)}
	d.Found.T = v.T
	v.Data = d
	v.Title = v.T.T("links_title")
	s.render(w, r, "admin_citizens", status, v)
}

// linkRoots are the units under which the official may confirm accounts.
func (s *Server) linkRoots(r *http.Request) []int64 {
	return account.Roots(whoFrom(r.Context()).Grants, account.CitizenLink)
}

func lines(ms []store.CitizenMatch) []matchLine {
	out := make([]matchLine, len(ms))
	for i, m := range ms {
		out[i] = matchLine{CitizenMatch: m, Phone: viet.FormatPhone(m.Citizen.Phone), Linked: m.Citizen.Linked()}
	}
	return out
}

// citizensSearch finds the accounts and persons of one phone number, in
// the official's units, linked or not. It is a form post so that the
// number never travels in an address (logs, history, referrers).
func (s *Server) citizensSearch(w http.ResponseWriter, r *http.Request) {
	typed := strings.TrimSpace(r.PostFormValue("phone"))
	d := citizensData{Searched: true, Phone: typed}
	phone, err := viet.NormalizePhone(typed)
	if err != nil {
		d.Error = coso.AsError(err)
		s.renderCitizens(w, r, http.StatusBadRequest, d)
		return
	}
	if _, err := s.store.CitizenByPhone(r.Context(), phone); coso.ErrorCode(err) == coso.ENotFound {
		d.NoAccount = true
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	ms, err := s.store.CitizenMatches(r.Context(), store.CitizenMatchFilter{Roots: s.linkRoots(r), Phone: phone, WithLinked: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Found.Lines = lines(ms)
	s.renderCitizens(w, r, http.StatusOK, d)
}

// linkedPersonUnit finds the unit of a confirmation: the village where the
// person named by the "person" form value lives.
func linkedPersonUnit(s *Server, r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PostFormValue("person"), 10, 64)
	if err != nil || id <= 0 {
		return 0, coso.Invalid("person", "Nhân khẩu không hợp lệ.", "Invalid person.")
	}
	p, err := s.store.PersonPlace(r.Context(), id)
	if err != nil {
		return 0, err
	}
	return p.VillageID, nil
}

// linkCitizen confirms that a citizen account is a person. The guard has
// checked that the official may confirm accounts in the person's village;
// here the account must be unconfirmed and its phone the person's.
func (s *Server) linkCitizen(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	citizenID, err := strconv.ParseInt(r.PostFormValue("citizen"), 10, 64)
	if err != nil || citizenID <= 0 {
		s.renderCitizens(w, r, http.StatusBadRequest, citizensData{Error: coso.Invalid("citizen", "Tài khoản không hợp lệ.", "Invalid account.")})
		return
	}
	personID, _ := strconv.ParseInt(r.PostFormValue("person"), 10, 64) // checked by linkedPersonUnit
	c, err := s.store.Citizen(ctx, citizenID)
	if err != nil {
		s.failCitizens(w, r, err)
		return
	}
	p, err := s.store.Person(ctx, personID)
	if err != nil {
		s.failCitizens(w, r, err)
		return
	}
	switch {
	case c.Linked():
		s.failCitizens(w, r, coso.Errorf(coso.EConflict, "citizen", "Tài khoản này đã được xác nhận.", "This account is already confirmed."))
		return
	case c.Phone != p.Phone:
		s.failCitizens(w, r, coso.Invalid("person", "Số điện thoại của tài khoản không trùng với số của nhân khẩu này.",
			"The account's phone is not this person's phone."))
		return
	}
	place, err := s.store.PersonPlace(ctx, personID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.LinkCitizen(ctx, citizenID, personID, place.VillageID); err != nil {
		s.failCitizens(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/citizens?done=1", http.StatusSeeOther)
}

// failCitizens shows the list again with the error, or the error page for
// the server's own errors.
func (s *Server) failCitizens(w http.ResponseWriter, r *http.Request, err error) {
	e := coso.AsError(err)
	if e.Code == coso.EInternal {
		s.fail(w, r, err)
		return
	}
	s.renderCitizens(w, r, coso.HTTPStatus(e.Code), citizensData{Error: e})
}
