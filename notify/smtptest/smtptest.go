// Package smtptest is a small SMTP server for tests: it speaks enough of
// the protocol (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT)
// for net/smtp and keeps every message it receives.
package smtptest

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Message is one message the server accepted.
type Message struct {
	From string
	To   []string
	User string // the user that authenticated, if any
	Data []byte // the message as sent, dot-unstuffed, lines ending in CRLF
}

// Parse reads the message's headers and body.
func (m Message) Parse() (*mail.Message, error) {
	return mail.ReadMessage(bytes.NewReader(m.Data))
}

// Server listens on 127.0.0.1 on a free port.
type Server struct {
	Host string
	Port int
	// Users, when set, are the accepted user → password pairs; AUTH PLAIN
	// is then offered and required.
	Users map[string]string

	ln        net.Listener
	mu        sync.Mutex
	msgs      []Message
	failCount int
	failCode  int
	wg        sync.WaitGroup
}

// Start starts a server that is closed when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: %v", err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	s := &Server{Host: "127.0.0.1", Port: addr.Port, ln: ln}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(s.Close)
	return s
}

// Close stops the server and waits for its connections to end.
func (s *Server) Close() {
	_ = s.ln.Close() // stops Accept; its error changes nothing here
	s.wg.Wait()
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// FailNext makes the next n messages fail at DATA with the given SMTP code
// (4xx: try later; 5xx: refused).
func (s *Server) FailNext(n, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failCount, s.failCode = n, code
}

func (s *Server) takeFailure() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failCount <= 0 {
		return 0
	}
	s.failCount--
	return s.failCode
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer c.Close()
			s.session(c)
		}()
	}
}

// session runs one connection.
func (s *Server) session(c net.Conn) {
	r := bufio.NewReader(c)
	w := bufio.NewWriter(c)
	reply := func(format string, args ...any) {
		fmt.Fprintf(w, format+"\r\n", args...)
		_ = w.Flush() // a broken connection ends at the next read
	}
	reply("220 smtptest ready")
	var cur Message
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			if len(s.Users) > 0 {
				reply("250-smtptest\r\n250-8BITMIME\r\n250 AUTH PLAIN")
			} else {
				reply("250-smtptest\r\n250 8BITMIME")
			}
		case "HELO":
			reply("250 smtptest")
		case "AUTH":
			cur.User = s.auth(arg)
			if cur.User == "" {
				reply("535 5.7.8 authentication failed")
			} else {
				reply("235 2.7.0 authenticated")
			}
		case "MAIL":
			if len(s.Users) > 0 && cur.User == "" {
				reply("530 5.7.0 authentication required")
				continue
			}
			cur.From, cur.To = address(arg), nil
			reply("250 ok")
		case "RCPT":
			cur.To = append(cur.To, address(arg))
			reply("250 ok")
		case "DATA":
			reply("354 end with <CRLF>.<CRLF>")
			data, err := readData(r)
			if err != nil {
				return
			}
			if code := s.takeFailure(); code != 0 {
				reply("%d failure requested by the test", code)
				continue
			}
			cur.Data = data
			s.mu.Lock()
			s.msgs = append(s.msgs, cur)
			s.mu.Unlock()
			cur = Message{User: cur.User}
			reply("250 ok: queued")
		case "RSET":
			cur = Message{User: cur.User}
			reply("250 ok")
		case "NOOP":
			reply("250 ok")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 command not implemented")
		}
	}
}

// auth checks "PLAIN base64(authzid NUL user NUL password)".
func (s *Server) auth(arg string) string {
	mech, resp, _ := strings.Cut(arg, " ")
	if !strings.EqualFold(mech, "PLAIN") {
		return ""
	}
	raw, err := base64.StdEncoding.DecodeString(resp)
	if err != nil {
		return ""
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 3 {
		return ""
	}
	if pw, ok := s.Users[parts[1]]; ok && pw == parts[2] {
		return parts[1]
	}
	return ""
}

// address takes the address out of "FROM:<a@b> SIZE=…" or "TO:<a@b>".
func address(arg string) string {
	i, j := strings.IndexByte(arg, '<'), strings.IndexByte(arg, '>')
	if i < 0 || j < i {
		return ""
	}
	return arg[i+1 : j]
}

// readData reads lines up to the lone dot, undoing dot-stuffing.
func readData(r *bufio.Reader) ([]byte, error) {
	var b bytes.Buffer
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if line == ".\r\n" || line == ".\n" {
			return b.Bytes(), nil
		}
		line = strings.TrimPrefix(line, ".")
		b.WriteString(line)
	}
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }
