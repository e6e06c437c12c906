// Package proc runs the real coso server as a child process for the fault
// tests: built from this module, started on a fixed address, killed with
// SIGKILL, started again on the same data.
package proc

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

// Build compiles cmd/coso of the module this program belongs to.
func Build(ctx context.Context, out string) error {
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

// Server is the coso process under test, always on the same address. Its
// data directory is Dir/data (or Data when set), its keys Dir/keys, its
// log Dir/server.log; Args are added to `coso serve` (such as --db).
type Server struct {
	Data string
	Args []string

	bin, dir, addr string
	log            *os.File
	mu             sync.Mutex
	cmd            *exec.Cmd
	starts         int
}

// New prepares a server; Start runs it.
func New(bin, dir string) (*Server, error) {
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
	return &Server{bin: bin, dir: dir, addr: addr, log: log}, nil
}

// DataDir is the server's data directory: Data, or Dir/data.
func (s *Server) DataDir() string {
	if s.Data != "" {
		return s.Data
	}
	return filepath.Join(s.dir, "data")
}

// KeyDir is the server's key directory (code key, identity keys).
func (s *Server) KeyDir() string { return filepath.Join(s.dir, "keys") }

// URL is the address of path on the server.
func (s *Server) URL(path string) string { return "http://" + s.addr + path }

// Start runs `coso serve` and waits until /healthz answers 200.
func (s *Server) Start() error {
	if err := s.Launch(); err != nil {
		return err
	}
	if _, err := s.Wait("/healthz", time.Minute); err != nil {
		return errors.New("the server did not answer /healthz within a minute (see server.log)")
	}
	return nil
}

// Launch runs `coso serve` without waiting for it to answer.
func (s *Server) Launch() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.starts++
	fmt.Fprintf(s.log, "\n=== start %d\n", s.starts)
	args := append([]string{"serve", "--addr", s.addr, "--data", s.DataDir(),
		"--keys", s.KeyDir(), "--sms", "file:" + filepath.Join(s.dir, "sms.jsonl")}, s.Args...)
	cmd := exec.Command(s.bin, args...) // #nosec G204 -- the binary this program built, with fixed arguments
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd = cmd
	return nil
}

// Kill sends SIGKILL to the server this program started, by its process
// id, and waits for it to be gone.
func (s *Server) Kill() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return err
	}
	_ = s.cmd.Wait() // "signal: killed"
	fmt.Fprintln(s.log, "=== killed")
	return nil
}

// Stop ends the server gracefully (SIGTERM), if it runs, and closes the log.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil && s.cmd.ProcessState == nil {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		_ = s.cmd.Wait()
	}
	_ = s.log.Close()
}

// PID is the process id of the running server, 0 when none runs.
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil || s.cmd.Process == nil || s.cmd.ProcessState != nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Wait polls path until it answers 200 and returns how long that took.
func (s *Server) Wait(path string, limit time.Duration) (time.Duration, error) {
	start := time.Now()
	for time.Since(start) < limit {
		res, err := http.Get(s.URL(path))
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == 200 {
				return time.Since(start), nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, fmt.Errorf("%s did not answer 200 within %s", path, limit)
}
