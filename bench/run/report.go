package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"coso/demo"
	"coso/store"
)

// report gathers a run's numbers.
type report struct {
	engine, cmd                string
	gen                        *demo.Generated
	stats                      store.Stats
	disclosures                int
	start                      time.Duration
	peakRSS                    float64
	pages                      []*pageResult
	search                     []time.Duration
	figures                    []*figureResult
	ballots, comments, inserts []float64
}

func (r *report) print(w io.Writer, c config) {
	fmt.Fprintf(w, "### %s, %s\n\n", r.engine, time.Now().Format("2006-01-02"))
	fmt.Fprintf(w, "Machine: %s. Command: `%s`. Rounds: %d, %s each, coso then the reference in every round; medians.\n\n",
		machine(), r.cmd, c.rounds, c.dur)
	fmt.Fprintf(w, "Province: %d communes, %d villages, %d households, %d disclosures.", r.stats.Communes, r.stats.Villages, r.stats.Households, r.disclosures)
	if r.gen != nil {
		a := r.gen.Activity
		fmt.Fprintf(w, " Generated in this run in %s (%d persons; a year of activity: %d consultations with %d opinions, %d matters with %d online ballots, %d petitions).",
			r.gen.Took.Round(time.Second), r.gen.Persons, a.Consultations, a.Opinions, a.Matters, a.Ballots, a.Petitions)
	}
	fmt.Fprint(w, "\n\n| measure | coso | reference | ratio |\n|---|---:|---:|---:|\n")
	for _, p := range r.pages {
		cr, sr := median(p.cosoRPS), median(p.staticRPS)
		fmt.Fprintf(w, "| B1 `%s` (%d bytes), req/s at saturation (%d connections) | %.0f | %.0f (Go file server) | %.2f |\n",
			p.path, p.bytes, c.conc, cr, sr, cr/sr)
		cp, sp := median(p.cosoP99), median(p.staticP99)
		fmt.Fprintf(w, "| B1 `%s`, p99 at %d req/s (ms) | %.1f | %.1f | %.1f× |\n", p.path, c.rate, cp, sp, cp/sp)
		if p.cosoErrs+p.staticErrs > 0 {
			fmt.Fprintf(w, "| B1 `%s` errors | %d | %d | |\n", p.path, p.cosoErrs, p.staticErrs)
		}
	}
	if len(r.ballots) > 0 {
		b, cm, i := median(r.ballots), median(r.comments), median(r.inserts)
		durability := "SQLite, synchronous=FULL"
		if r.engine == "postgres" {
			durability = "PostgreSQL, synchronous_commit on"
		}
		fmt.Fprintf(w, "| B2 durable online ballots/s (%s) | %.0f | %.0f (raw single-row inserts) | %.2f |\n", durability, b, i, b/i)
		fmt.Fprintf(w, "| B2 durable consultation comments/s (%s) | %.0f | %.0f (raw single-row inserts) | %.2f |\n", durability, cm, i, cm/i)
	}
	for _, f := range r.figures {
		cm, sm := median(f.coso), median(f.shell)
		fmt.Fprintf(w, "| B3 %s, province (ms) | %.1f | %.1f (%s) | %s |\n", f.name, cm, sm, f.shellName, times(cm, sm))
	}
	fmt.Fprintf(w, "| B4 search over %d disclosures, p95 (ms), p50 | %.1f, %.1f | | |\n", r.disclosures, ms(percentile(r.search, 95)), ms(percentile(r.search, 50)))
	fmt.Fprintf(w, "| B5 peak resident memory after B1 (MiB) | %.0f | | |\n", r.peakRSS)
	fmt.Fprintf(w, "| B5 start to first served page (s) | %.2f | | |\n\n", r.start.Seconds())
}

// times is how many times a takes b, or "n/a" when b is too small to tell.
func times(a, b float64) string {
	if b < 0.05 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f×", a/b)
}

// machine describes where the run happened.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%d cores (%s), %s, %s/%s", runtime.NumCPU(), model, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
