package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coso/store/storetest"
)

// hcli runs coso commands on one store: SQLite in a temporary data
// directory, or PostgreSQL when db is a DSN.
type hcli struct {
	t        *testing.T
	data, db string
}

// engines runs fn with a fresh store on each available engine.
func hengines(t *testing.T, fn func(t *testing.T, c hcli)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, hcli{t: t, data: t.TempDir()}) })
	if os.Getenv("COSO_TEST_POSTGRES") != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, hcli{t: t, data: t.TempDir(), db: storetest.PostgresDSN(t)}) })
	}
}

// run runs "coso COMMAND SUBCOMMAND ARGS…" with the store's flags and
// returns the exit code and both outputs.
func (c hcli) run(stdin string, cmd, sub string, args ...string) (int, string, string) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	all := append([]string{cmd, sub, "--data", c.data, "--db", c.db}, args...)
	code := run(context.Background(), all, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func (c hcli) file(name, text string) string {
	p := filepath.Join(c.t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		c.t.Fatal(err)
	}
	return p
}

const unitsCSV = `code,name,kind,parent_code
38,Tỉnh Thanh Hoá,province,
14845,Xã Mường Lát,commune,38
14845.01,Bản Lát,village,14845
14845.02,Bản Poọng,village,14845
`

const families = `household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative
14845.01-H0001,"Xóm 2, Bản Lát",Hà Văn Thắng,12/03/1978,nam,038078001234,0912 345 678,chủ hộ,x
14845.01-H0001,,Lò Thị Hoa,1981-07-02,nữ,038181004321,,vợ,
14845.01-H0001,,Hà Văn Nam,2010-09-15,nam,,,con,
14845.01-H0002,Xóm 3,Lương Văn Bình,1955-01-20,nam,,,chủ hộ,x
14845.01-H0002,,Cầm Thị Hoà,1958-11-11,nữ,,,vợ,
`

func TestHouseholdsCommand(t *testing.T) {
	hengines(t, func(t *testing.T, c hcli) {
		if code, _, stderr := c.run("", "units", "import", c.file("units.csv", unitsCSV)); code != 0 {
			t.Fatalf("units import: %d %s", code, stderr)
		}

		// A file with bad lines imports nothing and names every bad line.
		bad := families + "14845.01-H0003,,Bùi Thị Mai,31/02/1990,nữ,,,chủ hộ,x\n" +
			"14845.01-H0004,,Bùi Văn Tùng,1994-04-04,nam,038094000888,0362 111 222,em,\n"
		code, stdout, stderr := c.run("", "households", "import", "--village", "14845.01", c.file("bad.csv", bad))
		if code != 1 || stdout != "" {
			t.Errorf("bad file: exit %d, stdout %q", code, stdout)
		}
		for _, want := range []string{"dòng/line 7: birth_date:", "Birth date", "dòng/line 8: representative:",
			"người đại diện", "has no representative", "Không nhập gì", "Nothing was imported"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("bad file: stderr lacks %q:\n%s", want, stderr)
			}
		}
		if code, stdout, _ := c.run("", "households", "list", "--village", "14845.01"); code != 0 || stdout != "" {
			t.Errorf("after a refused import: %d %q", code, stdout)
		}

		code, stdout, stderr = c.run("", "households", "import", "--village", "14845.01", c.file("ok.csv", families))
		if code != 0 || !strings.Contains(stdout, "hộ/households 2 mới/created") || !strings.Contains(stdout, "người/persons 5 mới/created") {
			t.Fatalf("import: %d %q %q", code, stdout, stderr)
		}
		// The same file again, this time from standard input: nothing changes.
		code, stdout, _ = c.run(families, "households", "import", "--village", "14845.01", "-")
		if code != 0 || !strings.Contains(stdout, "Không có gì thay đổi: 2 hộ, 5 người") || !strings.Contains(stdout, "Nothing changed") {
			t.Errorf("second import: %d %q", code, stdout)
		}

		code, stdout, _ = c.run("", "households", "list", "--village", "14845.01")
		if code != 0 || !strings.Contains(stdout, "14845.01-H0001\t3\tHà Văn Thắng\tXóm 2, Bản Lát") || strings.Count(stdout, "\n") != 2 {
			t.Errorf("list: %d %q", code, stdout)
		}
		if _, stdout, _ := c.run("", "households", "list", "--village", "14845.01", "--q", "cam thi hoa"); !strings.Contains(stdout, "14845.01-H0002") || strings.Contains(stdout, "H0001") {
			t.Errorf("list --q: %q", stdout)
		}

		code, export, stderr := c.run("", "households", "export", "--village", "14845.01")
		if code != 0 || !strings.HasPrefix(export, "household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative\n") ||
			!strings.Contains(export, "14845.01-H0001,\"Xóm 2, Bản Lát\",Hà Văn Thắng,1978-03-12,nam,038078001234,0912 345 678,chủ hộ,x") {
			t.Fatalf("export: %d %q %q", code, export, stderr)
		}
		code, stdout, _ = c.run("", "households", "import", "--village", "14845.01", c.file("export.csv", export))
		if code != 0 || !strings.Contains(stdout, "Nothing changed") {
			t.Errorf("import of the export: %d %q", code, stdout)
		}

		// The households of one village cannot be imported into another.
		code, _, stderr = c.run("", "households", "import", "--village", "14845.02", c.file("ok.csv", families))
		if code != 1 || !strings.Contains(stderr, "dòng/line 2: household_code:") {
			t.Errorf("other village: %d %q", code, stderr)
		}
		for _, args := range [][]string{
			{"import", "--village", "nope", c.file("ok.csv", families)},
			{"import", "--village", "14845", c.file("ok.csv", families)},
			{"import", c.file("ok.csv", families)},
			{"list", "--village", "14845"},
			{"export"},
		} {
			code, _, stderr := c.run("", "households", args[0], args[1:]...)
			if code != 1 || !strings.Contains(stderr, "village") {
				t.Errorf("%v: %d %q", args, code, stderr)
			}
		}
		if code, _, stderr := c.run("", "households", "import", "--village", "14845.01", filepath.Join(t.TempDir(), "missing.csv")); code != 1 || !strings.Contains(stderr, "file") {
			t.Errorf("missing file: %d %q", code, stderr)
		}
	})
}
