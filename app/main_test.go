package app_test

import (
	"testing"

	"coso/app/apptest"
	"coso/auth"
)

// TestMain runs every app test with the shared logger and fails the run
// when the log holds a person's personal data (issue 3, "Done when" #3).
// Password hashes are cheap here: these tests do not test their cost.
func TestMain(m *testing.M) {
	auth.Params.Memory, auth.Params.Time = 1024, 1
	apptest.Main(m)
}
