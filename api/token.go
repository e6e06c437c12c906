package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/ratelimit"
)

type tokenInput struct {
	Body struct {
		Username string `json:"username,omitempty" maxLength:"64" doc:"An official's username (with password, and otp where the roles need it)"`
		Password string `json:"password,omitempty" maxLength:"256"`
		OTP      string `json:"otp,omitempty" maxLength:"10" doc:"The 6-digit code of the authenticator app"`
		Phone    string `json:"phone,omitempty" maxLength:"32" doc:"A citizen's mobile number (with code)" example:"0912 345 678"`
		Code     string `json:"code,omitempty" maxLength:"10" doc:"The 6-digit code sent by SMS after POST /api/v1/auth/otp"`
	}
}

type tokenOutput struct {
	Body struct {
		Token     string    `json:"token" doc:"Send it as 'Authorization: Bearer TOKEN'; it is shown only once"`
		ExpiresAt time.Time `json:"expires_at"`
	}
}

type otpInput struct {
	Body struct {
		Phone string `json:"phone" maxLength:"32" example:"0912 345 678"`
	}
}

type otpOutput struct {
	Body struct {
		MessageVI string `json:"message_vi"`
		MessageEN string `json:"message_en"`
	}
}

func (s *server) authRoutes(a huma.API) {
	huma.Register(a, huma.Operation{OperationID: "create-token", Method: http.MethodPost, Path: "/api/v1/auth/token",
		Summary: "Get an API token", Tags: []string{"auth"},
		Description: "Officials send username, password and (where their roles need it) otp; citizens send phone " +
			"and the code from POST /api/v1/auth/otp. Attempts are rate-limited per username or phone and per " +
			"address; a refused attempt answers 429 with Retry-After."}, s.createToken)
	huma.Register(a, huma.Operation{OperationID: "request-code", Method: http.MethodPost, Path: "/api/v1/auth/otp",
		Summary: "Send a sign-in code by SMS", Tags: []string{"auth"}, DefaultStatus: http.StatusAccepted,
		Description: "Always answers 202, whatever the number, so it cannot tell which phones have accounts; " +
			"429 with Retry-After when too many codes were asked for this phone or from this address."}, s.requestCode)
	huma.Register(a, huma.Operation{OperationID: "revoke-token", Method: http.MethodDelete, Path: "/api/v1/auth/token",
		Summary: "Revoke the token of this request (sign out)", Tags: []string{"auth"}, DefaultStatus: http.StatusNoContent,
		Security: bearer}, s.revokeToken)
}

func (s *server) createToken(ctx context.Context, in *tokenInput) (*tokenOutput, error) {
	b := &in.Body
	official, citizen := strings.TrimSpace(b.Username) != "", strings.TrimSpace(b.Phone) != ""
	if official == citizen {
		return nil, problem(coso.Invalid("body", "Gửi username và password (cán bộ), hoặc phone và code (người dân).",
			"Send username and password (officials), or phone and code (citizens)."))
	}
	addr := coso.ActorFrom(ctx).Addr
	token, hash, err := auth.NewToken()
	if err != nil {
		return nil, problem(err)
	}
	expires := s.store.Now().Add(auth.TokenLifetime)
	out := &tokenOutput{}
	if official {
		u, err := s.signIn(ctx, b.Username, b.Password, b.OTP, addr)
		if err != nil {
			return nil, limited(err)
		}
		actx := coso.WithActor(ctx, coso.Actor{UserID: u.ID, Username: u.Username, Role: "official", Addr: addr})
		t, err := s.store.CreateToken(actx, u.ID, hash, expires)
		if err != nil {
			return nil, problem(err)
		}
		out.Body.Token, out.Body.ExpiresAt = token, t.ExpiresAt
		return out, nil
	}
	c, err := s.codes.Verify(ctx, b.Phone, b.Code, addr)
	if err != nil {
		return nil, limited(err)
	}
	t, err := s.store.CreateCitizenToken(coso.WithActor(ctx, citizenActor(c.ID, addr)), c.ID, hash, expires)
	if err != nil {
		return nil, problem(err)
	}
	out.Body.Token, out.Body.ExpiresAt = token, t.ExpiresAt
	return out, nil
}

// signIn is an official's sign-in under the same limits as the web form.
func (s *server) signIn(ctx context.Context, username, password, otp, addr string) (*account.User, error) {
	if err := s.limits.Check(ctx, ratelimit.SignInPerAddr, ratelimit.Addr(addr)); err != nil {
		return nil, err
	}
	if err := s.limits.Check(ctx, ratelimit.SignInPerUser, account.NormalizeUsername(strings.TrimSpace(username))); err != nil {
		return nil, err
	}
	u, _, err := auth.SignIn(ctx, s.store, username, password, strings.TrimSpace(otp), s.store.Now())
	return u, err
}

// requestCode sends a code and answers 202 whether or not the number is
// valid or known: only the rate limits, which count per phone and per
// address for every number alike, answer otherwise (429), and they tell
// nothing about which numbers have accounts.
func (s *server) requestCode(ctx context.Context, in *otpInput) (*otpOutput, error) {
	err := s.codes.Request(ctx, in.Body.Phone, coso.ActorFrom(ctx).Addr)
	switch coso.ErrorCode(err) {
	case "", coso.EInvalid:
	case coso.ETooMany:
		return nil, limited(err)
	default:
		s.log.ErrorContext(ctx, "requesting a sign-in code", "err", err)
		return nil, problem(err)
	}
	out := &otpOutput{}
	out.Body.MessageVI = "Nếu số điện thoại di động hợp lệ, mã xác thực đã được gửi bằng tin nhắn. Mã có hiệu lực 5 phút."
	out.Body.MessageEN = "If the mobile number is valid, a code was sent by text message. It is valid for 5 minutes."
	return out, nil
}

func (s *server) revokeToken(ctx context.Context, _ *struct{}) (*struct{}, error) {
	c := callerFrom(ctx)
	if c == nil {
		return nil, needToken()
	}
	if err := s.store.RevokeToken(ctx, c.tokenHash); err != nil {
		return nil, problem(err)
	}
	return nil, nil
}

// limited is problem(err) with a Retry-After header when err is a refused
// attempt.
func limited(err error) error {
	if d, ok := ratelimit.RetryAfter(err); ok {
		secs := int((d + time.Second - 1) / time.Second)
		return huma.ErrorWithHeaders(problem(err), http.Header{"Retry-After": {strconv.Itoa(max(secs, 1))}})
	}
	return problem(err)
}
