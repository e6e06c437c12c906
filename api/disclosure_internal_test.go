package api

import (
	"testing"

	"coso/account"
)

func TestDisclosureWriteIsTheAccountAction(t *testing.T) {
	if disclosureWrite != account.DisclosureWrite {
		t.Errorf("disclosureWrite = %q, account.DisclosureWrite = %q", disclosureWrite, account.DisclosureWrite)
	}
}
