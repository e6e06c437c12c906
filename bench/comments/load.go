package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"coso/auth"
	"coso/consultation"
	"coso/place"
	"coso/store"
)

// Setup is a consultation open to comments and the citizens who will
// comment, each with an API token.
type Setup struct {
	Consultation int64
	Sections     int
	Citizens     []Citizen
}

// Citizen is one commenter.
type Citizen struct {
	ID    int64
	Token string
}

const units = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
10001,Xã An Hoà,commune,38
10001.01,Thôn Đông,village,10001
`

// Prepare makes a commune with an open three-article consultation and n
// citizen accounts with tokens, directly in the store.
func Prepare(ctx context.Context, st *store.Store, n, sections int) (*Setup, error) {
	if sections < 1 || sections > 3 {
		return nil, fmt.Errorf("sections must be 1 to 3")
	}
	rows, err := place.ReadCSV(strings.NewReader(units))
	if err != nil {
		return nil, err
	}
	if _, err := st.ImportUnits(ctx, rows); err != nil {
		return nil, err
	}
	commune, err := st.UnitByCode(ctx, "10001")
	if err != nil {
		return nil, err
	}
	c := &consultation.Consultation{UnitID: commune.ID, Subject: consultation.DemocracyRule, Title: "Quy chế thực hiện dân chủ của xã",
		Sections: consultation.Split("Điều 1. Phạm vi\nA\nĐiều 2. Công khai\nB\nĐiều 3. Hiệu lực\nC"),
		ClosesOn: consultation.EarliestClose(st.Now(), 20)}
	if err := st.CreateConsultation(ctx, c); err != nil {
		return nil, err
	}
	if err := st.OpenConsultation(ctx, c.ID, time.Time{}); err != nil {
		return nil, err
	}
	s := &Setup{Consultation: c.ID, Sections: sections}
	for i := range n {
		var id int64
		if err := st.DB().QueryRowContext(ctx, "INSERT INTO citizens (phone, created_at, last_seen_at) VALUES ($1, $2, $2) RETURNING id",
			fmt.Sprintf("+849160%05d", i), st.Now().UTC()).Scan(&id); err != nil {
			return nil, err
		}
		token, hash, err := auth.NewToken()
		if err != nil {
			return nil, err
		}
		if _, err := st.CreateCitizenToken(ctx, id, hash, st.Now().Add(time.Hour)); err != nil {
			return nil, err
		}
		s.Citizens = append(s.Citizens, Citizen{ID: id, Token: token})
	}
	return s, nil
}

// Result is what a load run measured and found.
type Result struct {
	Requests   int
	OK         int // answered 201
	Failed     int // any other answer, or no answer
	Stored     int // comments found in the store afterwards
	Lost       int // answered 201 but not stored, once, under its citizen and section
	Elapsed    time.Duration
	Throughput float64 // comments stored per second
	P50, P99   time.Duration
	Max        time.Duration
	Errors     []string // the first few failures
}

// Header names the columns of Line.
const Header = "engine    requests  ok    failed  stored  lost  elapsed   comments/s  p50       p99       max"

// Line is the result on one line under Header.
func (r Result) Line(engine string) string {
	return fmt.Sprintf("%-9s %-9d %-5d %-7d %-7d %-5d %-9s %-11.0f %-9s %-9s %s", engine, r.Requests, r.OK, r.Failed, r.Stored, r.Lost,
		r.Elapsed.Round(time.Millisecond), r.Throughput, r.P50.Round(time.Millisecond), r.P99.Round(time.Millisecond), r.Max.Round(time.Millisecond))
}

// Load lets every citizen post, all at once (each sends its comments one
// after the other), and then checks the store.
func Load(ctx context.Context, st *store.Store, base string, s *Setup) (Result, error) {
	client := &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: len(s.Citizens), MaxConnsPerHost: 0}}
	endpoint := fmt.Sprintf("%s/api/v1/consultations/%d/comments", base, s.Consultation)
	var (
		mu        sync.Mutex
		latencies []time.Duration
		res       Result
		answered  = map[[2]int64]bool{} // (citizen, section) answered 201
		wg        sync.WaitGroup
	)
	start := make(chan struct{})
	for i, c := range s.Citizens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for sec := 1; sec <= s.Sections; sec++ {
				body, _ := json.Marshal(map[string]any{"section": sec, "stance": []string{"agree", "disagree", "other"}[(i+sec)%3],
					"text": fmt.Sprintf("Ý kiến số %d của người dân %d về điều %d.", sec, i, sec)})
				t0 := time.Now()
				status, msg := post(ctx, client, endpoint, c.Token, body)
				d := time.Since(t0)
				mu.Lock()
				res.Requests++
				latencies = append(latencies, d)
				if status == http.StatusCreated {
					res.OK++
					answered[[2]int64{c.ID, int64(sec)}] = true
				} else {
					res.Failed++
					if len(res.Errors) < 5 {
						res.Errors = append(res.Errors, fmt.Sprintf("citizen %d section %d: %d %s", c.ID, sec, status, msg))
					}
				}
				mu.Unlock()
			}
		}()
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	res.Elapsed = time.Since(t0)
	slices.Sort(latencies)
	if n := len(latencies); n > 0 {
		res.P50, res.P99, res.Max = latencies[n/2], latencies[min(n-1, n*99/100)], latencies[n-1]
	}
	if err := verify(ctx, st, s, answered, &res); err != nil {
		return res, err
	}
	res.Throughput = float64(res.Stored) / res.Elapsed.Seconds()
	return res, nil
}

func post(ctx context.Context, client *http.Client, endpoint, token string, body []byte) (int, string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
	return resp.StatusCode, string(msg)
}

// verify reads the comments back: every comment answered 201 must be
// stored once, under its citizen and section, with its own text; and no
// comment may be stored that was not answered 201.
func verify(ctx context.Context, st *store.Store, s *Setup, answered map[[2]int64]bool, res *Result) error {
	ops, err := st.Opinions(ctx, s.Consultation, store.OpinionFilter{Section: store.AllSections})
	if err != nil {
		return err
	}
	res.Stored = len(ops)
	found := map[[2]int64]int{}
	for _, o := range ops {
		found[[2]int64{o.CitizenID, int64(o.Section)}]++
	}
	for i, c := range s.Citizens {
		for sec := 1; sec <= s.Sections; sec++ {
			key := [2]int64{c.ID, int64(sec)}
			want := fmt.Sprintf("Ý kiến số %d của người dân %d về điều %d.", sec, i, sec)
			if answered[key] && (found[key] != 1 || !hasText(ops, c.ID, sec, want)) {
				res.Lost++
			}
		}
	}
	if res.Stored != res.OK {
		return fmt.Errorf("%d comments answered 201 but %d stored", res.OK, res.Stored)
	}
	return nil
}

func hasText(ops []*consultation.Opinion, citizen int64, section int, text string) bool {
	for _, o := range ops {
		if o.CitizenID == citizen && o.Section == section {
			return o.Text == text
		}
	}
	return false
}

// freshSchema makes a new schema in the database at dsn and returns a URL
// that uses it, and the function that drops it.
func freshSchema(ctx context.Context, dsn string) (string, func(), error) {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "load_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		_ = admin.Close()
		return "", nil, err
	}
	drop := func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		_ = admin.Close()
	}
	u, err := url.Parse(dsn)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}
