package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"coso"
	"coso/account"
	"coso/calendar"
	"coso/notify"
	"coso/petition"
)

// RemindPetitions queues, at most once a day per case and official, a
// reminder of every open case due within petition.DueSoonDays working
// days or overdue: to the official it is assigned to (or, when none, to
// the unit's officials who may answer it), and for an overdue case also to
// the officials of the superior unit, who then see it in their queue.
// Messages name the kind, the unit and the deadline, never the sender or
// the subject. It returns the number of messages queued; base is the
// portal's address.
func (s *Store) RemindPetitions(ctx context.Context, base string) (int, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	today := s.today()
	cases, err := s.Petitions(ctx, PetitionFilter{Open: true, Limit: 100_000})
	if err != nil {
		return 0, err
	}
	byUser := map[int64][]*petition.Case{}
	contacts := map[int64]recipient{}
	for _, c := range cases {
		t := c.Timing(cal, today)
		if t.State != petition.DueSoon && t.State != petition.PastDue {
			continue
		}
		rcpts, err := s.petitionRecipients(ctx, c, t.State == petition.PastDue)
		if err != nil {
			return 0, err
		}
		for _, r := range rcpts {
			byUser[r.userID] = append(byUser[r.userID], c)
			contacts[r.userID] = r
		}
	}
	sent := 0
	for uid, cs := range byUser {
		ok, err := s.remindPetitions(ctx, contacts[uid], cs, base)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// petitionRecipients are the officials to remind of c.
func (s *Store) petitionRecipients(ctx context.Context, c *petition.Case, overdue bool) ([]recipient, error) {
	var out []recipient
	if c.AssigneeID != 0 {
		u, err := s.User(ctx, c.AssigneeID)
		if err != nil {
			return nil, err
		}
		if !u.Disabled && (u.Email != "" || u.Phone != "") {
			out = append(out, recipient{userID: u.ID, email: u.Email, phone: u.Phone})
		}
	}
	if len(out) == 0 {
		own, err := s.answerers(ctx, c.UnitID, c.AgainstUnitID)
		if err != nil {
			return nil, err
		}
		out = append(out, own...)
	}
	if overdue {
		u, err := s.Unit(ctx, c.UnitID)
		if err != nil {
			return nil, err
		}
		if u.ParentID != 0 {
			up, err := s.answerers(ctx, u.ParentID, c.AgainstUnitID)
			if err != nil {
				return nil, err
			}
			out = append(out, up...)
		}
	}
	return out, nil
}

// answerers are the officials whose own grant on unit lets them answer
// petitions, leaving out the province administrator (who may do anything,
// but is not the one to remind) and the officials of the unit a
// denunciation accuses.
func (s *Store) answerers(ctx context.Context, unit, against int64) ([]recipient, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT g.user_id, g.role, us.email, us.phone FROM grants g JOIN users us ON us.id = g.user_id
		WHERE g.revoked_at IS NULL AND NOT us.disabled AND g.unit_id = $1 ORDER BY g.user_id`, unit)
	if err != nil {
		return nil, err
	}
	var out []recipient
	for rows.Next() {
		var r recipient
		var role string
		if err := rows.Scan(&r.userID, &role, &r.email, &r.phone); err != nil {
			_ = rows.Close()
			return nil, err
		}
		ro := account.Role(role)
		if ro == account.ProvinceAdmin || !ro.May(account.PetitionAnswer) || (r.email == "" && r.phone == "") {
			continue
		}
		if len(out) == 0 || out[len(out)-1].userID != r.userID {
			out = append(out, r)
		}
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if against == 0 {
		return out, nil
	}
	kept := out[:0]
	for _, r := range out {
		grants, err := s.Grants(ctx, r.userID)
		if err != nil {
			return nil, err
		}
		if !s.ofUnit(ctx, grants, against) {
			kept = append(kept, r)
		}
	}
	return kept, nil
}

// remindPetitions queues one message for the cases not yet reminded to r
// today.
func (s *Store) remindPetitions(ctx context.Context, r recipient, cases []*petition.Case, base string) (bool, error) {
	queued := false
	today := s.today()
	err := s.write(ctx, func(tx *Tx) error {
		var fresh []*petition.Case
		for _, c := range cases {
			res, err := tx.Exec(`INSERT INTO reminders (object, recipient, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
				petitionObject(c.ID), r.userID, formatDate(today))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				fresh = append(fresh, c)
			}
		}
		if len(fresh) == 0 {
			return nil
		}
		subject, body := petitionReminder(fresh, today, base)
		m := notify.Message{Channel: notify.ChannelEmail, To: r.email, Subject: subject, Body: body, UnitID: fresh[0].UnitID}
		if r.email == "" {
			m = notify.Message{Channel: notify.ChannelSMS, To: r.phone, UnitID: fresh[0].UnitID,
				Body: fmt.Sprintf("coso: %d don thu den han/qua han giai quyet. Xem %s/admin/petitions", len(fresh), base)}
		}
		if _, err := tx.Enqueue(m); err != nil {
			if coso.ErrorCode(err) == coso.EInvalid {
				return nil // an address the outbox refuses: nothing to send to
			}
			return err
		}
		queued = true
		return tx.Audit(fresh[0].UnitID, "petition.remind", userObject(r.userID), fmt.Sprintf("%d cases", len(fresh)))
	})
	return queued, err
}

// petitionReminder writes the e-mail, in Vietnamese then English.
func petitionReminder(cases []*petition.Case, today time.Time, base string) (string, string) {
	subject := fmt.Sprintf("[coso] %d đơn thư đến hạn hoặc quá hạn / %d cases due or overdue", len(cases), len(cases))
	var b strings.Builder
	b.WriteString("Các đơn sau đến hạn hoặc quá hạn theo Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo:\n")
	b.WriteString("These cases are due or overdue under the reception, complaint and denunciation laws:\n\n")
	for _, c := range cases {
		state := "hạn ngày " + c.DueOn.Format("02/01/2006") + " / due " + c.DueOn.Format("2006-01-02")
		if d := c.DueOn; !d.IsZero() && today.After(d) {
			n := calendar.DaysBetween(d, today)
			state = fmt.Sprintf("QUÁ HẠN %d ngày / OVERDUE by %d days", n, n)
		}
		fmt.Fprintf(&b, "- %s / %s, %s\n  %s\n  %s/admin/petitions/%d\n", c.Kind.Name("vi"), c.Kind.Name("en"), c.UnitName, state, base, c.ID)
	}
	return subject, b.String()
}
