package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"coso/auth"
	"coso/demo"
	"coso/store"
	"coso/store/storetest"
)

const testUnits = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
14845,Xã Mường Lát,commune,38
14845.01,Bản Lát,village,14845
14846,Xã Tam Chung,commune,38
`

// cli runs coso commands against one data directory (and database).
type cli struct {
	t    *testing.T
	base []string // --data and --db
	cfg  store.Config
}

// engines runs fn with a fresh SQLite data directory, and with a fresh
// PostgreSQL schema when COSO_TEST_POSTGRES is set.
func engines(t *testing.T, fn func(t *testing.T, c *cli)) {
	old := auth.Params
	auth.Params.Memory, auth.Params.Time = 1024, 1 // the commands are under test, not the cost of hashing
	t.Cleanup(func() { auth.Params = old })
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		fn(t, &cli{t: t, base: []string{"--data", dir}, cfg: store.Config{DataDir: dir}})
	})
	if os.Getenv("COSO_TEST_POSTGRES") != "" {
		t.Run("postgres", func(t *testing.T) {
			dir, dsn := t.TempDir(), storetest.PostgresDSN(t)
			fn(t, &cli{t: t, base: []string{"--data", dir, "--db", dsn}, cfg: store.Config{DataDir: dir, DSN: dsn}})
		})
	}
}

// run runs coso with args (the common flags are added after the
// subcommands) and stdin, returning the exit code and outputs.
func (c *cli) run(stdin string, args ...string) (int, string, string) {
	c.t.Helper()
	n := 1
	if (args[0] == "users" || args[0] == "units") && len(args) > 1 {
		n = 2
	}
	full := append(append(append([]string{}, args[:n]...), c.base...), args[n:]...)
	if len(args) == 1 {
		full = args // "coso users": no subcommand to put the flags after
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), full, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// ok runs a command that must succeed.
func (c *cli) ok(stdin string, args ...string) string {
	c.t.Helper()
	code, out, errOut := c.run(stdin, args...)
	if code != 0 {
		c.t.Fatalf("coso %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// fails runs a command that must fail with a message containing each of want.
func (c *cli) fails(stdin string, want []string, args ...string) {
	c.t.Helper()
	code, out, errOut := c.run(stdin, args...)
	if code == 0 {
		c.t.Errorf("coso %s succeeded:\n%s", strings.Join(args, " "), out)
		return
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			c.t.Errorf("coso %s: stderr lacks %q:\n%s", strings.Join(args, " "), w, errOut)
		}
	}
}

func (c *cli) store() *store.Store {
	c.t.Helper()
	s, err := store.Open(context.Background(), c.cfg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.t.Cleanup(func() { s.Close() })
	return s
}

func (c *cli) importUnits() {
	c.t.Helper()
	f := filepath.Join(c.t.TempDir(), "units.csv")
	if err := os.WriteFile(f, []byte(testUnits), 0o600); err != nil {
		c.t.Fatal(err)
	}
	c.ok("", "units", "import", f)
}

const goodPassword = "hoa sen nở giữa hồ thu\n"

var secretRE = regexp.MustCompile(`Khoá / key: ([A-Z2-7]+)`)

func TestUsersAddFirstAdministrator(t *testing.T) {
	engines(t, func(t *testing.T, c *cli) {
		c.importUnits()
		out := c.ok(goodPassword, "users", "add", "--username", "QuanTri.Tinh", "--role", "province_admin", "--unit", "38",
			"--name", "Lê Văn Quản", "--email", "quantri@thanhhoa.gov.vn", "--password-stdin")
		for _, want := range []string{"quantri.tinh", "province_admin", "otpauth://totp/coso:quantri.tinh?", "█", "Khoá / key:"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		m := secretRE.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no secret printed:\n%s", out)
		}
		// The administrator signs in with the password and the app's code.
		s := c.store()
		now := time.Now()
		code, _ := auth.TOTPCode(m[1], now)
		u, grants, err := auth.SignIn(context.Background(), s, "quantri.tinh", strings.TrimSuffix(goodPassword, "\n"), code, now)
		if err != nil || u.DisplayName != "Lê Văn Quản" || u.Email != "quantri@thanhhoa.gov.vn" || len(grants) != 1 || grants[0].UnitCode != "38" {
			t.Fatalf("sign-in: %+v %+v %v", u, grants, err)
		}
	})
}

func TestUsersAddRefusals(t *testing.T) {
	engines(t, func(t *testing.T, c *cli) {
		c.importUnits()
		add := func(username, role, unit string) []string {
			return []string{"users", "add", "--username", username, "--role", role, "--unit", unit, "--password-stdin"}
		}
		c.fails("password1234\n", []string{"password:", "Mật khẩu", "password"}, add("an", "village_head", "14845.01")...)
		c.fails("", []string{"password:"}, add("an.nguyen", "village_head", "14845.01")...)
		c.fails(goodPassword, []string{"--password-stdin"}, "users", "add", "--username", "an.nguyen", "--role", "village_head", "--unit", "14845.01")
		c.fails(goodPassword, []string{"role:", "citizen"}, add("an.nguyen", "citizen", "14845.01")...)
		c.fails(goodPassword, []string{"role:", "mayor"}, add("an.nguyen", "mayor", "14845.01")...)
		c.fails(goodPassword, []string{"unit:", "99999"}, add("an.nguyen", "village_head", "99999")...)
		c.fails(goodPassword, []string{"unit:", "village"}, add("an.nguyen", "commune_officer", "14845.01")...)
		c.fails(goodPassword, []string{"username:", "unit:"}, "users", "add", "--role", "village_head", "--password-stdin")
		c.fails("", []string{"add, grant"}, "users")
		c.fails("", []string{"frobnicate"}, "users", "frobnicate")
		// Nothing was created by any refused command.
		if out := c.ok("", "users", "list", "--all"); strings.Contains(out, "an.nguyen") {
			t.Errorf("a refused account exists:\n%s", out)
		}
		out := c.ok(goodPassword, add("an.nguyen", "village_head", "14845.01")...)
		if strings.Contains(out, "otpauth") {
			t.Errorf("a village head needs no TOTP:\n%s", out)
		}
		c.fails(goodPassword, []string{"username:", "an.nguyen"}, add("an.nguyen", "village_head", "14845.01")...)
	})
}

func TestUsersGrantRevokeListDisable(t *testing.T) {
	engines(t, func(t *testing.T, c *cli) {
		c.importUnits()
		c.ok(goodPassword, "users", "add", "--username", "an.nguyen", "--name", "Nguyễn Văn An", "--role", "village_head", "--unit", "14845.01", "--password-stdin")
		c.ok(goodPassword, "users", "add", "--username", "binh", "--role", "commune_officer", "--unit", "14846", "--password-stdin")
		out := c.ok("", "users", "grant", "--username", "an.nguyen", "--role", "commune_officer", "--unit", "14845")
		if !strings.Contains(out, "enrol") {
			t.Errorf("no word about enrolment:\n%s", out)
		}
		c.fails("", []string{"role:", "14845"}, "users", "grant", "--username", "an.nguyen", "--role", "commune_officer", "--unit", "14845")
		c.fails("", []string{"username:", "nobody"}, "users", "grant", "--username", "nobody", "--role", "commune_officer", "--unit", "14845")
		list := c.ok("", "users", "list", "--unit", "14845")
		if !strings.Contains(list, "an.nguyen") || !strings.Contains(list, "commune_officer@14845") ||
			!strings.Contains(list, "village_head@14845.01") || strings.Contains(list, "binh") {
			t.Errorf("list of 14845:\n%s", list)
		}
		if list := c.ok("", "users", "list", "--role", "commune_officer", "--q", "an"); !strings.Contains(list, "Nguyễn Văn An") || strings.Contains(list, "binh") {
			t.Errorf("list by role and name:\n%s", list)
		}
		c.ok("", "users", "revoke", "--username", "an.nguyen", "--role", "commune_officer", "--unit", "14845")
		c.fails("", []string{"role:"}, "users", "revoke", "--username", "an.nguyen", "--role", "commune_officer", "--unit", "14845")
		if list := c.ok("", "users", "list", "--unit", "14845"); strings.Contains(list, "commune_officer") {
			t.Errorf("revoked role still listed:\n%s", list)
		}
		c.ok("", "users", "disable", "--username", "binh")
		if list := c.ok("", "users", "list"); strings.Contains(list, "binh") {
			t.Errorf("disabled account listed:\n%s", list)
		}
		if list := c.ok("", "users", "list", "--all"); !strings.Contains(list, "disabled") {
			t.Errorf("--all lacks the disabled account:\n%s", list)
		}
		_, _, err := auth.SignIn(context.Background(), c.store(), "binh", strings.TrimSuffix(goodPassword, "\n"), "", time.Now())
		if err != auth.ErrDisabled {
			t.Errorf("a disabled account signs in: %v", err)
		}
		c.ok("", "users", "enable", "--username", "binh")
		c.fails("", []string{"username:"}, "users", "disable")
	})
}

func TestUsersCodeRefusedOffDemo(t *testing.T) {
	engines(t, func(t *testing.T, c *cli) {
		c.importUnits()
		c.ok(goodPassword, "users", "add", "--username", "quantri", "--role", "province_admin", "--unit", "38", "--password-stdin")
		c.fails("", []string{"demo"}, "users", "code", "--username", "quantri")
	})
}

// Subtests of one test must have distinct names: a repeated name gets a
// "#01" suffix, and a "#" in the data directory cuts the SQLite file: URI
// short, so two tests would share one database file outside the temporary
// directory.
func TestUsersCodeOnDemo(t *testing.T) {
	engines(t, func(t *testing.T, c *cli) {
		s := c.store()
		ctx := context.Background()
		if _, err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Accounts(ctx, s); err != nil {
			t.Fatal(err)
		}
		before := time.Now()
		out := strings.TrimSpace(c.ok("", "users", "code", "--username", "quantri.tinh"))
		want1, _ := auth.TOTPCode(demo.TOTPSecret("quantri.tinh"), before)
		want2, _ := auth.TOTPCode(demo.TOTPSecret("quantri.tinh"), time.Now())
		if out != want1 && out != want2 {
			t.Errorf("code %q, want %q", out, want1)
		}
		// A village head has no code; an account enrolled for real is
		// not a demo secret, even on a demo store.
		c.fails("", []string{"demo"}, "users", "code", "--username", "truongthon.hamrong1")
		c.ok(goodPassword, "users", "add", "--username", "that.su", "--role", "supervisor", "--unit", "38", "--password-stdin")
		c.fails("", []string{"demo"}, "users", "code", "--username", "that.su")
	})
}

func TestDemoSigninsTable(t *testing.T) {
	var b bytes.Buffer
	err := printSignins(&b, []demo.Signin{
		{Role: "province_admin", UnitCode: "38", UnitName: "Tỉnh Thanh Hoá", Username: "quantri.tinh", TOTP: true},
		{Role: "village_head", UnitCode: "14758.01", UnitName: "Tổ dân phố Hàm Rồng 1", Username: "truongthon.hamrong1"},
	})
	out := b.String()
	for _, want := range []string{demo.Password, "quantri.tinh", "coso users code --username quantri.tinh", "14758.01 Tổ dân phố Hàm Rồng 1", "ROLE"} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("table lacks %q (%v):\n%s", want, err, out)
		}
	}
}
