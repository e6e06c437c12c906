package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"coso"
	"coso/account"
	"coso/disclosure"
	"coso/notify"
)

// DisclosureReport builds the compliance checklist of a unit and its
// subtree for quarter q of year: each disclosure decided or published in
// the quarter (and each older draft still unpublished) on time, late or
// due; posting windows; loudspeaker duties; and the list of everything
// published (art. 13.2).
func (s *Store) DisclosureReport(ctx context.Context, unitID int64, year, q int) (*disclosure.Report, error) {
	from, to, err := disclosure.Quarter(year, q)
	if err != nil {
		return nil, err
	}
	sc, err := s.scopeOf(ctx, unitID)
	if err != nil {
		return nil, err
	}
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	f, t := arg(formatDate(from)), arg(formatDate(to))
	ds, err := s.disclosuresWhere(ctx, sc.where("d", arg)+` AND ((d.decided_on >= `+f+` AND d.decided_on <= `+t+`)
		OR (d.published_on >= `+f+` AND d.published_on <= `+t+`) OR (d.status = 'draft' AND d.decided_on < `+f+`))
		ORDER BY COALESCE(d.published_on, d.publish_due), d.id`, args...)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	return disclosure.NewReport(ds, year, q, cal, s.now())
}

// disclosuresWhere reads disclosures matching cond, with their channel
// records.
func (s *Store) disclosuresWhere(ctx context.Context, cond string, args ...any) ([]*disclosure.Disclosure, error) {
	// #nosec G202 -- only column lists, fixed SQL and $N placeholders are joined; values go in args
	rows, err := s.r.QueryContext(ctx, "SELECT "+disclosureColumns+disclosureFrom+"WHERE "+cond, args...)
	if err != nil {
		return nil, err
	}
	var ds []*disclosure.Disclosure
	var ids []int64
	for rows.Next() {
		d, err := scanDisclosure(rows)
		if err != nil {
			_ = rows.Close()
			return nil, err
		}
		ds, ids = append(ds, d), append(ids, d.ID)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	uses, err := s.uses(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		d.Uses = uses[d.ID]
	}
	return ds, nil
}

// DueItems lists what the offices under the given units must still
// publish or answer, with how each stands against its deadline, the most
// urgent first.
func (s *Store) DueItems(ctx context.Context, roots []int64) ([]disclosure.DueItem, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	today := s.now()
	seen := map[string]bool{}
	var out []disclosure.DueItem
	for _, root := range roots {
		sc, err := s.scopeOf(ctx, root)
		if err != nil {
			return nil, err
		}
		var args []any
		arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
		ds, err := s.disclosuresWhere(ctx, sc.where("d", arg)+" AND d.status = 'draft' ORDER BY d.publish_due LIMIT 500", args...)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			it := disclosure.DueItem{Kind: "disclosure", ID: d.ID, Title: d.Title, UnitID: d.UnitID, UnitName: d.UnitName, Timing: d.Timing(cal, today)}
			if key := fmt.Sprint("d", d.ID); !seen[key] {
				seen[key] = true
				out = append(out, it)
			}
		}
		rs, err := s.InfoRequests(ctx, InfoRequestFilter{UnitID: root, Open: true, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			it := disclosure.DueItem{Kind: "request", ID: r.ID, Title: firstLine(r.Question, 120), UnitID: r.UnitID, UnitName: r.UnitName, Timing: r.Timing(cal, today)}
			if key := fmt.Sprint("r", r.ID); !seen[key] {
				seen[key] = true
				out = append(out, it)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b disclosure.DueItem) int { return a.Timing.Due.Compare(b.Timing.Due) })
	return out, nil
}

// RemindDue reminds the officials who publish for each unit of what is
// due within a working day or overdue there: one e-mail (or, without an
// address, one SMS) per official and day, written to the outbox. The
// reminders table makes a second run on the same day, on any app server,
// send nothing new. base is the portal's address for the links. It returns
// how many messages it queued.
func (s *Store) RemindDue(ctx context.Context, base string) (int, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	today := s.now()
	var items []disclosure.DueItem
	ds, err := s.disclosuresWhere(ctx, "d.status = 'draft' ORDER BY d.publish_due")
	if err != nil {
		return 0, err
	}
	for _, d := range ds {
		if t := d.Timing(cal, today); disclosure.NeedsReminder(t, cal, today) {
			items = append(items, disclosure.DueItem{Kind: "disclosure", ID: d.ID, Title: d.Title, UnitID: d.UnitID, UnitName: d.UnitName, Timing: t})
		}
	}
	rs, err := s.InfoRequests(ctx, InfoRequestFilter{Open: true, Limit: 100_000})
	if err != nil {
		return 0, err
	}
	for _, r := range rs {
		if t := r.Timing(cal, today); disclosure.NeedsReminder(t, cal, today) {
			items = append(items, disclosure.DueItem{Kind: "request", ID: r.ID, Title: firstLine(r.Question, 120), UnitID: r.UnitID, UnitName: r.UnitName, Timing: t})
		}
	}
	byUser := map[int64][]disclosure.DueItem{}
	contacts := map[int64]recipient{}
	for _, it := range items {
		rcpts, err := s.publishers(ctx, it.UnitID)
		if err != nil {
			return 0, err
		}
		for _, r := range rcpts {
			byUser[r.userID] = append(byUser[r.userID], it)
			contacts[r.userID] = r
		}
	}
	sent := 0
	day := formatDate(today)
	for uid, its := range byUser {
		ok, err := s.remind(ctx, contacts[uid], its, day, base)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

type recipient struct {
	userID       int64
	email, phone string
}

// publishers are the officials who may publish for the unit: an active
// grant allowing disclosure.write on the unit or one of its ancestors.
// The province administrator, who may do everything everywhere, is not
// the one to remind.
func (s *Store) publishers(ctx context.Context, unitID int64) ([]recipient, error) {
	u, err := s.Unit(ctx, unitID)
	if err != nil {
		return nil, err
	}
	chain, err := s.Ancestors(ctx, u)
	if err != nil {
		return nil, err
	}
	ids := []int64{u.ID}
	for _, a := range chain {
		ids = append(ids, a.ID)
	}
	in, args := inList(ids)
	// #nosec G202 -- only column lists, fixed SQL and $N placeholders are joined; values go in args
	rows, err := s.r.QueryContext(ctx, `SELECT g.user_id, g.role, us.email, us.phone FROM grants g JOIN users us ON us.id = g.user_id
		WHERE g.revoked_at IS NULL AND NOT us.disabled AND g.unit_id IN (`+in+`) ORDER BY g.user_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []recipient
	for rows.Next() {
		var r recipient
		var role string
		if err := rows.Scan(&r.userID, &role, &r.email, &r.phone); err != nil {
			return nil, err
		}
		ro := account.Role(role)
		if ro == account.ProvinceAdmin || !ro.May(account.DisclosureWrite) || (r.email == "" && r.phone == "") {
			continue
		}
		if len(out) == 0 || out[len(out)-1].userID != r.userID {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// remind queues one message for items not yet reminded to r today.
func (s *Store) remind(ctx context.Context, r recipient, items []disclosure.DueItem, day, base string) (bool, error) {
	queued := false
	err := s.write(ctx, func(tx *Tx) error {
		var fresh []disclosure.DueItem
		for _, it := range items {
			res, err := tx.Exec(`INSERT INTO reminders (object, recipient, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
				fmt.Sprintf("%s:%d", it.Kind, it.ID), r.userID, day)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				fresh = append(fresh, it)
			}
		}
		if len(fresh) == 0 {
			return nil
		}
		subject, body := disclosure.Reminder(fresh, base)
		m := notify.Message{Channel: notify.ChannelEmail, To: r.email, Subject: subject, Body: body, UnitID: fresh[0].UnitID}
		if r.email == "" {
			m = notify.Message{Channel: notify.ChannelSMS, To: r.phone, UnitID: fresh[0].UnitID,
				Body: fmt.Sprintf("coso: %d viec cong khai thong tin den han/qua han. Xem %s/admin", len(fresh), base)}
		}
		if _, err := tx.Enqueue(m); err != nil {
			if coso.ErrorCode(err) == coso.EInvalid {
				return nil // an address the outbox refuses: nothing to send to
			}
			return err
		}
		queued = true
		return tx.Audit(fresh[0].UnitID, "disclosure.remind", userObject(r.userID), fmt.Sprintf("%d items", len(fresh)))
	})
	return queued, err
}

func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
