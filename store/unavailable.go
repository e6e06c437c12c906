package store

import (
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"coso"
)

func init() { coso.AddExplainer(explain) }

// explain recognises the engine errors that mean "not now" rather than
// "wrong": a full disk or failing device under SQLite, a PostgreSQL server
// that is down, restarting or out of space. The request fails with 503 and
// a message instead of an internal error, and nothing half-done is kept
// (the transaction rolled back).
func explain(err error) *coso.Error {
	if unavailable(err) {
		return coso.Unavailable()
	}
	return nil
}

func unavailable(err error) bool {
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() & 0xff { // the primary code of an extended one
		case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08 connection exception, 53 insufficient resources (53100
		// disk full), 57P01–57P03 shutting down or starting up.
		c := pgErr.Code
		return strings.HasPrefix(c, "08") || strings.HasPrefix(c, "53") || c == "57P01" || c == "57P02" || c == "57P03"
	}
	var connErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connErr) || errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ENOSPC) || pgconn.Timeout(err)
}
