package auth

import (
	"context"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"coso"
)

// Issuer names the platform in authenticator apps.
const Issuer = "coso"

// totpPeriod and the options below are what every authenticator app
// understands (RFC 6238 defaults).
const totpPeriod = 30

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Enrolment is a new TOTP secret and the otpauth:// URI that carries it to
// an authenticator app (shown as a QR code).
type Enrolment struct {
	Secret string // base32, to store with the account
	URL    string // otpauth://totp/coso:username?secret=…&issuer=coso
}

// NewTOTP makes a new secret for username.
func NewTOTP(username string) (*Enrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer: Issuer, AccountName: username, Period: totpPeriod,
		Digits: totpOpts.Digits, Algorithm: totpOpts.Algorithm,
	})
	if err != nil {
		return nil, err
	}
	return &Enrolment{Secret: key.Secret(), URL: key.URL()}, nil
}

// TOTPCode returns the code of secret at t (for tests and the CLI's check
// that enrolment worked).
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totpOpts)
}

// TOTPStep tells which time step code belongs to: the step of now, or one
// step either side to allow for clocks that drift (skew 1).
func TOTPStep(secret, code string, now time.Time) (step int64, ok bool) {
	code = strings.TrimSpace(code)
	if len(code) != totpOpts.Digits.Length() {
		return 0, false
	}
	cur := now.Unix() / totpPeriod
	for _, s := range []int64{cur, cur - 1, cur + 1} {
		// Skew 0 at the step's own time, so we learn which step matched.
		valid, err := totp.ValidateCustom(code, secret, time.Unix(s*totpPeriod, 0), totpOpts)
		if err == nil && valid {
			return s, true
		}
	}
	return 0, false
}

// Steps remembers the last TOTP step each user signed in with. UseTOTPStep
// records step and reports false when step is not later than the last one,
// atomically, so a code seen over a shoulder or in a log cannot be used a
// second time, not even by two requests at once.
type Steps interface {
	UseTOTPStep(ctx context.Context, userID, step int64) (bool, error)
}

// Errors of the TOTP step; both name field "otp".
var (
	ErrWrongCode = coso.Errorf(coso.EUnauthenticated, "otp", "Mã xác thực không đúng.", "The authentication code is wrong.")
	ErrUsedCode  = coso.Errorf(coso.EUnauthenticated, "otp", "Mã xác thực này đã được dùng. Hãy đợi mã tiếp theo.",
		"This authentication code was already used. Wait for the next one.")
)

// VerifyTOTP checks code against secret at now and spends its step.
func VerifyTOTP(ctx context.Context, steps Steps, userID int64, secret, code string, now time.Time) error {
	step, ok := TOTPStep(secret, code, now)
	if !ok {
		return ErrWrongCode
	}
	fresh, err := steps.UseTOTPStep(ctx, userID, step)
	if err != nil {
		return err
	}
	if !fresh {
		return ErrUsedCode
	}
	return nil
}
