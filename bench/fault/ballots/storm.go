package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"coso/bench/fault/proc"
)

// The three kinds of write of the storm, in the order they are reported.
const (
	ballots   = "ballots"
	comments  = "comments"
	petitions = "petitions"
)

var kinds = []string{ballots, comments, petitions}

// tally is what the senders of one kind of write saw.
type tally struct {
	acked      map[int]string // work item → what the server returned: a receipt, a comment's id, a tracking code
	unanswered int            // stored by an attempt whose answer was lost with the server (409 on the retry)
}

// stormResult is what the storm's senders and its killer saw.
type stormResult struct {
	tallies  map[string]*tally
	failures []string
	kills    int
	checks   int           // integrity checks passed, each while the server was down
	longest  time.Duration // the longest of them
}

// checked counts an integrity check that passed in d.
func (r *stormResult) checked(d time.Duration) {
	r.checks++
	r.longest = max(r.longest, d)
}

// outcome is one work item's end: what the server acknowledged, or the
// 409 that says an attempt whose answer never came was stored, or a
// failure.
type outcome struct {
	ack        string
	unanswered bool
	failure    string
}

// job is one kind of write: n work items sent by workers goroutines.
type job struct {
	kind    string
	n       int
	workers int
	send    func(ctx context.Context, i int) outcome
}

// storm sends every household's ballot and comment and the anonymous
// petitions, each kind from goroutines of its own, while the server is
// killed c.kills times at random moments; between each kill and the next
// start the database file must pass SQLite's integrity check. A request
// that fails (connection refused or cut, or a 5xx) is sent again until it
// gets an answer.
func storm(ctx context.Context, srv *proc.Server, v *village, c config, rng *rand.Rand) *stormResult {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: c.workers}}
	jobs := []job{
		{ballots, len(v.voters), c.workers, func(ctx context.Context, i int) outcome { return cast(ctx, client, srv, v, i) }},
		{comments, len(v.voters), max(1, c.workers/2), func(ctx context.Context, i int) outcome { return comment(ctx, client, srv, v, i) }},
		{petitions, v.petitions, max(1, c.workers/4), func(ctx context.Context, i int) outcome { return petitionOf(ctx, srv, v, i) }},
	}
	r := &stormRun{res: &stormResult{tallies: map[string]*tally{}}}
	for _, j := range jobs {
		r.launch(ctx, j)
	}
	for r.res.kills < c.kills {
		time.Sleep(c.minUp + time.Duration(rng.Int64N(int64(c.maxUp-c.minUp)+1)))
		if r.pending.Load() == 0 {
			break
		}
		r.res.kills++
		d, err := restart(srv)
		if err != nil {
			r.fail(fmt.Sprintf("kill %d: %v", r.res.kills, err))
			cancel() // the senders stop rather than wait minutes for a server that is not coming back
			break
		}
		r.res.checked(d)
	}
	r.wg.Wait()
	return r.res
}

// stormRun is a storm under way: its result (the tallies and failures
// guarded by mu; kills and checks written only by the killer), the work
// items not yet ended, and the senders.
type stormRun struct {
	res     *stormResult
	mu      sync.Mutex
	pending atomic.Int64
	wg      sync.WaitGroup
}

// launch queues j's work items and starts its senders.
func (r *stormRun) launch(ctx context.Context, j job) {
	t := &tally{acked: map[int]string{}}
	r.res.tallies[j.kind] = t
	r.pending.Add(int64(j.n))
	queue := make(chan int, j.n)
	for i := range j.n {
		queue <- i
	}
	close(queue)
	for range j.workers {
		r.wg.Go(func() {
			for i := range queue {
				r.record(j.kind, t, i, j.send(ctx, i))
				r.pending.Add(-1)
			}
		})
	}
}

// record keeps work item i's outcome.
func (r *stormRun) record(kind string, t *tally, i int, o outcome) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case o.ack != "":
		t.acked[i] = o.ack
	case o.unanswered:
		t.unanswered++
	default:
		r.res.failures = append(r.res.failures, kind+": "+o.failure)
	}
}

func (r *stormRun) fail(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.failures = append(r.res.failures, msg)
}

// restart kills the server, checks the database file while nothing runs
// on it, and starts the server again; it returns how long the check took.
func restart(srv *proc.Server) (time.Duration, error) {
	if err := srv.Kill(); err != nil {
		return 0, fmt.Errorf("kill: %w", err)
	}
	d, err := integrity(srv.DataDir())
	if err != nil {
		return 0, fmt.Errorf("after a kill: %w", err)
	}
	if err := srv.Start(); err != nil {
		return 0, fmt.Errorf("restart: %w", err)
	}
	return d, nil
}

// cast sends household i's ballot until an answer comes.
func cast(ctx context.Context, client *http.Client, srv *proc.Server, v *village, i int) outcome {
	vt := v.voters[i]
	body := fmt.Appendf(nil, `{"option":%d}`, vt.option)
	return once(ctx, client, vt.household, srv.URL(fmt.Sprintf("/api/v1/matters/%d/ballots", v.matter)), vt.token, body, "already voted",
		func(answer []byte) (string, error) {
			var r struct{ Receipt string }
			if err := json.Unmarshal(answer, &r); err != nil || r.Receipt == "" {
				return "", fmt.Errorf("%s: 201 without a receipt: %s", vt.household, answer)
			}
			return r.Receipt, nil
		})
}

// comment sends household i's opinion on the consultation (as its
// representative, with the citizen's token) until an answer comes. The
// comment's id is what the server acknowledges.
func comment(ctx context.Context, client *http.Client, srv *proc.Server, v *village, i int) outcome {
	vt := v.voters[i]
	o := v.opinions[i]
	body, err := json.Marshal(map[string]any{"section": o.section, "stance": o.stance, "text": o.text})
	if err != nil {
		return outcome{failure: err.Error()}
	}
	return once(ctx, client, vt.household, srv.URL(fmt.Sprintf("/api/v1/consultations/%d/comments", v.consultation)), vt.token, body, "already commented",
		func(answer []byte) (string, error) {
			var r struct{ ID int64 }
			if err := json.Unmarshal(answer, &r); err != nil || r.ID == 0 {
				return "", fmt.Errorf("%s: 201 without a comment: %s", vt.household, answer)
			}
			return strconv.FormatInt(r.ID, 10), nil
		})
}

// petitionOf sends anonymous feedback i to the commune, as anyone may
// without signing in, until an answer comes. Each sender has an address
// of its own on the loopback network (127.2.x.y), as people send from
// their own phones: the server allows 20 petitions a day per address. A
// petition has no idempotency key, so a retry after a lost answer may
// store a second case; only the tracking code returned counts.
func petitionOf(ctx context.Context, srv *proc.Server, v *village, i int) outcome {
	ip := net.ParseIP(fmt.Sprintf("127.%d.%d.%d", 2+i>>16, i>>8&255, i&255))
	tr := &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}, Timeout: 5 * time.Second}).DialContext}
	defer tr.CloseIdleConnections()
	client := &http.Client{Timeout: 20 * time.Second, Transport: tr}
	body, err := json.Marshal(map[string]any{"unit": v.commune, "kind": "feedback", "anonymous": true,
		"subject": fmt.Sprintf("Phản ánh thử nghiệm số %d", i+1), "content": "Phản ánh thử nghiệm trong bão ghi: đường liên thôn bị sạt lở, đề nghị xã sửa."})
	if err != nil {
		return outcome{failure: err.Error()}
	}
	return once(ctx, client, fmt.Sprintf("petition %d", i), srv.URL("/api/v1/petitions"), "", body, "",
		func(answer []byte) (string, error) {
			var r struct{ Code string }
			if err := json.Unmarshal(answer, &r); err != nil || r.Code == "" {
				return "", fmt.Errorf("petition %d: 201 without a tracking code: %s", i, answer)
			}
			return r.Code, nil
		})
}

// once posts body until an answer other than a lost connection or a 5xx
// comes, or ctx ends. A 201 is acknowledged with what ack reads from it. A 409 whose
// text holds dup (when dup is not empty) after an attempt without an
// answer means that attempt was stored.
func once(ctx context.Context, client *http.Client, who, url, token string, body []byte, dup string, ack func([]byte) (string, error)) outcome {
	unknown := false // an earlier attempt may have been stored
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		if ctx.Err() != nil { // the killer gave up: the server will not come back
			return outcome{failure: who + ": storm stopped"}
		}
		status, answer, err := post(ctx, client, url, token, body)
		if err != nil || status >= 500 {
			unknown = true
			time.Sleep(20 * time.Millisecond)
			continue
		}
		switch {
		case status == http.StatusCreated:
			a, err := ack(answer)
			if err != nil {
				return outcome{failure: err.Error()}
			}
			return outcome{ack: a}
		case status == http.StatusConflict && unknown && dup != "" && strings.Contains(string(answer), dup):
			return outcome{unanswered: true}
		}
		return outcome{failure: fmt.Sprintf("%s: %d %s", who, status, answer)}
	}
	return outcome{failure: who + ": no answer within 3 minutes"}
}

func post(ctx context.Context, client *http.Client, url, token string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}
