package web

import (
	"errors"
	"net/http"

	"coso"
	"coso/household"
	"coso/lang"
	"coso/place"
)

// importLimit bounds an uploaded households file: a village of a thousand
// households is about 300 KB.
const importLimit = 2 << 20

var errFileTooBig error = coso.Invalid("file", "Tệp lớn quá %d MB.", "The file is larger than %d MB.", importLimit>>20)

// importLine is one problem of an uploaded file.
type importLine struct {
	Line    int
	Field   string
	Message string
}

type householdImportData struct {
	Village *place.Unit
	Columns []string
	Errors  []importLine
	Result  *household.ImportResult
}

func (s *Server) householdImportForm(w http.ResponseWriter, r *http.Request) {
	u, err := s.village(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderImport(w, r, householdImportData{Village: u}, http.StatusOK)
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, d householdImportData, status int) {
	d.Columns = household.Columns
	v := s.view(r, "", d)
	v.Title = v.T.T("hh_import_title", "Village", d.Village.Name)
	s.render(w, r, "household_import", status, v)
}

// householdImport imports an uploaded households file into the village:
// all or nothing, showing every bad line by number, or the counts.
func (s *Server) householdImport(w http.ResponseWriter, r *http.Request) {
	u, err := s.village(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := householdImportData{Village: u}
	res, err := s.importUpload(w, r, u)
	if err == nil {
		d.Result = &res
		s.renderImport(w, r, d, http.StatusOK)
		return
	}
	var es coso.Errors
	if !errors.As(err, &es) {
		if coso.ErrorCode(err) == coso.EInternal {
			s.fail(w, r, err)
			return
		}
		es = coso.Errors{coso.AsError(err)}
	}
	p := s.cat.Printer(lang.FromRequest(r))
	for _, e := range es {
		d.Errors = append(d.Errors, importLine{Line: e.Line, Field: e.Field, Message: p.Pick(e.VI, e.EN)})
	}
	status := coso.HTTPStatus(es[0].Code)
	if err == errFileTooBig {
		status = http.StatusRequestEntityTooLarge
	}
	s.renderImport(w, r, d, status)
}

// importUpload reads the uploaded file and imports it.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request, u *place.Unit) (household.ImportResult, error) {
	r.Body = http.MaxBytesReader(w, r.Body, importLimit)
	if err := r.ParseMultipartForm(importLimit); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return household.ImportResult{}, errFileTooBig
		}
		return household.ImportResult{}, coso.Invalid("file", "Hãy chọn một tệp CSV để tải lên.", "Choose a CSV file to upload.")
	}
	defer r.MultipartForm.RemoveAll()
	f, _, err := r.FormFile("file")
	if err != nil {
		return household.ImportResult{}, coso.Invalid("file", "Hãy chọn một tệp CSV để tải lên.", "Choose a CSV file to upload.")
	}
	defer f.Close()
	rows, err := household.ReadCSV(f)
	if err != nil {
		return household.ImportResult{}, err
	}
	return s.store.ImportHouseholds(r.Context(), u.Code, rows)
}
