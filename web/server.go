// Package web serves the public portal and the officials' back office as
// server-rendered HTML. Every page works without JavaScript, every string
// comes from the message catalogue, every asset comes from the binary.
package web

import (
	"log/slog"
	"net/http"

	"coso/lang"
	"coso/store"
)

// Server holds what the pages need.
type Server struct {
	store *store.Store
	cat   *lang.Catalog
	log   *slog.Logger
	demo  bool
	pages *pages
}

// Config configures the pages.
type Config struct {
	Store   *store.Store
	Catalog *lang.Catalog
	Log     *slog.Logger
	Demo    bool // the store holds demo data: every page says so
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
	return &Server{store: cfg.Store, cat: cfg.Catalog, log: cfg.Log, demo: cfg.Demo, pages: p}, nil
}

// Register adds every route of the portal and back office to mux.
func (s *Server) Register(mux *http.ServeMux) {
	for _, r := range s.Routes() {
		mux.Handle(r.Method+" "+r.Pattern, s.guard(r))
	}
	mux.Handle("GET /static/", staticHandler())
}
