package e2e

import (
	"context"
	"regexp"
	"testing"
	"time"

	"coso/app/apptest"
	"coso/notify"
	"coso/store"
)

var codeRE = regexp.MustCompile(`là (\d{6})\.`)

// codeReader returns a function that sends the outbox (the worker is run
// by hand so the test waits for no timer) and reads the last sign-in code
// texted to phone (+84…) from the file SMS sink at path.
func codeReader(t *testing.T, st *store.Store, path, phone string) func() string {
	w := &notify.Worker{Outbox: st, SMS: &notify.FileSMS{Path: path}, Now: st.Now, Log: apptest.Logger()}
	return func() string {
		t.Helper()
		ctx := context.Background()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if _, err := w.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			lines, err := notify.ReadSMSFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := len(lines) - 1; i >= 0; i-- {
				if m := codeRE.FindStringSubmatch(lines[i].Text); m != nil && lines[i].To == phone {
					return m[1]
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatal("no code reached the SMS file")
		return ""
	}
}
