package main

import (
	"fmt"
	"net/url"
	"os"
	"time"

	"coso/bench/fault/proc"
)

// terms are what people type, without diacritics, as on a cheap phone.
var terms = []string{"ho ngheo", "tien dien", "ngan sach", "quy hoach", "nhap ngu", "thu tuc hanh chinh",
	"giai phong mat bang", "nha van hoa", "bao so 3", "tiep cong dan", "phi le phi", "tai san cong"}

// searchBench sends searches one after another and keeps the latencies.
func searchBench(c config, srv *proc.Server, r *report) error {
	fmt.Fprintln(os.Stderr, "B4 search")
	client := newClient(1)
	for i := range c.searches {
		q := terms[i%len(terms)]
		start := time.Now()
		if !get(client, srv.URL("/disclosures?q="+url.QueryEscape(q))) {
			return fmt.Errorf("search %q failed", q)
		}
		r.search = append(r.search, time.Since(start))
	}
	return nil
}
