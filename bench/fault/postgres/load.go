package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"coso/bench/fault/proc"
)

// load is the writers: each sends disclosures, in turn to every server
// still in its list, and the outcome of every request is kept by phase.
type load struct {
	token  string
	phase  atomic.Int32
	mu     sync.Mutex
	acked  []int64
	counts map[string]int // "phase/server/outcome"
	seq    atomic.Int64
	stop   chan struct{}
	wg     sync.WaitGroup

	targets atomic.Pointer[[]*proc.Server]
}

func newLoad(token string, servers ...*proc.Server) *load {
	l := &load{token: token, counts: map[string]int{}, stop: make(chan struct{})}
	l.setTargets(servers...)
	return l
}

func (l *load) setTargets(servers ...*proc.Server) { l.targets.Store(&servers) }

func (l *load) start(writers int) {
	client := &http.Client{Timeout: 30 * time.Second}
	for w := range writers {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for i := w; ; i++ {
				select {
				case <-l.stop:
					return
				default:
				}
				ts := *l.targets.Load()
				srv := ts[i%len(ts)]
				l.record(srv, l.write(client, srv))
			}
		}()
	}
}

func (l *load) finish() {
	close(l.stop)
	l.wg.Wait()
}

// write creates one disclosure and says how it went: "201", "503", another
// status, or "conn" when the server did not answer.
func (l *load) write(client *http.Client, srv *proc.Server) string {
	n := l.seq.Add(1)
	body, _ := json.Marshal(map[string]string{"unit": "90002", "category": "7", "decided_on": "2026-11-02",
		"title": fmt.Sprintf("Thông báo thử số %d", n), "body": "Nội dung thử."})
	req, _ := http.NewRequest("POST", srv.URL("/api/v1/disclosures"), bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+l.token)
	res, err := client.Do(req)
	if err != nil {
		return "conn"
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	var p struct {
		ID        int64  `json:"id"`
		MessageVI string `json:"message_vi"`
	}
	_ = json.Unmarshal(out, &p)
	switch {
	case res.StatusCode == http.StatusCreated:
		l.mu.Lock()
		l.acked = append(l.acked, p.ID)
		l.mu.Unlock()
	case res.StatusCode == http.StatusServiceUnavailable && p.MessageVI == "":
		return "503-without-message"
	}
	return fmt.Sprint(res.StatusCode)
}

func (l *load) record(srv *proc.Server, outcome string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.counts[fmt.Sprintf("%d/%s/%s", l.phase.Load(), srv.URL(""), outcome)]++
}

// outcomes returns the counts of a phase and server, by outcome.
func (l *load) outcomes(phase int, srv *proc.Server) map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]int{}
	prefix := fmt.Sprintf("%d/%s/", phase, srv.URL(""))
	for k, n := range l.counts {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			out[rest] += n
		}
	}
	return out
}
