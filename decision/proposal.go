package decision

import (
	"time"

	"coso"
	"coso/viet"
)

// Path is who put the matter forward (art. 16; LAW.md "Dân quyết").
type Path string

const (
	ByVillageHead  Path = "village_head"  // the village head with the Front work board
	ByCommuneChair Path = "commune_chair" // the commune chair, for commune-wide matters
	ByCitizens     Path = "citizens"      // citizens with the agreement of at least 10% of households
)

// Paths lists every path.
func Paths() []Path { return []Path{ByVillageHead, ByCommuneChair, ByCitizens} }

// Name returns the path's name in lang.
func (p Path) Name(lang string) string {
	names := map[Path][2]string{
		ByVillageHead:  {"Trưởng thôn phối hợp với Ban công tác Mặt trận", "The village head with the Front work board"},
		ByCommuneChair: {"Chủ tịch UBND cấp xã", "The commune chair"},
		ByCitizens:     {"Công dân đề xuất (ít nhất 10% số hộ đồng ý)", "Citizens' initiative (at least 10% of households)"},
	}
	if lang == "en" {
		return names[p][1]
	}
	return names[p][0]
}

// InitiativeShare is the share of households a citizens' initiative needs
// unless the Front board approves it, and InitiativeMonths how long their
// agreement stays valid.
var (
	InitiativeShare  = Threshold{Num: 1, Den: 10, VI: "đạt ít nhất 10%", EN: "at least 10%", NotVI: "dưới 10%", NotEN: "below 10%"}
	InitiativeMonths = 3
)

// Proposal says who proposed a matter and, for a citizens' initiative, how
// many households agreed and when.
type Proposal struct {
	Path          Path
	Proposer      string    // name or office of the proposer
	Supporters    int       // households that agreed (citizens' initiative)
	CollectedOn   time.Time // local date their agreement was collected
	FrontApproved bool      // the Front board approved an initiative below 10%
}

// Validate checks the proposal for a matter of the given scope, against
// the village's households on the local date today.
func (p *Proposal) Validate(communeWide bool, households int, today time.Time) error {
	p.Proposer = viet.NFC(p.Proposer)
	switch {
	case p.Path != ByVillageHead && p.Path != ByCommuneChair && p.Path != ByCitizens:
		return coso.Invalid("path", "Cách đề xuất không hợp lệ (village_head, commune_chair, citizens).", "Unknown proposal path (village_head, commune_chair, citizens).")
	case communeWide && p.Path != ByCommuneChair:
		return coso.Invalid("path", "Việc trong phạm vi cả xã do Chủ tịch UBND cấp xã đề xuất.", "A commune-wide matter is proposed by the commune chair.")
	case !communeWide && p.Path == ByCommuneChair:
		return coso.Invalid("path", "Chủ tịch UBND cấp xã chỉ đề xuất việc trong phạm vi cả xã.", "The commune chair proposes commune-wide matters only.")
	case p.Proposer == "":
		return coso.Invalid("proposer", "Cần người đề xuất.", "The proposer is required.")
	case p.Path != ByCitizens:
		return nil
	case p.Supporters < 0 || p.Supporters > households:
		return coso.Invalid("supporters", "Số hộ đồng ý đề xuất phải từ 0 đến %d.", "Supporting households must be from 0 to %d.", households)
	case !Adopted(p.Supporters, households, InitiativeShare) && !p.FrontApproved:
		return coso.Invalid("supporters", "Đề xuất của công dân cần ít nhất 10%% số hộ đồng ý (cần %d trên %d hộ), hoặc Ban công tác Mặt trận chấp thuận.",
			"A citizens' initiative needs at least 10%% of households (%d of %d), or the Front board's approval.", InitiativeShare.Need(households), households)
	case p.CollectedOn.IsZero():
		return coso.Invalid("collected_on", "Cần ngày lấy ý kiến đồng ý của các hộ.", "The date the agreement was collected is required.")
	case today.After(p.CollectedOn.AddDate(0, InitiativeMonths, 0)):
		return coso.Invalid("collected_on", "Ý kiến đồng ý của các hộ chỉ có giá trị 3 tháng.", "The households' agreement is valid for 3 months only.")
	}
	return nil
}
