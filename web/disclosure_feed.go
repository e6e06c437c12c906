package web

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"time"

	"coso/disclosure"
	"coso/store"
)

// The Atom feed (RFC 4287) of a unit's disclosures: feed readers, the
// province's portal and newsrooms follow a commune without visiting it.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	ID        string       `xml:"id"`
	Title     string       `xml:"title"`
	Updated   string       `xml:"updated"`
	Published string       `xml:"published"`
	Link      atomLink     `xml:"link"`
	Category  atomCategory `xml:"category"`
	Summary   atomText     `xml:"summary"`
	Content   atomText     `xml:"content"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// disclosureFeed serves the newest 50 disclosures of a unit's subtree,
// optionally of one category (?category=7).
func (s *Server) disclosureFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := s.store.UnitByCode(ctx, r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cat := r.URL.Query().Get("category")
	if _, ok := disclosure.RuleFor(cat); !ok {
		cat = ""
	}
	page, err := s.store.Disclosures(ctx, store.DisclosureFilter{UnitID: u.ID, Category: cat, Limit: 50})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.view(r, "", nil).T
	base := baseURL(r)
	self := base + r.URL.Path
	if cat != "" {
		self += "?category=" + cat
	}
	updated := lastChange(page.Hits)
	if updated.IsZero() {
		updated = u.UpdatedAt
	}
	f := atomFeed{Lang: p.Lang, ID: self, Title: p.T("dis_list_title", "Unit", u.Name), Updated: updated.UTC().Format(time.RFC3339),
		Author: atomPerson{Name: u.Name},
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: base + "/units/" + u.Code + "/disclosures"}}}
	for _, h := range page.Hits {
		link := fmt.Sprintf("%s/disclosures/%d", base, h.ID)
		title := h.Title
		summary := p.T("dis_state_"+h.State()) + " · " + h.UnitName
		if h.Status == disclosure.Withdrawn {
			title = "[" + p.T("dis_state_withdrawn") + "] " + title
			summary += " · " + h.WithdrawnReason
		}
		f.Entries = append(f.Entries, atomEntry{ID: link, Title: title, Link: atomLink{Rel: "alternate", Type: "text/html", Href: link},
			Updated: h.UpdatedAt.UTC().Format(time.RFC3339), Published: h.PublishedAt.UTC().Format(time.RFC3339),
			Category: atomCategory{Term: h.Category, Label: p.Pick(h.Rule().VI, h.Rule().EN)},
			Summary:  atomText{Type: "text", Text: summary},
			Content:  atomText{Type: "html", Text: string(renderMarkdown(h.Body))}})
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(b.Bytes())
}

// baseURL is the scheme and host the request came to.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
