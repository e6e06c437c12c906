package account

import (
	"net/mail"
	"strings"
	"time"

	"coso"
	"coso/viet"
)

// User is an account that can sign in: an official with a username and
// password, or a citizen.
type User struct {
	ID           int64
	Username     string
	DisplayName  string
	Email        string // optional
	Phone        string // optional
	PasswordHash string // PHC string; empty for accounts that sign in otherwise
	TOTPSecret   string // base32; empty until enrolled
	Disabled     bool
	CreatedAt    time.Time
}

// Grant is a role given to a user on a unit; it covers the unit's subtree
// until revoked.
type Grant struct {
	ID        int64
	UserID    int64
	Role      Role
	UnitID    int64
	UnitCode  string // for display
	GrantedBy int64  // 0 when granted by the system (command line)
	GrantedAt time.Time
	RevokedAt time.Time // zero while active
}

// Active tells whether the grant still holds.
func (g Grant) Active() bool { return g.RevokedAt.IsZero() }

// HasTOTP tells whether the user has enrolled a TOTP authenticator.
func (u *User) HasTOTP() bool { return u.TOTPSecret != "" }

// NormalizeUsername returns the stored form of a username: NFC, lower case.
func NormalizeUsername(s string) string { return strings.ToLower(viet.NFC(s)) }

// Normalize puts every string of u into its stored form.
func (u *User) Normalize() {
	u.Username = NormalizeUsername(u.Username)
	u.DisplayName = viet.NFC(u.DisplayName)
	u.Email = strings.ToLower(viet.NFC(u.Email))
	u.Phone = strings.Join(strings.FieldsFunc(viet.NFC(u.Phone), isPhoneSeparator), "")
}

// Validate checks u's fields; the password is checked by CheckPassword
// before it is hashed.
func (u *User) Validate() error {
	u.Normalize()
	var errs coso.Errors
	if n := len(u.Username); n < 3 || n > 64 || !usernameChars(u.Username) {
		errs = append(errs, coso.Invalid("username",
			"Tên đăng nhập gồm 3 đến 64 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu bằng chữ cái hoặc chữ số.",
			"A username has 3 to 64 characters: ASCII letters, digits, '.', '_' or '-', starting with a letter or digit."))
	}
	if u.DisplayName == "" {
		errs = append(errs, coso.Invalid("display_name", "Cần họ và tên.", "The full name is required."))
	} else if len([]rune(u.DisplayName)) > 200 {
		errs = append(errs, coso.Invalid("display_name", "Họ và tên dài quá 200 ký tự.", "The full name is longer than 200 characters."))
	}
	if u.Email != "" {
		if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email || len(u.Email) > 254 {
			errs = append(errs, coso.Invalid("email", "Địa chỉ thư điện tử không hợp lệ.", "The e-mail address is not valid."))
		}
	}
	if u.Phone != "" && !phoneShape(u.Phone) {
		errs = append(errs, coso.Invalid("phone", "Số điện thoại gồm 9 đến 15 chữ số, có thể bắt đầu bằng dấu +.",
			"A phone number has 9 to 15 digits and may start with +."))
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errs.Err()
}

func usernameChars(s string) bool {
	for i, r := range s {
		alnum := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if !alnum && (i == 0 || r != '.' && r != '_' && r != '-') {
			return false
		}
	}
	return true
}

func isPhoneSeparator(r rune) bool { return r == ' ' || r == '.' || r == '-' }

// phoneShape checks only the shape; the citizens' sign-in owns the full
// rules of Vietnamese numbers.
func phoneShape(s string) bool {
	s = strings.TrimPrefix(s, "+")
	if len(s) < 9 || len(s) > 15 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
