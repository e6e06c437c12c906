package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// build compiles cmd/coso of the module this program belongs to.
func build(ctx context.Context, out string) error {
	mod, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("go env GOMOD: %w", err)
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/coso") // #nosec G204 -- builds this module's command into the work directory
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(mod)))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building coso: %w", err)
	}
	return nil
}

// server is the coso process under test, always on the same address.
type server struct {
	bin, dir, addr string
	log            *os.File
	mu             sync.Mutex
	cmd            *exec.Cmd
	starts         int
}

func newServer(bin, dir string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return nil, err
	}
	log, err := os.Create(filepath.Join(dir, "server.log")) // #nosec G304 -- the program's own work directory
	if err != nil {
		return nil, err
	}
	return &server{bin: bin, dir: dir, addr: addr, log: log}, nil
}

func (s *server) url(path string) string { return "http://" + s.addr + path }

// start runs `coso serve` and waits until /healthz answers 200.
func (s *server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.starts++
	fmt.Fprintf(s.log, "\n=== start %d\n", s.starts)
	// #nosec G204 -- the binary this program built, with fixed arguments
	cmd := exec.Command(s.bin, "serve", "--addr", s.addr, "--data", filepath.Join(s.dir, "data"),
		"--keys", filepath.Join(s.dir, "keys"), "--sms", "file:"+filepath.Join(s.dir, "sms.jsonl"))
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd = cmd
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(s.url("/healthz"))
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return errors.New("the server did not answer /healthz within a minute (see server.log)")
}

// kill sends SIGKILL to the server this program started, by its process
// id, and waits for it to be gone.
func (s *server) kill() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return err
	}
	_ = s.cmd.Wait() // "signal: killed"
	fmt.Fprintln(s.log, "=== killed")
	return nil
}

// stop ends the server gracefully (SIGTERM), if it runs.
func (s *server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil && s.cmd.ProcessState == nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		_ = s.cmd.Wait()
	}
	_ = s.log.Close()
}
