package web

import (
	"fmt"
	"net/http"
	"strconv"

	"coso"
	"coso/consultation"
)

// postComment records the signed-in citizen's comment on a section (or
// the draft as a whole) and goes back to it; a refusal (after the close,
// a second comment on one section, bad input) shows the page again with
// the reason next to the form.
func (s *Server) postComment(w http.ResponseWriter, r *http.Request) {
	id, _ := pathInt(r, "id")
	section, err := strconv.Atoi(r.PostFormValue("section"))
	if err != nil || section < 0 {
		section = 0
		err = coso.Invalid("section", "Phần dự thảo không hợp lệ.", "Unknown section.")
	}
	values := commentValues{Stance: r.PostFormValue("stance"), Text: r.PostFormValue("text"), ShowName: r.PostFormValue("show_name") != ""}
	if err == nil {
		o := &consultation.Opinion{Section: section, Stance: consultation.Stance(values.Stance), Text: values.Text, ShowName: values.ShowName}
		err = s.store.PostComment(r.Context(), id, commenterOf(whoFrom(r.Context())), o)
	}
	s.commentDone(w, r, id, section, err, values)
}

// editComment changes the citizen's own comment.
func (s *Server) editComment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, _ := pathInt(r, "id")
	values := commentValues{Stance: r.PostFormValue("stance"), Text: r.PostFormValue("text"), ShowName: r.PostFormValue("show_name") != ""}
	section := 0
	opinion, err := pathInt(r, "comment")
	var old *consultation.Opinion
	if err == nil {
		old, err = s.store.Opinion(ctx, opinion)
	}
	if err == nil && old.ConsultationID != id {
		err = coso.NotFound("opinion")
	}
	if err == nil {
		section = old.Section
		_, err = s.store.EditComment(ctx, opinion, commenterOf(whoFrom(ctx)), consultation.Stance(values.Stance), values.Text, values.ShowName)
	}
	s.commentDone(w, r, id, section, err, values)
}

func (s *Server) commentDone(w http.ResponseWriter, r *http.Request, id int64, section int, err error, values commentValues) {
	if err != nil {
		if e, _ := firstError(err); e.Code == coso.EInternal {
			s.fail(w, r, err)
			return
		}
		s.showConsultation(w, r, badInput(err), section, err, values)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/consultations/%d#s%d", id, section), http.StatusSeeOther)
}
