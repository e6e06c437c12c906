package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"coso"
	"coso/consultation"
	"coso/viet"
)

// Groups of like opinions: formed when a consultation closes (package
// consultation decides what is alike), joined by opinions entered after
// the close, left by opinions hidden after it, and answered one by one.

// groupBatch bounds the ids updated by one statement.
const groupBatch = 500

// groupOpinions forms the groups of a consultation's visible opinions, in
// the transaction that closes it.
func (tx *Tx) groupOpinions(c *consultation.Consultation) error {
	rows, err := tx.Query("SELECT id, section, stance, body FROM opinions WHERE consultation_id = $1 AND hidden_reason = '' ORDER BY id", c.ID)
	if err != nil {
		return err
	}
	var items []consultation.Item
	for rows.Next() {
		var it consultation.Item
		var stance string
		if err := rows.Scan(&it.ID, &it.Section, &stance, &it.Text); err != nil {
			_ = rows.Close()
			return err
		}
		it.Stance = consultation.Stance(stance)
		items = append(items, it)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, cl := range consultation.GroupItems(items) {
		id, err := tx.insertGroup(c.ID, cl.Section, cl.Stance, cl.Text, cl.Key)
		if err != nil {
			return err
		}
		for start := 0; start < len(cl.Members); start += groupBatch {
			end := min(start+groupBatch, len(cl.Members))
			in, args := inList(cl.Members[start:end])
			args = append([]any{id}, args...)
			// inList numbers its placeholders from $1; shift them past the group's.
			if _, err := tx.Exec("UPDATE opinions SET group_id = $1 WHERE id IN ("+shift(in, 1)+")", args...); err != nil {
				return err
			}
		}
	}
	return nil
}

// shift renumbers the placeholders $1…$n of list as $(1+by)…$(n+by).
func shift(list string, by int) string {
	parts := strings.Split(list, ", ")
	for i := range parts {
		parts[i] = fmt.Sprintf("$%d", i+1+by)
	}
	return strings.Join(parts, ", ")
}

func (tx *Tx) insertGroup(consultationID int64, section int, stance consultation.Stance, text, key string) (int64, error) {
	return tx.Insert(`INSERT INTO opinion_groups (consultation_id, section, stance, text, folded, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, consultationID, section, string(stance), text, key, tx.s.stamp())
}

// joinGroup puts an opinion entered after the close into the group of its
// idea, or a new group of its own, which then needs an answer.
func (tx *Tx) joinGroup(c *consultation.Consultation, o *consultation.Opinion) error {
	rows, err := tx.Query("SELECT id, folded FROM opinion_groups WHERE consultation_id = $1 AND section = $2 AND stance = $3 ORDER BY id",
		c.ID, o.Section, string(o.Stance))
	if err != nil {
		return err
	}
	var ids []int64
	var keys []string
	for rows.Next() {
		var id int64
		var k string
		if err := rows.Scan(&id, &k); err != nil {
			_ = rows.Close()
			return err
		}
		ids, keys = append(ids, id), append(keys, k)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	var gid int64
	if i := consultation.Nearest(o.Text, keys); i >= 0 {
		gid = ids[i]
	} else if gid, err = tx.insertGroup(c.ID, o.Section, o.Stance, o.Text, consultation.Normalise(o.Text)); err != nil {
		return err
	}
	o.GroupID = gid
	_, err = tx.Exec("UPDATE opinions SET group_id = $1 WHERE id = $2", gid, o.ID)
	return err
}

// leaveGroup takes a hidden opinion out of its group: the authority does
// not answer abuse or spam. A group left empty stays, unanswered and
// ignored.
func (tx *Tx) leaveGroup(opinionID int64) error {
	_, err := tx.Exec("UPDATE opinions SET group_id = NULL WHERE id = $1", opinionID)
	return err
}

// OpinionGroups lists a consultation's groups that hold opinions, with
// their members, in the order of the report.
func (s *Store) OpinionGroups(ctx context.Context, consultationID int64) ([]*consultation.Group, error) {
	gs, err := queryAll(ctx, s.r, func(r scanner) (*consultation.Group, error) {
		var g consultation.Group
		var stance, response string
		var at sql.NullTime
		err := r.Scan(&g.ID, &g.Section, &stance, &g.Text, &response, &g.Reason, &g.AnsweredBy, &at)
		g.Stance, g.Response, g.AnsweredAt = consultation.Stance(stance), consultation.Response(response), at.Time
		return &g, err
	}, `SELECT id, section, stance, text, response, reason, answered_by, answered_at FROM opinion_groups
		WHERE consultation_id = $1 ORDER BY section, id`, consultationID)
	if err != nil {
		return nil, err
	}
	ops, err := s.Opinions(ctx, consultationID, OpinionFilter{Section: AllSections})
	if err != nil {
		return nil, err
	}
	byID := map[int64]*consultation.Group{}
	for _, g := range gs {
		byID[g.ID] = g
	}
	for _, o := range ops {
		if g := byID[o.GroupID]; g != nil && !o.IsHidden() {
			g.Members = append(g.Members, o)
			g.Count++
		}
	}
	var out []*consultation.Group
	for _, g := range gs {
		if g.Count > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}

// AnswerGroup records the authority's answer to a group: accepted, partly
// accepted or explained, with the reasons (required but for a full
// acceptance). It may change until the report is published.
func (s *Store) AnswerGroup(ctx context.Context, consultationID, groupID int64, r consultation.Response, reason string) error {
	reason, err := consultation.CheckResponse(r, reason)
	if err != nil {
		return err
	}
	reason = viet.Text(reason)
	return s.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(consultationID)
		if err != nil {
			return err
		}
		if err := wantClosed(c); err != nil {
			return err
		}
		res, err := tx.Exec(`UPDATE opinion_groups SET response = $1, reason = $2, answered_by = $3, answered_at = $4
			WHERE id = $5 AND consultation_id = $6`, string(r), reason, coso.ActorFrom(ctx).Username, s.stamp(), groupID, consultationID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return coso.Errorf(coso.ENotFound, "group", "Không tìm thấy nhóm ý kiến số %d.", "No opinion group %d.", groupID)
		}
		return tx.Audit(c.UnitID, "opinion_group.answer", fmt.Sprintf("opinion_group:%d", groupID), fmt.Sprintf("consultation %d, %s", c.ID, r))
	})
}

// SetOutcome records what the authority decided on a section (0: the
// draft as a whole) and its reasons.
func (s *Store) SetOutcome(ctx context.Context, consultationID int64, section int, o consultation.Outcome, reason string) error {
	reason, err := consultation.CheckOutcome(o, reason)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(consultationID)
		if err != nil {
			return err
		}
		if err := wantClosed(c); err != nil {
			return err
		}
		if _, ok := c.Section(section); !ok && section != consultation.WholeDraft {
			return coso.Invalid("section", "Dự thảo không có phần số %d.", "The draft has no section %d.", section)
		}
		if _, err := tx.Exec(`INSERT INTO consultation_outcomes (consultation_id, section, outcome, reason, updated_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consultation_id, section) DO UPDATE SET outcome = $3, reason = $4, updated_at = $5`,
			consultationID, section, string(o), reason, s.stamp()); err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "consultation.outcome", consultationObject(c.ID), fmt.Sprintf("section %d, %s", section, o))
	})
}

// wantClosed refuses answers outside the time for them: after the close,
// before the report is published.
func wantClosed(c *consultation.Consultation) error {
	if c.Status == consultation.Closed {
		return nil
	}
	return coso.Errorf(coso.EConflict, "status", "Chỉ trả lời ý kiến khi đã kết thúc lấy ý kiến và chưa công bố báo cáo (hiện: “%[1]s”).",
		"Opinions are answered after the close and before the report is published (now: %[2]s).", c.Status.Name("vi"), c.Status.Name("en"))
}
