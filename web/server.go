// Package web serves the public portal and the officials' back office as
// server-rendered HTML. Every page works without JavaScript, every string
// comes from the message catalogue, every asset comes from the binary.
package web

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"

	"coso/lang"
	"coso/oidclogin"
	"coso/phonecode"
	"coso/ratelimit"
	"coso/store"
)

// Server holds what the pages need.
type Server struct {
	store *store.Store
	cat   *lang.Catalog
	log   *slog.Logger
	demo  bool
	pages *pages

	sessions *scs.SessionManager
	limits   *ratelimit.Limiter
	codes    *phonecode.Service
	oidc     *oidclogin.Provider // nil: no sign-in through an identity provider
	public   string              // the address people use, for printed documents' QR codes; "" takes the request's host
	cache    *pageCache          // rendered public pages; nil: none
}

// Config configures the pages.
type Config struct {
	Store   *store.Store
	Catalog *lang.Catalog
	Log     *slog.Logger
	Demo    bool // the store holds demo data: every page says so
	Secure  bool // served over TLS: cookies are Secure
	Limits  *ratelimit.Limiter
	Codes   *phonecode.Service
	OIDC    *oidclogin.Provider // optional
	// PublicURL is the address people use (https://dancu.example.vn);
	// printed documents carry it in their QR codes.
	PublicURL string
	// PageCacheBytes bounds the memory of rendered public pages kept
	// (pagecache.go): 0 means DefaultPageCacheBytes, a negative value
	// turns the cache off.
	PageCacheBytes int64
}

// New prepares the pages.
func New(cfg Config) (*Server, error) {
	p, err := parsePages()
	if err != nil {
		return nil, err
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.PageCacheBytes == 0 {
		cfg.PageCacheBytes = DefaultPageCacheBytes
	}
	return &Server{store: cfg.Store, cat: cfg.Catalog, log: cfg.Log, demo: cfg.Demo, pages: p,
		sessions: newSessions(cfg.Store, cfg.Secure), limits: cfg.Limits, codes: cfg.Codes, oidc: cfg.OIDC,
		public: strings.TrimSuffix(cfg.PublicURL, "/"), cache: newPageCache(cfg.PageCacheBytes)}, nil
}

// Register adds every route of the portal and back office to mux. Each
// route runs inside the session (loaded from the database) and behind its
// access check.
func (s *Server) Register(mux *http.ServeMux) {
	for _, r := range s.Routes() {
		if r.Cache && r.Access == public {
			r.Handler = s.cached(r.Handler, r.Shows)
		}
		mux.Handle(r.Method+" "+r.Pattern, s.sessions.LoadAndSave(s.identify(s.guard(r))))
	}
	mux.Handle("GET /static/", staticHandler())
}
