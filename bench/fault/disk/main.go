// Command disk is the full-disk fault test (issue 8): it runs the real
// `coso serve` with its data directory on a small tmpfs, fills the disk
// while an officer keeps writing disclosures through the API, and checks
// that
//
//   - writes on the full disk fail with 503 and a message in Vietnamese and
//     English, never a 500, and the server keeps answering reads;
//
//   - when space returns, writes succeed again without a restart;
//
//   - after a SIGKILL and a restart, every write that was acknowledged is
//     there and the database passes its integrity check.
//
//     sudo go run ./bench/fault/disk            # needs root to mount the tmpfs
//     go run ./bench/fault/disk -size 48 -keep
//
// It is not part of `go test ./...`: it mounts a file system.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/bench/fault/proc"
	"coso/place"
	"coso/store"
)

const units = `code,name,kind,parent_code
38,Tỉnh Thử Nghiệm,province,
90001,Xã Đầy Đĩa,commune,38
`

type config struct {
	sizeMiB  int
	bin, dir string
	keep     bool
}

func main() {
	var c config
	flag.IntVar(&c.sizeMiB, "size", 32, "size of the tmpfs data directory, in MiB")
	flag.StringVar(&c.bin, "bin", "", "a built coso binary (default: go build ./cmd/coso into the work directory)")
	flag.StringVar(&c.dir, "dir", "", "work directory (default: a new temporary directory)")
	flag.BoolVar(&c.keep, "keep", false, "keep the work directory afterwards")
	flag.Parse()
	if err := run(context.Background(), c); err != nil {
		fmt.Fprintln(os.Stderr, "full-disk test FAILED:", err)
		os.Exit(1)
	}
	fmt.Println("full-disk test passed")
}

func run(ctx context.Context, c config) error {
	if os.Geteuid() != 0 {
		return errors.New("needs root to mount a tmpfs (run it with sudo, or as root in a container)")
	}
	if c.dir == "" {
		d, err := os.MkdirTemp("", "coso-disk-")
		if err != nil {
			return err
		}
		c.dir = d
	}
	if !c.keep {
		defer os.RemoveAll(c.dir)
	}
	data := filepath.Join(c.dir, "data")
	if err := os.MkdirAll(data, 0o750); err != nil {
		return err
	}
	// #nosec G204 -- fixed program, the size is an integer flag and the path our own directory
	if out, err := exec.CommandContext(ctx, "mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dm", c.sizeMiB), "tmpfs", data).CombinedOutput(); err != nil {
		return fmt.Errorf("mount: %v: %s", err, out)
	}
	defer func() { _ = exec.Command("umount", data).Run() }() // #nosec G204 -- our own mount point
	if c.bin == "" {
		c.bin = filepath.Join(c.dir, "coso")
		if err := proc.Build(ctx, c.bin); err != nil {
			return err
		}
	}
	token, err := prepare(ctx, data)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	srv, err := proc.New(c.bin, c.dir)
	if err != nil {
		return err
	}
	srv.Data = data
	defer srv.Stop()
	if err := srv.Start(); err != nil {
		return err
	}
	t := &tester{srv: srv, token: token}
	return t.run(data)
}

// prepare makes the units and a commune officer with an API token, in the
// store directly, before the server starts.
func prepare(ctx context.Context, data string) (string, error) {
	st, err := store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		return "", err
	}
	defer st.Close()
	ctx = coso.WithActor(ctx, coso.Actor{Username: "fault-test", Role: "system"})
	rows, err := place.ReadCSV(strings.NewReader(units))
	if err != nil {
		return "", err
	}
	if _, err := st.ImportUnits(ctx, rows); err != nil {
		return "", err
	}
	hash, err := auth.HashPassword("fault test: a long enough password")
	if err != nil {
		return "", err
	}
	u := &account.User{Username: "canbo.thu", DisplayName: "Cán bộ thử", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		return "", err
	}
	if _, err := st.Grant(ctx, u.ID, account.CommuneOfficer, "90001"); err != nil {
		return "", err
	}
	token, th, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	_, err = st.CreateToken(ctx, u.ID, th, st.Now().Add(24*time.Hour))
	return token, err
}

type tester struct {
	srv   *proc.Server
	token string
	acked []int64
	n     int
}

func (t *tester) run(data string) error {
	for range 20 { // the disk has room
		if st, err := t.write(); err != nil || st != http.StatusCreated {
			return fmt.Errorf("write before the disk filled: %d %v", st, err)
		}
	}
	filler := filepath.Join(data, "filler")
	if err := fill(filler); err != nil {
		return err
	}
	fmt.Printf("disk full after %d acknowledged writes\n", len(t.acked))
	refused := 0
	for range 200 {
		st, err := t.write()
		switch {
		case err != nil:
			return err
		case st == http.StatusServiceUnavailable:
			refused++
		case st != http.StatusCreated:
			return fmt.Errorf("a write on the full disk answered %d, want 201 or 503", st)
		}
	}
	if refused == 0 {
		return errors.New("no write was refused on the full disk")
	}
	if res, err := http.Get(t.srv.URL("/units/90001/disclosures")); err != nil || res.StatusCode != 200 {
		return fmt.Errorf("a public page on the full disk: %v %v", res, err)
	} else {
		_ = res.Body.Close()
	}
	fmt.Printf("full disk: %d of 200 writes refused with 503 and a message; reads served\n", refused)
	if err := os.Remove(filler); err != nil {
		return err
	}
	for i := range 20 {
		st, err := t.write()
		if err != nil {
			return err
		}
		if st != http.StatusCreated {
			return fmt.Errorf("write %d after space returned: %d", i, st)
		}
	}
	fmt.Println("space returned: writes succeed again without a restart")
	if err := t.srv.Kill(); err != nil {
		return err
	}
	if err := t.srv.Start(); err != nil {
		return err
	}
	return t.verify(data)
}

// write creates one disclosure of a few kilobytes; it returns the status
// and, for refusals, checks the problem document names the trouble in
// both languages.
func (t *tester) write() (int, error) {
	t.n++
	body, _ := json.Marshal(map[string]string{"unit": "90001", "category": "7", "decided_on": "2026-11-02",
		"title": fmt.Sprintf("Thông báo thử số %d", t.n), "body": strings.Repeat("Nội dung thông báo về đầy đĩa. ", 100)})
	req, err := http.NewRequest("POST", t.srv.URL("/api/v1/disclosures"), bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+t.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("the server stopped answering: %w", err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	var p struct {
		ID        int64  `json:"id"`
		MessageVI string `json:"message_vi"`
		MessageEN string `json:"message_en"`
	}
	_ = json.Unmarshal(out, &p)
	switch res.StatusCode {
	case http.StatusCreated:
		t.acked = append(t.acked, p.ID)
	case http.StatusServiceUnavailable:
		if p.MessageVI == "" || p.MessageEN == "" {
			return 0, fmt.Errorf("a 503 without messages: %s", out)
		}
	}
	return res.StatusCode, nil
}

// fill writes zeros to path until the file system is full.
func fill(path string) error {
	f, err := os.Create(path) // #nosec G304 -- our own tmpfs
	if err != nil {
		return err
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if strings.Contains(err.Error(), "no space") {
				return nil
			}
			return err
		}
	}
}

// verify reads every acknowledged disclosure back, then stops the server
// and runs SQLite's integrity check on the file.
func (t *tester) verify(data string) error {
	for _, id := range t.acked {
		req, _ := http.NewRequest("GET", t.srv.URL(fmt.Sprintf("/api/v1/disclosures/%d", id)), nil)
		req.Header.Set("Authorization", "Bearer "+t.token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		_ = res.Body.Close()
		if res.StatusCode != 200 {
			return fmt.Errorf("acknowledged disclosure %d lost: %d", id, res.StatusCode)
		}
	}
	t.srv.Stop()
	st, err := store.Open(context.Background(), store.Config{DataDir: data})
	if err != nil {
		return err
	}
	defer st.Close()
	var ok string
	if err := st.DB().QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		return fmt.Errorf("integrity check: %q %v", ok, err)
	}
	fmt.Printf("after SIGKILL and restart: all %d acknowledged writes present; integrity check ok\n", len(t.acked))
	return nil
}
