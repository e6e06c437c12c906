package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"coso"
	"coso/account"
	"coso/decision"
	"coso/notify"
	"coso/viet"
)

// After the count: the village sends the written decision (Form 03) to the
// commune People's Committee and Front, the commune recognises it or
// refuses it in writing, and a recognised decision is announced to the
// households. Due and overdue steps are listed and reminded.

// RecogniseAction is the action that answers decisions of body: the
// People's Committee's, or the Front's for board members.
func RecogniseAction(body decision.Recogniser) account.Action {
	if body == decision.Front {
		return account.VoteRecogniseBoard
	}
	return account.VoteRecognise
}

// SendMatter records the local date the written decision was sent to the
// commune People's Committee and Front. The commune's 5 working days to
// answer run from it.
func (s *Store) SendMatter(ctx context.Context, id int64, on time.Time) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(id)
		if err != nil {
			return err
		}
		if err := m.CheckSend(on, today(now)); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE matters SET sent_on = $1, updated_at = $2 WHERE id = $3", formatDate(on), now.UTC(), id); err != nil {
			return err
		}
		return tx.Audit(m.UnitID, "matter.send", matterObject(id), formatDate(on))
	})
}

// RecogniseMatter records the commune's recognition of a counted decision
// that was sent to it, on the local date on (for board members, the
// commune Front's). The decision takes effect on that date (see
// decision.Answer); AnnounceDecision then tells the households.
func (s *Store) RecogniseMatter(ctx context.Context, id int64, on time.Time, note string) error {
	return s.decide(ctx, id, decision.Recognised, on, strings.TrimSpace(viet.NFC(note)))
}

// RefuseMatter records the commune's written refusal, with its reasons.
func (s *Store) RefuseMatter(ctx context.Context, id int64, on time.Time, reason string) error {
	r, err := requireReason(reason)
	if err != nil {
		return err
	}
	return s.decide(ctx, id, decision.Refused, on, r)
}

func (s *Store) decide(ctx context.Context, id int64, to decision.Status, on time.Time, reason string) error {
	now := s.now()
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.lockMatter(id)
		if err != nil {
			return err
		}
		if err := m.Status.Move(to); err != nil {
			return err
		}
		on, err := changeDate(on, now)
		if err != nil {
			return err
		}
		if err := m.CheckAnswer(on); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE matters SET status = $1, decided_on = $2, reason = $3, updated_at = $4 WHERE id = $5",
			string(to), formatDate(on), reason, now.UTC(), id); err != nil {
			return err
		}
		return tx.Audit(m.UnitID, "matter."+string(to), matterObject(id), formatDate(on))
	})
}

// AnnounceDecision tells the households of a recognised decision's
// villages, by a text message to each household representative with a
// phone, through the outbox; base is the portal's address for the link.
// It runs once per matter: the matter is marked announced in the same
// transaction as the messages, so a second call (from the page that
// recognised it, or from the background job after a crash) sends nothing.
// It returns how many messages it queued.
func (s *Store) AnnounceDecision(ctx context.Context, id int64, base string) (int, error) {
	now := s.now()
	n := 0
	err := s.write(ctx, func(tx *Tx) error {
		n = 0
		res, err := tx.Exec("UPDATE matters SET announced_at = $1 WHERE id = $2 AND status = 'recognised' AND announced_at IS NULL", now.UTC(), id)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return nil // not recognised, or announced already
		}
		m, err := tx.matter(id, "")
		if err != nil {
			return err
		}
		o, err := outcome(ctx, tx.Tx, m)
		if err != nil {
			return err
		}
		phones, err := representativePhones(ctx, tx, id)
		if err != nil {
			return err
		}
		url := fmt.Sprintf("%s/matters/%d", strings.TrimRight(base, "/"), id)
		for _, p := range phones {
			body := decision.Announcement(m, p.village, o.Text("vi"), url)
			if _, err := tx.Enqueue(notify.Message{Channel: notify.ChannelSMS, To: p.phone, Body: body, UnitID: p.villageID}); err != nil {
				if coso.ErrorCode(err) == coso.EInvalid {
					continue // a number the outbox refuses: nothing to send to
				}
				return err
			}
			n++
		}
		return tx.Audit(m.CommuneID, "matter.announce", matterObject(id), fmt.Sprintf("%d messages", n))
	})
	return n, err
}

type repPhone struct {
	phone, village string
	villageID      int64
}

// representativePhones lists the phones of the representatives of the live
// households of the matter's villages, once each.
func representativePhones(ctx context.Context, tx *Tx, matterID int64) ([]repPhone, error) {
	out, err := queryAllQ(ctx, tx.Tx, func(r scanner) (repPhone, error) {
		var p repPhone
		return p, r.Scan(&p.phone, &p.villageID, &p.village)
	}, `SELECT p.phone, h.village_id, u.name FROM households h
		JOIN matter_villages mv ON mv.village_id = h.village_id AND mv.matter_id = $1
		JOIN persons p ON p.id = h.representative_id
		JOIN units u ON u.id = h.village_id
		WHERE h.ended_on IS NULL AND p.phone IS NOT NULL AND p.phone <> '' ORDER BY h.village_id, h.id`, matterID)
	seen := map[string]bool{}
	var once []repPhone
	for _, p := range out {
		if !seen[p.phone] {
			seen[p.phone] = true
			once = append(once, p)
		}
	}
	return once, err
}

// AnnounceDecisions announces every recognised decision not announced
// yet (the background job's catch-up), and returns the messages queued.
func (s *Store) AnnounceDecisions(ctx context.Context, base string) (int, error) {
	ids, err := queryAll(ctx, s.r, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "SELECT id FROM matters WHERE status = 'recognised' AND announced_at IS NULL ORDER BY id")
	total := 0
	for _, id := range ids {
		n, err := s.AnnounceDecision(ctx, id, base)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, err
}

// DecisionsDue lists the counted decisions under the given units that are
// still to be sent to the commune or answered by it, with how each stands
// against its deadline, the most urgent first.
func (s *Store) DecisionsDue(ctx context.Context, roots []int64) ([]decision.DueItem, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	day := today(s.now())
	seen := map[int64]bool{}
	var out []decision.DueItem
	for _, root := range roots {
		ms, err := s.Matters(ctx, MatterFilter{UnitID: root, Status: decision.Counted})
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if seen[m.ID] {
				continue
			}
			seen[m.ID] = true
			it, err := s.dueItem(ctx, m, cal, day)
			if err != nil {
				return nil, err
			}
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b decision.DueItem) int { return a.Clock.Due.Compare(b.Clock.Due) })
	return out, nil
}

func (s *Store) dueItem(ctx context.Context, m *decision.Matter, cal decision.Calendar, day time.Time) (decision.DueItem, error) {
	step, clock, _ := m.Due(cal, day)
	u, err := s.Unit(ctx, m.UnitID)
	if err != nil {
		return decision.DueItem{}, err
	}
	return decision.DueItem{Matter: m, Step: step, Clock: clock, UnitName: u.Name}, nil
}

// RemindDecisions reminds, of each counted decision due within a working
// day or overdue: those who run the vote at its unit, to send it; those
// who answer for the commune (the People's Committee, or the Front for
// board members), to answer it. One e-mail (or, without an address, one
// SMS) per official and day, through the outbox; the reminders table makes
// a second run on the same day send nothing new. It returns how many
// messages it queued.
func (s *Store) RemindDecisions(ctx context.Context, base string) (int, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	day := today(s.now())
	ms, err := s.Matters(ctx, MatterFilter{Status: decision.Counted})
	if err != nil {
		return 0, err
	}
	byUser := map[int64][]decision.DueItem{}
	contacts := map[int64]recipient{}
	for _, m := range ms {
		it, err := s.dueItem(ctx, m, cal, day)
		if err != nil {
			return 0, err
		}
		if !it.Clock.NeedsReminder(cal, day) {
			continue
		}
		unit, action := m.UnitID, account.VoteManage
		if it.Step == decision.StepAnswer {
			unit, action = m.CommuneID, RecogniseAction(m.Recogniser())
		}
		rcpts, err := s.officialsAt(ctx, unit, action)
		if err != nil {
			return 0, err
		}
		for _, r := range rcpts {
			byUser[r.userID] = append(byUser[r.userID], it)
			contacts[r.userID] = r
		}
	}
	sent := 0
	for uid, its := range byUser {
		ok, err := s.remindDecisions(ctx, contacts[uid], its, formatDate(day), base)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// officialsAt are the officials with an active grant on the unit itself
// whose role may take action there, and who can be written to. The
// province administrator, who may do everything, is not the one to remind.
func (s *Store) officialsAt(ctx context.Context, unitID int64, action account.Action) ([]recipient, error) {
	type row struct {
		r    recipient
		role account.Role
	}
	rows, err := queryAll(ctx, s.r, func(sc scanner) (row, error) {
		var x row
		return x, sc.Scan(&x.r.userID, &x.role, &x.r.email, &x.r.phone)
	}, `SELECT g.user_id, g.role, us.email, us.phone FROM grants g JOIN users us ON us.id = g.user_id
		WHERE g.revoked_at IS NULL AND NOT us.disabled AND g.unit_id = $1 ORDER BY g.user_id`, unitID)
	var out []recipient
	for _, x := range rows {
		if x.role == account.ProvinceAdmin || !x.role.May(action) || x.r.email == "" && x.r.phone == "" {
			continue
		}
		if len(out) == 0 || out[len(out)-1].userID != x.r.userID {
			out = append(out, x.r)
		}
	}
	return out, err
}

// remindDecisions queues one message of the items not yet reminded to r today.
func (s *Store) remindDecisions(ctx context.Context, r recipient, items []decision.DueItem, day, base string) (bool, error) {
	queued := false
	err := s.write(ctx, func(tx *Tx) error {
		queued = false
		var fresh []decision.DueItem
		for _, it := range items {
			res, err := tx.Exec(`INSERT INTO reminders (object, recipient, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
				fmt.Sprintf("matter-%s:%d", it.Step, it.Matter.ID), r.userID, day)
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
		subject, body := decision.Reminder(fresh, base)
		unit := fresh[0].Matter.UnitID
		m := notify.Message{Channel: notify.ChannelEmail, To: r.email, Subject: subject, Body: body, UnitID: unit}
		if r.email == "" {
			m = notify.Message{Channel: notify.ChannelSMS, To: r.phone, UnitID: unit,
				Body: fmt.Sprintf("coso: %d quyết định của cộng đồng cần gửi hoặc trả lời. Xem %s/admin", len(fresh), base)}
		}
		if _, err := tx.Enqueue(m); err != nil {
			if coso.ErrorCode(err) == coso.EInvalid {
				return nil // an address the outbox refuses: nothing to send to
			}
			return err
		}
		queued = true
		return tx.Audit(unit, "matter.remind", userObject(r.userID), fmt.Sprintf("%d items", len(fresh)))
	})
	return queued, err
}
