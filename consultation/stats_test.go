package consultation

import "testing"

func TestParticipation(t *testing.T) {
	c := valid()
	c.Validate("commune", day(2026, 3, 2))
	ops := []*Opinion{
		{Author: "citizen:1", Section: 2, Stance: Disagree, VillageID: 7, VillageName: "Thôn Đông", Sex: "female", AgeBand: "30-44", Channel: Portal},
		{Author: "citizen:1", Section: 3, Stance: Agree, VillageID: 7, VillageName: "Thôn Đông", Sex: "female", AgeBand: "30-44", Channel: Portal},
		{Author: "citizen:2", Section: 2, Stance: Disagree, Channel: Portal},
		{Author: "", Section: 2, Stance: Disagree, VillageID: 8, VillageName: "Thôn Tây", Sex: "male", AgeBand: "60+", Channel: Sheet},
		{Author: "", Section: 1, Stance: Agree, Channel: Meeting, Hidden: Spam},
	}
	st := Participation(c, ops, "vi", "Không rõ")
	if st.Opinions != 5 || st.People != 4 {
		t.Errorf("opinions %d, people %d", st.Opinions, st.People)
	}
	if v := st.ByVillage; len(v) != 3 || v[0].Name != "Thôn Đông" || v[0].N != 2 || v[2].Name != "Không rõ" || v[2].N != 2 {
		t.Errorf("by village: %+v", v)
	}
	if s := st.BySex; s[0].N != 2 || s[1].N != 1 || s[2].N != 2 || s[2].Name != "Không rõ" {
		t.Errorf("by sex: %+v", s)
	}
	if a := st.ByAge; a[2].Key != "30-44" || a[2].N != 2 || a[4].N != 1 || a[5].N != 2 {
		t.Errorf("by age: %+v", a)
	}
	if ch := st.ByChannel; len(ch) != 3 || ch[0].Key != "portal" || ch[0].N != 3 {
		t.Errorf("by channel: %+v", ch)
	}
	top := st.Sections[0]
	if top.N != 2 || top.Disagree != 3 || top.DisagreeShare() != 100 || st.Sections[len(st.Sections)-1].N != 3 || st.Sections[len(st.Sections)-1].Agree != 1 {
		t.Errorf("most disagreed: %+v", st.Sections)
	}
	for _, s := range st.Sections {
		if s.N == 1 && s.Agree != 0 {
			t.Error("a hidden opinion counts in no section's stance")
		}
	}
}
