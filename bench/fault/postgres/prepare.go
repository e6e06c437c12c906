package main

import (
	"context"
	"strings"
	"time"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/place"
	"coso/store"
)

const units = `code,name,kind,parent_code
38,Tỉnh Thử Nghiệm,province,
90002,Xã Hai Máy Chủ,commune,38
`

const password = "fault test: a long enough password" // #nosec G101 -- the password of a throwaway account in the test's own cluster

// officer is a commune officer who signs in on the web (with TOTP) and
// writes through the API with a token.
type officer struct {
	username, secret, token string
}

func prepare(ctx context.Context, dsn string) (*officer, error) {
	st, err := store.Open(ctx, store.Config{DataDir: "", DSN: dsn})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	ctx = coso.WithActor(ctx, coso.Actor{Username: "fault-test", Role: "system"})
	rows, err := place.ReadCSV(strings.NewReader(units))
	if err != nil {
		return nil, err
	}
	if _, err := st.ImportUnits(ctx, rows); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return nil, err
	}
	u := &account.User{Username: "canbo.haimay", DisplayName: "Cán bộ Hai Máy", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	if _, err := st.Grant(ctx, u.ID, account.CommuneOfficer, "90002"); err != nil {
		return nil, err
	}
	en, err := auth.NewTOTP(u.Username)
	if err != nil {
		return nil, err
	}
	if err := st.SetTOTPSecret(ctx, u.ID, en.Secret); err != nil {
		return nil, err
	}
	token, th, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	if _, err := st.CreateToken(ctx, u.ID, th, st.Now().Add(24*time.Hour)); err != nil {
		return nil, err
	}
	return &officer{username: u.Username, secret: en.Secret, token: token}, nil
}
