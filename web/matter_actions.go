package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"coso"
	"coso/decision"
)

// The back-office forms of a matter. Each runs one store change and goes
// back to the matter's page, or shows the page again with the reason it
// was refused.

func (s *Server) matterDone(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		if e, _ := firstError(err); e.Code == coso.EInternal {
			s.fail(w, r, err)
			return
		}
		s.showAdminMatter(w, r, badInput(err), err)
		return
	}
	http.Redirect(w, r, "/admin/matters/"+r.PathValue("id"), http.StatusSeeOther)
}

// matterStep opens, closes or counts the vote, or adds household ballots.
func (s *Server) matterStep(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	ctx := r.Context()
	var err error
	switch r.PostFormValue("do") {
	case "open":
		err = s.store.OpenMatter(ctx, id)
	case "close":
		err = s.store.CloseMatter(ctx, id)
	case "count":
		err = s.store.CountMatter(ctx, id)
	case "ballots":
		err = s.store.AddBallots(ctx, id)
	default:
		err = coso.Invalid("do", "Thao tác không hợp lệ.", "Unknown step.")
	}
	s.matterDone(w, r, err)
}

func (s *Server) matterMeeting(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	on, err := formDate(r, "meeting_on")
	if err == nil {
		err = s.store.HoldMeeting(r.Context(), id, on, r.PostFormValue("place"))
	}
	s.matterDone(w, r, err)
}

// matterAttendance saves the roster: ticked households are present, the
// other households listed on the form are not.
func (s *Server) matterAttendance(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	if err := r.ParseForm(); err != nil {
		s.matterDone(w, r, coso.Invalid("present", "Biểu mẫu không đọc được.", "The form could not be read."))
		return
	}
	ticked := map[int64]bool{}
	var present, absent []int64
	for _, v := range r.PostForm["present"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			ticked[n] = true
			present = append(present, n)
		}
	}
	for _, v := range r.PostForm["listed"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && !ticked[n] {
			absent = append(absent, n)
		}
	}
	cluster, err := formInt(r, "cluster")
	if err == nil && len(absent) > 0 {
		err = s.store.RecordClusterAttendance(r.Context(), id, int64(cluster), absent, false)
	}
	if err == nil && len(present) > 0 {
		err = s.store.RecordClusterAttendance(r.Context(), id, int64(cluster), present, true)
	}
	s.matterDone(w, r, err)
}

func (s *Server) matterCounts(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	village, err := formID(r, "village")
	if err != nil {
		s.matterDone(w, r, err)
		return
	}
	m, err := s.store.Matter(r.Context(), id)
	if err != nil {
		s.matterDone(w, r, err)
		return
	}
	counts := make([]int, len(m.Options()))
	for i := range counts {
		if counts[i], err = formInt(r, fmt.Sprintf("count_%d", i)); err != nil {
			s.matterDone(w, r, coso.Invalid("counts", "Số phiếu phải là số nguyên không âm.", "Counts must be whole numbers of 0 or more."))
			return
		}
	}
	if cluster, err := formInt(r, "cluster"); err != nil || cluster != 0 {
		if err == nil {
			err = s.store.EnterClusterCounts(r.Context(), id, int64(cluster), counts)
		}
		s.matterDone(w, r, err)
		return
	}
	s.matterDone(w, r, s.store.EnterCounts(r.Context(), id, village, counts))
}

// matterCluster records a cluster meeting of a village of 200 households
// or more: its name, day and place.
func (s *Server) matterCluster(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	village, err := formID(r, "village")
	c := &decision.Cluster{Name: r.PostFormValue("name"), Place: r.PostFormValue("place")}
	if err == nil {
		c.HeldOn, err = formDate(r, "held_on")
	}
	if err == nil {
		err = s.store.AddCluster(r.Context(), id, village, c)
	}
	s.matterDone(w, r, err)
}

func (s *Server) matterPaper(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	option, err := formInt(r, "option")
	if err == nil {
		err = s.store.RegisterBallot(r.Context(), id, r.PostFormValue("serial"), option)
	}
	s.matterDone(w, r, err)
}

func (s *Server) matterConflict(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	household, err := formID(r, "household")
	if err == nil {
		err = s.store.ResolveConflict(r.Context(), id, household, decision.Form(r.PostFormValue("kept")), r.PostFormValue("reason"))
	}
	s.matterDone(w, r, err)
}

// matterProcedure records a procedural vote of a village's meeting (or of
// one of its cluster meetings): the names chosen (one a line) or the
// method, and how many of the households present approved.
func (s *Server) matterProcedure(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	village, err := formID(r, "village")
	var cluster int
	if err == nil {
		cluster, err = formInt(r, "cluster")
	}
	var kind decision.Procedural
	if err == nil {
		kind, err = decision.ParseProcedural(r.PostFormValue("kind"))
	}
	p := decision.Procedure{Kind: kind, Names: textLines(r.PostFormValue("names")), Method: decision.Method(r.PostFormValue("method"))}
	if err == nil {
		p.Approve, err = formInt(r, "approve")
	}
	if err == nil {
		err = s.store.RecordProcedure(r.Context(), id, village, int64(cluster), p)
	}
	s.matterDone(w, r, err)
}

// matterInvitation records the invitation to the meeting as it went out:
// the day issued, the meeting's day, hour and place, and for subjects 1–3
// the day the documents reached every household.
func (s *Server) matterInvitation(w http.ResponseWriter, r *http.Request) {
	id, _ := matterID(r)
	inv := decision.Invitation{Hour: r.PostFormValue("hour"), Place: r.PostFormValue("place")}
	var err error
	for _, f := range []struct {
		field string
		to    *time.Time
	}{{"issued_on", &inv.IssuedOn}, {"meeting_on", &inv.MeetingOn}, {"documents_on", &inv.DocumentsOn}} {
		if err == nil {
			*f.to, err = formDate(r, f.field)
		}
	}
	if err == nil {
		err = s.store.RecordInvitation(r.Context(), id, inv)
	}
	s.matterDone(w, r, err)
}
