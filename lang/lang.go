// Package lang holds the message catalogues: every string a page shows comes
// from here, in Vietnamese first and English second.
package lang

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// Supported languages, the default first.
var Supported = []string{"vi", "en"}

// Catalog holds every message in every supported language.
type Catalog struct {
	bundle *i18n.Bundle
}

// New loads the embedded catalogues.
func New() (*Catalog, error) {
	b := i18n.NewBundle(language.Vietnamese)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	// Each part of the platform may keep its messages in its own pair of
	// files, PART.vi.toml and PART.en.toml; vi.toml and en.toml hold the
	// shared ones. go-i18n reads the language from the file name.
	names, err := fs.Glob(files, "*.toml")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, err := b.LoadMessageFileFS(files, n); err != nil {
			return nil, fmt.Errorf("catalogue %s: %w", n, err)
		}
	}
	return &Catalog{bundle: b}, nil
}

// Printer prints messages in one language.
type Printer struct {
	Lang string
	loc  *i18n.Localizer
}

// Printer returns the printer for lang ("vi" or "en"; anything else is "vi").
func (c *Catalog) Printer(lang string) *Printer {
	if lang != "en" {
		lang = "vi"
	}
	return &Printer{Lang: lang, loc: i18n.NewLocalizer(c.bundle, lang)}
}

// T returns the message id, filled with data given as key, value pairs. A
// missing message shows its id, so a gap is visible rather than silent.
func (p *Printer) T(id string, kv ...any) string {
	var data map[string]any
	if len(kv) > 1 {
		data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			data[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	s, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
	if err != nil {
		return id
	}
	return s
}

// Pick returns vi or en according to the printer's language; for texts that
// come in both languages with the data (such as error messages).
func (p *Printer) Pick(vi, en string) string {
	if p.Lang == "en" && en != "" {
		return en
	}
	return vi
}

// FromRequest chooses the language of a request: a "lang" query
// parameter, then the "lang" cookie set by the switch, then Vietnamese. The
// browser's Accept-Language is not used: the portal is Vietnamese first, and
// the same address shows the same page to every villager.
func FromRequest(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "vi" {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == "en" || c.Value == "vi") {
		return c.Value
	}
	return "vi"
}
