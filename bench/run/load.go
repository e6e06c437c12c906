package main

import (
	"context"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// client keeps many connections open to one server.
func newClient(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}}
}

// get fetches url and reads the whole answer; ok is a 200.
func get(c *http.Client, url string) bool {
	res, err := c.Get(url)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, res.Body)
	_ = res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// saturate sends requests from conc workers, each as soon as the last one
// answered, for d, and returns the answered requests per second. Any
// answer but 200 counts as an error.
func saturate(url string, conc int, d time.Duration) (perSec float64, errs int64) {
	c := newClient(conc)
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var ok, bad atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if get(c, url) {
					ok.Add(1)
				} else {
					bad.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return float64(ok.Load()) / time.Since(start).Seconds(), bad.Load()
}

// fixedRate sends rate requests per second for d, each at its scheduled
// moment whatever happened to the others (an open loop), and returns the
// latencies measured from the scheduled moment, so a slow answer also
// delays the ones queued behind it (no coordinated omission).
func fixedRate(url string, rate int, d time.Duration) (lat []time.Duration, errs int) {
	c := newClient(256)
	n := int(d.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	results := make([]time.Duration, n)
	failed := make([]bool, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		wg.Add(1)
		go func() {
			defer wg.Done()
			failed[i] = !get(c, url)
			results[i] = time.Since(at)
		}()
	}
	wg.Wait()
	for i := range n {
		if failed[i] {
			errs++
		}
	}
	return results, errs
}

// percentile returns the p-th percentile (0–100) of ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

// median of xs.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
