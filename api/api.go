// Package api serves the JSON API under /api/v1 with huma, which also
// generates the OpenAPI 3.1 document at /api/openapi.json from the code.
// Request and response shapes live here, not in the domain packages.
package api

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"coso/phonecode"
	"coso/ratelimit"
	"coso/store"
)

// Config is what the API needs.
type Config struct {
	Store  *store.Store
	Log    *slog.Logger
	Limits *ratelimit.Limiter
	Codes  *phonecode.Service
	// PublicURL is the address people use, for links sent to them (the
	// answer report's SMS); empty takes the request's host.
	PublicURL string
}

type server struct {
	store  *store.Store
	log    *slog.Logger
	limits *ratelimit.Limiter
	codes  *phonecode.Service
	public string
}

// Register adds the API and its OpenAPI document to mux.
func Register(mux *http.ServeMux, cfg Config) huma.API {
	hc := huma.DefaultConfig("coso API", "1.0.0")
	hc.Info.Description = "API của Cổng dân chủ cơ sở / API of the grassroots democracy portal. " +
		"Errors are RFC 9457 problem details with a Vietnamese and an English message."
	hc.OpenAPIPath = "/api/openapi"
	// huma's built-in docs page loads scripts from a CDN; the portal serves
	// no asset from outside the binary, so it is turned off.
	hc.DocsPath = ""
	hc.SchemasPath = "/api/schemas"
	hc.Components.SecuritySchemes = map[string]*huma.SecurityScheme{
		"bearer": {Type: "http", Scheme: "bearer", Description: "A token from POST /api/v1/auth/token"},
	}
	if cfg.Log != nil {
		failures.Store(cfg.Log)
	}
	a := humago.New(mux, hc)
	s := &server{store: cfg.Store, log: cfg.Log, limits: cfg.Limits, codes: cfg.Codes, public: strings.TrimSuffix(cfg.PublicURL, "/")}
	// Middlewares apply to operations registered after them.
	a.UseMiddleware(rememberBase, s.authenticate)
	s.authRoutes(a)
	s.units(a)
	s.households(a)
	s.disclosures(a)
	s.matters(a)
	s.meetings(a)
	s.petitions(a)
	s.ratings(a)
	s.reception(a)
	s.receptionRequests(a)
	s.consultations(a)
	s.opinions(a)
	s.consultationReports(a)
	s.consultationStats(a)
	return a
}
