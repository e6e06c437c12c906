// Package e2e drives the platform's main journeys in a real browser
// (Debian's chromium through chromedp) against a real server.
package e2e

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser starts a headless chromium for one test. It fails the test when
// chromium is not installed: `.ci/run` installs it (apt-get install chromium).
func Browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("COSO_CHROMIUM")
	if path == "" {
		for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
			if _, err := os.Stat(p); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		if p, err := exec.LookPath("chromium"); err == nil {
			path = p
		}
	}
	if path == "" {
		t.Fatal("no chromium found: install it with `apt-get install chromium` (.ci/run does) or set COSO_CHROMIUM")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(360, 800), // a cheap phone's screen
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute) // journeys of several sign-ins under -race on a busy machine
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	return ctx
}
