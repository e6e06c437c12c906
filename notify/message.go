// Package notify sends the platform's SMS and e-mail. Every message is first
// a row of the outbox, written in the transaction of the change that causes
// it; a Worker sends the rows later, with retries, so a message is neither
// lost on a crash nor sent for a change that was rolled back.
package notify

import (
	"net/mail"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"coso"
	"coso/viet"
)

// Channel is how a message travels.
type Channel string

const (
	ChannelSMS   Channel = "sms"
	ChannelEmail Channel = "email"
)

// Status is where a message is in its life.
type Status string

const (
	Pending Status = "pending"
	Sent    Status = "sent"
	Failed  Status = "failed"
)

// Statuses lists every status in display order.
func Statuses() []Status { return []Status{Pending, Sent, Failed} }

// ScrubbedSent and ScrubbedFailed replace the body of a secret message once
// it can no longer be sent (see Message.Secret).
const (
	ScrubbedSent   = "[đã gửi]"
	ScrubbedFailed = "[không gửi được]"
	Hidden         = "[bí mật]" // what listings show instead of a secret body
)

// Message is one SMS or e-mail in the outbox.
type Message struct {
	ID      int64
	Channel Channel
	To      string // +84… for SMS, an address for e-mail
	Subject string // e-mail only
	Body    string
	// Secret marks a body that holds a one-time code. Its body is never
	// shown in listings and is replaced once the message is sent or given
	// up, so that the outbox does not become a store of codes that anyone
	// with read access to the database (or a backup) could use.
	Secret    bool
	UnitID    int64     // the unit the message concerns, 0 for none
	ExpiresAt time.Time // zero: never; a message not sent by then is given up

	Status        Status
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	SentAt        time.Time
	Claim         string // set by a claim: the token that proves this worker holds the row
}

// Validate normalises m and checks it before it is stored.
func (m *Message) Validate() error {
	if strings.ContainsAny(m.Subject, "\r\n") {
		return coso.Invalid("subject", "Tiêu đề không được xuống dòng.", "The subject must be one line.")
	}
	m.To = viet.NFC(m.To)
	m.Subject = viet.NFC(m.Subject)
	m.Body = norm.NFC.String(m.Body) // viet.NFC would join the lines
	switch m.Channel {
	case ChannelSMS:
		if !isE164(m.To) {
			return coso.Invalid("to", "Số điện thoại nhận tin phải có dạng +84…", "The SMS recipient must be a phone number like +84…")
		}
	case ChannelEmail:
		a, err := mail.ParseAddress(m.To)
		if err != nil {
			return coso.Invalid("to", "Địa chỉ e-mail không hợp lệ.", "The e-mail address is not valid.")
		}
		m.To = a.Address
	default:
		return coso.Invalid("channel", "Kênh gửi phải là sms hoặc email.", "The channel must be sms or email.")
	}
	if strings.TrimSpace(m.Body) == "" {
		return coso.Invalid("body", "Nội dung tin nhắn không được để trống.", "The message body is required.")
	}
	return nil
}

// isE164 tells whether s looks like an international phone number.
func isE164(s string) bool {
	if len(s) < 9 || len(s) > 16 || s[0] != '+' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MaskPhone hides the middle of a phone number for logs: +84912345678
// becomes +8491****678.
func MaskPhone(phone string) string {
	r := []rune(phone)
	if len(r) <= 8 {
		return strings.Repeat("*", max(0, len(r)-2)) + string(r[max(0, len(r)-2):])
	}
	return string(r[:5]) + strings.Repeat("*", len(r)-8) + string(r[len(r)-3:])
}
