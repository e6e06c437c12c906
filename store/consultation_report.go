package store

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"coso"
	"coso/consultation"
	"coso/disclosure"
	"coso/notify"
	"coso/viet"
)

// The answer report (tiếp thu, giải trình) of a consultation and its
// publication: on the portal, as a category-11 disclosure, and to the
// people who commented.

// ConsultationReport gathers the report of a consultation: the tally of
// every section (hidden opinions counted by reason), its groups with their
// members and answers, and the outcome of each section.
func (s *Store) ConsultationReport(ctx context.Context, id int64) (*consultation.Report, error) {
	c, err := s.Consultation(ctx, id)
	if err != nil {
		return nil, err
	}
	r := &consultation.Report{C: c, Channels: map[consultation.Form]int{}}
	r.Sections = append(r.Sections, &consultation.ReportSection{N: consultation.WholeDraft, Title: c.SectionTitle(0, "vi")})
	for _, x := range c.Sections {
		r.Sections = append(r.Sections, &consultation.ReportSection{N: x.N, Title: x.Title()})
	}
	for _, sec := range r.Sections {
		sec.Tally.Hidden = map[consultation.HideReason]int{}
	}
	ops, err := s.Opinions(ctx, id, OpinionFilter{Section: AllSections})
	if err != nil {
		return nil, err
	}
	for _, o := range ops {
		if o.Section < 0 || o.Section >= len(r.Sections) {
			continue
		}
		t := &r.Sections[o.Section].Tally
		r.Channels[o.Channel]++
		switch {
		case o.IsHidden():
			t.Hidden[o.Hidden]++
		case o.Stance == consultation.Agree:
			t.Agree++
		case o.Stance == consultation.Disagree:
			t.Disagree++
		default:
			t.Other++
		}
	}
	gs, err := s.OpinionGroups(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, g := range gs {
		if g.Section >= 0 && g.Section < len(r.Sections) {
			r.Sections[g.Section].Groups = append(r.Sections[g.Section].Groups, g)
		}
	}
	rows, err := s.r.QueryContext(ctx, "SELECT section, outcome, reason FROM consultation_outcomes WHERE consultation_id = $1", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var o, reason string
		if err := rows.Scan(&n, &o, &reason); err != nil {
			return nil, err
		}
		if n >= 0 && n < len(r.Sections) {
			r.Sections[n].Outcome, r.Sections[n].Reason = consultation.Outcome(o), reason
		}
	}
	return r, rows.Err()
}

// PublishReport publishes the answer report of a closed consultation whose
// every group is answered (consultation.Report.CheckPublish): with the
// authority's conclusion it becomes a published disclosure of category
// 11 (art. 11.11), the consultation becomes "answered", and every citizen
// who commented is told by SMS through the outbox. reportURL is the
// report's public address, printed in the disclosure and the messages.
//
// The disclosure is made first, with the disclosure store's own functions,
// and its id is kept on the consultation at once: a publication that
// fails later is retried without a second disclosure.
func (s *Store) PublishReport(ctx context.Context, id int64, conclusion, reportURL string) error {
	conclusion = viet.Text(conclusion)
	if utf8.RuneCountInString(conclusion) > consultation.MaxSummary {
		return coso.Invalid("conclusion", "Kết luận dài quá %d ký tự.", "The conclusion is longer than %d characters.", consultation.MaxSummary)
	}
	r, err := s.ConsultationReport(ctx, id)
	if err != nil {
		return err
	}
	r.C.Conclusion = conclusion
	if err := r.CheckPublish(); err != nil {
		return err
	}
	dID, err := s.reportDisclosure(ctx, r, reportURL)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		c, err := tx.lockConsultation(id)
		if err != nil {
			return err
		}
		if err := c.Status.Move(consultation.Answered); err != nil {
			return err
		}
		// An opinion entered while the report was being made may have
		// started a group of its own: it needs its answer first.
		var open int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM opinion_groups g WHERE g.consultation_id = $1 AND g.response = ''
			AND EXISTS (SELECT 1 FROM opinions o WHERE o.group_id = g.id AND o.hidden_reason = '')`, id).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return coso.Errorf(coso.EConflict, "groups", "Có %[1]d nhóm ý kiến mới chưa được trả lời.", "%[1]d new opinion groups have no answer yet.", open)
		}
		now := s.stamp()
		if _, err := tx.Exec(`UPDATE consultations SET status = 'answered', answered_at = $1, conclusion = $2, disclosure_id = $3, updated_at = $1
			WHERE id = $4`, now, conclusion, dID, id); err != nil {
			return err
		}
		n, err := tx.notifyParticipants(c, reportURL)
		if err != nil {
			return err
		}
		return tx.Audit(c.UnitID, "consultation.answer", consultationObject(id), fmt.Sprintf("disclosure %d, %d participants told", dID, n))
	})
}

// reportDisclosure makes (or finds, on a retry) the report's disclosure
// and publishes it today.
func (s *Store) reportDisclosure(ctx context.Context, r *consultation.Report, reportURL string) (int64, error) {
	title := "Kết quả tổng hợp, tiếp thu, giải trình ý kiến nhân dân: " + r.C.Title
	return s.consultationDisclosure(ctx, r.C, "disclosure_id", title, r.Summary(reportURL), reportURL, s.today())
}

// consultationDisclosure makes (or finds, on a retry) the disclosure whose
// id the column of the consultation keeps, in the category of the
// consulting unit (consultation.DisclosureCategory), and publishes it on
// the date on. The id is kept at once, so a step that fails later is
// retried without a second disclosure.
func (s *Store) consultationDisclosure(ctx context.Context, c *consultation.Consultation, column, title, body, link string, on time.Time) (int64, error) {
	var dID int64
	q := "SELECT COALESCE(" + column + ", 0) FROM consultations WHERE id = $1" // #nosec G202 -- column is one of two constants of this package
	if err := s.r.QueryRowContext(ctx, q, c.ID).Scan(&dID); err != nil {
		return 0, err
	}
	if dID == 0 {
		if rs := []rune(title); len(rs) > disclosure.MaxTitle {
			title = string(rs[:disclosure.MaxTitle-1]) + "…"
		}
		if rs := []rune(body); len(rs) > disclosure.MaxBody {
			body = string(rs[:disclosure.MaxBody-200]) + "\n\n…\n\nToàn văn: " + link
		}
		d := &disclosure.Disclosure{UnitID: c.UnitID, Category: consultation.DisclosureCategory(c.UnitKind), Title: title, Body: body, DecidedOn: on}
		if err := s.CreateDisclosure(ctx, d); err != nil {
			return 0, err
		}
		dID = d.ID
		err := s.write(ctx, func(tx *Tx) error {
			_, err := tx.Exec("UPDATE consultations SET "+column+" = $1 WHERE id = $2 AND "+column+" IS NULL", dID, c.ID) // #nosec G202 -- as above
			return err
		})
		if err != nil {
			return 0, err
		}
	}
	d, err := s.Disclosure(ctx, dID)
	if err != nil {
		return 0, err
	}
	if d.Status == disclosure.Draft {
		if _, err := s.PublishDisclosure(ctx, dID, on); err != nil {
			return 0, err
		}
	}
	return dID, nil
}

// notifyParticipants queues one SMS to every phone that commented on the
// portal (hidden comments aside), and returns how many.
func (tx *Tx) notifyParticipants(c *consultation.Consultation, reportURL string) (int, error) {
	rows, err := tx.Query(`SELECT DISTINCT COALESCE(ci.phone, p.phone, '') FROM opinions o
		LEFT JOIN citizens ci ON ci.id = o.citizen_id
		LEFT JOIN persons p ON p.id = o.person_id AND o.citizen_id IS NULL
		WHERE o.consultation_id = $1 AND o.author <> '' AND o.hidden_reason = ''`, c.ID)
	if err != nil {
		return 0, err
	}
	var phones []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			_ = rows.Close()
			return 0, err
		}
		if p != "" {
			phones = append(phones, p)
		}
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	body := fmt.Sprintf("UBND %s đã công bố kết quả tiếp thu, giải trình ý kiến về “%s”. Cảm ơn bạn đã góp ý. Xem: %s",
		c.UnitName, shortTitle(c.Title, 60), reportURL)
	n := 0
	for _, p := range phones {
		m := notify.Message{Channel: notify.ChannelSMS, To: p, Body: body, UnitID: c.UnitID}
		if m.Validate() != nil {
			continue // a number the gateway cannot take; the report is on the portal anyway
		}
		if _, err := tx.Enqueue(m); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func shortTitle(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
