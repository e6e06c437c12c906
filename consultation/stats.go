package consultation

import (
	"sort"
)

// Stats are a consultation's participation figures for its dashboard.
type Stats struct {
	Opinions  int
	People    int // distinct commenters on the portal plus every opinion entered offline
	ByVillage []Count
	BySex     []Count // "female", "male", "" (unknown)
	ByAge     []Count // the age bands in order, then "" (unknown)
	ByChannel []Count // the forms in order
	Sections  []SectionStats
}

// Count is one line of a breakdown.
type Count struct {
	Key  string
	Name string
	N    int
}

// SectionStats is how a section was received; sorted most disagreed first.
type SectionStats struct {
	N                      int
	Title                  string
	Agree, Disagree, Other int
}

// DisagreeShare is the share of disagreement among those who agreed or
// disagreed, in percent (0 when nobody did).
func (s SectionStats) DisagreeShare() float64 {
	if s.Agree+s.Disagree == 0 {
		return 0
	}
	return 100 * float64(s.Disagree) / float64(s.Agree+s.Disagree)
}

// Participation counts the opinions of c by village, sex, age band and
// channel (hidden ones included: they are counted), and ranks the
// sections by disagreement (visible opinions). unknown names what was not
// recorded, in the reader's language.
func Participation(c *Consultation, ops []*Opinion, lang, unknown string) Stats {
	st := Stats{Opinions: len(ops)}
	authors := map[string]bool{}
	village, sex, age, channel := map[string]*Count{}, map[string]int{}, map[string]int{}, map[Form]int{}
	sections := make([]SectionStats, len(c.Sections)+1)
	for i := range sections {
		sections[i] = SectionStats{N: i, Title: c.SectionTitle(i, lang)}
	}
	for _, o := range ops {
		if o.Author == "" {
			st.People++
		} else if !authors[o.Author] {
			authors[o.Author] = true
			st.People++
		}
		key, name := "", unknown
		if o.VillageID != 0 {
			key, name = o.VillageName, o.VillageName
		}
		if village[key] == nil {
			village[key] = &Count{Key: key, Name: name}
		}
		village[key].N++
		sex[o.Sex]++
		age[o.AgeBand]++
		channel[o.Channel]++
		if o.IsHidden() || o.Section < 0 || o.Section >= len(sections) {
			continue
		}
		switch o.Stance {
		case Agree:
			sections[o.Section].Agree++
		case Disagree:
			sections[o.Section].Disagree++
		default:
			sections[o.Section].Other++
		}
	}
	for _, v := range village {
		st.ByVillage = append(st.ByVillage, *v)
	}
	sort.Slice(st.ByVillage, func(i, j int) bool {
		a, b := st.ByVillage[i], st.ByVillage[j]
		if (a.Key == "") != (b.Key == "") {
			return b.Key == ""
		}
		return a.N > b.N || a.N == b.N && a.Name < b.Name
	})
	sexNames := map[string][2]string{"female": {"Nữ", "Female"}, "male": {"Nam", "Male"}}
	for _, k := range []string{"female", "male", ""} {
		name := unknown
		if n, ok := sexNames[k]; ok {
			name = n[0]
			if lang == "en" {
				name = n[1]
			}
		}
		st.BySex = append(st.BySex, Count{Key: k, Name: name, N: sex[k]})
	}
	for _, k := range append(AgeBands(), "") {
		st.ByAge = append(st.ByAge, Count{Key: k, Name: AgeBandName(k, lang), N: age[k]})
	}
	for _, f := range Forms() {
		if channel[f] > 0 {
			st.ByChannel = append(st.ByChannel, Count{Key: string(f), Name: f.Name(lang), N: channel[f]})
		}
	}
	st.Sections = sections
	sort.SliceStable(st.Sections, func(i, j int) bool {
		a, b := st.Sections[i], st.Sections[j]
		return a.Disagree > b.Disagree || a.Disagree == b.Disagree && a.DisagreeShare() > b.DisagreeShare()
	})
	return st
}
