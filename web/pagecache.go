package web

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"coso/calendar"
	"coso/lang"
	"coso/store"
)

// Defaults of the page cache.
const (
	// DefaultPageCacheBytes bounds the memory the rendered pages take.
	DefaultPageCacheBytes = 32 << 20
	// pageCacheAge bounds how long a page is served without rendering it
	// again: changes made by another node or by the command line (which
	// the store's version does not count) show within it.
	pageCacheAge = 5 * time.Second
	// entryOverhead is what an entry costs besides its key and body.
	entryOverhead = 512
)

// pageCache keeps the rendered public pages of "Dân biết" (a commune's
// list, feeds, search results, a disclosure's page) in memory, so that the
// many people reading the same pages cost one rendering, not one each.
// A page is served from the cache only to people who are not signed in
// (a signed-in official sees drafts and links of their own), under the
// same language, address, host and query; it is kept while the store's
// PublicVersion, over the parts of the portal the page shows, is the one
// it was rendered under (a change made through this store to what the
// page shows ends it, a change to another part does not), on the store clock's day it was rendered
// (posting windows and deadlines move with the date), and for at most
// pageCacheAge. The least recently used pages go when the cache would
// exceed its bytes.
type pageCache struct {
	mu      sync.Mutex
	max     int64
	size    int64
	entries map[string]*list.Element
	lru     list.List // front: most recently used *cachedPage
}

type cachedPage struct {
	key     string
	version uint64
	day     time.Time
	at      time.Time
	header  http.Header
	body    []byte
}

func (p *cachedPage) cost() int64 { return int64(len(p.key)+len(p.body)) + entryOverhead }

func newPageCache(maxBytes int64) *pageCache {
	if maxBytes <= 0 {
		return nil
	}
	return &pageCache{max: maxBytes, entries: map[string]*list.Element{}}
}

// get returns the page kept under key if it is still good.
func (c *pageCache) get(key string, version uint64, day, now time.Time) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil
	}
	p := e.Value.(*cachedPage)
	if p.version != version || !p.day.Equal(day) || now.Sub(p.at) > pageCacheAge || now.Before(p.at) {
		c.remove(e)
		return nil
	}
	c.lru.MoveToFront(e)
	return p
}

// put keeps a page, making room for it; a page larger than a sixteenth of
// the cache is not kept.
func (c *pageCache) put(p *cachedPage) {
	if p.cost() > c.max/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[p.key]; ok {
		c.remove(e)
	}
	for c.size+p.cost() > c.max {
		c.remove(c.lru.Back())
	}
	c.entries[p.key] = c.lru.PushFront(p)
	c.size += p.cost()
}

func (c *pageCache) remove(e *list.Element) {
	p := c.lru.Remove(e).(*cachedPage)
	delete(c.entries, p.key)
	c.size -= p.cost()
}

// bytes is the memory the kept pages take.
func (c *pageCache) bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

// cached wraps a public page's handler with the page cache.
func (s *Server) cached(next http.HandlerFunc, shows store.Shows) http.HandlerFunc {
	if s.cache == nil {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || whoFrom(r.Context()) != nil {
			next(w, r)
			return
		}
		// The version is read before the handler reads any data.
		version, day, now := s.store.PublicVersion(shows), calendar.DayOf(s.store.Now()), time.Now()
		key := lang.FromRequest(r) + " " + baseURL(r) + r.URL.Path + "?" + r.URL.RawQuery
		if p := s.cache.get(key, version, day, now); p != nil {
			p.serve(w, r)
			return
		}
		// Render the whole page (not a 304) so that it can be kept.
		r2 := *r
		r2.Header = r.Header.Clone()
		r2.Header.Del("If-None-Match")
		rec := &recorder{header: http.Header{}}
		next(rec, &r2)
		p := &cachedPage{key: key, version: version, day: day, at: now, header: rec.header, body: rec.body.Bytes()}
		if rec.status != http.StatusOK || rec.header.Get("Set-Cookie") != "" {
			rec.copyTo(w)
			return
		}
		if p.header.Get("ETag") == "" {
			sum := sha256.Sum256(p.body)
			p.header.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
		}
		s.cache.put(p)
		p.serve(w, r)
	}
}

// serve writes a kept page, or 304 Not Modified when the client holds it.
func (p *cachedPage) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v[:len(v):len(v)] // shared by every response: an Add copies it
	}
	if r.Header.Get("If-None-Match") == p.header.Get("ETag") {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(p.body)
}

// recorder holds a handler's response.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

// copyTo writes the recorded response as it was.
func (r *recorder) copyTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	if r.status == 0 {
		r.status = http.StatusOK
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes())
}
