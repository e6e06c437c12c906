package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"coso"
	"coso/account"
	"coso/phonecode"
	"coso/store"
)

// newSessions keeps sessions in the database so several app servers share
// them; cookies are HttpOnly, SameSite=Lax, and Secure behind TLS.
func newSessions(st *store.Store, secure bool) *scs.SessionManager {
	m := scs.New()
	m.Store = st.SessionStore(nil)
	m.Lifetime = 12 * time.Hour
	m.IdleTimeout = 2 * time.Hour
	m.Cookie.Name = "coso_session"
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = secure
	m.Cookie.Persist = false
	return m
}

// who is the person behind a request: an official (User), or a citizen
// signed in with a phone code (Citizen) or through the identity provider
// (PersonID only). Grants are an official's grants or a citizen's derived
// ones (store.CitizenGrants), so one decision, account.Allowed, serves both.
type who struct {
	User     *account.User
	Citizen  *phonecode.Citizen
	PersonID int64  // the person a citizen is: a confirmed link, or verified by the identity provider
	Phone    string // a citizen's phone, masked for display
	Grants   []account.Grant
}

// Official tells whether an official is signed in.
func (w *who) Official() bool { return w != nil && w.User != nil }

// IsCitizen tells whether a citizen is signed in.
func (w *who) IsCitizen() bool { return w != nil && w.User == nil }

type whoKey struct{}

// identify loads the signed-in official or citizen, if any, for the
// request. The session keys of officials and citizens differ, and signing
// in as one removes the other's.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var found *who
		var err error
		switch {
		case s.sessions.GetInt64(ctx, store.SessionUserKey) != 0:
			found, err = s.official(ctx, s.sessions.GetInt64(ctx, store.SessionUserKey))
		case s.sessions.GetInt64(ctx, citizenKey) != 0:
			found, err = s.citizen(ctx, s.sessions.GetInt64(ctx, citizenKey))
		case s.sessions.GetInt64(ctx, citizenPersonKey) != 0:
			found, err = s.verifiedPerson(ctx, s.sessions.GetInt64(ctx, citizenPersonKey))
		}
		if err != nil && coso.ErrorCode(err) == coso.EInternal {
			s.log.Error("loading the signed-in account", "err", err)
		}
		if found != nil {
			ctx = context.WithValue(ctx, whoKey{}, found)
		}
		ctx = coso.WithActor(ctx, actorOf(ctx, r, nil))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// official loads an official's account and grants; a disabled account
// is nobody.
func (s *Server) official(ctx context.Context, id int64) (*who, error) {
	u, err := s.store.User(ctx, id)
	if err != nil || u.Disabled {
		return nil, err
	}
	grants, err := s.store.Grants(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	return &who{User: u, Grants: grants}, nil
}

// citizen loads a citizen's account and derives its grants.
func (s *Server) citizen(ctx context.Context, id int64) (*who, error) {
	c, err := s.store.Citizen(ctx, id)
	if err != nil {
		return nil, err
	}
	grants, err := s.store.CitizenGrants(ctx, c.PersonID)
	if err != nil {
		return nil, err
	}
	return &who{Citizen: c, PersonID: c.PersonID, Phone: maskPhone(c.Phone), Grants: grants}, nil
}

// verifiedPerson is a citizen whom the identity provider identified.
func (s *Server) verifiedPerson(ctx context.Context, personID int64) (*who, error) {
	grants, err := s.store.CitizenGrants(ctx, personID)
	if err != nil {
		return nil, err
	}
	return &who{PersonID: personID, Grants: grants}, nil
}

func whoFrom(ctx context.Context) *who {
	w, _ := ctx.Value(whoKey{}).(*who)
	return w
}

// actorOf is the audit identity of a request: the official or citizen
// (with the grant that allowed the action, when known) and the client
// address. Citizens are named by account or person id, never by phone.
func actorOf(ctx context.Context, r *http.Request, g *account.Grant) coso.Actor {
	a := coso.Actor{Username: "anonymous", Role: "public", Addr: clientAddr(r)}
	switch w := whoFrom(ctx); {
	case w.Official():
		a.UserID, a.Username, a.Role = w.User.ID, w.User.Username, "official"
	case w.IsCitizen() && w.Citizen != nil:
		a.Username, a.Role = fmt.Sprintf("citizen:%d", w.Citizen.ID), string(account.Citizen)
	case w.IsCitizen():
		a.Username, a.Role = fmt.Sprintf("person:%d", w.PersonID), string(account.Citizen)
	}
	if g != nil {
		a.Role, a.UnitID = string(g.Role), g.UnitID
	}
	return a
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
