package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"coso/bench/fault/proc"
)

// stormResult is what the voters saw.
type stormResult struct {
	receipts   map[int]string // voter → the receipt the server returned
	unanswered int            // ballots stored whose answer was lost with the server (409 on the retry)
	failures   []string
	kills      int
}

// outcome is one household's end: a receipt, or the 409 that says its
// ballot was stored by an attempt whose answer never came, or a failure.
type outcome struct {
	receipt    string
	unanswered bool
	failure    string
}

// storm sends every household's ballot from c.workers goroutines while
// the server is killed c.kills times at random moments. A household whose
// request fails (connection refused or cut, or a 5xx) tries again until it
// gets an answer.
func storm(ctx context.Context, srv *proc.Server, v *village, c config, rng *rand.Rand) *stormResult {
	queue := make(chan int, len(v.voters))
	for i := range v.voters {
		queue <- i
	}
	close(queue)
	res := &stormResult{receipts: map[int]string{}}
	var mu sync.Mutex
	var pending atomic.Int64
	pending.Store(int64(len(v.voters)))
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: c.workers}}
	var wg sync.WaitGroup
	for range c.workers {
		wg.Go(func() {
			for i := range queue {
				o := cast(ctx, client, srv, v, i)
				mu.Lock()
				switch {
				case o.receipt != "":
					res.receipts[i] = o.receipt
				case o.unanswered:
					res.unanswered++
				default:
					res.failures = append(res.failures, o.failure)
				}
				mu.Unlock()
				pending.Add(-1)
			}
		})
	}
	for res.kills < c.kills {
		time.Sleep(c.minUp + time.Duration(rng.Int64N(int64(c.maxUp-c.minUp)+1)))
		if pending.Load() == 0 {
			break
		}
		if err := srv.Kill(); err != nil {
			mu.Lock()
			res.failures = append(res.failures, "kill: "+err.Error())
			mu.Unlock()
			break
		}
		res.kills++
		if err := srv.Start(); err != nil {
			mu.Lock()
			res.failures = append(res.failures, "restart: "+err.Error())
			mu.Unlock()
			break
		}
	}
	wg.Wait()
	return res
}

// cast sends household i's ballot until an answer comes.
func cast(ctx context.Context, client *http.Client, srv *proc.Server, v *village, i int) outcome {
	vt := v.voters[i]
	body := fmt.Appendf(nil, `{"option":%d}`, vt.option)
	unknown := false // an earlier attempt may have been stored
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		status, answer, err := post(ctx, client, srv.URL(fmt.Sprintf("/api/v1/matters/%d/ballots", v.matter)), vt.token, body)
		if err != nil || status >= 500 {
			unknown = true
			time.Sleep(20 * time.Millisecond)
			continue
		}
		switch {
		case status == http.StatusCreated:
			var r struct{ Receipt string }
			if err := json.Unmarshal(answer, &r); err != nil || r.Receipt == "" {
				return outcome{failure: fmt.Sprintf("%s: 201 without a receipt: %s", vt.household, answer)}
			}
			return outcome{receipt: r.Receipt}
		case status == http.StatusConflict && unknown && strings.Contains(string(answer), "already voted"):
			return outcome{unanswered: true}
		}
		return outcome{failure: fmt.Sprintf("%s: %d %s", vt.household, status, answer)}
	}
	return outcome{failure: vt.household + ": no answer within 3 minutes"}
}

func post(ctx context.Context, client *http.Client, url, token string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}
