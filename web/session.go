package web

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"coso"
	"coso/account"
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

// who is the person behind a request.
type who struct {
	User   *account.User
	Grants []account.Grant
}

type whoKey struct{}

// identify loads the signed-in official, if any, for the request.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := s.sessions.GetInt64(ctx, store.SessionUserKey)
		if id != 0 {
			u, err := s.store.User(ctx, id)
			if err == nil && !u.Disabled {
				grants, err := s.store.Grants(ctx, u.ID)
				if err == nil {
					ctx = context.WithValue(ctx, whoKey{}, &who{User: u, Grants: grants})
				}
			}
		}
		ctx = coso.WithActor(ctx, actorOf(ctx, r, nil))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func whoFrom(ctx context.Context) *who {
	w, _ := ctx.Value(whoKey{}).(*who)
	return w
}

// actorOf is the audit identity of a request: the official (with the
// grant that allowed the action, when known) and the client address.
func actorOf(ctx context.Context, r *http.Request, g *account.Grant) coso.Actor {
	a := coso.Actor{Username: "anonymous", Role: "public", Addr: clientAddr(r)}
	if w := whoFrom(ctx); w != nil {
		a.UserID, a.Username, a.Role = w.User.ID, w.User.Username, "official"
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
