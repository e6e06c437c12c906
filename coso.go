// Package coso holds what every part of the platform shares: the error
// vocabulary, the acting person and the clock. Domain packages import only
// this package and the standard library.
package coso

import (
	"errors"
	"fmt"
)

// Code is one word of the error vocabulary. The web and API layers map each
// code to one HTTP status in one table.
type Code string

const (
	EInvalid         Code = "invalid"
	ENotFound        Code = "not_found"
	EConflict        Code = "conflict"
	EForbidden       Code = "forbidden"
	EUnauthenticated Code = "unauthenticated"
	ETooMany         Code = "too_many_requests"
	EInternal        Code = "internal"
	// EUnavailable: the data cannot be written or read for now (the disk
	// is full, the database is restarting); nothing was changed, and the
	// same request may succeed later.
	EUnavailable Code = "unavailable"
)

// Error is an error a person can read: a code, the field it concerns (if
// any), the line of an imported file (if any), and a message in Vietnamese
// and in English.
type Error struct {
	Code  Code
	Field string
	Line  int
	VI    string
	EN    string
}

func (e *Error) Error() string {
	s := e.EN
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Line > 0 {
		s = fmt.Sprintf("line %d: %s", e.Line, s)
	}
	return s
}

// Errorf builds an Error. vi and en are the two messages; they may hold
// fmt verbs filled by args.
func Errorf(code Code, field, vi, en string, args ...any) *Error {
	return &Error{Code: code, Field: field, VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}
}

// Invalid reports bad input in one field.
func Invalid(field, vi, en string, args ...any) *Error {
	return Errorf(EInvalid, field, vi, en, args...)
}

// NotFound reports a missing record.
func NotFound(what string) *Error {
	return Errorf(ENotFound, "", "Không tìm thấy: %s", "Not found: %s", what)
}

// Forbidden reports an action the actor may not take.
func Forbidden() *Error {
	return Errorf(EForbidden, "", "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this.")
}

// ErrorCode returns the code of err, EInternal for errors that are not *Error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return AsError(err).Code
}

// AsError returns err as *Error; errors of other types become an internal
// error whose message reveals nothing of the cause.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	for _, explain := range explainers {
		if e := explain(err); e != nil {
			return e
		}
	}
	return &Error{Code: EInternal, VI: "Lỗi hệ thống, vui lòng thử lại sau.", EN: "Internal error, please try again later."}
}

// Errors gathers several field errors (for example every bad row of an
// imported file) into one.
type Errors []*Error

func (es Errors) Error() string {
	if len(es) == 0 {
		return "no errors"
	}
	s := es[0].Error()
	if len(es) > 1 {
		s += fmt.Sprintf(" (and %d more)", len(es)-1)
	}
	return s
}

// Err returns nil when es is empty, else es.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// explainers recognise errors of the adapters (database drivers) that a
// person can be told about, such as a full disk.
var explainers []func(error) *Error

// AddExplainer lets an adapter explain its own errors; adapters call it
// from init, before any request.
func AddExplainer(f func(error) *Error) { explainers = append(explainers, f) }

// Unavailable reports that the data cannot be reached or written for now.
func Unavailable() *Error {
	return &Error{Code: EUnavailable,
		VI: "Hệ thống tạm thời không lưu được dữ liệu; chưa có gì thay đổi. Vui lòng thử lại sau ít phút.",
		EN: "The system cannot store data right now; nothing was changed. Please try again in a few minutes."}
}
