package consultation

import (
	"fmt"
	"strings"
	"testing"

	"coso"
)

func TestNormaliseAndSimilarity(t *testing.T) {
	if got := Normalise("  ĐỀ NGHỊ dành đất, làm NHÀ VĂN HOÁ!!  "); got != "de nghi danh dat lam nha van hoa" {
		t.Errorf("Normalise = %q", got)
	}
	if s := Similarity("Nhà văn hóa", "nha van hoa!"); s != 1 {
		t.Errorf("the same words typed two ways: %v", s)
	}
	a := "Đề nghị dành đất làm nhà văn hóa và sân thể thao rộng hơn cho thôn"
	if s := Similarity(a, a+" Phượng Mao"); s < SameIdea {
		t.Errorf("a word added: %v", s)
	}
	if s := Similarity(a, "Lô 100 m² là quá nhỏ cho hộ nông nghiệp"); s >= SameIdea {
		t.Errorf("another idea: %v", s)
	}
}

func TestGroupCampaign(t *testing.T) {
	var items []Item
	for i := range 500 {
		text := "Phản đối lấy đất ruộng làm khu dân cư, giữ đất cho nông dân."
		if i%3 == 1 {
			text = "phan doi lay dat ruong lam khu dan cu giu dat cho nong dan"
		}
		items = append(items, Item{ID: int64(i + 1), Section: 2, Stance: Disagree, Text: text})
	}
	items = append(items,
		Item{ID: 501, Section: 2, Stance: Disagree, Text: "Lô đất quá nhỏ."},
		Item{ID: 502, Section: 2, Stance: Agree, Text: "Phản đối lấy đất ruộng làm khu dân cư, giữ đất cho nông dân."},
		Item{ID: 503, Section: 2, Stance: Agree},
		Item{ID: 504, Section: 2, Stance: Agree, Text: ""},
		Item{ID: 505, Section: 0, Stance: Disagree, Text: "Phản đối lấy đất ruộng làm khu dân cư, giữ đất cho nông dân."},
	)
	gs := GroupItems(items)
	var sizes []string
	for _, g := range gs {
		sizes = append(sizes, fmt.Sprintf("%d/%s/%d", g.Section, g.Stance, len(g.Members)))
	}
	if got := strings.Join(sizes, " "); got != "0/disagree/1 2/agree/1 2/agree/2 2/disagree/500 2/disagree/1" {
		t.Errorf("groups: %s", got)
	}
	campaign := gs[3]
	if campaign.Text != "Phản đối lấy đất ruộng làm khu dân cư, giữ đất cho nông dân." || campaign.Members[0] != 1 || campaign.Members[499] != 500 {
		t.Errorf("the campaign's group: %q, %d…%d", campaign.Text, campaign.Members[0], campaign.Members[499])
	}
	// The same opinions in another order: the same groups.
	rev := make([]Item, len(items))
	for i := range items {
		rev[i] = items[len(items)-1-i]
	}
	again := GroupItems(rev)
	for i := range gs {
		if gs[i].Text != again[i].Text || len(gs[i].Members) != len(again[i].Members) {
			t.Errorf("order changes group %d", i)
		}
	}
	keys := []string{campaign.Key, Normalise("Lô đất quá nhỏ.")}
	if n := Nearest("PHẢN ĐỐI lấy đất ruộng làm khu dân cư; giữ đất cho nông dân", keys); n != 0 {
		t.Errorf("Nearest = %d", n)
	}
	if n := Nearest("Cần thêm bãi đỗ xe", keys); n != -1 {
		t.Errorf("a new idea: %d", n)
	}
	if n := Nearest("", keys); n != -1 {
		t.Errorf("no text joins no worded group: %d", n)
	}
}

func TestReportRules(t *testing.T) {
	if _, err := CheckResponse(Explained, " "); coso.AsError(err).Field != "reason" {
		t.Errorf("an explanation without reasons: %v", err)
	}
	if _, err := CheckResponse(Accepted, ""); err != nil {
		t.Errorf("an acceptance needs no reason: %v", err)
	}
	if _, err := CheckResponse("maybe", "x"); coso.AsError(err).Field != "response" {
		t.Errorf("unknown answer: %v", err)
	}
	c := valid()
	c.Validate("commune", day(2026, 3, 2))
	c.Status, c.UnitName, c.OpensOn = Closed, "Xã An Hoà", day(2026, 3, 2)
	sec := func(n int, agree, disagree int, o Outcome, reason string, gs ...*Group) *ReportSection {
		return &ReportSection{N: n, Title: c.SectionTitle(n, "vi"), Tally: Tally{Agree: agree, Disagree: disagree}, Outcome: o, Reason: reason, Groups: gs}
	}
	g := &Group{Section: 2, Stance: Disagree, Text: "Diện tích quá lớn", Count: 30}
	r := &Report{C: c, Sections: []*ReportSection{sec(0, 0, 0, "", ""), sec(1, 5, 0, Kept, ""), sec(2, 3, 30, Kept, "", g), sec(3, 0, 0, "", "")}}
	m := r.Missing()
	if len(m) != 2 || !strings.Contains(m[0].EN, "1 of 1 opinion groups") || !strings.Contains(m[1].VI, "Điều 2. Diện tích: kết quả trái với ý kiến của đa số") {
		t.Fatalf("missing: %v", m)
	}
	if err := r.CheckPublish(); err == nil {
		t.Error("published with gaps")
	}
	g.Response, g.Reason = Explained, "Diện tích theo quy hoạch chung đã được phê duyệt."
	r.Sections[2].Reason = "Quy hoạch chung của tỉnh đã xác định diện tích."
	if err := r.CheckPublish(); err != nil {
		t.Errorf("complete report: %v", err)
	}
	r.Sections[1].Outcome = Dropped
	if !r.Sections[1].AgainstMajority() || r.CheckPublish() == nil {
		t.Error("taking out a section most agreed with needs reasons")
	}
	r.Sections[1].Outcome = Amended
	if r.Sections[1].AgainstMajority() {
		t.Error("an amendment goes against no one")
	}
	sum := r.Summary("https://coso.example.vn/consultations/1/report")
	for _, want := range []string{"Tổng số ý kiến: 38", "30 ý kiến không đồng ý: “Diện tích quá lớn” — Giải trình (không tiếp thu): Diện tích theo quy hoạch", "/consultations/1/report"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
}
