package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"coso/bench/fault/proc"
)

// pageResult is one page's B1 numbers, a value per round.
type pageResult struct {
	path                 string
	bytes                int
	cosoRPS, staticRPS   []float64
	cosoP99, staticP99   []float64 // milliseconds
	cosoErrs, staticErrs int64
}

// pagesBench saves each page's bytes for the reference file server, starts
// it as a process of its own (as coso is), and measures both in turn.
func pagesBench(c config, srv *proc.Server, work string, paths []string, r *report) error {
	dir := filepath.Join(work, "static")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	var refs []string
	for i, p := range paths {
		res, err := http.Get(srv.URL(p))
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(res.Body)
		_ = res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("%s: %d", p, res.StatusCode)
		}
		name := "page" + strconv.Itoa(i) + ".html"
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o600); err != nil {
			return err
		}
		refs = append(refs, "/"+name)
		r.pages = append(r.pages, &pageResult{path: p, bytes: len(body)})
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	ref := exec.Command(self, "-static", dir, "-addr", addr) // #nosec G204 -- this program, serving our own directory
	if err := ref.Start(); err != nil {
		return err
	}
	defer func() { _ = ref.Process.Kill(); _ = ref.Wait() }()
	if err := waitURL("http://" + addr + refs[0]); err != nil {
		return err
	}
	for round := 1; round <= c.rounds; round++ {
		for i, pr := range r.pages {
			fmt.Fprintf(os.Stderr, "B1 round %d/%d %s\n", round, c.rounds, pr.path)
			rps, errs := saturate(srv.URL(pr.path), c.conc, c.dur)
			pr.cosoRPS, pr.cosoErrs = append(pr.cosoRPS, rps), pr.cosoErrs+errs
			rps, errs = saturate("http://"+addr+refs[i], c.conc, c.dur)
			pr.staticRPS, pr.staticErrs = append(pr.staticRPS, rps), pr.staticErrs+errs
			lat, e := fixedRate(srv.URL(pr.path), c.rate, c.dur)
			pr.cosoP99, pr.cosoErrs = append(pr.cosoP99, ms(percentile(lat, 99))), pr.cosoErrs+int64(e)
			lat, e = fixedRate("http://"+addr+refs[i], c.rate, c.dur)
			pr.staticP99, pr.staticErrs = append(pr.staticP99, ms(percentile(lat, 99))), pr.staticErrs+int64(e)
		}
	}
	return nil
}

func waitURL(url string) error {
	for range 500 {
		if res, err := http.Get(url); err == nil { // #nosec G107 -- the reference server this program started
			_ = res.Body.Close()
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer", url)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// peakRSS reads the peak resident memory of a process (VmHWM), in MiB.
func peakRSS(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
