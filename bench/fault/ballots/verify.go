package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"

	"coso/bench/fault/proc"
)

type verdict struct {
	participants int
	counts, sent []int
	lost         int
	exact        bool // one ballot per household, each with its household's choice
}

// verify kills the server once more after the storm and starts it again,
// then checks every returned receipt over the API, closes and counts the
// vote with the village head's token, compares the result with what the
// households sent, and checks the receipts again (the close rewrites every
// ballot).
func verify(ctx context.Context, srv *proc.Server, v *village, s *stormResult) (*verdict, error) {
	if err := srv.Kill(); err != nil {
		return nil, err
	}
	if err := srv.Start(); err != nil {
		return nil, err
	}
	d := &verdict{sent: make([]int, v.options)}
	for _, vt := range v.voters {
		d.sent[vt.option]++
	}
	lost := map[int]bool{}
	if err := checkReceipts(ctx, srv, v, s, lost); err != nil {
		return nil, err
	}
	for _, step := range []string{"close", "count"} {
		if _, err := call(ctx, srv, http.MethodPost, fmt.Sprintf("/api/v1/matters/%d/%s", v.matter, step), v.official); err != nil {
			return nil, err
		}
	}
	b, err := call(ctx, srv, http.MethodGet, fmt.Sprintf("/api/v1/matters/%d/result", v.matter), "")
	if err != nil {
		return nil, err
	}
	var r struct {
		Participants int
		Options      []struct{ Votes int }
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	d.participants = r.Participants
	for _, o := range r.Options {
		d.counts = append(d.counts, o.Votes)
	}
	if err := checkReceipts(ctx, srv, v, s, lost); err != nil {
		return nil, err
	}
	d.lost = len(lost)
	d.exact = d.participants == len(v.voters) && slices.Equal(d.counts, d.sent)
	return d, nil
}

// checkReceipts asks the API about every receipt returned during the
// storm and marks those it does not find.
func checkReceipts(ctx context.Context, srv *proc.Server, v *village, s *stormResult, lost map[int]bool) error {
	for i, code := range s.receipts {
		b, err := call(ctx, srv, http.MethodGet, fmt.Sprintf("/api/v1/matters/%d/receipts/%s", v.matter, code), "")
		if err != nil {
			return err
		}
		var c struct{ Found bool }
		if err := json.Unmarshal(b, &c); err != nil {
			return err
		}
		if !c.Found {
			lost[i] = true
		}
	}
	return nil
}

// call sends a request without a body and wants a 2xx answer.
func call(ctx context.Context, srv *proc.Server, method, path, token string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, srv.URL(path), nil)
	if err != nil {
		return nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode/100 != 2 {
		return nil, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
	}
	return b, nil
}
