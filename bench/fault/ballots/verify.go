package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"

	"coso/bench/fault/proc"
)

type verdict struct {
	participants int
	counts, sent []int
	lost         map[string]int // kind → acknowledged writes not found
	exact        bool           // one ballot per household, each with its household's choice
	comments     int            // opinions stored on the consultation
	petitions    int            // cases the commune received (a retry after a lost answer may store one twice)
}

// verify kills the server once more after the storm, checks the database
// file, and starts the server again. Then it checks every returned
// receipt over the API, every acknowledged comment (by id, with its
// section, stance and text) and every tracking code; closes and counts
// the vote with the village head's token, compares the result with what
// the households sent, and checks the receipts again (the close rewrites
// every ballot).
func verify(ctx context.Context, srv *proc.Server, v *village, s *stormResult) (*verdict, error) {
	c, err := restart(srv)
	if err != nil {
		return nil, err
	}
	s.checked(c)
	d := &verdict{sent: make([]int, v.options), lost: map[string]int{}}
	for _, vt := range v.voters {
		d.sent[vt.option]++
	}
	lost := map[int]bool{}
	if err := checkReceipts(ctx, srv, v, s, lost); err != nil {
		return nil, err
	}
	if d.comments, d.lost[comments], err = checkComments(ctx, srv, v, s.tallies[comments]); err != nil {
		return nil, err
	}
	if d.petitions, d.lost[petitions], err = checkPetitions(ctx, srv, v, s.tallies[petitions]); err != nil {
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
	d.lost[ballots] = len(lost)
	d.exact = d.participants == len(v.voters) && slices.Equal(d.counts, d.sent)
	return d, nil
}

// checkReceipts asks the API about every receipt returned during the
// storm and marks those it does not find.
func checkReceipts(ctx context.Context, srv *proc.Server, v *village, s *stormResult, lost map[int]bool) error {
	for i, code := range s.tallies[ballots].acked {
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

// checkComments reads the consultation's public list of opinions and
// counts the acknowledged comments missing from it, or stored with
// another section, stance or text than their household sent. It returns
// how many opinions are stored and how many were lost.
func checkComments(ctx context.Context, srv *proc.Server, v *village, t *tally) (stored, lost int, err error) {
	b, err := call(ctx, srv, http.MethodGet, fmt.Sprintf("/api/v1/consultations/%d/comments", v.consultation), "")
	if err != nil {
		return 0, 0, err
	}
	var list struct {
		Comments []struct {
			ID      int64
			Section int
			Stance  string
			Text    string
			Hidden  bool
		}
	}
	if err := json.Unmarshal(b, &list); err != nil {
		return 0, 0, err
	}
	byID := map[string]opinion{}
	for _, c := range list.Comments {
		if !c.Hidden {
			byID[strconv.FormatInt(c.ID, 10)] = opinion{section: c.Section, stance: c.Stance, text: c.Text}
		}
	}
	for i, id := range t.acked {
		if got, ok := byID[id]; !ok || got != v.opinions[i] {
			lost++
		}
	}
	return len(list.Comments), lost, nil
}

// checkPetitions asks the public status of every tracking code returned
// during the storm (as the sender would, without signing in) and counts
// those not found or not the commune's feedback; it returns how many
// cases the commune received this year and how many were lost.
func checkPetitions(ctx context.Context, srv *proc.Server, v *village, t *tally) (received, lost int, err error) {
	for _, code := range t.acked {
		status, b, err := get(ctx, srv, "/api/v1/petitions/"+code+"/status")
		if err != nil {
			return 0, 0, err
		}
		var c struct{ Code, Unit, Kind string }
		if status != http.StatusOK || json.Unmarshal(b, &c) != nil || c.Code != code || c.Unit != v.commune || c.Kind != "feedback" {
			lost++
		}
	}
	b, err := call(ctx, srv, http.MethodGet, "/api/v1/units/"+v.commune+"/petition-figures", "")
	if err != nil {
		return 0, 0, err
	}
	var f struct{ Total struct{ Received int } }
	if err := json.Unmarshal(b, &f); err != nil {
		return 0, 0, err
	}
	return f.Total.Received, lost, nil
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

// get asks path and returns the status with the body, whatever it is.
func get(ctx context.Context, srv *proc.Server, path string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL(path), nil)
	if err != nil {
		return 0, nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}
