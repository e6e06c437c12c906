package web

import (
	"errors"
	"net/http"

	"coso"
)

// formError is what went wrong with a back-office form or filter: every
// message, for the summary at the top, and the one of each field, shown
// next to it. The zero value is no error.
type formError struct {
	List []*coso.Error
}

// problemsOf flattens err (one error or several) into a formError.
func problemsOf(err error) formError {
	var es coso.Errors
	if errors.As(err, &es) {
		return formError{List: es}
	}
	return formError{List: []*coso.Error{coso.AsError(err)}}
}

// For returns the message of field, or nil.
func (f formError) For(field string) *coso.Error {
	for _, e := range f.List {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// Status is the HTTP status of the first error.
func (f formError) Status() int {
	if len(f.List) == 0 {
		return http.StatusOK
	}
	return coso.HTTPStatus(f.List[0].Code)
}

// internal tells whether err is a fault of the platform, not of the
// input: those get the error page, never a form.
func internal(err error) bool {
	var es coso.Errors
	if errors.As(err, &es) {
		return false
	}
	return coso.ErrorCode(err) == coso.EInternal
}
