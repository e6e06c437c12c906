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

// searchBench sends searches one after another, never the same address
// twice, and keeps the latencies.
func searchBench(c config, srv *proc.Server, r *report) error {
	fmt.Fprintln(os.Stderr, "B4 search")
	client := newClient(1)
	for i := range c.searches {
		q := terms[i%len(terms)]
		start := time.Now()
		// A different address each time: the page cache must not answer.
		if !get(client, srv.URL(fmt.Sprintf("/disclosures?q=%s&n=%d", url.QueryEscape(q), i))) {
			return fmt.Errorf("search %q failed", q)
		}
		r.search = append(r.search, time.Since(start))
	}
	return nil
}
