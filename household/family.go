package household

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"coso"
	"coso/viet"
)

// GeneratedOn is the date the generated ages refer to, so that one seed
// always gives the same people whatever the day the generator runs.
var GeneratedOn = time.Date(2025, 7, 1, 0, 0, 0, 0, coso.Zone)

// birthProvince is Thanh Hóa's code in citizen ID numbers.
const birthProvince = "038"

// highlandCommunes are the ranges of national commune codes of Thanh Hóa's
// mountainous former districts (Mường Lát to Thạch Thành, Thường Xuân, Như
// Xuân and Như Thanh), where most people are Thái or Mường.
var highlandCommunes = [][2]int{{14845, 15250}, {15604, 15661}, {16174, 16273}}

// RandomFamily makes up the n-th household of the village with the given
// code: a plausible Thanh Hóa family (a couple and their children, now and
// then grandparents living with them, a young couple, a widow with children
// or an old person alone), with ages and birth dates that fit together,
// phones for most adults and citizen ID numbers (Thanh Hóa, 038) for
// everyone 14 or older and some younger children. Ages are counted on
// GeneratedOn. The head of household is the representative. In villages of
// the mountainous communes most families are Thái or Mường.
//
// Citizen IDs and phones are drawn at random: a caller making many
// households passes each through a Distinct to redraw the rare repeats.
func RandomFamily(r *rand.Rand, villageCode string, n int) Household {
	g := familyGen{r: r, highland: isHighland(villageCode)}
	h := Household{
		Code:    Code(villageCode, n),
		Address: fmt.Sprintf("Số nhà %d, xóm %d", 1+r.IntN(150), 1+r.IntN(9)),
	}
	switch v := r.Float64(); {
	case v < 0.06:
		g.aloneElder()
	case v < 0.14:
		g.youngCouple()
	case v < 0.18:
		g.singleParent()
	case v < 0.40:
		g.threeGenerations()
	default:
		g.nuclear()
	}
	h.Members = g.members
	return h
}

type familyGen struct {
	r        *rand.Rand
	highland bool
	members  []Member
}

func isHighland(villageCode string) bool {
	digits := villageCode
	if i := strings.IndexFunc(villageCode, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		digits = villageCode[:i]
	}
	code, err := strconv.Atoi(digits)
	if err != nil {
		return false
	}
	for _, rg := range highlandCommunes {
		if code >= rg[0] && code <= rg[1] {
			return true
		}
	}
	return false
}

func (g *familyGen) family() string {
	if g.highland && g.r.Float64() < 0.75 {
		return highlandFamilies.pick(g.r)
	}
	return kinhFamilies.pick(g.r)
}

// person makes someone aged age on GeneratedOn, named with the given family
// name (a new one when empty), and adds them with the relation.
func (g *familyGen) person(family string, female bool, age int, relation string, rep bool) *Person {
	r := g.r
	if family == "" {
		family = g.family()
	}
	born := GeneratedOn.AddDate(-age-1, 0, 1+r.IntN(365)) // turns age within the last year
	p := Person{FullName: g.name(family, female, born.Year()), BirthDate: born, Sex: Male}
	if female {
		p.Sex = Female
	}
	if age >= 14 || r.Float64() < 0.4 {
		p.CitizenID = randomCitizenID(r, female, born.Year())
	}
	if age >= AdultAge && (age < 65 && r.Float64() < 0.92 || r.Float64() < 0.4) {
		p.Phone = randomPhone(r)
	}
	g.members = append(g.members, Member{Person: p, Relation: relation, Representative: rep})
	return &g.members[len(g.members)-1].Person
}

// name draws a full name whose given name is not the family name and not
// that of anyone else in the household: parents do not name a child after
// themselves or a sibling.
func (g *familyGen) name(family string, female bool, year int) string {
	for {
		name := family + " " + givenName(g.r, female, year)
		given := name[strings.LastIndexByte(name, ' ')+1:]
		taken := given == family
		for _, m := range g.members {
			taken = taken || strings.HasSuffix(m.Person.FullName, " "+given)
		}
		if !taken {
			return name
		}
	}
}

func randomCitizenID(r *rand.Rand, female bool, year int) string {
	return viet.CitizenIDPrefix(birthProvince, female, year) + fmt.Sprintf("%06d", r.IntN(1_000_000))
}

// phonePrefixes are common mobile codes, as people write them.
var phonePrefixes = []string{"032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
	"081", "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078", "079", "089", "090", "093", "056", "058", "092", "059"}

func randomPhone(r *rand.Rand) string {
	n := fmt.Sprintf("%s%07d", phonePrefixes[r.IntN(len(phonePrefixes))], r.IntN(10_000_000))
	written := n[:4] + " " + n[4:7] + " " + n[7:] // "0912 345 678"
	p, err := viet.NormalizePhone(written)
	if err != nil {
		panic("household: generated an invalid phone " + written) // a bug in phonePrefixes
	}
	return p
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// couple adds a husband aged age as head and representative, and his wife;
// it returns the husband's family name and the wife's age.
func (g *familyGen) couple(age int) (string, int) {
	family := g.family()
	g.person(family, false, age, "chủ hộ", true)
	wifeAge := max(AdultAge, age-between(g.r, -2, 7))
	g.person("", true, wifeAge, "vợ", false)
	return family, wifeAge
}

// children adds up to k children of parents the younger of whom is aged
// parentAge, born when that parent was 19 or older, at least a year apart;
// children over 25 have mostly left home.
func (g *familyGen) children(family string, parentAge, k int, relation string) {
	age := parentAge - between(g.r, 19, 27)
	for i := 0; i < k && age >= 0; i++ {
		if age <= 25 || g.r.Float64() < 0.15 {
			g.person(family, g.r.IntN(2) == 0, age, relation, false)
		}
		age -= between(g.r, 1, 6)
	}
}

func (g *familyGen) childCount() int {
	w := weighted{{"1", 25}, {"2", 48}, {"3", 20}, {"4", 7}}
	if g.highland {
		w = weighted{{"1", 15}, {"2", 40}, {"3", 30}, {"4", 15}}
	}
	k, _ := strconv.Atoi(w.pick(g.r))
	return k
}

func (g *familyGen) nuclear() {
	age := between(g.r, 24, 68)
	family, wifeAge := g.couple(age)
	g.children(family, min(age, wifeAge), g.childCount(), "con")
}

func (g *familyGen) youngCouple() {
	g.couple(between(g.r, 20, 30))
}

func (g *familyGen) aloneElder() {
	g.person("", g.r.Float64() < 0.7, between(g.r, 65, 92), "chủ hộ", true)
}

// singleParent is a widow (or a woman whose husband works far away) with
// her children.
func (g *familyGen) singleParent() {
	age := between(g.r, 30, 60)
	g.person("", true, age, "chủ hộ", true)
	g.children(g.family(), age, g.childCount(), "con")
}

// threeGenerations is grandparents, a married son and his children. The
// head is the grandfather or, as often, the son.
func (g *familyGen) threeGenerations() {
	sonAge := between(g.r, 24, 50)
	grandpaAge := sonAge + between(g.r, 22, 34)
	grandmaAge := max(sonAge+19, grandpaAge-between(g.r, 0, 6))
	grandpaAlive := g.r.Float64() < 0.75
	grandpaHead := grandpaAlive && g.r.Float64() < 0.5
	family := g.family()
	// Relations to the head: grandpa, grandma, son, son's wife, grandchildren.
	rel := [5]string{"bố", "mẹ", "chủ hộ", "vợ", "con"}
	if grandpaHead {
		rel = [5]string{"chủ hộ", "vợ", "con", "con dâu", "cháu"}
	}
	if grandpaAlive {
		g.person(family, false, grandpaAge, rel[0], grandpaHead)
	}
	g.person("", true, grandmaAge, rel[1], false)
	g.person(family, false, sonAge, rel[2], !grandpaHead)
	wifeAge := max(AdultAge, sonAge-between(g.r, -2, 6))
	g.person("", true, wifeAge, rel[3], false)
	g.children(family, min(sonAge, wifeAge), g.childCount(), rel[4])
}

// Distinct remembers the citizen IDs and phones handed out, so that the
// many households of a generated village, commune or province never share
// one.
type Distinct struct {
	ids, phones map[string]bool
}

// NewDistinct returns an empty Distinct.
func NewDistinct() *Distinct {
	return &Distinct{ids: map[string]bool{}, phones: map[string]bool{}}
}

// Fix redraws any citizen ID serial or phone of h already handed out.
func (d *Distinct) Fix(r *rand.Rand, h *Household) {
	for i := range h.Members {
		p := &h.Members[i].Person
		for p.CitizenID != "" && d.ids[p.CitizenID] {
			p.CitizenID = p.CitizenID[:6] + fmt.Sprintf("%06d", r.IntN(1_000_000))
		}
		for p.Phone != "" && d.phones[p.Phone] {
			p.Phone = randomPhone(r)
		}
		if p.CitizenID != "" {
			d.ids[p.CitizenID] = true
		}
		if p.Phone != "" {
			d.phones[p.Phone] = true
		}
	}
}
