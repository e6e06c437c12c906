package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"coso"
	"coso/account"
	"coso/disclosure"
)

type disclosurePageData struct {
	D           *disclosure.Disclosure
	Rule        disclosure.Rule
	Timing      disclosure.Timing
	Posting     disclosure.PostingState
	Broadcast   int
	Attachments []disclosure.File
	Evidence    map[int64]*disclosure.File
	Older       []disclosure.Version // earlier versions, newest first
	CanEdit     bool
	Short       string // the short address printed on paper
}

// mayWrite tells whether the signed-in official may publish for unitID.
func (s *Server) mayWrite(r *http.Request, unitID int64) bool {
	who := whoFrom(r.Context())
	return who != nil && account.Allowed(who.Grants, account.DisclosureWrite, unitID, s.store.WithinFunc(r.Context()))
}

// visibleDisclosure loads the disclosure of the path for a public page: a
// draft only for those who may publish it (a preview), else not found.
func (s *Server) visibleDisclosure(r *http.Request) (*disclosure.Disclosure, error) {
	id, err := pathInt(r, "id")
	if err != nil {
		return nil, err
	}
	d, err := s.store.Disclosure(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !d.Public() && !s.mayWrite(r, d.UnitID) {
		return nil, coso.NotFound(fmt.Sprintf("disclosure %d", id))
	}
	return d, nil
}

func (s *Server) disclosureData(r *http.Request, d *disclosure.Disclosure) (disclosurePageData, error) {
	cal, err := s.store.Calendar(r.Context())
	if err != nil {
		return disclosurePageData{}, err
	}
	now := s.store.Now()
	pd := disclosurePageData{D: d, Rule: d.Rule(), Timing: d.Timing(cal, now), Posting: d.Posting(now), Broadcast: d.LoudspeakerDays(),
		Evidence: map[int64]*disclosure.File{}, CanEdit: s.mayWrite(r, d.UnitID), Short: s.shortURL(r, d.ID)}
	for i, f := range d.Files {
		if f.Kind == disclosure.Attachment {
			pd.Attachments = append(pd.Attachments, f)
		} else {
			pd.Evidence[f.ID] = &d.Files[i]
		}
	}
	if len(d.Versions) > 1 {
		pd.Older = slices.Clone(d.Versions[:len(d.Versions)-1])
		slices.Reverse(pd.Older)
	}
	return pd, nil
}

// disclosurePage shows one disclosure: its current text, its state (a
// withdrawal with its reason, a correction with the versions before it),
// its deadline, posting window, broadcast duty, the channels used with
// their evidence, and its attachments.
func (s *Server) disclosurePage(w http.ResponseWriter, r *http.Request) {
	s.showDisclosure(w, r, "disclosure")
}

// disclosurePrint is the same information laid out for paper: no
// navigation; the text, its dates and posting window, its earlier
// versions when corrected, the withdrawal and its reason, and the short
// address of the online page.
func (s *Server) disclosurePrint(w http.ResponseWriter, r *http.Request) {
	s.showDisclosure(w, r, "disclosure_print")
}

func (s *Server) showDisclosure(w http.ResponseWriter, r *http.Request, page string) {
	d, err := s.visibleDisclosure(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pd, err := s.disclosureData(r, d)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, page, http.StatusOK, s.view(r, d.Title, pd))
}

// disclosureFile serves an attachment or a piece of evidence from outside
// any served folder, with the type found when it was uploaded. Documents
// are downloaded rather than opened, and nothing served here may run a
// script in the portal's origin.
func (s *Server) disclosureFile(w http.ResponseWriter, r *http.Request) {
	d, err := s.visibleDisclosure(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	fid, err := pathInt(r, "file")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, body, err := s.store.DisclosureFile(r.Context(), d.ID, fid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer body.Close()
	h := w.Header()
	h.Set("Content-Type", f.Type)
	disposition := "attachment"
	if f.Type == "application/pdf" || f.IsImage() {
		disposition = "inline"
	}
	if f.Type != "application/pdf" {
		// Browsers refuse to show a PDF in a sandboxed document; every
		// other file is sandboxed, should a browser ever try to run it.
		h.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'")
	}
	h.Set("Content-Disposition", disposition+"; filename=\""+asciiName(f.Name)+"\"; filename*=UTF-8''"+url.PathEscape(f.Name))
	if d.Public() {
		h.Set("Cache-Control", "public, max-age=86400")
	} else {
		h.Set("Cache-Control", "private, no-store")
	}
	http.ServeContent(w, r, "", f.CreatedAt, body)
}

// asciiName is a file name for clients that do not read filename*.
func asciiName(name string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
}
