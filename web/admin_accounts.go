package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"coso/account"
	"coso/store"
)

const accountsPage = 50

type accountRow struct {
	User   *account.User
	Grants []account.Grant
}

type accountsData struct {
	*listScope
	Role      string
	Query     string
	Disabled  bool
	Roles     []account.Role
	Rows      []accountRow
	Next      template.URL // the next page, "" on the last
	CanManage bool
	Err       formError
}

// accountsPage lists the accounts holding a role on the chosen unit or
// below it, filtered by role and by words of the username or name.
func (s *Server) accountsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ls, err := s.listScope(r, account.AccountRead)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := accountsData{listScope: ls, Query: strings.TrimSpace(r.FormValue("q")), Disabled: r.FormValue("disabled") == "1",
		Roles: account.OfficialRoles(), CanManage: s.may(ctx, account.AccountManage, ls.Unit.ID)}
	f := store.UserFilter{UnitID: ls.Unit.ID, Query: d.Query, WithDisabled: d.Disabled, Limit: accountsPage + 1}
	if role := r.FormValue("role"); role != "" {
		rl, err := account.ParseRole(role)
		if err != nil {
			s.accountsFailed(w, r, d, err)
			return
		}
		f.Role, d.Role = rl, role
	}
	f.AfterID, _ = strconv.ParseInt(r.FormValue("after"), 10, 64)
	users, err := s.store.Users(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(users) > accountsPage {
		users = users[:accountsPage]
		d.Next = nextPage(r, "after", users[len(users)-1].ID)
	}
	for _, u := range users {
		grants, err := s.store.Grants(ctx, u.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Rows = append(d.Rows, accountRow{User: u, Grants: grants})
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("nav_accounts")
	s.render(w, r, "admin_accounts", http.StatusOK, v)
}

func (s *Server) accountsFailed(w http.ResponseWriter, r *http.Request, d accountsData, err error) {
	d.Err = problemsOf(err)
	v := s.view(r, "", d)
	v.Title = v.T.T("nav_accounts")
	s.render(w, r, "admin_accounts", d.Err.Status(), v)
}

// nextPage is the current page with the cursor key set to id. The query is
// encoded here, so the template may take it as a safe URL.
func nextPage(r *http.Request, key string, id int64) template.URL {
	q := r.URL.Query()
	q.Set(key, strconv.FormatInt(id, 10))
	return template.URL(r.URL.Path + "?" + q.Encode()) // #nosec G203 -- a local path with an encoded query
}
