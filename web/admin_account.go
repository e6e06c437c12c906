package web

import (
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/place"
)

type grantView struct {
	account.Grant
	UnitName  string
	By        string // username of the granting official, "" for the command line
	CanRevoke bool
}

type accountData struct {
	User      *account.User
	HasTOTP   bool
	Active    []grantView
	History   []grantView
	Self      bool
	CanManage bool // may disable, enable and reset TOTP: allowed on every unit of the account
	CanGrant  bool
	Roots     []*place.Unit // the units the official may grant on, to choose from
	// The grant form, once a unit is chosen (without JavaScript the role
	// list can only follow the unit after a round trip).
	GrantUnit  *place.Unit
	GrantRoles []account.Role
	Err        formError
}

// accountPage shows an account, its roles and their history, and the forms
// that change them.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	var fe formError
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.accountData(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if code := r.FormValue("unit"); code != "" && d.CanGrant {
		if err := s.chooseGrantUnit(r, d, code); err != nil {
			fe = problemsOf(err)
		}
	}
	s.showAccount(w, r, d, fe)
}

func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, d *accountData, fe formError) {
	d.Err = fe
	v := s.view(r, "", d)
	v.Title = v.T.T("acc_title", "Username", d.User.Username)
	s.render(w, r, "admin_account", fe.Status(), v)
}

// accountFailed shows the account page with the error of a form, or the
// error page for a fault of the platform.
func (s *Server) accountFailed(w http.ResponseWriter, r *http.Request, id int64, err error) {
	if internal(err) {
		s.fail(w, r, err)
		return
	}
	d, derr := s.accountData(r, id)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.showAccount(w, r, d, problemsOf(err))
}

func (s *Server) accountData(r *http.Request, id int64) (*accountData, error) {
	ctx := r.Context()
	u, err := s.store.User(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &accountData{User: u, HasTOTP: u.HasTOTP(), Self: whoFrom(ctx).User.ID == id}
	d.CanManage = !d.Self && s.mayAccount(r, account.AccountManage, id, true)
	d.CanGrant = !d.Self && s.mayAccount(r, account.AccountManage, id, false)
	history, err := s.store.GrantHistory(ctx, id)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for i := len(history) - 1; i >= 0; i-- { // newest first
		g := history[i]
		gv := grantView{Grant: g, CanRevoke: g.Active() && !d.Self && s.may(ctx, account.AccountManage, g.UnitID)}
		if un, err := s.store.Unit(ctx, g.UnitID); err == nil {
			gv.UnitName = un.Name
		}
		if g.GrantedBy != 0 {
			if _, ok := names[g.GrantedBy]; !ok {
				if by, err := s.store.User(ctx, g.GrantedBy); err == nil {
					names[g.GrantedBy] = by.Username
				}
			}
			gv.By = names[g.GrantedBy]
		}
		if g.Active() {
			d.Active = append(d.Active, gv)
		}
		d.History = append(d.History, gv)
	}
	if d.CanGrant {
		for _, uid := range account.Roots(whoFrom(ctx).Grants, account.AccountManage) {
			if un, err := s.store.Unit(ctx, uid); err == nil {
				d.Roots = append(d.Roots, un)
			}
		}
	}
	return d, nil
}

// chooseGrantUnit fills the grant form's role list for the unit with code,
// if the official may grant there.
func (s *Server) chooseGrantUnit(r *http.Request, d *accountData, code string) error {
	un, err := s.store.UnitByCode(r.Context(), code)
	if err != nil && coso.ErrorCode(err) != coso.ENotFound {
		return err
	}
	if err != nil {
		return coso.Invalid("unit", "Không có đơn vị mã %s.", "No unit has code %s.", code)
	}
	if !s.may(r.Context(), account.AccountManage, un.ID) {
		return coso.Errorf(coso.EForbidden, "unit", "Bạn không quản lý đơn vị %s.", "You do not administer unit %s.", un.Code)
	}
	d.GrantUnit, d.GrantRoles = un, account.GrantableRoles(string(un.Kind))
	if len(d.GrantRoles) == 0 {
		return coso.Invalid("unit", "Không có vai trò nào cấp được trên đơn vị loại này.", "No role can be granted on a unit of this kind.")
	}
	return nil
}

// officialRole parses the "role" form value: an official's role only.
func officialRole(r *http.Request) (account.Role, error) {
	role, err := account.ParseRole(r.PostFormValue("role"))
	if err != nil {
		return "", err
	}
	if !role.Official() {
		return "", coso.Invalid("role", "Vai trò này không cấp cho cán bộ.", "This role is not granted to officials.")
	}
	return role, nil
}

// grantRole gives the account a role on the unit of the form. The guard
// has checked that the official administers that unit; the account must
// be one they administer too.
func (s *Server) grantRole(w http.ResponseWriter, r *http.Request) {
	s.accountChange(w, r, func(id int64) error {
		if !s.mayAccount(r, account.AccountManage, id, false) {
			return coso.Forbidden()
		}
		role, err := officialRole(r)
		if err != nil {
			return err
		}
		_, err = s.store.Grant(r.Context(), id, role, r.PostFormValue("unit"))
		return err
	})
}

// revokeRole ends one of the account's roles; the guard has checked the
// role's unit.
func (s *Server) revokeRole(w http.ResponseWriter, r *http.Request) {
	s.accountChange(w, r, func(id int64) error {
		role, err := account.ParseRole(r.PostFormValue("role"))
		if err != nil {
			return err
		}
		return s.store.Revoke(r.Context(), id, role, r.PostFormValue("unit"))
	})
}

func (s *Server) disableAccount(w http.ResponseWriter, r *http.Request) {
	s.accountChange(w, r, func(id int64) error { return s.store.DisableUser(r.Context(), id) })
}

func (s *Server) enableAccount(w http.ResponseWriter, r *http.Request) {
	s.accountChange(w, r, func(id int64) error { return s.store.EnableUser(r.Context(), id) })
}

// resetTOTP removes the account's authenticator (a lost phone): it enrols
// a new one at its next sign-in. Its sessions end too, as whoever has the
// phone may be signed in.
func (s *Server) resetTOTP(w http.ResponseWriter, r *http.Request) {
	s.accountChange(w, r, func(id int64) error {
		if err := s.store.SetTOTPSecret(r.Context(), id, ""); err != nil {
			return err
		}
		_, err := s.store.DeleteSessionsOf(r.Context(), id, "")
		return err
	})
}

// accountChange runs change on the account {id}, refusing changes to one's
// own account, and goes back to the account's page.
func (s *Server) accountChange(w http.ResponseWriter, r *http.Request, change func(id int64) error) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := notSelf(r, id); err != nil {
		s.accountFailed(w, r, id, err)
		return
	}
	if err := change(id); err != nil {
		s.accountFailed(w, r, id, err)
		return
	}
	http.Redirect(w, r, "/admin/accounts/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
