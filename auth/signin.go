package auth

import (
	"context"
	"sync"
	"time"

	"coso"
	"coso/account"
)

// Accounts is what an official's sign-in reads; *store.Store has it.
type Accounts interface {
	UserByUsername(ctx context.Context, username string) (*account.User, error)
	Grants(ctx context.Context, userID int64) ([]account.Grant, error)
	Steps
}

// Errors of an official's sign-in. ErrBadCredentials says the same for an
// unknown username and a wrong password, so it tells no one which
// usernames exist.
var (
	ErrBadCredentials = coso.Errorf(coso.EUnauthenticated, "", "Tên đăng nhập hoặc mật khẩu không đúng.",
		"The username or password is wrong.")
	ErrDisabled = coso.Errorf(coso.EForbidden, "", "Tài khoản đã bị khoá. Hãy liên hệ quản trị viên.",
		"The account is disabled. Contact an administrator.")
	ErrCodeRequired = coso.Errorf(coso.EUnauthenticated, "otp", "Cần mã xác thực từ ứng dụng trên điện thoại.",
		"The code from the authenticator app is required.")
	ErrEnrolTOTP = coso.Errorf(coso.EUnauthenticated, "otp", "Vai trò của bạn cần xác thực hai lớp. Hãy đăng ký ứng dụng xác thực trước khi tiếp tục.",
		"Your role requires two-factor authentication. Enrol an authenticator app before going on.")
)

// dummyHash is verified when the username is unknown, so an unknown name
// takes as long to refuse as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("coso dummy password for timing")
	return h
})

// SignIn checks an official's username, password and (where needed) TOTP
// code, and returns the account with its active grants. A code is needed
// when any grant's role requires TOTP (account.RequiresTOTP) or the user
// has enrolled one. Errors:
//   - ErrBadCredentials: unknown username or wrong password;
//   - ErrDisabled: right password, disabled account;
//   - ErrCodeRequired: password right, code missing (ask for it);
//   - ErrEnrolTOTP: password right, TOTP needed but not enrolled; the
//     user and grants are returned so the caller can lead to enrolment;
//   - ErrWrongCode, ErrUsedCode: from VerifyTOTP.
//
// Rate limits are the caller's: SignIn takes one argon2 hash per call.
func SignIn(ctx context.Context, a Accounts, username, password, code string, now time.Time) (*account.User, []account.Grant, error) {
	u, err := a.UserByUsername(ctx, account.NormalizeUsername(username))
	if coso.ErrorCode(err) == coso.ENotFound || err == nil && u.PasswordHash == "" {
		_, _ = VerifyPassword(dummyHash(), password)
		return nil, nil, ErrBadCredentials
	}
	if err != nil {
		return nil, nil, err
	}
	ok, err := VerifyPassword(u.PasswordHash, password)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, ErrBadCredentials
	}
	if u.Disabled {
		return nil, nil, ErrDisabled
	}
	grants, err := a.Grants(ctx, u.ID)
	if err != nil {
		return nil, nil, err
	}
	if !account.RequiresTOTP(grants) && !u.HasTOTP() {
		return u, grants, nil
	}
	switch {
	case !u.HasTOTP():
		return u, grants, ErrEnrolTOTP
	case code == "":
		return nil, nil, ErrCodeRequired
	}
	if err := VerifyTOTP(ctx, a, u.ID, u.TOTPSecret, code, now); err != nil {
		return nil, nil, err
	}
	return u, grants, nil
}
