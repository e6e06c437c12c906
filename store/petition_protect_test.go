package store_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"coso"
	"coso/account"
	"coso/pdftext"
	"coso/petition"
	"coso/seal"
	"coso/store"
	"coso/store/storetest"
	"coso/viet"
)

// The denouncer of these tests. Each string is searched for, in several
// spellings, in everything the database holds.
const (
	secretName    = "Vương Thị Bí Mật"
	secretPhone   = "0936 271 845"
	secretAddress = "Số 7 ngõ Hoa Sữa, bản Tân Tiến"
)

// secretForms are the byte strings that would betray the denouncer: the
// name in NFC and NFD, folded and in capitals, the phone's digits, the
// address's distinctive words.
func secretForms() [][]byte {
	var out [][]byte
	for _, s := range []string{secretName, "Hoa Sữa"} {
		out = append(out, []byte(norm.NFC.String(s)), []byte(norm.NFD.String(s)), []byte(viet.Fold(s)),
			[]byte(strings.ToUpper(norm.NFC.String(s))))
	}
	out = append(out, []byte("936271845"), []byte("0936 271 845"), []byte("Bi Mat"), []byte("BI MAT"))
	return out
}

func findSecrets(what string, data []byte) []string {
	var found []string
	for _, f := range secretForms() {
		if bytes.Contains(bytes.ToLower(data), bytes.ToLower(f)) {
			found = append(found, fmt.Sprintf("%s holds %q", what, f))
		}
	}
	return found
}

// denounce files a denunciation against an official of commune 14846 with
// a scanned letter that carries the denouncer's name, then has a province
// officer see the identity through an approved reveal (so the trail holds
// every step of a reveal too).
func denounce(t *testing.T, s *store.Store) *petition.Case {
	t.Helper()
	ctx := context.Background()
	d := denunciation("14846")
	d.Identity = petition.Identity{Name: secretName, Phone: secretPhone, Address: secretAddress}
	scan := pdftext.Minimal("DON TO CAO", "Nguoi to cao: "+viet.Fold(secretName)+", "+secretPhone)
	if err := s.CreatePetition(ctx, d, []store.Upload{{Name: "don-to-cao-" + viet.Fold(secretName) + ".pdf", Data: scan}}); err != nil {
		t.Fatal(err)
	}
	p1 := official(t, s, "tiepdan1", account.ProvinceOfficer, "38", "")
	p2 := official(t, s, "tiepdan2", account.ProvinceOfficer, "38", "")
	r, err := s.RequestReveal(as(p1), d.ID, "Cần liên hệ người tố cáo để bổ sung chứng cứ.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideReveal(as(p2), r.ID, true, "Đồng ý."); err != nil {
		t.Fatal(err)
	}
	id, _, err := s.RevealedIdentity(as(p1), r.ID)
	if err != nil || id.Name != secretName {
		t.Fatalf("reveal: %+v %v", id, err)
	}
	return d
}

func as(u *account.User) context.Context {
	return coso.WithActor(context.Background(), coso.Actor{UserID: u.ID, Username: u.Username, Role: "test"})
}

// Issue 7, "Done when": searching the SQLite database file (with its WAL)
// and every stored file, or a PostgreSQL dump, for a denouncer's name
// finds nothing.
func TestDenouncerNotInTheDatabase(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		d := denounce(t, s)
		// Accepting it queues the notice to the denouncer's phone: sealed
		// in the outbox, it must not be found either.
		if _, err := s.AcceptPetition(context.Background(), d.ID, false, false, ""); err != nil {
			t.Fatal(err)
		}
		if n := len(outboxAll(t, s)); n != 1 {
			t.Fatalf("%d notices queued", n)
		}
		var found []string
		switch s.Dialect() {
		case store.SQLite:
			n := 0
			var all bytes.Buffer
			err := filepath.WalkDir(s.DataDir(), func(path string, e fs.DirEntry, err error) error {
				if err != nil || e.IsDir() {
					return err
				}
				b, err := os.ReadFile(path) // #nosec G304 -- the test's own directory
				if err != nil {
					return err
				}
				n++
				all.Write(b)
				found = append(found, findSecrets(filepath.Base(path), b)...)
				return nil
			})
			if err != nil || n < 2 {
				t.Fatalf("read %d files: %v", n, err)
			}
			// The search reads what the store wrote: the case's subject is there.
			if !bytes.Contains(all.Bytes(), []byte(d.Subject)) {
				t.Fatal("the files read do not hold the case at all")
			}
		case store.Postgres:
			found = append(found, findSecrets("the rows of every table", everyRow(t, s))...)
			found = append(found, findSecrets("pg_dump", pgDump(t, s))...)
		}
		if len(found) > 0 {
			t.Errorf("the denouncer can be found: %v", found)
		}
		// The identity is stored, sealed: the store opens it for an
		// approved reveal (above), and the row holds a non-empty seal.
		var sealed string
		if err := s.DB().QueryRow("SELECT identity_sealed FROM petitions WHERE id = $1", d.ID).Scan(&sealed); err != nil || len(sealed) < 40 {
			t.Errorf("sealed identity %q %v", sealed, err)
		}
	})
}

// everyRow reads every row of every table of the test's schema as text.
func everyRow(t *testing.T, s *store.Store) []byte {
	t.Helper()
	rows, err := s.DB().Query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	_ = rows.Close()
	if len(tables) < 20 {
		t.Fatalf("only %d tables", len(tables))
	}
	var out bytes.Buffer
	for _, tb := range tables {
		r, err := s.DB().Query(`SELECT t::text FROM "` + tb + `" t`) // #nosec G202 -- table names from the catalogue
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var line string
			if err := r.Scan(&line); err != nil {
				t.Fatal(err)
			}
			out.WriteString(line + "\n")
		}
		_ = r.Close()
	}
	if !bytes.Contains(out.Bytes(), []byte("Tố cáo cán bộ địa chính")) {
		t.Fatal("the rows read do not hold the case at all")
	}
	return out.Bytes()
}

// pgDump dumps the test's schema with pg_dump, when it is installed (the
// rows read above cover the same data when it is not).
func pgDump(t *testing.T, s *store.Store) []byte {
	t.Helper()
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		t.Log("pg_dump is not installed: the rows of every table were searched instead")
		return nil
	}
	var schema string
	if err := s.DB().QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--data-only", "--schema="+schema, os.Getenv("COSO_TEST_POSTGRES")).Output() // #nosec G204 -- the test's own database
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	if !bytes.Contains(out, []byte("Tố cáo cán bộ địa chính")) {
		t.Fatalf("the dump does not hold the case at all (%d bytes)", len(out))
	}
	return out
}

// Issue 7, "Done when": revealing a denouncer without a second approval is
// refused; an approved reveal is in the audit trail; officials of the
// accused unit can neither ask nor approve.
func TestRevealNeedsASecondOfficial(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		d := denunciation("14846")
		if err := s.CreatePetition(ctx, d, nil); err != nil {
			t.Fatal(err)
		}
		p1 := official(t, s, "tiepdan1", account.ProvinceOfficer, "38", "")
		p2 := official(t, s, "tiepdan2", account.ProvinceOfficer, "38", "")
		chair := official(t, s, "chutich.tamchung", account.CommuneChair, "14846", "")
		both := official(t, s, "kiemnhiem", account.ProvinceOfficer, "38", "")
		if _, err := s.Grant(ctx, both.ID, account.CommuneOfficer, "14846"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RequestReveal(as(chair), d.ID, "Tôi muốn biết ai tố cáo."); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("the accused commune's chair asked: %v", err)
		}
		if _, err := s.RequestReveal(as(both), d.ID, "Cần liên hệ."); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("a province officer who also works in the accused commune asked: %v", err)
		}
		if _, err := s.RequestReveal(as(p1), d.ID, ""); coso.ErrorCode(err) != coso.EInvalid {
			t.Errorf("asked without a reason: %v", err)
		}
		r, err := s.RequestReveal(as(p1), d.ID, "Cần liên hệ người tố cáo để bổ sung chứng cứ.")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.RevealedIdentity(as(p1), r.ID); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("seen without approval: %v", err)
		}
		if _, err := s.DecideReveal(as(p1), r.ID, true, ""); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("approved by the requester: %v", err)
		}
		if _, err := s.DecideReveal(as(chair), r.ID, true, ""); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("approved by the accused commune's chair: %v", err)
		}
		if _, err := s.DecideReveal(as(p2), r.ID, true, "Đồng ý, lý do chính đáng."); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideReveal(as(p2), r.ID, false, ""); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("decided twice: %v", err)
		}
		if _, _, err := s.RevealedIdentity(as(p2), r.ID); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("seen by the approver, who did not ask: %v", err)
		}
		id, _, err := s.RevealedIdentity(as(p1), r.ID)
		if err != nil || id.Name != "Lò Thị Tố Giác" || id.Phone != "+84987654321" {
			t.Fatalf("approved reveal: %+v %v", id, err)
		}
		trail, err := s.AuditLog(ctx, store.AuditFilter{Action: "petition.reveal."})
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, e := range trail {
			lines = append(lines, e.Username+" "+e.Action)
			if strings.Contains(e.Summary, "Tố Giác") {
				t.Errorf("the trail names the denouncer: %q", e.Summary)
			}
		}
		if got := strings.Join(lines, "; "); got != "tiepdan1 petition.reveal.view; tiepdan2 petition.reveal.approve; tiepdan1 petition.reveal.request" {
			t.Errorf("audit trail: %s", got)
		}
		at(s, ymd(2026, 3, 7)) // a day later: the approval has lapsed
		if _, _, err := s.RevealedIdentity(as(p1), r.ID); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("seen after the approval lapsed: %v", err)
		}
		refused, err := s.RequestReveal(as(p2), d.ID, "Kiểm tra lại.")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DecideReveal(as(p1), refused.ID, false, "Không cần thiết."); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.RevealedIdentity(as(p2), refused.ID); coso.ErrorCode(err) != coso.EForbidden {
			t.Errorf("seen after a refusal: %v", err)
		}
		c := complaint("14846")
		if err := s.CreatePetition(ctx, c, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RequestReveal(as(p1), c.ID, "Không cần."); coso.ErrorCode(err) != coso.EConflict {
			t.Errorf("a reveal asked for a complaint: %v", err)
		}
	})
}

// Rotation: after a new key is added, rekeying seals every identity and
// file under it, and a keyring without the old key still opens them.
func TestRekeyPetitions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, s *store.Store) {
		setupPetitions(t, s)
		ctx := context.Background()
		line1, _ := seal.NewLine("old")
		line2, _ := seal.NewLine("new")
		ring := func(text string) *seal.Keyring {
			k, err := seal.Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			return k
		}
		s.SetSealer(ring(line1))
		c := complaint("14846")
		if err := s.CreatePetition(ctx, c, []store.Upload{{Name: "a.pdf", Data: pdfBytes}}); err != nil {
			t.Fatal(err)
		}
		next := ring(line2)
		s.SetSealer(ring(line1 + "\n" + line2))
		n, err := s.RekeyPetitions(ctx)
		if err != nil || n != 2 {
			t.Fatalf("rekeyed %d: %v", n, err)
		}
		s.SetSealer(next)
		if id, err := s.PetitionIdentity(ctx, c.ID); err != nil || id.Name != "Hà Văn Khiếu" {
			t.Errorf("identity under the new key alone: %v", err)
		}
		files, _ := s.PetitionFiles(ctx, c.ID)
		if _, data, err := s.PetitionFile(ctx, c.ID, files[0].ID); err != nil || !bytes.Equal(data, pdfBytes) {
			t.Errorf("file under the new key alone: %v", err)
		}
		if n, err := s.RekeyPetitions(ctx); err != nil || n != 0 {
			t.Errorf("second rekey: %d %v", n, err)
		}
	})
}
