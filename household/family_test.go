package household

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"coso/viet"
)

func TestRandomFamiliesAreValid(t *testing.T) {
	r := rand.New(rand.NewPCG(38, 1))
	d := NewDistinct()
	ids, phones := map[string]bool{}, map[string]bool{}
	kinds := map[int]int{}
	highland := 0
	for _, village := range []string{"14758.01", "15646.03", "16279.02", "V-01"} {
		for n := 1; n <= 300; n++ {
			h := RandomFamily(r, village, n)
			d.Fix(r, &h)
			if err := h.ValidateNew(GeneratedOn); err != nil {
				t.Fatalf("%s: %v\n%+v", h.Code, err, h)
			}
			if h.Code != Code(village, n) || !strings.HasPrefix(h.Code, village+"-H") {
				t.Errorf("code %s", h.Code)
			}
			kinds[len(h.Members)]++
			checkFamily(t, &h)
			for _, m := range h.Members {
				p := m.Person
				if p.CitizenID != "" {
					if ids[p.CitizenID] || !strings.HasPrefix(p.CitizenID, "038") {
						t.Errorf("citizen ID %s repeated or not from Thanh Hóa", p.CitizenID)
					}
					ids[p.CitizenID] = true
				} else if p.Age(GeneratedOn) >= 14 {
					t.Errorf("%s is %d and has no citizen ID", p.FullName, p.Age(GeneratedOn))
				}
				if p.Phone != "" {
					if phones[p.Phone] || p.Age(GeneratedOn) < AdultAge {
						t.Errorf("phone %s repeated or given to a minor", p.Phone)
					}
					phones[p.Phone] = true
				}
				if village == "15646.03" && isHighlandName(p.FullName) {
					highland++
				}
			}
		}
	}
	if kinds[1] == 0 || kinds[2] == 0 || kinds[4] == 0 || kinds[6] == 0 {
		t.Errorf("household sizes not varied: %v", kinds)
	}
	if highland < 300 {
		t.Errorf("only %d Thái/Mường names in a Thường Xuân village", highland)
	}
}

func isHighlandName(name string) bool {
	for _, f := range []string{"Lò ", "Cầm ", "Vi ", "Quách ", "Hà ", "Lương ", "Bùi ", "Phạm "} {
		if strings.HasPrefix(name, f) {
			return true
		}
	}
	return false
}

// checkFamily checks that ages fit relations: parents at least 18 years
// older than their children, the representative the head of household.
func checkFamily(t *testing.T, h *Household) {
	t.Helper()
	var head *Member
	oldest := 0
	for i, m := range h.Members {
		if m.Relation == "chủ hộ" {
			head = &h.Members[i]
		}
		oldest = max(oldest, m.Person.Age(GeneratedOn))
	}
	if head == nil || !head.Representative {
		t.Fatalf("%s: the head is not the representative: %+v", h.Code, h.Members)
	}
	for _, m := range h.Members {
		if m.Relation == "con" && head.Person.Age(GeneratedOn)-m.Person.Age(GeneratedOn) < 18 && head.Person.Sex == Male {
			t.Errorf("%s: child %d, head %d", h.Code, m.Person.Age(GeneratedOn), head.Person.Age(GeneratedOn))
		}
		if m.Relation == "cháu" && oldest-m.Person.Age(GeneratedOn) < 36 {
			t.Errorf("%s: grandchild %d, oldest %d", h.Code, m.Person.Age(GeneratedOn), oldest)
		}
		if m.Person.FullName != viet.NFC(m.Person.FullName) || len(strings.Fields(m.Person.FullName)) != 3 {
			t.Errorf("name %q", m.Person.FullName)
		}
	}
}

func TestRandomFamilyIsDeterministic(t *testing.T) {
	a := RandomFamily(rand.New(rand.NewPCG(1, 2)), "14845.01", 7)
	b := RandomFamily(rand.New(rand.NewPCG(1, 2)), "14845.01", 7)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("same seed, different families:\n%+v\n%+v", a, b)
	}
}
