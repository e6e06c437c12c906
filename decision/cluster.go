package decision

import (
	"strings"
	"time"

	"coso"
	"coso/viet"
)

// ClusterHouseholds is the size from which a village may meet by clusters
// and add up the results (LAW.md "Dân quyết": "Villages of 200+ households
// may meet by clusters and add up the results").
const ClusterHouseholds = 200

// Cluster is one cluster meeting of a village that meets by clusters:
// households of a part of the village meet on their own, take their own
// procedural votes and count their own votes; the village's result is the
// sum of its clusters'.
type Cluster struct {
	ID        int64
	VillageID int64
	Name      string // "Cụm 1: xóm Đông, xóm Giữa"
	HeldOn    time.Time
	Place     string
}

// Validate checks a cluster meeting of a village of households households,
// held on a local date no later than today, invitations having gone out
// on invitedOn (zero when not recorded).
func (c *Cluster) Validate(households int, invitedOn, today time.Time) error {
	c.Name = strings.TrimSpace(viet.NFC(c.Name))
	c.Place = strings.TrimSpace(viet.NFC(c.Place))
	switch {
	case households < ClusterHouseholds:
		return coso.Invalid("village", "Chỉ thôn có từ %[1]d hộ trở lên mới họp theo cụm (thôn này có %[2]d hộ).",
			"Only villages of %[1]d households or more meet by clusters (this one has %[2]d).", ClusterHouseholds, households)
	case c.Name == "" || len([]rune(c.Name)) > 200:
		return coso.Invalid("name", "Cần tên cụm (tối đa 200 ký tự).", "The cluster's name is required (at most 200 characters).")
	case c.Place == "" || len([]rune(c.Place)) > 300:
		return coso.Invalid("place", "Cần địa điểm họp (tối đa 300 ký tự).", "The place of the meeting is required (at most 300 characters).")
	}
	return CheckMeetingDay(c.HeldOn, invitedOn, today)
}

// CheckMeetingDay checks the day a meeting (or a cluster meeting) was
// held: not in the future, and at least NoticeAhead after the invitation
// went out.
func CheckMeetingDay(on, invitedOn, today time.Time) error {
	switch {
	case on.IsZero() || dateOf(on).After(dateOf(today)):
		return coso.Invalid("meeting_on", "Ngày họp phải là một ngày đã qua hoặc hôm nay.", "The meeting date must be today or earlier.")
	case invitedOn.IsZero():
		return nil
	case dateOf(on).Before(NoticeAhead.Due(invitedOn, nil)):
		return coso.Invalid("meeting_on", "Ngày họp phải sau ngày phát giấy mời (%[1]s) ít nhất %[3]d ngày: họp từ ngày %[2]s.",
			"The meeting must come at least %[3]d days after the invitation (%[1]s): on %[2]s or later.",
			dateOf(invitedOn).Format("02/01/2006"), NoticeAhead.Due(invitedOn, nil).Format("02/01/2006"), NoticeAhead.Days)
	}
	return nil
}
