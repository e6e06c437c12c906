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

// Validate checks a cluster meeting of matter m in a village of
// households households, on the local date today: the village is large
// enough, and the day it was held comes after the invitation (CheckHeld).
func (c *Cluster) Validate(m *Matter, households int, today time.Time) error {
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
	return m.CheckHeld(c.HeldOn, today)
}
