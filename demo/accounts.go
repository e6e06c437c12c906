package demo

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"fmt"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/place"
	"coso/store"
)

// Password is the one password of every demo account. It is published on
// the terminal and in the README: demo stores only.
const Password = "thanhhoa-dancu-demo" // #nosec G101 -- the published password of demo accounts

// Signin is one demo account, as the terminal lists it.
type Signin struct {
	Role     account.Role
	UnitCode string
	UnitName string
	Username string
	TOTP     bool // the role needs a code: `coso users code --username U` prints it
}

// The demo agency and enterprise, made up, under the ward Hàm Rồng.
const (
	AgencyCode     = "14758.A1"
	EnterpriseCode = "14758.E1"
)

var extraUnits = []place.Unit{
	{Code: AgencyCode, Name: "Trường Tiểu học Hàm Rồng", Kind: place.Agency, ParentCode: "14758"},
	{Code: EnterpriseCode, Name: "Công ty TNHH MTV Thủy lợi Sông Chu", Kind: place.Enterprise, ParentCode: "14758"},
}

// officials holds one made-up official for each role an administrator can
// grant, all in and around the ward Hàm Rồng so one demo shows how their
// powers nest.
var officials = []struct {
	Role     account.Role
	Unit     string
	Username string
	Name     string
}{
	{account.VillageHead, "14758.01", "truongthon.hamrong1", "Lê Văn Thắng"},
	{account.VillageFront, "14758.01", "mattran.hamrong1", "Nguyễn Thị Hoa"},
	{account.CommuneOfficer, "14758", "canbo.hamrong", "Trịnh Văn Nam"},
	{account.CommuneChair, "14758", "chutich.hamrong", "Lê Thị Hương"},
	{account.CommuneFront, "14758", "mattran.hamrong", "Hoàng Văn Sơn"},
	{account.InspectionBoard, "14758", "thanhtra.hamrong", "Phạm Thị Lan"},
	{account.AgencyAdmin, AgencyCode, "quantri.thhamrong", "Đỗ Văn Minh"},
	{account.EnterpriseAdmin, EnterpriseCode, "quantri.songchu", "Mai Văn Hải"},
	{account.ProvinceOfficer, ProvinceCode, "tiepdan.tinh", "Trần Thị Tiếp"},
	{account.ProvinceAdmin, ProvinceCode, "quantri.tinh", "Lê Văn Quản"},
	{account.Supervisor, ProvinceCode, "giamsat.tinh", "Nguyễn Thị Giám"},
}

// TOTPSecret is the fixed TOTP secret of a demo account: derived from the
// username, so anyone can compute its codes. That is the point: a demo
// must be usable without an authenticator app, and it is why `coso users
// code` works only on a store marked as demo, and only for these secrets.
func TOTPSecret(username string) string {
	sum := sha256.Sum256([]byte("coso demo totp:" + account.NormalizeUsername(username)))
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:20])
}

// IsDemoSecret tells whether secret is the fixed demo secret of username.
func IsDemoSecret(username, secret string) bool {
	return secret != "" && secret == TOTPSecret(username)
}

// Accounts marks the store as demo data and adds the demo agency, the
// demo enterprise and one account per official role, all with Password;
// roles that need TOTP are enrolled with TOTPSecret. Run it after Load.
// Accounts that already exist are left as they are, so running it again
// changes nothing.
func Accounts(ctx context.Context, s *store.Store) ([]Signin, error) {
	ctx = coso.WithActor(ctx, coso.Actor{Username: "demo", Role: "system"})
	if err := s.MarkDemo(ctx); err != nil {
		return nil, err
	}
	for _, u := range extraUnits {
		if _, err := s.UnitByCode(ctx, u.Code); coso.ErrorCode(err) == coso.ENotFound {
			if err := s.CreateUnit(ctx, &u); err != nil {
				return nil, fmt.Errorf("demo unit %s: %w", u.Code, err)
			}
		} else if err != nil {
			return nil, err
		}
	}
	if err := loadStaffConsultations(ctx, s); err != nil {
		return nil, fmt.Errorf("demo staff consultations: %w", err)
	}
	var out []Signin
	for _, o := range officials {
		unit, err := s.UnitByCode(ctx, o.Unit)
		if err != nil {
			return nil, err
		}
		if err := createOfficial(ctx, s, o.Username, o.Name, o.Role, o.Unit); err != nil {
			return nil, fmt.Errorf("demo account %s: %w", o.Username, err)
		}
		out = append(out, Signin{Role: o.Role, UnitCode: unit.Code, UnitName: unit.Name, Username: o.Username, TOTP: o.Role.RequiresTOTP()})
	}
	return out, nil
}

func createOfficial(ctx context.Context, s *store.Store, username, name string, role account.Role, unit string) error {
	if _, err := s.UserByUsername(ctx, username); err == nil {
		return nil
	} else if coso.ErrorCode(err) != coso.ENotFound {
		return err
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	u := &account.User{Username: username, DisplayName: name, PasswordHash: hash}
	if role.RequiresTOTP() {
		u.TOTPSecret = TOTPSecret(username)
	}
	_, err = s.CreateOfficial(ctx, u, role, unit)
	return err
}
