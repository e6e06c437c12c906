package web

import (
	"html/template"
	"net/http"
	"strconv"

	"coso"
	"coso/account"
	"coso/notify"
	"coso/store"
)

const outboxPage = 50

type outboxRow struct {
	*notify.Message
	CanRetry bool
}

type outboxData struct {
	*listScope
	Status, Channel string
	Statuses        []notify.Status
	Counts          map[notify.Status]int
	Rows            []outboxRow
	Next            template.URL
	Err             formError
}

// outboxPage shows the SMS and e-mail of the chosen unit's subtree:
// counts by status and the messages, newest first. Secret bodies (sign-in
// codes) are never shown; the store hides them.
func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ls, err := s.listScope(r, account.OutboxRead)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := outboxData{listScope: ls, Status: r.FormValue("status"), Channel: r.FormValue("channel"), Statuses: notify.Statuses()}
	f := store.OutboxFilter{Scope: ls.Scope, Limit: outboxPage + 1}
	if d.Status != "" {
		f.Status = notify.Status(d.Status)
		if _, ok := map[notify.Status]bool{notify.Pending: true, notify.Sent: true, notify.Failed: true}[f.Status]; !ok {
			d.Err = problemsOf(coso.Invalid("status", "Trạng thái không hợp lệ.", "Unknown status."))
		}
	}
	if d.Channel != "" {
		f.Channel = notify.Channel(d.Channel)
		if f.Channel != notify.ChannelSMS && f.Channel != notify.ChannelEmail {
			d.Err = problemsOf(coso.Invalid("channel", "Kênh gửi phải là sms hoặc email.", "The channel must be sms or email."))
		}
	}
	if d.Counts, err = s.store.OutboxCountsIn(ctx, ls.Scope); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(d.Err.List) == 0 {
		f.BeforeID, _ = strconv.ParseInt(r.FormValue("before"), 10, 64)
		msgs, err := s.store.Outbox(ctx, f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if len(msgs) > outboxPage {
			msgs = msgs[:outboxPage]
			d.Next = nextPage(r, "before", msgs[outboxPage-1].ID)
		}
		for _, m := range msgs {
			d.Rows = append(d.Rows, outboxRow{Message: m,
				CanRetry: m.Status == notify.Failed && !m.Secret && s.may(ctx, account.OutboxRetry, m.UnitID)})
		}
	}
	v := s.view(r, "", d)
	v.Title = v.T.T("outbox_title")
	s.render(w, r, "admin_outbox", d.Err.Status(), v)
}

// outboxUnit is the unit of the message {id}; a message about no unit
// belongs to the province.
func outboxUnit(s *Server, r *http.Request) (int64, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, err
	}
	m, err := s.store.OutboxMessage(r.Context(), id)
	if err != nil {
		return 0, err
	}
	if m.UnitID == 0 {
		return s.topUnit(r.Context())
	}
	return m.UnitID, nil
}

// retryMessage puts a failed message back in the queue.
func (s *Server) retryMessage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.RetryMessage(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/outbox?status=failed", http.StatusSeeOther)
}
