package calendar_test

import (
	"errors"

	"coso"
)

func hasField(err error, field string) bool {
	var e *coso.Error
	return errors.As(err, &e) && e.Field == field && e.Code == coso.EInvalid
}
