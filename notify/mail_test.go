package notify_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"strings"
	"testing"

	"coso/notify"
	"coso/notify/smtptest"
)

func TestSMTPSendsVietnamese(t *testing.T) {
	srv := smtptest.Start(t)
	srv.Users = map[string]string{"coso": "mật-khẩu"}
	m, err := notify.NewSMTP(notify.SMTPConfig{Host: srv.Host, Port: srv.Port, From: "coso <no-reply@thanhhoa.gov.vn>", User: "coso", Password: "mật-khẩu"})
	if err != nil {
		t.Fatal(err)
	}
	body := "Kính gửi ông/bà,\nHội nghị thôn họp lúc 19 giờ.\n.dòng bắt đầu bằng dấu chấm"
	if err := m.Send(context.Background(), "truong.thon@example.vn", "Thông báo họp thôn", body); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	got := msgs[0]
	if got.From != "no-reply@thanhhoa.gov.vn" || len(got.To) != 1 || got.To[0] != "truong.thon@example.vn" || got.User != "coso" {
		t.Fatalf("envelope %+v", got)
	}
	pm, err := got.Parse()
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := new(mime.WordDecoder).DecodeHeader(pm.Header.Get("Subject"))
	if subj != "Thông báo họp thôn" {
		t.Errorf("subject %q", subj)
	}
	if !strings.HasPrefix(pm.Header.Get("Content-Type"), "text/plain; charset=utf-8") {
		t.Errorf("content type %q", pm.Header.Get("Content-Type"))
	}
	text, _ := io.ReadAll(quotedprintable.NewReader(pm.Body))
	if strings.TrimSuffix(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n") != body {
		t.Errorf("body %q", text)
	}
}

func TestSMTPErrors(t *testing.T) {
	srv := smtptest.Start(t)
	m, _ := notify.NewSMTP(notify.SMTPConfig{Host: srv.Host, Port: srv.Port, From: "no-reply@example.vn"})
	ctx := context.Background()
	srv.FailNext(1, 451)
	if err := m.Send(ctx, "a@example.vn", "s", "b"); err == nil || notify.IsPermanent(err) {
		t.Errorf("451: %v (want a temporary error)", err)
	}
	srv.FailNext(1, 554)
	if err := m.Send(ctx, "a@example.vn", "s", "b"); err == nil || !notify.IsPermanent(err) {
		t.Errorf("554: %v (want a permanent error)", err)
	}
	if err := m.Send(ctx, "a@example.vn", "s\r\nBcc: x@evil.example", "b"); !notify.IsPermanent(err) {
		t.Errorf("header injection: %v", err)
	}
	if err := m.Send(ctx, "a@example.vn", "s", "b"); err != nil || len(srv.Messages()) != 1 {
		t.Errorf("after failures: %v, %d messages", err, len(srv.Messages()))
	}
	if _, err := notify.NewSMTP(notify.SMTPConfig{Host: "x", From: "not an address"}); err == nil {
		t.Error("bad From accepted")
	}
}
