package web

import (
	"fmt"
	"io"
	"net/http"

	"coso"
	"coso/disclosure"
	"coso/pdftext"
)

// act runs one action on the disclosure in the path and goes back to its
// page, or shows the page again with the error next to the form that
// failed.
func (s *Server) act(w http.ResponseWriter, r *http.Request, form string, fn func(d *disclosure.Disclosure) error) {
	id, _ := pathInt(r, "id")
	d, err := s.store.Disclosure(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := fn(d); err != nil {
		if internal(err) {
			s.fail(w, r, err)
			return
		}
		fresh, ferr := s.store.Disclosure(r.Context(), id)
		if ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		if form == "draft" {
			// Show what was typed, not what is stored.
			_ = readDraft(r, fresh)
		}
		_, status := firstError(err)
		s.renderManage(w, r, fresh, form, err, status)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/disclosures/%d?done=%s", id, form), http.StatusSeeOther)
}

func (s *Server) updateDraft(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "draft", func(d *disclosure.Disclosure) error {
		if err := readDraft(r, d); err != nil {
			return err
		}
		return s.store.UpdateDraft(r.Context(), d)
	})
}

func (s *Server) publishDisclosure(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "publish", func(d *disclosure.Disclosure) error {
		on, err := formDate(r, "published_on")
		if err != nil {
			return err
		}
		_, err = s.store.PublishDisclosure(r.Context(), d.ID, on)
		return err
	})
}

func (s *Server) correctDisclosure(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "correct", func(d *disclosure.Disclosure) error {
		_, err := s.store.CorrectDisclosure(r.Context(), d.ID, r.PostFormValue("title"), r.PostFormValue("body"), r.PostFormValue("reason"))
		return err
	})
}

func (s *Server) withdrawDisclosure(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "withdraw", func(d *disclosure.Disclosure) error {
		_, err := s.store.WithdrawDisclosure(r.Context(), d.ID, r.PostFormValue("reason"))
		return err
	})
}

func (s *Server) extendPosting(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "extend", func(d *disclosure.Disclosure) error {
		until, err := formDate(r, "until")
		if err != nil {
			return err
		}
		if until.IsZero() {
			return coso.Invalid("until", "Cần ngày kết thúc mới.", "The new end date is required.")
		}
		return s.store.ExtendPosting(r.Context(), d.ID, until, r.PostFormValue("reason"))
	})
}

// recordUse records a channel used, with a photo of the posted notice
// when one is sent.
func (s *Server) recordUse(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "use", func(d *disclosure.Disclosure) error {
		u := disclosure.Use{Channel: disclosure.Channel(r.FormValue("channel")), Note: r.FormValue("note")}
		var err error
		if u.From, err = formDate(r, "from"); err != nil {
			return err
		}
		if u.To, err = formDate(r, "to"); err != nil {
			return err
		}
		if u.To.IsZero() {
			u.To = u.From
		}
		if _, err := disclosure.ParseChannel(string(u.Channel)); err != nil {
			return err
		}
		// Check before the photo is stored, so a bad date leaves no
		// orphan file behind.
		if err := d.CheckUse(&u, s.store.Now()); err != nil {
			return err
		}
		name, data, err := uploaded(r, "photo")
		if err != nil {
			return err
		}
		if data != nil {
			f, err := s.store.AddDisclosureFile(r.Context(), d.ID, disclosure.Evidence, name, data, "")
			if err != nil {
				return err
			}
			u.FileID = f.ID
		}
		return s.store.RecordUse(r.Context(), d.ID, &u)
	})
}

// uploadFile attaches a document; the text of a PDF is read for search,
// as far as it can be.
func (s *Server) uploadFile(w http.ResponseWriter, r *http.Request) {
	s.act(w, r, "file", func(d *disclosure.Disclosure) error {
		name, data, err := uploaded(r, "file")
		if err != nil {
			return err
		}
		if data == nil {
			return coso.Invalid("file", "Chọn một tệp để tải lên.", "Choose a file to upload.")
		}
		text := ""
		if typ, err := disclosure.Sniff(name, data); err == nil && typ == "application/pdf" {
			text, err = pdftext.Extract(data)
			if err != nil {
				// Kept anyway: a scan has no text to read, and the file
				// still belongs to the record.
				s.log.Info("pdf text not fully read", "disclosure", d.ID, "err", err)
			}
		}
		_, err = s.store.AddDisclosureFile(r.Context(), d.ID, disclosure.Attachment, name, data, text)
		return err
	})
}

// uploaded reads the file of a multipart field, at most MaxFileSize
// bytes; no file gives a nil slice.
func uploaded(r *http.Request, field string) (string, []byte, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		return "", nil, coso.Invalid(field, "Tệp quá lớn hoặc biểu mẫu không hợp lệ (tối đa %d MB).", "The file is too large or the form is invalid (at most %d MB).", disclosure.MaxFileSize>>20)
	}
	f, h, err := r.FormFile(field)
	if err == http.ErrMissingFile || err == http.ErrNotMultipart {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, coso.Invalid(field, "Không đọc được tệp.", "The file could not be read.")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, disclosure.MaxFileSize+1))
	if err != nil {
		return "", nil, coso.Invalid(field, "Không đọc được tệp.", "The file could not be read.")
	}
	if len(data) == 0 {
		return "", nil, nil
	}
	return h.Filename, data, nil
}
