package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func page(key string, version uint64, day, at time.Time, size int) *cachedPage {
	return &cachedPage{key: key, version: version, day: day, at: at, header: http.Header{"Etag": {`"x"`}}, body: []byte(strings.Repeat("a", size))}
}

// A kept page is served while its version, its day and its age hold.
func TestPageCacheKeeps(t *testing.T) {
	c := newPageCache(1 << 20)
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	c.put(page("vi /units/1/disclosures?", 7, day, at, 100))
	if c.get("vi /units/1/disclosures?", 7, day, at.Add(pageCacheAge)) == nil {
		t.Fatal("a fresh page is not served")
	}
	for _, tc := range []struct {
		what    string
		key     string
		version uint64
		day     time.Time
		now     time.Time
	}{
		{"another language", "en /units/1/disclosures?", 7, day, at},
		{"another query", "vi /units/1/disclosures?category=7", 7, day, at},
		{"a change since", "vi /units/1/disclosures?", 8, day, at},
		{"another day", "vi /units/1/disclosures?", 7, day.AddDate(0, 0, 1), at},
		{"too old", "vi /units/1/disclosures?", 7, day, at.Add(pageCacheAge + time.Millisecond)},
	} {
		if c.get(tc.key, tc.version, tc.day, tc.now) != nil {
			t.Errorf("%s: served", tc.what)
		}
	}
	if c.get("vi /units/1/disclosures?", 7, day, at) != nil || c.bytes() != 0 {
		t.Errorf("a stale page is kept: %d bytes", c.bytes())
	}
}

// The cache never holds more than its bytes; the least recently used
// pages go first, and a page too large is not kept.
func TestPageCacheBound(t *testing.T) {
	const max = 64 << 10
	c := newPageCache(max)
	day, at := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for i := range 100 {
		c.put(page(fmt.Sprintf("k%d", i), 1, day, at, 3000))
		if i == 90 {
			c.get("k75", 1, day, at) // used: stays longer than its neighbours
		}
		if c.bytes() > max {
			t.Fatalf("after %d pages: %d bytes", i+1, c.bytes())
		}
	}
	if c.get("k99", 1, day, at) == nil || c.get("k75", 1, day, at) == nil {
		t.Error("the newest or a recently used page was dropped")
	}
	if c.get("k0", 1, day, at) != nil || c.get("k76", 1, day, at) != nil {
		t.Error("old pages were kept")
	}
	c.put(page("big", 1, day, at, max/16))
	if c.get("big", 1, day, at) != nil {
		t.Error("a page larger than a sixteenth of the cache was kept")
	}
	if newPageCache(-1) != nil {
		t.Error("a negative size does not turn the cache off")
	}
}

// A served page answers If-None-Match with 304, and a header added by a
// later handler (the session's Vary) does not grow the kept one.
func TestCachedPageServe(t *testing.T) {
	p := page("k", 1, time.Time{}, time.Time{}, 10)
	p.header.Set("Vary", "Cookie")
	for range 3 {
		w := httptest.NewRecorder()
		p.serve(w, httptest.NewRequest("GET", "/", nil))
		w.Header().Add("Vary", "Cookie")
		if w.Code != 200 || w.Body.Len() != 10 {
			t.Fatalf("served %d, %d bytes", w.Code, w.Body.Len())
		}
	}
	if len(p.header["Vary"]) != 1 {
		t.Errorf("the kept header grew: %v", p.header["Vary"])
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("If-None-Match", `"x"`)
	w := httptest.NewRecorder()
	p.serve(w, r)
	if w.Code != http.StatusNotModified || w.Body.Len() != 0 {
		t.Errorf("conditional: %d, %d bytes", w.Code, w.Body.Len())
	}
}
