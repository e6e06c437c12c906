package paper

import (
	"fmt"
	"strings"
	"time"

	"coso/decision"
	"coso/render"
)

// Decision is Form 03: the community's written decision — when, all
// households, present and absent, what was decided, by which forms, the
// counts and the result in words — signed by the village head, the head of
// the Front work board and two household representatives, and sent to the
// commune People's Committee and Front within 5 working days (art. 22).
// Once the commune has answered, the answer is printed under it.
func Decision(is Issuer, m *decision.Matter, vs []Village, o *decision.Outcome) *render.Doc {
	d := render.New(is.letterhead(is.URL))
	d.Title("Quyết định của cộng đồng dân cư", "Về việc "+lowerFirst(m.Title))
	t := o.Total()
	present := 0
	for _, v := range vs {
		present += v.Present
	}
	when := "Ngày " + day(m.CountedAt)
	if m.Uses(decision.Meeting) && !m.MeetingOn.IsZero() {
		when = "Ngày " + day(m.MeetingOn) + ", tại " + orDots(m.Place)
	}
	if w := clustersWhen(vs); w != "" {
		when = w
	}
	d.Text(fmt.Sprintf(`Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Điều 15 đến Điều 24) và Nghị định số 59/2023/NĐ-CP của Chính phủ.

%s, cộng đồng dân cư %s bàn và quyết định việc: **%s**. %s

- Loại việc: %s (Điều 15).
- Hình thức: %s.
- Tổng số hộ gia đình: %s.%s
- Số hộ tham gia biểu quyết: %s.`,
		when, is.where(), m.Title, m.Question, m.Subject.Name("vi"), formNames(m), households(t.Households),
		attendance(m, present, t.Households), households(t.Participants)))
	d.Table(optionTable(m, t.Counts, t.Households))
	if o.CommuneWide {
		d.Table(villageTable(o))
	}
	d.Text(thresholdLine(m, t.Households) + "\n\nKết quả: **" + o.Text("vi") + "**.")
	d.Text(answer(is, m))
	heads := []render.Signer{signHere("Trưởng thôn"), signHere("Trưởng ban\ncông tác\nMặt trận")}
	if is.Village == "" {
		heads = []render.Signer{signHere("TM. UBND xã\nChủ tịch"), signHere("TM. UBMTTQ xã\nChủ tịch")}
	}
	committee, front := "Ủy ban nhân dân "+is.Commune+" (để công nhận);", "Ban Thường trực Ủy ban MTTQ Việt Nam "+is.Commune+";"
	if m.Recogniser() == decision.Front {
		committee, front = "Ủy ban nhân dân "+is.Commune+";", "Ban Thường trực Ủy ban MTTQ Việt Nam "+is.Commune+" (để công nhận);"
	}
	d.Sign([]string{committee, front, "Lưu."}, append(heads, signHere("Đại diện\nhộ gia đình"), signHere("Đại diện\nhộ gia đình"))...)
	return d
}

// attendance is the present and absent lines when a meeting was held.
func attendance(m *decision.Matter, present, all int) string {
	if !m.Uses(decision.Meeting) {
		return ""
	}
	return fmt.Sprintf("\n- Số hộ có mặt tại hội nghị: %s; số hộ vắng mặt: %s.", households(present), households(all-present))
}

func formNames(m *decision.Matter) string {
	var names []string
	for _, f := range m.Forms {
		names = append(names, lowerFirst(f.Name("vi")))
	}
	return strings.Join(names, ", ")
}

// villageTable is each village's result in a commune-wide matter.
func villageTable(o *decision.Outcome) render.Table {
	t := render.Table{Header: []string{"Thôn", "Tổng số hộ", "Số hộ đồng ý", "Cần", "Kết quả"}, Widths: []float64{2, 1, 1, 1, 1.4}, Align: "LRRRL"}
	for _, v := range o.Villages {
		verdict := "Không thông qua"
		if v.Adopted {
			verdict = "Thông qua"
		}
		t.Rows = append(t.Rows, []string{v.Name, fmt.Sprint(v.Households), fmt.Sprint(v.Yes), fmt.Sprint(v.Need), verdict})
	}
	return t
}

// answer is the day the decision was sent and the commune's answer, once
// given: by the People's Committee, or for board members by the Front.
func answer(is Issuer, m *decision.Matter) string {
	var lines []string
	if !m.SentOn.IsZero() {
		lines = append(lines, "*Văn bản đã được gửi Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam "+lowerFirst(is.Commune)+" ngày "+day(m.SentOn)+".*")
	}
	body := "Ủy ban nhân dân " + lowerFirst(is.Commune)
	if m.Recogniser() == decision.Front {
		body = "Ủy ban Mặt trận Tổ quốc Việt Nam " + lowerFirst(is.Commune)
	}
	switch m.Status {
	case decision.Recognised:
		s := "*" + body + " đã công nhận quyết định này ngày " + day(m.DecidedOn) + "; quyết định có hiệu lực từ ngày " + day(m.EffectiveOn()) + ".*"
		if m.Reason != "" {
			s += " *Ghi chú: " + m.Reason + "*"
		}
		lines = append(lines, s)
	case decision.Refused:
		lines = append(lines, "*"+body+" không công nhận quyết định này ngày "+day(m.DecidedOn)+". Lý do: "+m.Reason+"*")
	}
	return strings.Join(lines, "\n\n")
}

// clustersWhen says when and how the villages that met by clusters met:
// "Từ ngày … đến ngày …, tại 3 cụm dân cư"; empty when none did.
func clustersWhen(vs []Village) string {
	var first, last time.Time
	n := 0
	for _, v := range vs {
		for _, c := range v.Clusters {
			n++
			if first.IsZero() || c.HeldOn.Before(first) {
				first = c.HeldOn
			}
			if c.HeldOn.After(last) {
				last = c.HeldOn
			}
		}
	}
	switch {
	case n == 0:
		return ""
	case first.Equal(last):
		return fmt.Sprintf("Ngày %s, tại %d hội nghị cụm dân cư", day(first), n)
	}
	return fmt.Sprintf("Từ ngày %s đến ngày %s, tại %d hội nghị cụm dân cư", day(first), day(last), n)
}
