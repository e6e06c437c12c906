package web

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"coso"
	"coso/store"
)

// utf8BOM lets Excel, which otherwise guesses a Windows code page, read
// the Vietnamese letters of the export.
const utf8BOM = "\uFEFF"

// auditCSV exports the filtered audit trail, every matching line, newest
// first, with a header row. Lines are streamed from the database, so a
// year of a province's trail needs no memory to speak of.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request) {
	d, f, err := s.auditFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(d.Err.List) > 0 {
		s.fail(w, r, d.Err.List[0])
		return
	}
	// The server's write timeout suits pages; an export may take longer.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(10 * time.Minute))
	name := "audit-" + d.Unit.Code + "-" + time.Now().In(coso.Zone).Format("20060102") + ".csv"
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(utf8BOM))
	t := s.view(r, "", nil).T
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{t.T("audit_id"), t.T("audit_at"), t.T("audit_user"), t.T("audit_role"), t.T("audit_unit"),
		t.T("audit_action"), t.T("audit_object"), t.T("audit_summary"), t.T("audit_addr")})
	err = s.store.EachAudit(r.Context(), f, func(e store.AuditEntry) error {
		return cw.Write([]string{strconv.FormatInt(e.ID, 10), e.At.In(coso.Zone).Format("2006-01-02 15:04:05"),
			cell(e.Username), cell(e.Role), cell(e.UnitCode), cell(e.Action), cell(e.Object), cell(e.Summary), cell(e.Addr)})
	})
	cw.Flush()
	if err != nil {
		// The status is sent; a cut file is all the client can be told.
		s.log.Error("audit export", "err", err)
	}
}

// cell keeps a spreadsheet from reading a value as a formula (CSV
// injection): a leading =, +, -, @, tab or carriage return gets a quote.
func cell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
