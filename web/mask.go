package web

import (
	"strings"

	"coso/notify"
	"coso/viet"
)

// maskPhone shows a stored +84… number the way people read it, with the
// middle hidden ("0912 *** 678"): enough for its owner to recognise it,
// not enough for someone looking over a shoulder.
func maskPhone(stored string) string {
	if parts := strings.Fields(viet.FormatPhone(stored)); len(parts) == 3 {
		return parts[0] + " *** " + parts[2]
	}
	return notify.MaskPhone(stored)
}
