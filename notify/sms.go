package notify

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"coso"
)

// SMS sends one text message to one phone number.
type SMS interface {
	Send(ctx context.Context, to, text string) error
}

// SMSConfig chooses and configures the SMS sender.
type SMSConfig struct {
	// Sender is "log" (development: writes a line without the text),
	// "file:PATH" (appends one JSON line per message; tests read it) or
	// "http" (a gateway at URL, authenticated with Key).
	Sender string
	URL    string
	Key    string
	Log    *slog.Logger // for "log"; nil means slog.Default()
	Client *http.Client // for "http"; nil means a client with a 15 s timeout
}

// NewSMS returns the sender named by cfg.Sender.
func NewSMS(cfg SMSConfig) (SMS, error) {
	switch {
	case cfg.Sender == "log":
		return &LogSMS{Log: cfg.Log}, nil
	case strings.HasPrefix(cfg.Sender, "file:") && len(cfg.Sender) > len("file:"):
		return &FileSMS{Path: strings.TrimPrefix(cfg.Sender, "file:")}, nil
	case cfg.Sender == "http":
		if cfg.URL == "" || cfg.Key == "" {
			return nil, coso.Invalid("sms", "Cổng SMS http cần địa chỉ URL và khoá.", "The http SMS gateway needs a URL and a key.")
		}
		return &HTTPSMS{URL: cfg.URL, Key: cfg.Key, Client: cfg.Client}, nil
	}
	return nil, coso.Invalid("sms", "Cách gửi SMS phải là log, file:ĐƯỜNG_DẪN hoặc http.", "The SMS sender must be log, file:PATH or http.")
}

// LogSMS writes each message to the log, for development. It logs the
// masked number and the length only: the text holds one-time codes.
type LogSMS struct {
	Log *slog.Logger
}

// Send logs the message.
func (l *LogSMS) Send(ctx context.Context, to, text string) error {
	log := l.Log
	if log == nil {
		log = slog.Default()
	}
	log.InfoContext(ctx, "sms not sent (log sender)", "to", MaskPhone(to), "chars", utf8.RuneCountInString(text))
	return nil
}

// FileSMS appends each message as one JSON line {"to","text"} to a file.
// Tests and the browser journey read the codes from it.
type FileSMS struct {
	Path string
	mu   sync.Mutex
}

// FileLine is one message in a FileSMS file.
type FileLine struct {
	To   string `json:"to"`
	Text string `json:"text"`
}

// Send appends the message and syncs the file, so a reader that sees Send
// return finds the line.
func (f *FileSMS) Send(ctx context.Context, to, text string) error {
	line, err := json.Marshal(FileLine{To: to, Text: text})
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	file, err := os.OpenFile(f.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	// One write per line: O_APPEND keeps lines whole even when several
	// processes share the file.
	if _, err := file.Write(append(line, '\n')); err != nil {
		_ = file.Close() // the write error is the one to report
		return err
	}
	if err := file.Sync(); err != nil {
		_ = file.Close() // the write error is the one to report
		return err
	}
	return file.Close()
}

// ReadSMSFile returns every message written to a FileSMS file, oldest
// first; a missing file holds none.
func ReadSMSFile(path string) ([]FileLine, error) {
	data, err := os.ReadFile(path) // #nosec G304 -- the file: sink's own path, from configuration or a test
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []FileLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var l FileLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// HTTPSMS posts each message as JSON {"to","text"} to an SMS gateway with
// the header "Authorization: Bearer KEY"; any 2xx answer means sent.
type HTTPSMS struct {
	URL    string
	Key    string
	Client *http.Client
}

// Send posts the message to the gateway.
func (h *HTTPSMS) Send(ctx context.Context, to, text string) error {
	body, err := json.Marshal(FileLine{To: to, Text: text})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+h.Key)
	client := h.Client
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("sms gateway: %w", redactURL(err))
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 == 2 {
		return nil
	}
	// The answer's body is not kept: a gateway may echo the text back.
	err = fmt.Errorf("sms gateway answered %s", resp.Status)
	if resp.StatusCode/100 == 4 && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusRequestTimeout {
		return Permanent(err) // the gateway refuses this message; asking again will not help
	}
	return err
}

// redactURL keeps the error of a failed request but drops its URL, which
// may carry a key in its query.
func redactURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
