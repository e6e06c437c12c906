package disclosure

import (
	"fmt"
	"strings"
	"time"
)

// DueItem is something an office must do soon or is late doing: publish
// a disclosure or answer a request for information.
type DueItem struct {
	Kind     string // "disclosure" or "request"
	ID       int64
	Title    string
	UnitID   int64
	UnitName string
	Timing   Timing
}

// URL is the item's back-office page.
func (it DueItem) URL() string {
	if it.Kind == "request" {
		return fmt.Sprintf("/admin/information-requests/%d", it.ID)
	}
	return fmt.Sprintf("/admin/disclosures/%d", it.ID)
}

// RemindAhead is how many working days before its deadline an item is
// reminded; overdue items are reminded every day until done.
const RemindAhead = 1

// NeedsReminder tells whether t is close to or past its deadline.
func NeedsReminder(t Timing, cal Calendar, today time.Time) bool {
	switch t.State {
	case Overdue:
		return true
	case Pending:
		return cal.WorkingDaysBetween(today, t.Due) <= RemindAhead
	}
	return false
}

// Reminder writes the e-mail that reminds an official of items, in
// Vietnamese then English; base is the portal's address.
func Reminder(items []DueItem, base string) (subject, body string) {
	subject = fmt.Sprintf("[coso] %d việc công khai thông tin đến hạn / %d disclosure tasks due", len(items), len(items))
	var b strings.Builder
	b.WriteString("Các việc sau đến hạn hoặc quá hạn theo Luật Thực hiện dân chủ ở cơ sở:\n")
	b.WriteString("These tasks are due or overdue under the grassroots democracy law:\n\n")
	for _, it := range items {
		state := "đến hạn ngày " + it.Timing.Due.Format("02/01/2006") + " / due " + it.Timing.Due.Format("2006-01-02")
		if it.Timing.State == Overdue {
			state = fmt.Sprintf("QUÁ HẠN %d ngày làm việc / OVERDUE by %d working days", it.Timing.LateBy, it.Timing.LateBy)
		}
		what := "Công khai / Publish"
		if it.Kind == "request" {
			what = "Trả lời yêu cầu cung cấp thông tin / Answer a request for information"
		}
		fmt.Fprintf(&b, "- %s: %s (%s)\n  %s\n  %s%s\n", what, it.Title, it.UnitName, state, base, it.URL())
	}
	return subject, b.String()
}
