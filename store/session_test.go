package store_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"coso"
	"coso/store"
	"coso/store/storetest"
)

// sessionServer wires a real scs session manager to the store, as the web
// server does: /in signs in as ?user=ID, /who tells who is signed in,
// /out signs out.
func sessionServer(t *testing.T, s *store.Store) (*scs.SessionManager, *httptest.Server) {
	sm := scs.New()
	sm.Store = s.SessionStore(sm.Codec)
	sm.Lifetime = time.Hour
	mux := http.NewServeMux()
	mux.HandleFunc("/in", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseInt(r.URL.Query().Get("user"), 10, 64)
		if err := sm.RenewToken(r.Context()); err != nil {
			t.Error(err)
		}
		sm.Put(r.Context(), store.SessionUserKey, id)
		sm.Put(r.Context(), store.SessionAddrKey, "192.0.2.7")
		sm.Put(r.Context(), store.SessionAgentKey, "test-agent")
	})
	mux.HandleFunc("/who", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, strconv.FormatInt(sm.GetInt64(r.Context(), store.SessionUserKey), 10))
	})
	mux.HandleFunc("/out", func(w http.ResponseWriter, r *http.Request) {
		if err := sm.Destroy(r.Context()); err != nil {
			t.Error(err)
		}
	})
	srv := httptest.NewServer(sm.LoadAndSave(mux))
	t.Cleanup(srv.Close)
	return sm, srv
}

// browser is a client with one session cookie.
type browser struct {
	t      *testing.T
	srv    *httptest.Server
	cookie *http.Cookie
}

func (b *browser) get(path string) string {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.srv.URL+path, nil)
	if b.cookie != nil {
		req.AddCookie(b.cookie)
	}
	res, err := b.srv.Client().Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == "session" {
			b.cookie = c
		}
	}
	body, _ := io.ReadAll(res.Body)
	return string(body)
}

func TestSessions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, other := newUser(t, s, "officer"), newUser(t, s, "other")
		_, srv := sessionServer(t, s)
		phone, laptop := &browser{t: t, srv: srv}, &browser{t: t, srv: srv}
		phone.get("/in?user=" + strconv.FormatInt(u.ID, 10))
		laptop.get("/in?user=" + strconv.FormatInt(u.ID, 10))
		if who := phone.get("/who"); who != strconv.FormatInt(u.ID, 10) {
			t.Fatalf("phone is signed in as %q", who)
		}
		list, err := s.SessionsOf(ctx, u.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("sessions: %+v %v", list, err)
		}
		phoneID := store.SessionID(phone.cookie.Value)
		found := false
		for _, si := range list {
			found = found || si.ID == phoneID
			if si.ID == phone.cookie.Value || si.ID == laptop.cookie.Value {
				t.Error("the table holds a cookie token, not its hash")
			}
			if si.Addr != "192.0.2.7" || si.Agent != "test-agent" || si.Expiry.Before(time.Now()) {
				t.Errorf("session info %+v", si)
			}
		}
		if !found {
			t.Fatal("SessionID of the phone's cookie is not listed")
		}
		// No one ends another's session.
		if err := s.DeleteSession(ctx, other.ID, phoneID); coso.ErrorCode(err) != coso.ENotFound {
			t.Fatalf("another user ended the session: %v", err)
		}
		if err := s.DeleteSession(ctx, u.ID, phoneID); err != nil {
			t.Fatal(err)
		}
		if who := phone.get("/who"); who != "0" {
			t.Errorf("ended session still signed in as %q", who)
		}
		if who := laptop.get("/who"); who != strconv.FormatInt(u.ID, 10) {
			t.Errorf("the other session ended too: %q", who)
		}
		laptop.get("/out")
		if list, _ := s.SessionsOf(ctx, u.ID); len(list) != 0 {
			t.Errorf("after sign-out: %+v", list)
		}
	})
}

func TestSessionsOfAndExpiry(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		u := newUser(t, s, "officer")
		ss := s.SessionStore(nil)
		data := func(id int64) []byte {
			b, err := scs.GobCodec{}.Encode(now.Add(time.Hour), map[string]any{store.SessionUserKey: id})
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		for _, tok := range []string{"tok-a", "tok-b", "tok-c"} {
			if err := ss.Commit(tok, data(u.ID), now.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		if err := ss.Commit("anonymous", []byte("not gob"), now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := ss.Find("anonymous"); !ok || err != nil || string(b) != "not gob" {
			t.Fatalf("find: %q %t %v", b, ok, err)
		}
		if _, ok, err := ss.Find("unknown"); ok || err != nil {
			t.Fatalf("find unknown: %t %v", ok, err)
		}
		n, err := s.DeleteSessionsOf(ctx, u.ID, store.SessionID("tok-a"))
		if err != nil || n != 2 {
			t.Fatalf("delete others: %d %v", n, err)
		}
		if list, _ := s.SessionsOf(ctx, u.ID); len(list) != 1 || list[0].ID != store.SessionID("tok-a") {
			t.Fatalf("left: %+v", list)
		}
		now = now.Add(time.Hour + time.Second)
		if _, ok, _ := ss.Find("tok-a"); ok {
			t.Error("expired session found")
		}
		if list, _ := s.SessionsOf(ctx, u.ID); len(list) != 0 {
			t.Errorf("expired session listed: %+v", list)
		}
		n, err = s.DeleteExpiredSessions(ctx)
		if err != nil || n != 2 {
			t.Errorf("cleanup removed %d (%v), want 2", n, err)
		}
		if err := ss.Delete("tok-a"); err != nil {
			t.Errorf("delete of a gone session: %v", err)
		}
		// Disabling an account ends its sessions.
		if err := ss.Commit("tok-d", data(u.ID), now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.DisableUser(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := ss.Find("tok-d"); ok {
			t.Error("session of a disabled account survived")
		}
	})
}
