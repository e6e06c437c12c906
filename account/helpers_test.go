package account

import (
	"errors"

	"coso"
)

// asField returns the field of a single *coso.Error.
func asField(err error) string {
	var e *coso.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
