// Package consultation holds "Dân bàn": what a commune must put to its
// people for discussion before it decides (Law on Implementing Grassroots
// Democracy 10/2022/QH15 art. 25–29, LAW.md "Dân bàn"): the subjects and
// the forms of consultation, the draft split into numbered sections, the
// period it stays open, the opinions received online and offline, their
// grouping by idea, and the authority's answer report.
package consultation

import (
	"slices"

	"coso"
)

// Subject is what is consulted on, numbered as the items of art. 25.
type Subject int

const (
	SocioEconomicPlan Subject = 1 // socio-economic plans
	LandUsePlan       Subject = 2 // land-use plans
	ProjectPolicy     Subject = 3 // investment, land, environment, compensation and resettlement policies of projects
	UnitChange        Subject = 4 // changes to administrative units and villages
	CommunityDecision Subject = 5 // draft decisions affecting the community
	ConstructionPlan  Subject = 6 // construction plans
	DemocracyRule     Subject = 7 // the draft democracy regulation of the commune
	NamedCitizens     Subject = 8 // draft decisions that impose duties on or restrict the rights of named citizens
	OtherSubject      Subject = 9 // anything else
)

// rule is one line of the subjects table.
type rule struct {
	VI, EN  string
	Article string
	// Affected: the draft concerns named citizens, who must be told and
	// heard (art. 27); the audience must name them.
	Affected bool
}

// subjects is the one table of what the law says per subject (art. 25).
var subjects = map[Subject]rule{
	SocioEconomicPlan: {"Kế hoạch phát triển kinh tế – xã hội; phương án chuyển dịch cơ cấu kinh tế, sản xuất của cấp xã",
		"Socio-economic development plans; plans to restructure the commune's economy and production", "Luật 10/2022/QH15 điều 25 khoản 1", false},
	LandUsePlan: {"Dự thảo quy hoạch, kế hoạch sử dụng đất; quy hoạch khu dân cư",
		"Draft land-use plans; plans of residential areas", "Luật 10/2022/QH15 điều 25 khoản 2", false},
	ProjectPolicy: {"Chủ trương, chính sách đầu tư, đất đai, môi trường; phương án bồi thường, hỗ trợ, tái định cư của dự án trên địa bàn",
		"Investment, land and environment policies; compensation, support and resettlement plans of projects in the commune", "Luật 10/2022/QH15 điều 25 khoản 3", false},
	UnitChange: {"Thành lập, giải thể, nhập, chia, điều chỉnh địa giới đơn vị hành chính, thôn, tổ dân phố; đặt tên, đổi tên",
		"Establishing, dissolving, merging, splitting or renaming administrative units, villages and residential groups", "Luật 10/2022/QH15 điều 25 khoản 4", false},
	CommunityDecision: {"Dự thảo nghị quyết, quyết định của chính quyền cấp xã có ảnh hưởng đến cộng đồng dân cư",
		"Draft resolutions and decisions of the commune authority that affect the community", "Luật 10/2022/QH15 điều 25 khoản 5", false},
	ConstructionPlan: {"Kế hoạch, quy hoạch xây dựng trên địa bàn",
		"Construction plans in the commune", "Luật 10/2022/QH15 điều 25 khoản 6", false},
	DemocracyRule: {"Dự thảo quy chế thực hiện dân chủ ở xã, phường",
		"The draft democracy regulation of the commune", "Luật 10/2022/QH15 điều 25 khoản 7", false},
	NamedCitizens: {"Dự thảo quyết định đặt ra nghĩa vụ hoặc hạn chế quyền của công dân cụ thể (phải thông báo và lắng nghe người liên quan)",
		"Draft decisions that impose duties on or restrict the rights of named citizens (they must be told and heard)", "Luật 10/2022/QH15 điều 25 khoản 8; điều 27", true},
	OtherSubject: {"Nội dung khác theo quy định của pháp luật, quy chế dân chủ của xã",
		"Anything else the law or the commune's democracy regulation requires", "Luật 10/2022/QH15 điều 25 khoản 9", false},
}

// Subjects lists every subject in the order of art. 25.
func Subjects() []Subject {
	out := make([]Subject, 0, len(subjects))
	for s := range subjects {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// ParseSubject checks a subject number.
func ParseSubject(n int) (Subject, error) {
	if _, ok := subjects[Subject(n)]; ok {
		return Subject(n), nil
	}
	return 0, errSubject()
}

func errSubject() *coso.Error {
	return coso.Invalid("subject", "Nội dung lấy ý kiến phải là một số từ 1 đến 9 (Điều 25).", "The subject must be a number from 1 to 9 (art. 25).")
}

// Valid tells whether s is in the table.
func (s Subject) Valid() bool { _, ok := subjects[s]; return ok }

// Name returns the subject's name in lang ("vi" or "en").
func (s Subject) Name(lang string) string {
	if lang == "en" {
		return subjects[s].EN
	}
	return subjects[s].VI
}

// Article names where the subject comes from.
func (s Subject) Article() string { return subjects[s].Article }

// Affected tells whether the draft concerns named citizens, who must be
// told and heard (art. 27).
func (s Subject) Affected() bool { return subjects[s].Affected }

// Form is a way of consulting the people (art. 26). The same names say
// through which channel an opinion came in.
type Form string

const (
	Portal     Form = "portal"     // the web portal: comments online on coso
	Conference Form = "conference" // a dialogue conference
	Meeting    Form = "meeting"    // a community meeting (minutes)
	Sheet      Form = "sheet"      // household opinion sheets
	Box        Form = "box"        // a suggestion box
	Hotline    Form = "hotline"    // a hotline
	Front      Form = "front"      // through the village Front board and the mass organisations (formal opinions)
	Telecom    Form = "telecom"    // telecoms and the community's social networks
)

// formNames are the forms of art. 26 in display order.
var formNames = []struct {
	Form    Form
	VI, EN  string
	Article string
}{
	{Portal, "Cổng thông tin điện tử", "Web portal", "điều 26 khoản 6"},
	{Conference, "Hội nghị đối thoại", "Dialogue conference", "điều 26 khoản 1"},
	{Meeting, "Hội nghị cộng đồng dân cư", "Community meeting", "điều 26 khoản 2"},
	{Sheet, "Phiếu lấy ý kiến hộ gia đình", "Household opinion sheets", "điều 26 khoản 3"},
	{Box, "Hòm thư góp ý", "Suggestion box", "điều 26 khoản 4"},
	{Hotline, "Đường dây nóng", "Hotline", "điều 26 khoản 4"},
	{Front, "Qua Ban công tác Mặt trận và các tổ chức chính trị – xã hội", "Through the Front board and mass organisations", "điều 26 khoản 5"},
	{Telecom, "Tin nhắn, mạng xã hội của cộng đồng", "Text messages and the community's social networks", "điều 26 khoản 7"},
}

// Forms lists every form in display order.
func Forms() []Form {
	out := make([]Form, len(formNames))
	for i, f := range formNames {
		out[i] = f.Form
	}
	return out
}

// ParseForm checks a form name.
func ParseForm(s string) (Form, error) {
	if slices.Contains(Forms(), Form(s)) {
		return Form(s), nil
	}
	return "", coso.Invalid("forms", "Hình thức lấy ý kiến không hợp lệ: %q.", "Unknown form of consultation %q.", s)
}

// Name returns the form's name in lang.
func (f Form) Name(lang string) string {
	for _, n := range formNames {
		if n.Form == f {
			if lang == "en" {
				return n.EN
			}
			return n.VI
		}
	}
	return string(f)
}

// Offline tells whether opinions of this channel are entered by an
// officer (everything but the portal).
func (f Form) Offline() bool { return f != Portal }

// Scope rules: how long a consultation of a kind of unit stays open.
type periodRule struct {
	Kinds   []string // unit kinds, as place.Kind spells them
	MinDays int      // calendar days from the day after publication (Civil Code 2015 art. 147)
	Article string
}

// periods is the one table of who consults and for how long. Agencies and
// state enterprises consult their staff and workers (art. 53–55, 71) under
// rules this part does not carry yet: their units are refused.
var periods = []periodRule{
	{Kinds: []string{"commune", "ward", "special_zone"}, MinDays: 20, Article: "Luật 10/2022/QH15 điều 28 khoản 2"},
}

// PeriodFor returns the rule for a consulting unit of kind, and false when
// units of that kind do not consult under this part.
func PeriodFor(kind string) (minDays int, article string, ok bool) {
	for _, p := range periods {
		if slices.Contains(p.Kinds, kind) {
			return p.MinDays, p.Article, true
		}
	}
	return 0, "", false
}
