package decision

import (
	"fmt"
	"strings"

	"coso"
	"coso/viet"
)

// Method is how a community meeting votes (art. 17): by show of hands or
// by secret ballot.
type Method string

const (
	ShowOfHands  Method = "hands"
	SecretBallot Method = "secret"
)

// Name returns the method's name in lang.
func (m Method) Name(lang string) string {
	names := map[Method][2]string{ShowOfHands: {"giơ tay", "show of hands"}, SecretBallot: {"bỏ phiếu kín", "secret ballot"}}
	if lang == "en" {
		return names[m][1]
	}
	return names[m][0]
}

// Procedural is one of the procedural votes a community meeting takes
// before it votes on the matter.
type Procedural string

const (
	ChooseSecretary Procedural = "secretary"      // the meeting's secretary
	ChooseMethod    Procedural = "method"         // show of hands or secret ballot
	ElectBoard      Procedural = "counting_board" // the counting board of 3 to 5
	ChooseWitnesses Procedural = "witnesses"      // two household representatives who witness the count
)

// proceduralRule is one line of the table of procedural votes: what is
// chosen and how many people.
type proceduralRule struct {
	VI, EN             string
	MinNames, MaxNames int
	Article            string
}

// procedurals is the one table of the meeting's procedural votes (LAW.md
// "Dân quyết": "Procedural votes at a meeting (secretary, method, counting
// board) need more than half of the representatives present"; "a secret
// ballot has a counting board of 3–5 and 2 household witnesses"). Each is
// approved by ProceduralMajority of the households present.
var procedurals = map[Procedural]proceduralRule{
	ChooseSecretary: {"Thư ký hội nghị", "Secretary of the meeting", 1, 1, "art. 17–18 (LAW.md “Dân quyết”)"},
	ChooseMethod:    {"Hình thức biểu quyết", "Voting method", 0, 0, "art. 17.1 (LAW.md “Dân quyết”)"},
	ElectBoard:      {"Tổ kiểm phiếu", "Counting board", 3, 5, "art. 17.1 (LAW.md “Dân quyết”: 3–5 members)"},
	ChooseWitnesses: {"Đại diện hộ gia đình chứng kiến kiểm phiếu", "Household representatives witnessing the count", 2, 2, "art. 17.1 (LAW.md “Dân quyết”: 2 household witnesses)"},
}

// ProceduralMajority is what each procedural vote needs: more than half of
// the households present.
var ProceduralMajority = MoreThanHalf

// Procedurals lists the procedural votes in the order a meeting takes them.
func Procedurals() []Procedural {
	return []Procedural{ChooseSecretary, ChooseMethod, ElectBoard, ChooseWitnesses}
}

// ParseProcedural checks a procedural vote's name.
func ParseProcedural(s string) (Procedural, error) {
	if _, ok := procedurals[Procedural(s)]; ok {
		return Procedural(s), nil
	}
	return "", coso.Invalid("kind", "Biểu quyết thủ tục không hợp lệ (secretary, method, counting_board, witnesses).",
		"Unknown procedural vote (secretary, method, counting_board, witnesses).")
}

// Name returns what the vote chooses, in lang.
func (k Procedural) Name(lang string) string {
	if lang == "en" {
		return procedurals[k].EN
	}
	return procedurals[k].VI
}

// Names says how many people the vote chooses: min and max.
func (k Procedural) Names() (int, int) { return procedurals[k].MinNames, procedurals[k].MaxNames }

// Procedure is one procedural vote as the meeting took it: who was chosen
// (or which method), and how many of the households present approved.
type Procedure struct {
	Kind    Procedural
	Names   []string // the secretary, the board's members or the witnesses
	Method  Method   // for ChooseMethod
	Present int      // households present at the meeting when it voted
	Approve int      // of them, those approving
}

// Validate normalises p and checks it: the right number of names (a
// counting board of 3 to 5, two witnesses, one secretary), a known
// method, and approval by more than half of the households present.
func (p *Procedure) Validate() error {
	r, ok := procedurals[p.Kind]
	if !ok {
		_, err := ParseProcedural(string(p.Kind))
		return err
	}
	var names []string
	seen := map[string]bool{}
	for _, n := range p.Names {
		n = strings.TrimSpace(viet.NFC(n))
		switch {
		case n == "":
			continue
		case len([]rune(n)) > 200:
			return coso.Invalid("names", "Mỗi tên dài tối đa 200 ký tự.", "Each name is at most 200 characters.")
		case seen[viet.Fold(n)]:
			return coso.Invalid("names", "Tên bị trùng: %s", "A name is repeated: %s", n)
		}
		seen[viet.Fold(n)] = true
		names = append(names, n)
	}
	p.Names = names
	switch {
	case p.Kind == ChooseMethod && p.Method != ShowOfHands && p.Method != SecretBallot:
		return coso.Invalid("method", "Chọn hình thức biểu quyết: giơ tay (hands) hoặc bỏ phiếu kín (secret).",
			"Choose the voting method: show of hands (hands) or secret ballot (secret).")
	case p.Kind != ChooseMethod && p.Method != "":
		return coso.Invalid("method", "Chỉ biểu quyết về hình thức mới ghi hình thức.", "Only the vote on the method records a method.")
	case len(names) < r.MinNames || len(names) > r.MaxNames:
		return namesError(p.Kind, len(names))
	case p.Present <= 0:
		return coso.Invalid("present", "Chưa có hộ nào có mặt: điểm danh các hộ trước khi biểu quyết thủ tục.",
			"No household is present: tick the roster before the procedural votes.")
	case p.Approve < 0 || p.Approve > p.Present:
		return coso.Invalid("approve", "Số hộ tán thành phải từ 0 đến số hộ có mặt (%d).", "Approving households must be from 0 to the %d present.", p.Present)
	case !Adopted(p.Approve, p.Present, ProceduralMajority):
		return coso.Invalid("approve", "%[1]s cần quá một nửa số đại diện hộ có mặt tán thành: cần ít nhất %[3]d trên %[4]d, mới có %[5]d.",
			"%[2]s needs more than half of the households present: at least %[3]d of %[4]d, not %[5]d.",
			r.VI, r.EN, ProceduralMajority.Need(p.Present), p.Present, p.Approve)
	}
	return nil
}

func namesError(k Procedural, n int) error {
	r := procedurals[k]
	if r.MinNames == r.MaxNames {
		return coso.Invalid("names", "%[1]s: cần đúng %[3]d người (đã ghi %[4]d).", "%[2]s: exactly %[3]d people (%[4]d given).",
			r.VI, r.EN, r.MinNames, n)
	}
	return coso.Invalid("names", "%[1]s gồm từ %[3]d đến %[4]d người (đã ghi %[5]d).", "%[2]s has %[3]d to %[4]d members (%[5]d given).",
		r.VI, r.EN, r.MinNames, r.MaxNames, n)
}

// CheckProcedures checks the procedural votes of one meeting together:
// the witnesses of the count are not members of the counting board.
func CheckProcedures(ps []Procedure) error {
	board := map[string]bool{}
	for _, p := range ps {
		if p.Kind == ElectBoard {
			for _, n := range p.Names {
				board[viet.Fold(n)] = true
			}
		}
	}
	for _, p := range ps {
		if p.Kind != ChooseWitnesses {
			continue
		}
		for _, n := range p.Names {
			if board[viet.Fold(n)] {
				return coso.Invalid("names", "%s là thành viên Tổ kiểm phiếu nên không làm người chứng kiến.",
					"%s is on the counting board, so cannot witness the count.", n)
			}
		}
	}
	return nil
}

// Missing lists the procedural votes a meeting has not taken yet, in order.
func Missing(ps []Procedure) []Procedural {
	have := map[Procedural]bool{}
	for _, p := range ps {
		have[p.Kind] = true
	}
	var out []Procedural
	for _, k := range Procedurals() {
		if !have[k] {
			out = append(out, k)
		}
	}
	return out
}

// ErrProceduresMissing is the refusal of counts entered before the meeting
// chose its secretary, method, counting board and witnesses.
func ErrProceduresMissing(missing []Procedural) error {
	vi, en := make([]string, len(missing)), make([]string, len(missing))
	for i, k := range missing {
		vi[i], en[i] = lowerFirst(k.Name("vi")), strings.ToLower(k.Name("en"))
	}
	return coso.Errorf(coso.EConflict, "procedures", "Hội nghị chưa biểu quyết thủ tục: %[1]s. Tổ kiểm phiếu chỉ nhập kết quả sau khi được bầu.",
		"The meeting has not yet voted on: %[2]s. The counting board enters counts once elected.", strings.Join(vi, ", "), strings.Join(en, ", "))
}

// Text writes the vote out in words, in lang: "Tổ kiểm phiếu: A, B, C
// (40 trên 45 hộ có mặt tán thành)".
func (p Procedure) Text(lang string) string {
	what := strings.Join(p.Names, ", ")
	if p.Kind == ChooseMethod {
		what = p.Method.Name(lang)
	}
	if lang == "en" {
		return fmt.Sprintf("%s: %s (%d of %d households present approved)", p.Kind.Name("en"), what, p.Approve, p.Present)
	}
	return fmt.Sprintf("%s: %s (%d trên %d hộ có mặt tán thành)", p.Kind.Name("vi"), what, p.Approve, p.Present)
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
