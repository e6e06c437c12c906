package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"coso"
)

// Mailer sends one plain-text e-mail to one address.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// SMTPConfig says how to reach the mail server.
type SMTPConfig struct {
	Host     string
	Port     int    // 0 means 587
	From     string // the sender address, e.g. "coso <no-reply@thanhhoa.gov.vn>"
	User     string // optional; with it, PLAIN authentication (only over TLS or to localhost)
	Password string
	HELO     string // the name this host gives in EHLO; empty means "localhost"
}

// SMTP sends mail through one server with net/smtp. It upgrades to TLS
// whenever the server offers STARTTLS.
type SMTP struct {
	cfg  SMTPConfig
	from *mail.Address
}

// NewSMTP checks cfg and returns a mailer.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if cfg.Host == "" {
		return nil, coso.Invalid("smtp_host", "Cần máy chủ SMTP.", "The SMTP host is required.")
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, coso.Invalid("smtp_from", "Địa chỉ gửi thư không hợp lệ.", "The sender address is not valid.")
	}
	if cfg.Port == 0 {
		cfg.Port = 587
	}
	if cfg.HELO == "" {
		cfg.HELO = "localhost"
	}
	return &SMTP{cfg: cfg, from: from}, nil
}

// Send delivers one message. The context bounds the whole conversation.
func (m *SMTP) Send(ctx context.Context, to, subject, body string) error {
	rcpt, err := mail.ParseAddress(to)
	if err != nil {
		return Permanent(errors.New("smtp: invalid recipient address"))
	}
	if strings.ContainsAny(subject, "\r\n") {
		return Permanent(errors.New("smtp: subject holds a line break"))
	}
	msg, err := m.compose(rcpt, subject, body)
	if err != nil {
		return err
	}
	if err := m.deliver(ctx, rcpt.Address, msg); err != nil {
		var te *textproto.Error
		if errors.As(err, &te) && te.Code >= 500 {
			return Permanent(err) // 5xx: the server refuses for good
		}
		return err
	}
	return nil
}

func (m *SMTP) deliver(ctx context.Context, to string, msg []byte) error {
	addr := net.JoinHostPort(m.cfg.Host, strconv.Itoa(m.cfg.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(time.Minute)
	}
	if err := conn.SetDeadline(deadline); err != nil {
		return err
	}
	c, err := smtp.NewClient(conn, m.cfg.Host)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello(m.cfg.HELO); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: m.cfg.Host, MinVersion: tls.VersionTLS12}); err != nil {
			return err
		}
	}
	if m.cfg.User != "" {
		if err := c.Auth(smtp.PlainAuth("", m.cfg.User, m.cfg.Password, m.cfg.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(m.from.Address); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// compose writes a UTF-8 plain-text message: the subject in RFC 2047
// encoding, the body quoted-printable, so Vietnamese survives any relay.
func (m *SMTP) compose(to *mail.Address, subject, body string) ([]byte, error) {
	var b bytes.Buffer
	id := make([]byte, 12)
	_, _ = rand.Read(id)
	domain := m.from.Address[strings.LastIndexByte(m.from.Address, '@')+1:]
	fmt.Fprintf(&b, "From: %s\r\n", m.from.String())
	fmt.Fprintf(&b, "To: %s\r\n", to.String())
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@%s>\r\n", hex.EncodeToString(id), domain)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
