package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/demo"
	"coso/store"
)

const usersUsage = `users add --username U --role R --unit CODE [--name NAME] [--email E] [--phone P] --password-stdin
  coso users grant|revoke --username U --role R --unit CODE
  coso users list [--unit CODE] [--role R] [--q TEXT] [--all]
  coso users disable|enable --username U
  coso users code --username U: the current TOTP code of a demo account (demo stores only)`

func users(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return coso.Invalid("command", "Thiếu lệnh con: add, grant, revoke, list, disable, enable hoặc code.",
			"Missing subcommand: add, grant, revoke, list, disable, enable or code.")
	}
	sub := map[string]func(context.Context, *env, []string) error{
		"add": usersAdd, "grant": usersGrant, "revoke": usersRevoke, "list": usersList,
		"disable": usersDisable, "enable": usersEnable, "code": usersCode,
	}
	run, ok := sub[args[0]]
	if !ok {
		return coso.Invalid("command", "Lệnh con không có: %s", "Unknown subcommand: %s", args[0])
	}
	return run(ctx, e, args[1:])
}

// roleUnitFlags adds the --username, --role and --unit flags.
type roleUnitFlags struct{ username, role, unit *string }

func addRoleUnitFlags(fs *flag.FlagSet) roleUnitFlags {
	return roleUnitFlags{
		username: fs.String("username", "", "the account's username"),
		role:     fs.String("role", "", "role: "+roleNames()),
		unit:     fs.String("unit", "", "code of the unit the role is granted on"),
	}
}

func roleNames() string {
	var names []string
	for _, r := range account.OfficialRoles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// check returns the role after checking that every flag was given.
func (f roleUnitFlags) check() (account.Role, error) {
	var errs coso.Errors
	if *f.username == "" {
		errs = append(errs, coso.Invalid("username", "Thiếu --username.", "--username is required."))
	}
	if *f.unit == "" {
		errs = append(errs, coso.Invalid("unit", "Thiếu --unit (mã đơn vị).", "--unit (a unit code) is required."))
	}
	role, err := account.ParseRole(*f.role)
	if err == nil && !role.Official() {
		err = coso.Invalid("role", "Vai trò %s không cấp cho cán bộ; chọn một trong: %s.",
			"Role %s is not granted to officials; choose one of: %s.", role, roleNames())
	}
	if err != nil {
		errs = append(errs, err.(*coso.Error))
	}
	if len(errs) == 1 {
		return "", errs[0]
	}
	return role, errs.Err()
}

// usersAdd creates an official with a first role. Where the role needs
// TOTP the secret is made here and shown once, so the first administrator
// of a new install (and scripts) can sign in at once.
func usersAdd(ctx context.Context, e *env, args []string) error {
	fs := e.flags("users add")
	ru := addRoleUnitFlags(fs)
	name := fs.String("name", "", "display name (default: the username)")
	email := fs.String("email", "", "e-mail address")
	phone := fs.String("phone", "", "phone number")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (required)")
	light := fs.Bool("qr-light", false, "draw the QR code for a terminal with a light background")
	if err := fs.Parse(args); err != nil {
		return err
	}
	role, err := ru.check()
	if err != nil {
		return err
	}
	if !*fromStdin {
		return coso.Invalid("password-stdin", "Mật khẩu chỉ được đọc từ đầu vào chuẩn: thêm --password-stdin.",
			"The password is read from standard input only: add --password-stdin.")
	}
	pw, err := readPassword(e.stdin)
	if err != nil {
		return err
	}
	if err := account.CheckPassword(pw); err != nil {
		return err
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	u := &account.User{Username: *ru.username, DisplayName: *name, Email: *email, Phone: *phone, PasswordHash: hash}
	if u.DisplayName == "" {
		u.DisplayName = *ru.username
	}
	var en *auth.Enrolment
	if role.RequiresTOTP() {
		if en, err = auth.NewTOTP(account.NormalizeUsername(*ru.username)); err != nil {
			return err
		}
		u.TOTPSecret = en.Secret
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.CreateOfficial(ctx, u, role, *ru.unit); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã tạo tài khoản %s, vai trò %s trên đơn vị %s. / Created account %s, role %s on unit %s.\n",
		u.Username, role, *ru.unit, u.Username, role, *ru.unit)
	if en != nil {
		return printEnrolment(e.stdout, en, *light)
	}
	return nil
}

func printEnrolment(w io.Writer, en *auth.Enrolment, light bool) error {
	qr, err := auth.TerminalQR(en.URL, light)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nVai trò này cần xác thực hai lớp. Quét mã QR bằng ứng dụng xác thực trên điện thoại (hoặc nhập khoá):")
	fmt.Fprintln(w, "This role needs two-factor authentication. Scan the QR code with an authenticator app (or type the key):")
	fmt.Fprintf(w, "\n%s\n%s\nKhoá / key: %s\n", en.URL, qr, en.Secret)
	fmt.Fprintln(w, "Hiển thị một lần duy nhất. / Shown this once only.")
	return nil
}

// readPassword reads the first line of r, keeping inner and outer spaces
// (a passphrase may hold them) and dropping the line end.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func usersGrant(ctx context.Context, e *env, args []string) error {
	return withRoleUnit(ctx, e, "users grant", args, func(s *store.Store, u *account.User, role account.Role, unit string) error {
		if _, err := s.Grant(ctx, u.ID, role, unit); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Đã cấp vai trò %s trên %s cho %s. / Granted %s on %s to %s.\n", role, unit, u.Username, role, unit, u.Username)
		if role.RequiresTOTP() && !u.HasTOTP() {
			fmt.Fprintln(e.stdout, "Lần đăng nhập tới, tài khoản sẽ được yêu cầu đăng ký xác thực hai lớp. / "+
				"At the next sign-in the account will be asked to enrol two-factor authentication.")
		}
		return nil
	})
}

func usersRevoke(ctx context.Context, e *env, args []string) error {
	return withRoleUnit(ctx, e, "users revoke", args, func(s *store.Store, u *account.User, role account.Role, unit string) error {
		if err := s.Revoke(ctx, u.ID, role, unit); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Đã thu hồi vai trò %s trên %s của %s. / Revoked %s on %s from %s.\n", role, unit, u.Username, role, unit, u.Username)
		return nil
	})
}

func withRoleUnit(ctx context.Context, e *env, name string, args []string, fn func(*store.Store, *account.User, account.Role, string) error) error {
	fs := e.flags(name)
	ru := addRoleUnitFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	role, err := ru.check()
	if err != nil {
		return err
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := s.UserByUsername(ctx, *ru.username)
	if err != nil {
		return err
	}
	return fn(s, u, role, *ru.unit)
}

// usersList prints one account a line: username, name, state, and the
// active roles with their units.
func usersList(ctx context.Context, e *env, args []string) error {
	fs := e.flags("users list")
	unit := fs.String("unit", "", "only accounts with a role on this unit or below it")
	role := fs.String("role", "", "only accounts with this role")
	q := fs.String("q", "", "words of the username or name, with or without diacritics")
	all := fs.Bool("all", false, "include disabled accounts")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f := store.UserFilter{Query: *q, WithDisabled: *all}
	if *role != "" {
		r, err := account.ParseRole(*role)
		if err != nil {
			return err
		}
		f.Role = r
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if *unit != "" {
		u, err := s.UnitByCode(ctx, *unit)
		if err != nil {
			return err
		}
		f.UnitID = u.ID
	}
	list, err := s.Users(ctx, f)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tSTATE\tROLES")
	for _, u := range list {
		grants, err := s.Grants(ctx, u.ID)
		if err != nil {
			return err
		}
		var roles []string
		for _, g := range grants {
			roles = append(roles, string(g.Role)+"@"+g.UnitCode)
		}
		state := "active"
		if u.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Username, u.DisplayName, state, strings.Join(roles, " "))
	}
	return tw.Flush()
}

func usersDisable(ctx context.Context, e *env, args []string) error {
	return withUser(ctx, e, "users disable", args, func(s *store.Store, u *account.User) error {
		if err := s.DisableUser(ctx, u.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Đã khoá tài khoản %s; các phiên đăng nhập đã kết thúc. / Disabled %s; its sessions ended.\n", u.Username, u.Username)
		return nil
	})
}

func usersEnable(ctx context.Context, e *env, args []string) error {
	return withUser(ctx, e, "users enable", args, func(s *store.Store, u *account.User) error {
		if err := s.EnableUser(ctx, u.ID); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Đã mở khoá tài khoản %s. / Enabled %s.\n", u.Username, u.Username)
		return nil
	})
}

// usersCode prints the current TOTP code of a demo account, so a demo can
// be tried without an authenticator app. On any store not marked as demo
// data, or for a secret that is not the account's published demo secret,
// it refuses: it must never become a way round the second factor.
func usersCode(ctx context.Context, e *env, args []string) error {
	return withUser(ctx, e, "users code", args, func(s *store.Store, u *account.User) error {
		isDemo, err := s.IsDemo(ctx)
		if err != nil {
			return err
		}
		if !isDemo || !demo.IsDemoSecret(u.Username, u.TOTPSecret) {
			return coso.Errorf(coso.EForbidden, "", "Chỉ in được mã của tài khoản mẫu trên kho dữ liệu mẫu (coso serve --demo). Tài khoản thật dùng ứng dụng xác thực.",
				"Codes are printed only for demo accounts of a demo store (coso serve --demo). Real accounts use an authenticator app.")
		}
		now := s.Now()
		code, err := auth.TOTPCode(u.TOTPSecret, now)
		if err != nil {
			return err
		}
		left := 30 - now.Unix()%30
		fmt.Fprintf(e.stdout, "%s\n", code)
		fmt.Fprintf(e.stderr, "Mã của %s, còn hiệu lực %d giây. / Code of %s, valid for %d more seconds.\n", u.Username, left, u.Username, left)
		return nil
	})
}

func withUser(ctx context.Context, e *env, name string, args []string, fn func(*store.Store, *account.User) error) error {
	fs := e.flags(name)
	username := fs.String("username", "", "the account's username")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *username == "" {
		return coso.Invalid("username", "Thiếu --username.", "--username is required.")
	}
	s, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := s.UserByUsername(ctx, *username)
	if err != nil {
		return err
	}
	return fn(s, u)
}
