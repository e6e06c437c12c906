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

	// What an agency consults its staff on (art. 53), numbered 53xx so
	// they never meet the items of art. 25.
	AgencyWorkPlan  Subject = 5301 // policies, measures and work plans of the agency
	AgencyRules     Subject = 5302 // internal spending, asset and emulation rules
	AgencyPersonnel Subject = 5303 // recruitment, training and appointment plans
	AgencyDemocracy Subject = 5304 // the agency's draft democracy regulation
	AgencyOther     Subject = 5309 // anything else the law or the agency's regulation requires
	// What a state enterprise consults its workers on (art. 71).
	EnterprisePay    Subject = 7101 // pay scales, wage and bonus rules
	EnterpriseRules  Subject = 7102 // internal labour rules
	EnterpriseSafety Subject = 7103 // occupational safety and hygiene measures
	EnterpriseOther  Subject = 7109 // anything else the law or the enterprise's regulation requires
)

// The kinds of unit that consult under each part of the law, as
// place.Kind spells them (the domain does not import place).
var (
	communeKinds    = []string{"commune", "ward", "special_zone"}
	agencyKinds     = []string{"agency"}
	enterpriseKinds = []string{"enterprise"}
)

// rule is one line of the subjects table.
type rule struct {
	VI, EN  string
	Article string
	// Affected: the draft concerns named citizens, who must be told and
	// heard (art. 27); the audience must name them.
	Affected bool
	// Kinds: the kinds of unit that may consult on it.
	Kinds []string
}

// subjects is the one table of what the law says per subject (art. 25).
var subjects = map[Subject]rule{
	SocioEconomicPlan: {"Kế hoạch phát triển kinh tế – xã hội; phương án chuyển dịch cơ cấu kinh tế, sản xuất của cấp xã",
		"Socio-economic development plans; plans to restructure the commune's economy and production", "Luật 10/2022/QH15 điều 25 khoản 1", false, communeKinds},
	LandUsePlan: {"Dự thảo quy hoạch, kế hoạch sử dụng đất; quy hoạch khu dân cư",
		"Draft land-use plans; plans of residential areas", "Luật 10/2022/QH15 điều 25 khoản 2", false, communeKinds},
	ProjectPolicy: {"Chủ trương, chính sách đầu tư, đất đai, môi trường; phương án bồi thường, hỗ trợ, tái định cư của dự án trên địa bàn",
		"Investment, land and environment policies; compensation, support and resettlement plans of projects in the commune", "Luật 10/2022/QH15 điều 25 khoản 3", false, communeKinds},
	UnitChange: {"Thành lập, giải thể, nhập, chia, điều chỉnh địa giới đơn vị hành chính, thôn, tổ dân phố; đặt tên, đổi tên",
		"Establishing, dissolving, merging, splitting or renaming administrative units, villages and residential groups", "Luật 10/2022/QH15 điều 25 khoản 4", false, communeKinds},
	CommunityDecision: {"Dự thảo nghị quyết, quyết định của chính quyền cấp xã có ảnh hưởng đến cộng đồng dân cư",
		"Draft resolutions and decisions of the commune authority that affect the community", "Luật 10/2022/QH15 điều 25 khoản 5", false, communeKinds},
	ConstructionPlan: {"Kế hoạch, quy hoạch xây dựng trên địa bàn",
		"Construction plans in the commune", "Luật 10/2022/QH15 điều 25 khoản 6", false, communeKinds},
	DemocracyRule: {"Dự thảo quy chế thực hiện dân chủ ở xã, phường",
		"The draft democracy regulation of the commune", "Luật 10/2022/QH15 điều 25 khoản 7", false, communeKinds},
	NamedCitizens: {"Dự thảo quyết định đặt ra nghĩa vụ hoặc hạn chế quyền của công dân cụ thể (phải thông báo và lắng nghe người liên quan)",
		"Draft decisions that impose duties on or restrict the rights of named citizens (they must be told and heard)", "Luật 10/2022/QH15 điều 25 khoản 8; điều 27", true, communeKinds},
	OtherSubject: {"Nội dung khác theo quy định của pháp luật, quy chế dân chủ của xã",
		"Anything else the law or the commune's democracy regulation requires", "Luật 10/2022/QH15 điều 25 khoản 9", false, communeKinds},

	AgencyWorkPlan: {"Chủ trương, giải pháp thực hiện nhiệm vụ; kế hoạch công tác của cơ quan, đơn vị",
		"The agency's policies, measures and work plans", "Luật 10/2022/QH15 điều 53", false, agencyKinds},
	AgencyRules: {"Dự thảo quy chế chi tiêu nội bộ, quản lý tài sản công, thi đua, khen thưởng của cơ quan, đơn vị",
		"Draft rules on internal spending, public assets, emulation and rewards", "Luật 10/2022/QH15 điều 53", false, agencyKinds},
	AgencyPersonnel: {"Kế hoạch tuyển dụng, đào tạo, bồi dưỡng, bổ nhiệm cán bộ, công chức, viên chức, người lao động",
		"Plans to recruit, train and appoint the staff", "Luật 10/2022/QH15 điều 53", false, agencyKinds},
	AgencyDemocracy: {"Dự thảo quy chế thực hiện dân chủ trong cơ quan, đơn vị",
		"The agency's draft democracy regulation", "Luật 10/2022/QH15 điều 53", false, agencyKinds},
	AgencyOther: {"Nội dung khác theo quy định của pháp luật, quy chế dân chủ của cơ quan, đơn vị",
		"Anything else the law or the agency's democracy regulation requires", "Luật 10/2022/QH15 điều 53–55", false, agencyKinds},
	EnterprisePay: {"Thang lương, bảng lương, quy chế trả lương, thưởng của doanh nghiệp",
		"Pay scales, wage and bonus rules of the enterprise", "Luật 10/2022/QH15 điều 71", false, enterpriseKinds},
	EnterpriseRules: {"Dự thảo nội quy lao động, quy chế nội bộ của doanh nghiệp",
		"Draft internal labour rules of the enterprise", "Luật 10/2022/QH15 điều 71", false, enterpriseKinds},
	EnterpriseSafety: {"Biện pháp bảo đảm an toàn, vệ sinh lao động",
		"Occupational safety and hygiene measures", "Luật 10/2022/QH15 điều 71", false, enterpriseKinds},
	EnterpriseOther: {"Nội dung khác theo quy định của pháp luật, quy chế dân chủ của doanh nghiệp",
		"Anything else the law or the enterprise's democracy regulation requires", "Luật 10/2022/QH15 điều 71", false, enterpriseKinds},
}

// SubjectsFor lists the subjects a unit of kind may consult on.
func SubjectsFor(kind string) []Subject {
	var out []Subject
	for _, s := range Subjects() {
		if slices.Contains(subjects[s].Kinds, kind) {
			out = append(out, s)
		}
	}
	return out
}

// Allows tells whether a unit of kind may consult on s.
func (s Subject) Allows(kind string) bool { return slices.Contains(subjects[s].Kinds, kind) }

// Subjects lists every subject: the items of art. 25, then those of
// agencies (art. 53) and enterprises (art. 71).
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
	return coso.Invalid("subject", "Nội dung lấy ý kiến phải là một số từ 1 đến 9 (Điều 25), hoặc một nội dung của cơ quan (53xx, Điều 53) hay doanh nghiệp (71xx, Điều 71).",
		"The subject must be a number from 1 to 9 (art. 25), or one of an agency (53xx, art. 53) or an enterprise (71xx, art. 71).")
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

// staffFormNames are the forms as an agency or an enterprise holds them
// for its staff or workers (art. 54, 71).
var staffFormNames = map[Form][2]string{
	Conference: {"Hội nghị đối thoại với cán bộ, người lao động", "Dialogue with the staff"},
	Meeting:    {"Hội nghị cán bộ, công chức, viên chức, người lao động (hoặc họp tổ, bộ phận)", "Staff or workers' meeting (or of a team)"},
	Sheet:      {"Phiếu lấy ý kiến cán bộ, người lao động", "Staff opinion sheets"},
	Front:      {"Qua tổ chức công đoàn và các đoàn thể của đơn vị", "Through the trade union and the unit's organisations"},
}

// NameFor returns the form's name in lang as a unit of kind holds it.
func (f Form) NameFor(kind, lang string) string {
	if n, ok := staffFormNames[f]; ok && Staff(kind) {
		if lang == "en" {
			return n[1]
		}
		return n[0]
	}
	return f.Name(lang)
}

// Staff tells whether an agency or an enterprise may hear its staff or
// workers this way (art. 54, 71): at their meetings and conferences, on
// opinion sheets, through the suggestion box, the hotline or the unions.
func (f Form) Staff() bool { return f != Portal && f != Telecom }

// Offline tells whether opinions of this channel are entered by an
// officer (everything but the portal).
func (f Form) Offline() bool { return f != Portal }

// Scope rules: how long a consultation of a kind of unit stays open.
type periodRule struct {
	Kinds   []string // unit kinds, as place.Kind spells them
	MinDays int      // calendar days from the day after publication (Civil Code 2015 art. 147)
	Article string
	// Category: the disclosure category (disclosure/rule.go) under which
	// the draft, when it opens, and the answer report are published.
	Category string
}

// periods is the one table of who consults and for how long. Agencies and
// state enterprises consult their staff and workers (art. 53–55, 71);
// LAW.md gives them no minimum period (only their disclosures have one,
// art. 46–48 and 64–66), so none is required beyond closing on or after
// the opening day: the agency sets the period in its own regulation.
var periods = []periodRule{
	// Art. 11.11: the plan, the draft, the summary of opinions and the
	// answers are published to the people.
	{Kinds: communeKinds, MinDays: 20, Article: "Luật 10/2022/QH15 điều 28 khoản 2", Category: "11"},
	// Art. 46 and 64 list no item for drafts put to the staff: "anything
	// else the law requires" (A9, E10) carries them.
	{Kinds: agencyKinds, MinDays: 0, Article: "Luật 10/2022/QH15 điều 53–55", Category: "A9"},
	{Kinds: enterpriseKinds, MinDays: 0, Article: "Luật 10/2022/QH15 điều 71", Category: "E10"},
}

// DisclosureCategory is the disclosure category of a consulting unit of
// kind: where its drafts and answer reports are published.
func DisclosureCategory(kind string) string {
	for _, p := range periods {
		if slices.Contains(p.Kinds, kind) {
			return p.Category
		}
	}
	return ""
}

// Staff tells whether units of kind consult their own staff or workers
// (agencies, enterprises) rather than the people: there opinions come from
// staff meetings and opinion sheets, entered by the unit's officials, not
// from citizens on the portal.
func Staff(kind string) bool {
	return slices.Contains(agencyKinds, kind) || slices.Contains(enterpriseKinds, kind)
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
