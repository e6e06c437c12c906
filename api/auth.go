package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/phonecode"
)

// caller is who sent an API request with a valid bearer token: an official
// or a citizen, with the grants that decide what they may do (a citizen's
// are derived from the register, store.CitizenGrants).
type caller struct {
	user      *account.User      // an official, or nil
	citizen   *phonecode.Citizen // a citizen, or nil
	grants    []account.Grant
	actor     coso.Actor
	tokenHash string
}

type callerKey struct{}

func callerFrom(ctx context.Context) *caller {
	c, _ := ctx.Value(callerKey{}).(*caller)
	return c
}

// authenticate reads "Authorization: Bearer TOKEN" on every operation and
// puts the caller and the actor into the context. A request without the
// header goes on anonymously (public calls answer it; allow refuses the
// rest with 401); a header with a token that is unknown, expired, revoked
// or malformed is refused at once, so a client learns its token is bad.
func (s *server) authenticate(ctx huma.Context, next func(huma.Context)) {
	addr := hostOf(ctx.RemoteAddr())
	h := ctx.Header("Authorization")
	if h == "" {
		anon := coso.Actor{Username: "anonymous", Role: "public", Addr: addr}
		next(huma.WithContext(ctx, coso.WithActor(ctx.Context(), anon)))
		return
	}
	c, err := s.identify(ctx.Context(), h, addr)
	if err != nil {
		writeProblem(ctx, err)
		return
	}
	rc := context.WithValue(coso.WithActor(ctx.Context(), c.actor), callerKey{}, c)
	if c.citizen != nil && c.citizen.Linked() {
		// The person an official confirmed this account to be: who votes
		// or signs for a household.
		rc = WithVoter(rc, c.citizen.PersonID)
	}
	next(huma.WithContext(ctx, rc))
}

var errBadToken = coso.Errorf(coso.EUnauthenticated, "", "Token không hợp lệ hoặc đã hết hạn.", "The token is not valid or has expired.")

func (s *server) identify(ctx context.Context, header, addr string) (*caller, error) {
	scheme, token, _ := strings.Cut(strings.TrimSpace(header), " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" || len(token) > 200 {
		return nil, errBadToken
	}
	hash := auth.TokenHash(token)
	u, err := s.store.TokenUser(ctx, hash)
	if err == nil {
		grants, err := s.store.Grants(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		return &caller{user: u, grants: grants, tokenHash: hash,
			actor: coso.Actor{UserID: u.ID, Username: u.Username, Role: "official", Addr: addr}}, nil
	}
	if coso.ErrorCode(err) != coso.EUnauthenticated {
		return nil, err
	}
	c, err := s.store.TokenCitizen(ctx, hash)
	if err != nil {
		if coso.ErrorCode(err) == coso.EUnauthenticated {
			return nil, errBadToken
		}
		return nil, err
	}
	grants, err := s.store.CitizenGrants(ctx, c.PersonID)
	if err != nil {
		return nil, err
	}
	return &caller{citizen: c, grants: grants, tokenHash: hash, actor: citizenActor(c.ID, addr)}, nil
}

// citizenActor names a citizen in the audit trail by account id, never
// by phone.
func citizenActor(id int64, addr string) coso.Actor {
	return coso.Actor{Username: fmt.Sprintf("citizen:%d", id), Role: string(account.Citizen), Addr: addr}
}

// writeProblem answers from a middleware, before any operation runs.
func writeProblem(ctx huma.Context, err error) {
	p := toProblem(err) // a cause that is not the client's goes to the log, not the answer
	ctx.SetHeader("Content-Type", "application/problem+json")
	if p.Status == 401 {
		ctx.SetHeader("WWW-Authenticate", `Bearer realm="coso", error="invalid_token"`)
	}
	ctx.SetStatus(p.Status)
	_ = json.NewEncoder(ctx.BodyWriter()).Encode(p)
}

// hostOf is the client's address without the port, as the audit trail
// and the web layer record it.
func hostOf(remote string) string {
	if h, _, err := net.SplitHostPort(remote); err == nil {
		return h
	}
	return remote
}
