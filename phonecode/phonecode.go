// Package phonecode signs citizens in with their phone number and a
// one-time code sent by SMS.
package phonecode

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"time"

	"coso"
	"coso/notify"
	"coso/ratelimit"
)

// The rules of a code: six digits, valid for five minutes, locked after
// five wrong tries. A new request replaces the previous code.
const (
	Digits   = 6
	TTL      = 5 * time.Minute
	MaxTries = 5
)

// Text is the SMS that carries the code.
const Text = "Mã xác thực coso của bạn là %s. Mã có hiệu lực 5 phút. Không chia sẻ mã này cho ai."

// Outcome is what checking a code found.
type Outcome int

const (
	NoCode  Outcome = iota // no code was requested for the phone (or it was used)
	Expired                // the code is older than TTL
	Locked                 // MaxTries wrong tries were made
	Wrong                  // a wrong code; TriesLeft tries remain
	Right                  // the code matched and is now used up
)

// Check is the result of checking a code.
type Check struct {
	Outcome   Outcome
	TriesLeft int
	Citizen   *Citizen // set when Right
}

// Store keeps codes and accounts.
type Store interface {
	// IssuePhoneCode stores hash as the phone's only code, valid for TTL
	// from the store's clock, and adds sms to the outbox, in one
	// transaction.
	IssuePhoneCode(ctx context.Context, phone, hash string, sms notify.Message) error
	// UsePhoneCode spends one try of the phone's code; when hash matches it
	// deletes the code and returns the citizen, creating the account on
	// first sign-in.
	UsePhoneCode(ctx context.Context, phone, hash string) (Check, error)
}

// Service requests and verifies codes.
type Service struct {
	store  Store
	limits *ratelimit.Limiter
	key    []byte
}

// New returns a service. key is the server's secret for hashing codes (at
// least 32 bytes, kept outside the database): a stolen database then does
// not let anyone test the million possible codes against the hashes.
func New(st Store, limits *ratelimit.Limiter, key []byte) (*Service, error) {
	if len(key) < 32 {
		return nil, coso.Invalid("code_key", "Khoá băm mã xác thực cần ít nhất 32 byte.", "The code hashing key needs at least 32 bytes.")
	}
	if limits == nil {
		return nil, coso.Invalid("limits", "Cần bộ giới hạn số lần thử.", "A rate limiter is required.")
	}
	return &Service{store: st, limits: limits, key: key}, nil
}

// Request sends a new code to phone. addr is the requester's address, for
// the address limit. It answers the same for every valid number, so it
// cannot tell anyone which numbers have accounts.
func (s *Service) Request(ctx context.Context, phone, addr string) error {
	p, err := NormalizePhone(phone)
	if err != nil {
		return err
	}
	for _, l := range []struct {
		rule    ratelimit.Rule
		subject string
	}{{ratelimit.CodePerAddr, ratelimit.Addr(addr)}, {ratelimit.CodePerPhone, p}, {ratelimit.CodePerPhoneDay, p}} {
		if err := s.limits.Check(ctx, l.rule, l.subject); err != nil {
			return err
		}
	}
	code, err := newCode()
	if err != nil {
		return err
	}
	msg := notify.Message{Channel: notify.ChannelSMS, To: p, Body: fmt.Sprintf(Text, code), Secret: true}
	return s.store.IssuePhoneCode(ctx, p, s.Hash(p, code), msg)
}

// Verify checks code for phone and returns the signed-in citizen.
func (s *Service) Verify(ctx context.Context, phone, code, addr string) (*Citizen, error) {
	p, err := NormalizePhone(phone)
	if err != nil {
		return nil, err
	}
	code = strings.TrimSpace(code)
	if !validCode(code) {
		return nil, coso.Invalid("code", "Mã xác thực gồm 6 chữ số.", "The code has 6 digits.")
	}
	if err := s.limits.Check(ctx, ratelimit.SignInPerAddr, ratelimit.Addr(addr)); err != nil {
		return nil, err
	}
	c, err := s.store.UsePhoneCode(ctx, p, s.Hash(p, code))
	if err != nil {
		return nil, err
	}
	switch c.Outcome {
	case Right:
		return c.Citizen, nil
	case Wrong:
		if c.TriesLeft == 0 {
			return nil, locked()
		}
		return nil, coso.Errorf(coso.EUnauthenticated, "code", "Mã xác thực không đúng. Bạn còn %d lần thử.",
			"The code is wrong. %d tries left.", c.TriesLeft)
	case Expired:
		return nil, coso.Errorf(coso.EUnauthenticated, "code", "Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới.",
			"The code has expired. Please request a new one.")
	case Locked:
		return nil, locked()
	}
	return nil, coso.Errorf(coso.EUnauthenticated, "code", "Không có mã xác thực nào cho số điện thoại này. Vui lòng yêu cầu mã.",
		"There is no code for this phone number. Please request one.")
}

func locked() error {
	return coso.Errorf(coso.EUnauthenticated, "code", "Mã xác thực đã bị khoá vì nhập sai quá 5 lần. Vui lòng yêu cầu mã mới.",
		"The code is locked after 5 wrong tries. Please request a new one.")
}

// Hash is what is stored instead of a code: HMAC-SHA-256 under the
// server's key of the phone and the code, so a code is bound to its phone.
func (s *Service) Hash(phone, code string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(phone + "\x00" + code))
	return hex.EncodeToString(m.Sum(nil))
}

func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

func validCode(code string) bool {
	if len(code) != Digits {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
