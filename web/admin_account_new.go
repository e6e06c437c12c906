package web

import (
	"net/http"
	"strconv"
	"strings"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/place"
)

type newAccountData struct {
	Unit  *place.Unit   // chosen first: the roles depend on its kind
	Roots []*place.Unit // the official's units, to choose from
	Roles []account.Role
	Form  struct{ Username, DisplayName, Email, Phone, Role string }
	Err   formError
}

// newAccountForm asks for the unit first, then for the account and its
// first role among those grantable on the unit's kind. An account is
// always created with a role, so it always belongs to a unit and its
// administrators.
func (s *Server) newAccountForm(w http.ResponseWriter, r *http.Request) {
	d, err := s.newAccountData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showNewAccount(w, r, d)
}

func (s *Server) newAccountData(r *http.Request) (*newAccountData, error) {
	ls, err := s.listScope(r, account.AccountManage)
	if err != nil {
		return nil, err
	}
	d := &newAccountData{Roots: ls.Roots}
	if r.FormValue("unit") != "" {
		d.Unit = ls.Unit
		d.Roles = account.GrantableRoles(string(ls.Unit.Kind))
		if len(d.Roles) == 0 {
			d.Err = problemsOf(coso.Invalid("unit", "Không có vai trò nào cấp được trên đơn vị loại này.",
				"No role can be granted on a unit of this kind."))
		}
	}
	return d, nil
}

func (s *Server) showNewAccount(w http.ResponseWriter, r *http.Request, d *newAccountData) {
	v := s.view(r, "", d)
	v.Title = v.T.T("acc_new_title")
	s.render(w, r, "admin_account_new", d.Err.Status(), v)
}

// createAccount creates the account with its first role on the unit of
// the form, which the guard has checked the official administers. The
// initial password passes the policy and is shown nowhere again; the
// official gives it to the new user, and a role that needs TOTP enrols it
// at the first sign-in.
func (s *Server) createAccount(w http.ResponseWriter, r *http.Request) {
	d, err := s.newAccountData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := &d.Form
	f.Username, f.DisplayName = strings.TrimSpace(r.PostFormValue("username")), strings.TrimSpace(r.PostFormValue("display_name"))
	f.Email, f.Phone, f.Role = strings.TrimSpace(r.PostFormValue("email")), strings.TrimSpace(r.PostFormValue("phone")), r.PostFormValue("role")
	u := &account.User{Username: f.Username, DisplayName: f.DisplayName, Email: f.Email, Phone: f.Phone}
	var errs coso.Errors
	collect := func(err error) {
		if err != nil {
			errs = append(errs, problemsOf(err).List...)
		}
	}
	collect(u.Validate())
	role, err := officialRole(r)
	collect(err)
	if err == nil && d.Unit != nil {
		collect(role.CheckUnitKind(string(d.Unit.Kind)))
	}
	pw := r.PostFormValue("password")
	collect(account.CheckPassword(pw))
	if d.Unit == nil {
		collect(coso.Invalid("unit", "Cần chọn đơn vị.", "Choose a unit."))
	}
	if len(errs) > 0 {
		d.Err = formError{List: errs}
		s.showNewAccount(w, r, d)
		return
	}
	if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.store.CreateOfficial(r.Context(), u, role, d.Unit.Code); err != nil {
		if internal(err) {
			s.fail(w, r, err)
			return
		}
		d.Err = problemsOf(err)
		s.showNewAccount(w, r, d)
		return
	}
	http.Redirect(w, r, "/admin/accounts/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}
