// Package decision holds what a village decides directly (dân quyết): the
// matters put to its households, the forms the law allows for each, and the
// arithmetic of adoption. Law on Grassroots Democracy 10/2022/QH15 art.
// 15–24; Decree 59/2023/ND-CP art. 3–9 (LAW.md "Dân quyết").
package decision

import "coso"

// Subject is the kind of matter, numbered as the items of art. 15.
type Subject int

const (
	PublicWorks   Subject = 1 // contributions to public works
	CommunityFund Subject = 2 // community funds beyond those set by law
	Covenant      Subject = 3 // the hương ước / quy ước
	VillageHead   Subject = 4 // electing or dismissing the village head
	BoardMembers  Subject = 5 // members of the inspection and investment supervision boards
	OtherMatter   Subject = 6 // other self-governing matters
)

// Form is a way of deciding (art. 17).
type Form string

const (
	Meeting Form = "meeting" // community meeting: show of hands or secret ballot
	Ballot  Form = "ballot"  // household ballot sheets on paper
	Online  Form = "online"  // online voting (Decree 59 art. 5)
)

// Forms lists every form in display order.
func Forms() []Form { return []Form{Meeting, Ballot, Online} }

// rule is one line of the rules table.
type rule struct {
	VI, EN    string
	Article   string
	Threshold Threshold
	// Forms the subject may be decided by. Ballots for meeting-only
	// subjects come only after a meeting lacked households (BallotAfterMeeting).
	Forms              []Form
	BallotAfterMeeting bool
	CommuneWide        bool // may be put to every village of a commune
	// DocumentsAhead: the matter's documents must reach every household
	// at least NoticeDays before the meeting (subjects 1–3).
	DocumentsAhead bool
	// Answer says who recognises the written decision and from when it
	// takes effect.
	Answer Answer
}

// Answers of the commune (LAW.md "Dân quyết": "Hương ước and village-head
// results take effect on the commune's recognition; board members on the
// Front's recognition"). LAW.md names no other date for subjects 1, 2 and
// 6, which the commune recognises or refuses like any other decision: coso
// lets them take effect on that recognition too, and says so.
var (
	covenantAnswer = Answer{By: Committee, Article: "art. 15.3; Decree 61/2023 (LAW.md “Hương ước, quy ước”)",
		EffectVI: "Hương ước, quy ước có hiệu lực từ ngày Ủy ban nhân dân cấp xã công nhận.",
		EffectEN: "The covenant takes effect on the day the commune People's Committee recognises it."}
	headAnswer = Answer{By: Committee, Article: "art. 15.4 (LAW.md “Dân quyết”)",
		EffectVI: "Kết quả bầu, cho thôi làm trưởng thôn có hiệu lực từ ngày Ủy ban nhân dân cấp xã công nhận.",
		EffectEN: "The election or dismissal of the village head takes effect on the day the commune recognises it."}
	boardAnswer = Answer{By: Front, Article: "art. 15.5 (LAW.md “Dân quyết”)",
		EffectVI: "Kết quả bầu, cho thôi làm thành viên Ban có hiệu lực từ ngày Ủy ban Mặt trận Tổ quốc cấp xã công nhận.",
		EffectEN: "The election or dismissal of board members takes effect on the day the commune Fatherland Front recognises it."}
	otherAnswer = Answer{By: Committee, Article: "art. 15.1, 15.2, 15.6 (LAW.md “Dân quyết”: no other date named)",
		EffectVI: "Quyết định có hiệu lực từ ngày Ủy ban nhân dân cấp xã công nhận (luật không quy định ngày khác; coso lấy ngày công nhận).",
		EffectEN: "The decision takes effect on the day the commune recognises it (the law names no other date; coso takes the recognition's)."}
)

// rules is the one table of what the law says per subject.
var rules = map[Subject]rule{
	PublicWorks: {VI: "Chủ trương, mức đóng góp xây dựng công trình công cộng", EN: "Contributions to public works",
		Article: "art. 15.1, 21.1.a", Threshold: TwoThirds, Forms: []Form{Meeting, Ballot}, CommuneWide: true,
		DocumentsAhead: true, Answer: otherAnswer},
	CommunityFund: {VI: "Các khoản đóng góp ngoài quy định của pháp luật (quỹ cộng đồng)", EN: "Community funds beyond those set by law",
		Article: "art. 15.2, 21.1.a", Threshold: TwoThirds, Forms: []Form{Meeting, Ballot}, CommuneWide: true,
		DocumentsAhead: true, Answer: otherAnswer},
	Covenant: {VI: "Hương ước, quy ước", EN: "The village covenant (hương ước, quy ước)",
		Article: "art. 15.3, 17.2, 21.1.b", Threshold: MoreThanHalf, Forms: []Form{Meeting}, BallotAfterMeeting: true,
		DocumentsAhead: true, Answer: covenantAnswer},
	VillageHead: {VI: "Bầu, cho thôi làm trưởng thôn", EN: "Electing or dismissing the village head",
		Article: "art. 15.4, 17.2, 21.1.b", Threshold: MoreThanHalf, Forms: []Form{Meeting}, BallotAfterMeeting: true,
		Answer: headAnswer},
	BoardMembers: {VI: "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
		EN:      "Electing or dismissing members of the People's Inspection Board and the Community Investment Supervision Board",
		Article: "art. 15.5, 17.2, 21.1.b", Threshold: MoreThanHalf, Forms: []Form{Meeting}, BallotAfterMeeting: true,
		Answer: boardAnswer},
	OtherMatter: {VI: "Công việc tự quản khác", EN: "Other self-governing matters",
		Article: "art. 15.6, 21.1.b; Decree 59 art. 5", Threshold: MoreThanHalf, Forms: []Form{Meeting, Ballot, Online},
		Answer: otherAnswer},
}

// Subjects lists every subject in the order of art. 15.
func Subjects() []Subject {
	return []Subject{PublicWorks, CommunityFund, Covenant, VillageHead, BoardMembers, OtherMatter}
}

// ParseSubject checks a subject number.
func ParseSubject(n int) (Subject, error) {
	if _, ok := rules[Subject(n)]; ok {
		return Subject(n), nil
	}
	return 0, coso.Invalid("subject", "Loại việc phải là một số từ 1 đến 6 (Điều 15).", "The subject must be a number from 1 to 6 (art. 15).")
}

// Valid tells whether s is in the table.
func (s Subject) Valid() bool { _, ok := rules[s]; return ok }

// Name returns the subject's name in lang ("vi" or "en").
func (s Subject) Name(lang string) string {
	if lang == "en" {
		return rules[s].EN
	}
	return rules[s].VI
}

// Article names where the subject's rules come from.
func (s Subject) Article() string { return rules[s].Article }

// Threshold is what the subject needs to be adopted.
func (s Subject) Threshold() Threshold { return rules[s].Threshold }

// CommuneWide tells whether the subject may be put to a whole commune.
func (s Subject) CommuneWide() bool { return rules[s].CommuneWide }

// DocumentsAhead tells whether the matter's documents must reach every
// household before the meeting (subjects 1–3).
func (s Subject) DocumentsAhead() bool { return rules[s].DocumentsAhead }

// Answer says who recognises decisions of the subject and from when they
// take effect.
func (s Subject) Answer() Answer { return rules[s].Answer }

// MeetingOnly tells whether the subject must be decided at a meeting
// (household ballots only when the meeting lacked households).
func (s Subject) MeetingOnly() bool { return rules[s].BallotAfterMeeting }

// ParseForm checks a form name.
func ParseForm(s string) (Form, error) {
	for _, f := range Forms() {
		if string(f) == s {
			return f, nil
		}
	}
	return "", coso.Invalid("forms", "Hình thức không hợp lệ: %q (meeting, ballot, online).", "Unknown form %q (meeting, ballot, online).", s)
}

// Name returns the form's name in lang.
func (f Form) Name(lang string) string {
	names := map[Form][2]string{
		Meeting: {"Hội nghị cộng đồng dân cư", "Community meeting"},
		Ballot:  {"Phiếu lấy ý kiến hộ gia đình", "Household ballot sheets"},
		Online:  {"Biểu quyết trực tuyến", "Online voting"},
	}
	if lang == "en" {
		return names[f][1]
	}
	return names[f][0]
}
