package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"coso"
	"coso/notify"
)

const code = "Mã xác thực coso của bạn là 482913. Mã có hiệu lực 5 phút. Không chia sẻ mã này cho ai."

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{
		"+84912345678": "+8491****678",
		"+8491234567":  "+8491***567",
		"123":          "*23",
	} {
		if got := notify.MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewSMSConfigStrings(t *testing.T) {
	for spec, ok := range map[string]bool{"log": true, "file:/tmp/x.jsonl": true, "file:": false, "http": false, "smtp": false, "": false} {
		_, err := notify.NewSMS(notify.SMSConfig{Sender: spec})
		if (err == nil) != ok {
			t.Errorf("NewSMS(%q): %v", spec, err)
		}
		if err != nil && coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("NewSMS(%q): error code %s", spec, coso.ErrorCode(err))
		}
	}
	if _, err := notify.NewSMS(notify.SMSConfig{Sender: "http", URL: "https://sms.example/send", Key: "k"}); err != nil {
		t.Errorf("http with URL and key: %v", err)
	}
}

func TestLogSMSHidesCodeAndNumber(t *testing.T) {
	var buf bytes.Buffer
	sms, _ := notify.NewSMS(notify.SMSConfig{Sender: "log", Log: slog.New(slog.NewTextHandler(&buf, nil))})
	if err := sms.Send(context.Background(), "+84912345678", code); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "482913") || strings.Contains(out, "+84912345678") || strings.Contains(out, "xác thực") {
		t.Errorf("log line reveals the code or the number: %s", out)
	}
	if !strings.Contains(out, "+8491****678") || !strings.Contains(out, "chars=87") {
		t.Errorf("log line lacks the masked number or the length: %s", out)
	}
}

func TestFileSMSConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	sms, _ := notify.NewSMS(notify.SMSConfig{Sender: "file:" + path})
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			if err := sms.Send(context.Background(), fmt.Sprintf("+849%08d", i), fmt.Sprintf("tin %d", i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	lines, err := notify.ReadSMSFile(path)
	if err != nil || len(lines) != 50 {
		t.Fatalf("%d lines, %v", len(lines), err)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		seen[l.To+" "+l.Text] = true
	}
	for i := range 50 {
		if !seen[fmt.Sprintf("+849%08d tin %d", i, i)] {
			t.Errorf("message %d missing", i)
		}
	}
}

func TestHTTPSMS(t *testing.T) {
	var mu sync.Mutex
	var got []notify.FileLine
	status := http.StatusAccepted
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Authorization") != "Bearer s3cret" || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var l notify.FileLine
		if err := json.NewDecoder(r.Body).Decode(&l); err != nil {
			http.Error(w, "bad json", http.StatusBadRequest)
			return
		}
		mu.Lock()
		got = append(got, l)
		mu.Unlock()
		w.WriteHeader(status)
	}))
	defer gw.Close()
	ctx := context.Background()
	sms, _ := notify.NewSMS(notify.SMSConfig{Sender: "http", URL: gw.URL, Key: "s3cret"})
	if err := sms.Send(ctx, "+84912345678", code); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].To != "+84912345678" || got[0].Text != code {
		t.Fatalf("gateway got %+v", got)
	}
	status = http.StatusBadGateway
	if err := sms.Send(ctx, "+84912345678", "x"); err == nil || notify.IsPermanent(err) {
		t.Errorf("502: %v (want a temporary error)", err)
	}
	wrongKey, _ := notify.NewSMS(notify.SMSConfig{Sender: "http", URL: gw.URL, Key: "wrong"})
	err := wrongKey.Send(ctx, "+84912345678", "x")
	if err == nil || !notify.IsPermanent(err) {
		t.Errorf("401: %v (want a permanent error)", err)
	}
	if strings.Contains(fmt.Sprint(err), "wrong") {
		t.Errorf("error reveals the key: %v", err)
	}
}
