package store

import (
	"encoding/base64"
	"fmt"
	"strings"
	"sync"

	"coso/notify"
	"coso/petition"
	"coso/seal"
	"coso/viet"
)

// publicURLs holds each store's public address for links in messages to
// residents (set by the app; "" gives links relative to the site).
var publicURLs sync.Map // *Store → string

// SetPublicURL sets the portal's address used in the links of messages
// the store queues by itself (a case's new stage, a reception answer).
func (s *Store) SetPublicURL(base string) { publicURLs.Store(s, strings.TrimRight(base, "/")) }

func (s *Store) publicURL() string {
	v, _ := publicURLs.Load(s)
	b, _ := v.(string)
	return b
}

// sealedPrefix marks an outbox recipient stored sealed: the address of a
// resident (a petitioner, a denouncer) must not lie readable in the
// database, the outbox list or a backup. Only ClaimMessages, the sending
// path, opens it.
const sealedPrefix = "sealed:"

func recipientAAD() []byte { return []byte("outbox-recipient") }

// EnqueueSealed adds a message like Enqueue, its recipient sealed under
// the identity keys.
func (tx *Tx) EnqueueSealed(m notify.Message) (int64, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	k, err := tx.s.sealer()
	if err != nil {
		return 0, err
	}
	v, err := k.Seal([]byte(m.To), recipientAAD())
	if err != nil {
		return 0, err
	}
	m.To = sealedPrefix + base64.StdEncoding.EncodeToString(v)
	now := tx.s.now().UTC()
	return tx.Insert(`INSERT INTO outbox (channel, recipient, subject, body, secret, unit_id, status, attempts,
		next_attempt_at, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8, $7)`,
		string(m.Channel), m.To, m.Subject, m.Body, m.Secret, nullID(m.UnitID), now, nullTime(m.ExpiresAt))
}

// openRecipient returns the address of a sealed recipient, for sending.
func (s *Store) openRecipient(to string) (string, error) {
	if !strings.HasPrefix(to, sealedPrefix) {
		return to, nil
	}
	k, err := s.sealer()
	if err != nil {
		return "", err
	}
	v, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(to, sealedPrefix))
	if err != nil {
		return "", seal.ErrBroken
	}
	plain, err := k.Open(v, recipientAAD())
	if err != nil {
		return "", err
	}
	return string(plain), nil
}

// hideRecipient is what listings show of a sealed recipient.
func hideRecipient(m *notify.Message) {
	if strings.HasPrefix(m.To, sealedPrefix) {
		m.To = notify.Hidden
	}
}

// notifiedSteps are the steps that tell the sender (assigning a case is
// the unit's own business).
var notifiedSteps = map[string]bool{"accepted": true, "rejected": true, "forwarded": true,
	"transferred": true, "extended": true, "resolved": true, "closed": true}

// notifySender queues, in the step's transaction, the message that tells
// the sender of c its new stage: the tracking code, the stage and the
// link to the public status page, never the case's text nor a reason
// (which may name people). The address is opened from the sealed
// identity here, in the server, and stored sealed again in the outbox:
// no officer sees it, not even a denouncer's. Anonymous senders and
// senders who gave neither phone nor e-mail get nothing.
func (tx *Tx) notifySender(c *petition.Case, step string) error {
	if !notifiedSteps[step] {
		return nil
	}
	var sealed string
	if err := tx.QueryRow("SELECT identity_sealed FROM petitions WHERE id = $1", c.ID).Scan(&sealed); err != nil {
		return err
	}
	if sealed == "" {
		return nil
	}
	id, err := tx.s.openIdentity(c.Code, sealed)
	if err != nil {
		return err
	}
	m, ok := senderMessage(c, step, id, tx.s.publicURL())
	if !ok {
		return nil
	}
	if _, err := tx.EnqueueSealed(m); err != nil {
		return err
	}
	return nil
}

// senderMessage writes the notice of c's new stage to id's e-mail, or
// else its phone (an SMS, without diacritics so it fits one message).
func senderMessage(c *petition.Case, step string, id petition.Identity, base string) (notify.Message, bool) {
	link := base + "/petitions/" + c.Code
	vi, en := c.Stage.Name("vi"), c.Stage.Name("en")
	switch step {
	case "transferred":
		vi, en = "Đã chuyển đến "+c.UnitName+" giải quyết", "Transferred to "+c.UnitName
	case "extended":
		vi, en = "Đã gia hạn giải quyết", "Resolution time extended"
	}
	due := ""
	if c.Stage.Open() && !c.DueOn.IsZero() {
		due = fmt.Sprintf("Hạn: %s. / Due: %s.\n", c.DueOn.Format("02/01/2006"), c.DueOn.Format("2006-01-02"))
	}
	switch {
	case id.Email != "":
		body := fmt.Sprintf("Đơn của ông/bà, mã %s: %s.\nYour case %s: %s.\n%s\nXem chi tiết / Details: %s\n\n"+
			"Tin nhắn tự động, không chứa nội dung đơn. / Automatic message; it carries no content of the case.\n",
			c.Code, vi, c.Code, en, due, link)
		return notify.Message{Channel: notify.ChannelEmail, To: id.Email, UnitID: c.UnitID,
			Subject: fmt.Sprintf("[coso] Đơn %s: %s / Case %s: %s", c.Code, vi, c.Code, en), Body: body}, true
	case id.Phone != "":
		body := fmt.Sprintf("coso: Don %s: %s. Xem %s", c.Code, viet.Fold(vi), link)
		return notify.Message{Channel: notify.ChannelSMS, To: id.Phone, UnitID: c.UnitID, Body: body}, true
	}
	return notify.Message{}, false
}
