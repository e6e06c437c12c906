package e2e

import (
	"testing"

	"coso/app/apptest"
	"coso/auth"
)

// TestMain runs the journeys with the shared test logger and fails the
// run when the log holds a person's personal data. Password hashes are
// cheap: the journeys do not test their cost.
func TestMain(m *testing.M) {
	auth.Params.Memory, auth.Params.Time = 1024, 1
	apptest.Main(m)
}
