package coso

import "net/http"

// statuses maps the error vocabulary to HTTP, in one place for pages and API.
var statuses = map[Code]int{
	EInvalid:         http.StatusBadRequest,
	ENotFound:        http.StatusNotFound,
	EConflict:        http.StatusConflict,
	EForbidden:       http.StatusForbidden,
	EUnauthenticated: http.StatusUnauthorized,
	ETooMany:         http.StatusTooManyRequests,
	EInternal:        http.StatusInternalServerError,
	EUnavailable:     http.StatusServiceUnavailable,
}

// HTTPStatus returns the HTTP status for an error code.
func HTTPStatus(c Code) int {
	if s, ok := statuses[c]; ok {
		return s
	}
	return http.StatusInternalServerError
}
