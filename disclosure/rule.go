// Package disclosure holds "Dân biết": what communes, agencies and state
// enterprises must publish, by when, for how long and through which
// channels (Law 10/2022/QH15 art. 11–14, 46–48, 64–66), the published
// records with their versions, the quarterly compliance checklist, and
// citizens' requests for information (Law on Access to Information 2016,
// art. 29).
package disclosure

import (
	"slices"

	"coso"
)

// Scope is who publishes under a catalogue.
type Scope string

const (
	CommuneScope    Scope = "commune"    // communes, wards, special zones and their villages (art. 11)
	AgencyScope     Scope = "agency"     // agencies and public service units, to their staff (art. 46)
	EnterpriseScope Scope = "enterprise" // state enterprises, to their workers (art. 64)
)

// ScopeOf returns the catalogue a unit of kind publishes under (unit kinds
// spelled as place.Kind spells them), and false for kinds that publish
// under none (provinces).
func ScopeOf(kind string) (Scope, bool) {
	switch kind {
	case "commune", "ward", "special_zone", "village", "residential_group":
		return CommuneScope, true
	case "agency":
		return AgencyScope, true
	case "enterprise":
		return EnterpriseScope, true
	}
	return "", false
}

// Channel is a way of making information known (art. 12.1).
type Channel string

const (
	Portal       Channel = "portal"        // the commune's (or agency's) web portal: coso itself
	Posting      Channel = "posting"       // posted at the office of the commune People's Committee (or the agency)
	VillageHouse Channel = "village_house" // posted at the villages' cultural houses
	Loudspeaker  Channel = "loudspeaker"   // the commune loudspeaker system
	VillageHead  Channel = "village_head"  // through the village heads to households
	Letter       Channel = "letter"        // letters or notices sent to the people concerned
	Meeting      Channel = "meeting"       // a dialogue conference or meeting
	Reception    Channel = "reception"     // citizen reception
	MassOrg      Channel = "mass_org"      // through the Front and mass organisations
	Telecom      Channel = "telecom"       // text messages, the community's social network
)

// channelNames are the channels of art. 12.1 in display order.
var channelNames = []struct {
	Channel Channel
	VI, EN  string
}{
	{Portal, "Cổng thông tin điện tử", "Web portal"},
	{Posting, "Niêm yết tại trụ sở", "Posted at the office"},
	{VillageHouse, "Niêm yết tại nhà văn hóa thôn, tổ dân phố", "Posted at the village cultural houses"},
	{Loudspeaker, "Hệ thống loa truyền thanh", "Loudspeaker broadcast"},
	{VillageHead, "Qua trưởng thôn, tổ trưởng tổ dân phố", "Through the village heads"},
	{Letter, "Gửi văn bản đến người dân", "Letters to the people concerned"},
	{Meeting, "Hội nghị, cuộc họp", "Conference or meeting"},
	{Reception, "Tiếp công dân", "Citizen reception"},
	{MassOrg, "Qua Mặt trận và các tổ chức chính trị – xã hội", "Through the Front and mass organisations"},
	{Telecom, "Tin nhắn, mạng xã hội của cộng đồng", "Text messages, the community's social network"},
}

// Channels lists every channel in display order.
func Channels() []Channel {
	out := make([]Channel, len(channelNames))
	for i, c := range channelNames {
		out[i] = c.Channel
	}
	return out
}

// Name returns the channel's name in lang.
func (c Channel) Name(lang string) string {
	for _, n := range channelNames {
		if n.Channel == c {
			if lang == "en" {
				return n.EN
			}
			return n.VI
		}
	}
	return string(c)
}

// ParseChannel checks a channel name.
func ParseChannel(s string) (Channel, error) {
	if slices.Contains(Channels(), Channel(s)) {
		return Channel(s), nil
	}
	return "", coso.Invalid("channel", "Hình thức công khai không hợp lệ: %q.", "Unknown channel %q.", s)
}

// Deadline is how long after the decision the information must be out.
type Deadline struct {
	Days    int
	Working bool // working days (calendar package) or calendar days
}

// Rule is one category of information that must be published, with the
// law's numbers for it.
type Rule struct {
	Code    string // "1"–"14" for communes, "A1"… for agencies, "E1"… for enterprises
	Scope   Scope
	VI, EN  string
	Article string // where the category and its numbers come from
	// Deadline after the decision (art. 12.3, 47, 65).
	Deadline Deadline
	// PostingDays is the least number of consecutive days the notice stays
	// posted; 0 means permanently, updated when it changes (art. 13.2).
	PostingDays int
	// LoudspeakerDays is the least number of consecutive days of broadcast
	// (art. 13.3); 0 when no broadcast is required.
	LoudspeakerDays int
	// Channels are the channels the law requires for the category.
	Channels []Channel
}

// Permanent tells whether the notice stays posted for good.
func (r Rule) Permanent() bool { return r.PostingDays == 0 }

// The law's numbers, named once.
var (
	communeDeadline    = Deadline{Days: 5, Working: true}   // art. 12.3
	agencyDeadline     = Deadline{Days: 5, Working: true}   // art. 47
	enterpriseDeadline = Deadline{Days: 15, Working: false} // art. 65
)

const (
	communePosting    = 30 // art. 13.2: at least 30 consecutive days
	workplacePosting  = 20 // art. 48 and 66: at least 20 consecutive days
	loudspeakerDays   = 3  // art. 13.3: at least 3 consecutive days
	permanent         = 0
	noBroadcast       = 0
	agencyArticle     = "Luật 10/2022/QH15 điều 46; thời hạn, hình thức điều 47–48"
	enterpriseArticle = "Luật 10/2022/QH15 điều 64; thời hạn, hình thức điều 65–66"
)

var (
	// Every commune item goes on the portal (art. 13.1) and is posted at
	// the commune office and the villages' cultural houses (art. 13.2).
	communeChannels = []Channel{Portal, Posting, VillageHouse}
	// Items 7–12 are also broadcast and passed on by the village heads
	// (art. 13.3–13.4).
	broadcastChannels = []Channel{Portal, Posting, VillageHouse, Loudspeaker, VillageHead}
	workplaceChannels = []Channel{Portal, Posting}
)

// rules is the one table of what must be published. The commune
// categories are numbered as in art. 11; the agency (art. 46) and
// enterprise (art. 64) lists summarise the law's items in its order.
var rules = []Rule{
	commune("1", "Kế hoạch phát triển kinh tế – xã hội hằng năm và kết quả thực hiện", "Annual socio-economic development plan and its results", communePosting, noBroadcast),
	commune("2", "Dự toán, tình hình thực hiện, quyết toán ngân sách; kết quả kiểm toán và việc thực hiện", "Budget estimates, execution, final accounts and audit follow-up", communePosting, noBroadcast),
	commune("3", "Dự án đầu tư, thu hồi đất, bồi thường, hỗ trợ, tái định cư; quy hoạch sử dụng đất, xây dựng", "Investment projects, land recovery, compensation and resettlement; land-use and construction plans", communePosting, noBroadcast),
	commune("4", "Quy chế dân chủ ở xã; nhiệm vụ, quyền hạn của cán bộ; quy tắc ứng xử", "The commune's democracy regulation, duties of officials, code of conduct", permanent, noBroadcast),
	commune("5", "Các khoản huy động, đóng góp, tài trợ của nhân dân", "Funds, sponsorships and contributions raised from the people", communePosting, noBroadcast),
	commune("6", "Quản lý, sử dụng tài sản công", "Public assets", communePosting, noBroadcast),
	commune("7", "Chính sách hỗ trợ, an sinh xã hội: tiêu chuẩn, quy trình bình xét, danh sách đối tượng", "Support and social-security schemes: criteria, selection, beneficiaries", communePosting, loudspeakerDays),
	commune("8", "Hỗ trợ thiên tai, dịch bệnh; quyên góp, ủng hộ", "Disaster and epidemic aid and donations", communePosting, loudspeakerDays),
	commune("9", "Danh sách gọi nhập ngũ, thực hiện nghĩa vụ công an", "Military and police service call-up lists", communePosting, loudspeakerDays),
	commune("10", "Kết quả thanh tra, kiểm tra, xử lý tham nhũng, kỷ luật cán bộ xã, thôn; lấy phiếu tín nhiệm", "Inspections, handling of corruption and discipline of commune and village staff; confidence votes", communePosting, loudspeakerDays),
	commune("11", "Kế hoạch lấy ý kiến, dự thảo, tổng hợp ý kiến và giải trình của cơ quan có thẩm quyền", "Consultation plans, drafts, the summary of opinions and the authority's answers", communePosting, loudspeakerDays),
	commune("12", "Các khoản phí, lệ phí do xã thu", "Fees and charges collected by the commune", communePosting, loudspeakerDays),
	commune("13", "Thủ tục hành chính do xã giải quyết", "Administrative procedures handled by the commune", permanent, noBroadcast),
	commune("14", "Nội dung khác theo quy định của pháp luật, quy chế dân chủ của xã", "Anything else the law or the commune's regulation requires", communePosting, noBroadcast),

	agency("A1", "Chủ trương, chính sách, pháp luật liên quan đến cơ quan, đơn vị", "Policies and laws that concern the agency"),
	agency("A2", "Kế hoạch công tác hằng năm", "Annual work plan"),
	agency("A3", "Kinh phí hoạt động, quyết toán; tài sản, trang thiết bị", "Operating budget and accounts; assets and equipment"),
	agency("A4", "Tuyển dụng, sử dụng, đào tạo, bổ nhiệm, luân chuyển, nâng lương, khen thưởng, kỷ luật", "Recruitment, postings, training, appointments, pay rises, awards and discipline"),
	agency("A5", "Nội quy, quy chế làm việc, quy tắc ứng xử", "Internal rules, working regulations, code of conduct"),
	agency("A6", "Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo", "Results of inspections and of handling complaints and denunciations"),
	agency("A7", "Kê khai tài sản, thu nhập theo quy định", "Declarations of assets and income as required"),
	agency("A8", "Kết quả đánh giá, xếp loại; lấy phiếu tín nhiệm", "Staff evaluations; confidence votes"),
	agency("A9", "Nội dung khác theo quy định", "Anything else the law requires"),

	enterprise("E1", "Chiến lược, kế hoạch sản xuất, kinh doanh, đầu tư", "Strategy, business and investment plans"),
	enterprise("E2", "Tình hình tài chính, kết quả sản xuất, kinh doanh", "Financial situation and business results"),
	enterprise("E3", "Trích lập và sử dụng các quỹ", "Setting aside and use of the enterprise's funds"),
	enterprise("E4", "Tiền lương, tiền thưởng, thu nhập; thang lương, bảng lương", "Wages, bonuses and income; pay scales"),
	enterprise("E5", "Nội quy, quy chế, thỏa ước lao động tập thể", "Internal rules and regulations, the collective labour agreement"),
	enterprise("E6", "Tuyển dụng, đào tạo, hợp đồng lao động, bảo hiểm xã hội", "Recruitment, training, labour contracts, social insurance"),
	enterprise("E7", "An toàn, vệ sinh lao động", "Occupational safety and health"),
	enterprise("E8", "Thi đua, khen thưởng, kỷ luật", "Emulation, awards and discipline"),
	enterprise("E9", "Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo", "Results of inspections and of handling complaints and denunciations"),
	enterprise("E10", "Nội dung khác theo quy định", "Anything else the law requires"),
}

func commune(code, vi, en string, posting, broadcast int) Rule {
	ch := communeChannels
	if broadcast > 0 {
		ch = broadcastChannels
	}
	return Rule{Code: code, Scope: CommuneScope, VI: vi, EN: en, Article: communeArticle(code), Deadline: communeDeadline,
		PostingDays: posting, LoudspeakerDays: broadcast, Channels: ch}
}

func agency(code, vi, en string) Rule {
	return Rule{Code: code, Scope: AgencyScope, VI: vi, EN: en, Article: agencyArticle, Deadline: agencyDeadline,
		PostingDays: workplacePosting, Channels: workplaceChannels}
}

func enterprise(code, vi, en string) Rule {
	return Rule{Code: code, Scope: EnterpriseScope, VI: vi, EN: en, Article: enterpriseArticle, Deadline: enterpriseDeadline,
		PostingDays: workplacePosting, Channels: workplaceChannels}
}

func communeArticle(code string) string {
	return "Luật 10/2022/QH15 điều 11 khoản " + code + "; thời hạn điều 12.3; hình thức điều 13"
}

// Rules lists the categories of scope in order; an empty scope lists all.
func Rules(scope Scope) []Rule {
	var out []Rule
	for _, r := range rules {
		if scope == "" || r.Scope == scope {
			out = append(out, r)
		}
	}
	return out
}

// RuleFor returns the rule of a category code.
func RuleFor(code string) (Rule, bool) {
	for _, r := range rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// Name returns the category's name in lang.
func (r Rule) Name(lang string) string {
	if lang == "en" {
		return r.EN
	}
	return r.VI
}

// Requires tells whether the rule requires channel c.
func (r Rule) Requires(c Channel) bool { return slices.Contains(r.Channels, c) }
