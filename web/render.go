package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"coso"
	"coso/account"
	"coso/lang"
	"coso/place"
)

//go:embed templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

type pages struct {
	byName map[string]*template.Template
}

// parsePages parses each page template together with the layout.
func parsePages() (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "part_") {
			continue
		}
		// part_*.html hold blocks that several pages share.
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/part_*.html", n)
		if err != nil {
			return nil, err
		}
		p.byName[base] = t
	}
	return p, nil
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(coso.Zone).Format("02/01/2006")
	},
	"kindName": func(p *lang.Printer, k place.Kind) string { return p.T("kind_" + string(k)) },
	"roleName": func(p *lang.Printer, r account.Role) string { return r.Name(p.Lang) },
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(coso.Zone).Format("02/01/2006 15:04")
	},
}

// view is what every page template gets.
type view struct {
	T     *lang.Printer
	Lang  string
	Title string
	Path  string
	Demo  bool
	Query string
	Who   *who
	Data  any
}

func (s *Server) view(r *http.Request, title string, data any) *view {
	l := lang.FromRequest(r)
	return &view{T: s.cat.Printer(l), Lang: l, Title: title, Path: r.URL.Path, Demo: s.demo, Who: whoFrom(r.Context()), Data: data}
}

// render writes a page. Public pages carry an ETag so a phone on 3G
// re-downloads nothing that has not changed.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, status int, v *view) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.log.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		s.log.Error("render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Vary", "Cookie")
	if status == http.StatusOK {
		h.Set("ETag", etag)
		h.Set("Cache-Control", "private, max-age=0, must-revalidate")
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail shows an error page for err, with the status its code maps to.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := coso.AsError(err)
	status := coso.HTTPStatus(e.Code)
	if status >= 500 {
		// The route pattern, not the path: a path may carry what a person typed.
		s.log.Error("request failed", "route", r.Pattern, "err", err)
	}
	v := s.view(r, "", nil)
	v.Title = v.T.T("error_title")
	v.Data = map[string]any{"Status": status, "Message": v.T.Pick(e.VI, e.EN)}
	s.render(w, r, "error", status, v)
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		fsrv.ServeHTTP(w, r)
	})
}
