// Package app wires the platform together: the store, the pages, the API,
// health and metrics, and the HTTP server with its protections.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso/api"
	"coso/lang"
	"coso/notify"
	"coso/oidclogin"
	"coso/phonecode"
	"coso/ratelimit"
	"coso/store"
	"coso/web"
)

// Config is everything the server needs to start.
type Config struct {
	Addr      string
	Store     store.Config
	Demo      bool
	Log       *slog.Logger
	KeyDir    string             // secrets, outside the data directory; default ./coso-keys
	SMS       notify.SMSConfig   // how SMS leave the outbox; default "log"
	SMTP      *notify.SMTPConfig // how e-mail leaves the outbox; nil: e-mail waits in the outbox
	PublicURL string             // the address people use; https:// makes cookies Secure
	OIDC      oidclogin.Config   // citizens' sign-in through an identity provider; off while Issuer is empty
	// PageCache bounds the memory of rendered public pages kept (bytes):
	// 0 means web.DefaultPageCacheBytes, a negative value turns it off.
	PageCache int64
}

// App is a running platform.
type App struct {
	Store   *store.Store
	Handler http.Handler
	Web     *web.Server // the pages, whose Routes() the route-walking test reads
	API     huma.API    // the API, whose OpenAPI document lists every operation
	Codes   *phonecode.Service
	Limits  *ratelimit.Limiter
	log     *slog.Logger
	cfg     Config
}

// New opens the store and builds the handler.
func New(ctx context.Context, cfg Config) (*App, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	st, err := store.Open(ctx, cfg.Store)
	if err != nil {
		return nil, err
	}
	a, err := NewWithStore(st, cfg)
	if err != nil {
		_ = st.Close() // the build error is the one to report
		return nil, err
	}
	return a, nil
}

// NewWithStore builds the handler on an open store (tests use it).
func NewWithStore(st *store.Store, cfg Config) (*App, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.KeyDir == "" {
		cfg.KeyDir = "coso-keys"
	}
	cat, err := lang.New()
	if err != nil {
		return nil, err
	}
	codeKey, err := loadKey(cfg.KeyDir, "code.key")
	if err != nil {
		return nil, err
	}
	identity, err := LoadIdentityKeys(cfg.KeyDir)
	if err != nil {
		return nil, err
	}
	st.SetSealer(identity)
	st.SetPublicURL(publicBase(cfg))
	limits := ratelimit.New(st, st.Now)
	codes, err := phonecode.New(st, limits, codeKey)
	if err != nil {
		return nil, err
	}
	provider, err := identityProvider(cfg.OIDC, st)
	if err != nil {
		return nil, err
	}
	pages, err := web.New(web.Config{Store: st, Catalog: cat, Log: cfg.Log, Demo: cfg.Demo,
		Secure: strings.HasPrefix(cfg.PublicURL, "https://"), Limits: limits, Codes: codes, OIDC: provider,
		PublicURL: cfg.PublicURL, PageCacheBytes: cfg.PageCache})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	pages.Register(mux)
	apiDoc := api.Register(mux, api.Config{Store: st, Log: cfg.Log, Limits: limits, Codes: codes, PublicURL: publicBase(cfg)})
	mux.Handle("GET /healthz", health(st))
	mux.Handle("GET /metrics", metricsHandler())
	return &App{Store: st, Handler: protect(mux, cfg.Log), Web: pages, API: apiDoc, Codes: codes, Limits: limits, log: cfg.Log, cfg: cfg}, nil
}

// identityProvider connects to the OIDC provider when one is configured
// (nil otherwise). Discovery runs at start, so a wrong issuer stops the
// server at once rather than at the first citizen's sign-in.
func identityProvider(cfg oidclogin.Config, st *store.Store) (*oidclogin.Provider, error) {
	if cfg.Issuer == "" {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, err := oidclogin.New(ctx, cfg, persons{st})
	if err != nil {
		return nil, fmt.Errorf("identity provider: %w", err)
	}
	return p, nil
}

// persons adapts the store to oidclogin.Persons.
type persons struct{ st *store.Store }

func (p persons) PersonByCitizenID(ctx context.Context, id string) (int64, error) {
	person, err := p.st.PersonByCitizenID(ctx, id)
	if err != nil {
		return 0, err
	}
	return person.ID, nil
}

// Background runs the platform's timers until ctx ends: the outbox
// worker, the cleaning of expired sessions and rate counters, and the
// reminders of disclosures and requests for information due.
func (a *App) Background(ctx context.Context) error {
	sms, err := notify.NewSMS(withLog(a.cfg.SMS, a.log))
	if err != nil {
		return err
	}
	w := &notify.Worker{Outbox: a.Store, SMS: sms, Log: a.log}
	if a.cfg.SMTP != nil {
		m, err := notify.NewSMTP(*a.cfg.SMTP)
		if err != nil {
			return err
		}
		w.Mail = m
	}
	go a.Store.CleanSessions(ctx, 5*time.Minute)
	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := a.Limits.Prune(ctx); err != nil {
					a.log.Warn("pruning rate limits", "err", err)
				}
			}
		}
	}()
	go func() { _ = w.Run(ctx) }()
	go a.remindLoop(ctx)
	return nil
}

func withLog(c notify.SMSConfig, log *slog.Logger) notify.SMSConfig {
	if c.Sender == "" {
		c.Sender = "log"
	}
	if c.Log == nil {
		c.Log = log
	}
	return c
}

// Serve listens on the configured address until ctx ends, then shuts down
// gracefully, letting requests in flight finish.
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
	return err
}

// Close closes the store.
func (a *App) Close() error { return a.Store.Close() }

// health answers 200 when the database answers, 503 when it does not, so a
// balancer stops sending requests to a node that lost its database.
func health(st *store.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if err := st.Ping(r.Context()); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"status":"unavailable","database":"unreachable"}` + "\n"))
			return
		}
		_, _ = w.Write([]byte(`{"status":"ok","database":"` + string(st.Dialect()) + `"}` + "\n"))
	})
}
