package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/household"
	"coso/store"
)

// Household is the API shape of a household. Households hold personal
// data: every household operation needs household.read (or .write) on the
// household's village.
type Household struct {
	Code               string           `json:"code" example:"14845.01-H0001"`
	VillageCode        string           `json:"village_code" example:"14845.01"`
	Address            string           `json:"address,omitempty" example:"Xóm 2, Bản Lát"`
	RepresentativeName string           `json:"representative_name,omitempty"`
	MemberCount        int              `json:"member_count" doc:"Current members"`
	EndedOn            string           `json:"ended_on,omitempty" format:"date" doc:"Date the last member left"`
	Members            []Member         `json:"members,omitempty" doc:"Current members (on a single household only)"`
	Representatives    []Representation `json:"representatives,omitempty" doc:"Who represented the household, oldest first (on a single household only)"`
	Moves              []HouseholdMove  `json:"moves,omitempty" doc:"Moves between villages, oldest first (on a single household only)"`
}

// Member is a current member of a household.
type Member struct {
	PersonID       int64  `json:"person_id"`
	FullName       string `json:"full_name"`
	BirthDate      string `json:"birth_date,omitempty" format:"date"`
	Sex            string `json:"sex" enum:"male,female"`
	CitizenID      string `json:"citizen_id,omitempty" doc:"12-digit citizen ID number"`
	Phone          string `json:"phone,omitempty" doc:"+84 form"`
	Relation       string `json:"relation" example:"chủ hộ"`
	Representative bool   `json:"representative"`
	Since          string `json:"since" format:"date"`
}

// Representation is one period during which a person represented a household.
type Representation struct {
	PersonID int64  `json:"person_id"`
	FullName string `json:"full_name"`
	From     string `json:"from" format:"date"`
	To       string `json:"to,omitempty" format:"date" doc:"Absent while current"`
	Reason   string `json:"reason,omitempty"`
}

// HouseholdMove is a household's move from one village to another.
type HouseholdMove struct {
	FromVillageCode string `json:"from_village_code"`
	ToVillageCode   string `json:"to_village_code"`
	On              string `json:"on" format:"date"`
	Reason          string `json:"reason"`
}

// MemberInput is a person joining a household: a new person described by
// the fields, or a stored person in no household named by person_id.
type MemberInput struct {
	PersonID       int64  `json:"person_id,omitempty" doc:"A stored person who belongs to no household; the person fields are then ignored"`
	FullName       string `json:"full_name,omitempty" maxLength:"100" example:"Hà Văn Thắng"`
	BirthDate      string `json:"birth_date,omitempty" maxLength:"10" doc:"YYYY-MM-DD or DD/MM/YYYY; required for the representative" example:"1978-03-12"`
	Sex            string `json:"sex,omitempty" maxLength:"10" doc:"male or female (nam, nữ)" example:"male"`
	CitizenID      string `json:"citizen_id,omitempty" maxLength:"20" example:"038078001234"`
	Phone          string `json:"phone,omitempty" maxLength:"20" example:"0912 345 678"`
	Relation       string `json:"relation" maxLength:"50" doc:"Relation to the head of household" example:"chủ hộ"`
	Representative bool   `json:"representative,omitempty" doc:"This member represents the household"`
}

// HouseholdInput is a new household with its members, exactly one of them
// marked as the representative.
type HouseholdInput struct {
	Code        string        `json:"code" maxLength:"40" example:"14845.01-H0001"`
	VillageCode string        `json:"village_code" maxLength:"32" example:"14845.01"`
	Address     string        `json:"address,omitempty" maxLength:"300"`
	Members     []MemberInput `json:"members" maxItems:"50"`
}

type householdListInput struct {
	Village string `query:"village" maxLength:"32" doc:"Code of the village or residential group (required)"`
	Q       string `query:"q" maxLength:"100" doc:"Words of a member's name or of the code, with or without diacritics"`
	Cursor  string `query:"cursor" doc:"The next_cursor of the previous page"`
	Limit   int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

type householdListOutput struct {
	Body struct {
		Households []Household `json:"households"`
		NextCursor string      `json:"next_cursor,omitempty" doc:"Pass as cursor to get the next page; absent on the last page"`
	}
}

type householdCodeInput struct {
	Code string `path:"code" maxLength:"40"`
}

type householdOutput struct {
	Body Household
}

type householdCreateInput struct {
	Body HouseholdInput
}

type householdUpdateInput struct {
	Code string `path:"code" maxLength:"40"`
	Body struct {
		Address string `json:"address" maxLength:"300"`
	}
}

type representativeInput struct {
	Code string `path:"code" maxLength:"40"`
	Body struct {
		PersonID int64  `json:"person_id" doc:"A current adult member"`
		Reason   string `json:"reason" maxLength:"500"`
		On       string `json:"on,omitempty" format:"date" doc:"Date of the change (default today)"`
	}
}

type memberAddInput struct {
	Code string `path:"code" maxLength:"40"`
	Body struct {
		MemberInput
		Since  string `json:"since,omitempty" format:"date" doc:"Date the person joined (default today)"`
		Reason string `json:"reason,omitempty" maxLength:"500" doc:"Why the person joined (birth, marriage…)"`
	}
}

type moveInput struct {
	Code string `path:"code" maxLength:"40"`
	Body struct {
		VillageCode string `json:"village_code" maxLength:"32" doc:"The village the household moves to"`
		Reason      string `json:"reason" maxLength:"500"`
		On          string `json:"on,omitempty" format:"date" doc:"Date of the move (default today)"`
	}
}

type householdImportInput struct {
	Village string `query:"village" maxLength:"32" doc:"Code of the village the file is imported into (required)"`
	RawBody []byte `contentType:"text/csv" doc:"A households file: household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative (see household/CSV.md)"`
}

// ImportCounts says what an import created, updated and left unchanged.
type ImportCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

type householdImportOutput struct {
	Body struct {
		Households ImportCounts `json:"households"`
		Persons    ImportCounts `json:"persons"`
	}
}

func (s *server) households(a huma.API) {
	tag := []string{"households"}
	reg := func(op huma.Operation) huma.Operation {
		op.Tags, op.Security = tag, bearer
		return op
	}
	huma.Register(a, reg(huma.Operation{OperationID: "list-households", Method: http.MethodGet, Path: "/api/v1/households",
		Summary: "List the households of a village"}), s.listHouseholds)
	huma.Register(a, reg(huma.Operation{OperationID: "get-household", Method: http.MethodGet, Path: "/api/v1/households/{code}",
		Summary: "Get a household with its members and history"}), s.getHousehold)
	huma.Register(a, reg(huma.Operation{OperationID: "create-household", Method: http.MethodPost, Path: "/api/v1/households",
		Summary: "Create a household with its members and representative", DefaultStatus: http.StatusCreated}), s.createHousehold)
	huma.Register(a, reg(huma.Operation{OperationID: "update-household", Method: http.MethodPut, Path: "/api/v1/households/{code}",
		Summary: "Change a household's address"}), s.updateHousehold)
	huma.Register(a, reg(huma.Operation{OperationID: "set-household-representative", Method: http.MethodPost,
		Path: "/api/v1/households/{code}/representative", Summary: "Change a household's representative"}), s.setRepresentative)
	huma.Register(a, reg(huma.Operation{OperationID: "add-household-member", Method: http.MethodPost,
		Path: "/api/v1/households/{code}/members", Summary: "Add a member to a household", DefaultStatus: http.StatusCreated}), s.addMember)
	huma.Register(a, reg(huma.Operation{OperationID: "move-household", Method: http.MethodPost,
		Path: "/api/v1/households/{code}/move", Summary: "Move a household to another village"}), s.moveHousehold)
	huma.Register(a, reg(huma.Operation{OperationID: "import-households", Method: http.MethodPost,
		Path: "/api/v1/households/import", Summary: "Import a village's households from CSV (all or nothing)"}), s.importHouseholds)
}

// village finds a village or residential group by code, as a bad field
// when there is none.
func (s *server) village(ctx context.Context, field, code string) (int64, error) {
	if code == "" {
		return 0, problem(coso.Invalid(field, "Cần mã thôn, tổ dân phố.", "The code of a village or residential group is required."))
	}
	u, err := s.store.UnitByCode(ctx, code)
	if coso.ErrorCode(err) == coso.ENotFound {
		return 0, problem(coso.Invalid(field, "Không có thôn, tổ dân phố %s.", "No village or residential group %s.", code))
	}
	if err != nil {
		return 0, problem(err)
	}
	if !u.Kind.IsGrassroots() {
		return 0, problem(coso.Invalid(field, "Đơn vị %s không phải thôn hay tổ dân phố.", "Unit %s is not a village or residential group.", code))
	}
	return u.ID, nil
}

// household reads a household and checks that the caller may take action
// on its village. A caller who is not signed in gets 401 whether or not
// the code exists, so codes cannot be probed anonymously.
func (s *server) household(ctx context.Context, code string, action account.Action) (context.Context, *household.Household, error) {
	h, err := s.store.HouseholdByCode(ctx, code)
	if err != nil {
		if _, deny := s.allow(ctx, action, 0); statusOf(deny) == http.StatusUnauthorized {
			return ctx, nil, deny
		}
		return ctx, nil, problem(err)
	}
	ctx, err = s.allow(ctx, action, h.VillageID)
	if err != nil {
		return ctx, nil, err
	}
	return ctx, h, nil
}

func statusOf(err error) int {
	var se huma.StatusError
	if errors.As(err, &se) {
		return se.GetStatus()
	}
	return 0
}

// detail is the full API shape of a household, read again after a change.
func (s *server) detail(ctx context.Context, id int64) (*householdOutput, error) {
	h, err := s.store.Household(ctx, id)
	if err != nil {
		return nil, problem(err)
	}
	out := apiHousehold(h)
	reps, err := s.store.RepresentativeHistory(ctx, h.ID)
	if err != nil {
		return nil, problem(err)
	}
	for _, r := range reps {
		out.Representatives = append(out.Representatives, Representation{PersonID: r.PersonID, FullName: r.PersonName,
			From: isoDate(r.From), To: isoDate(r.To), Reason: r.Reason})
	}
	moves, err := s.store.HouseholdMoves(ctx, h.ID)
	if err != nil {
		return nil, problem(err)
	}
	for _, m := range moves {
		out.Moves = append(out.Moves, HouseholdMove{FromVillageCode: m.FromVillageCode, ToVillageCode: m.ToVillageCode, On: isoDate(m.On), Reason: m.Reason})
	}
	return &householdOutput{Body: out}, nil
}

func apiHousehold(h *household.Household) Household {
	out := Household{Code: h.Code, VillageCode: h.VillageCode, Address: h.Address, RepresentativeName: h.RepresentativeName,
		MemberCount: h.MemberCount, EndedOn: isoDate(h.EndedOn)}
	for _, m := range h.Members {
		p := m.Person
		out.Members = append(out.Members, Member{PersonID: p.ID, FullName: p.FullName, BirthDate: isoDate(p.BirthDate), Sex: string(p.Sex),
			CitizenID: p.CitizenID, Phone: p.Phone, Relation: m.Relation, Representative: m.Representative, Since: isoDate(m.Since)})
	}
	return out
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(coso.Zone).Format("2006-01-02")
}

// optionalDate reads an optional YYYY-MM-DD date; empty means today.
func optionalDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, coso.Zone)
	if err != nil {
		return t, problem(coso.Invalid(field, "Ngày không hợp lệ (YYYY-MM-DD).", "Invalid date (YYYY-MM-DD)."))
	}
	return t, nil
}

// member turns an input into a domain member, naming bad fields with
// prefix (e.g. "members[0].").
func (in MemberInput) member(prefix string) (household.Member, coso.Errors) {
	m := household.Member{Relation: in.Relation, Representative: in.Representative,
		Person: household.Person{ID: in.PersonID, FullName: in.FullName, CitizenID: in.CitizenID, Phone: in.Phone}}
	var errs coso.Errors
	if in.PersonID != 0 {
		return m, nil
	}
	var err error
	if m.Person.BirthDate, err = household.ParseDate(in.BirthDate); err != nil {
		errs = append(errs, coso.AsError(err))
	}
	if in.Sex != "" {
		if m.Person.Sex, err = household.ParseSex(in.Sex); err != nil {
			errs = append(errs, coso.AsError(err))
		}
	}
	for _, e := range errs {
		e.Field = prefix + e.Field
	}
	return m, errs
}

func (s *server) listHouseholds(ctx context.Context, in *householdListInput) (*householdListOutput, error) {
	f := store.HouseholdFilter{Query: in.Q, Limit: in.Limit + 1}
	if in.Limit == 0 {
		f.Limit = 101
	}
	if in.Cursor != "" {
		id, err := strconv.ParseInt(in.Cursor, 10, 64)
		if err != nil || id < 0 {
			return nil, problem(coso.Invalid("cursor", "Con trỏ trang không hợp lệ.", "Invalid cursor."))
		}
		f.AfterID = id
	}
	var err error
	if f.VillageID, err = s.village(ctx, "village", in.Village); err != nil {
		return nil, err
	}
	if ctx, err = s.allow(ctx, account.HouseholdRead, f.VillageID); err != nil {
		return nil, err
	}
	hs, err := s.store.Households(ctx, f)
	if err != nil {
		return nil, problem(err)
	}
	out := &householdListOutput{}
	out.Body.Households = []Household{}
	for i, h := range hs {
		if i == f.Limit-1 {
			out.Body.NextCursor = strconv.FormatInt(hs[i-1].ID, 10)
			break
		}
		out.Body.Households = append(out.Body.Households, apiHousehold(h))
	}
	return out, nil
}

func (s *server) getHousehold(ctx context.Context, in *householdCodeInput) (*householdOutput, error) {
	ctx, h, err := s.household(ctx, in.Code, account.HouseholdRead)
	if err != nil {
		return nil, err
	}
	return s.detail(ctx, h.ID)
}

func (s *server) createHousehold(ctx context.Context, in *householdCreateInput) (*householdOutput, error) {
	villageID, err := s.village(ctx, "village_code", in.Body.VillageCode)
	if err != nil {
		return nil, err
	}
	ctx, err = s.allow(ctx, account.HouseholdWrite, villageID)
	if err != nil {
		return nil, err
	}
	h := &household.Household{Code: in.Body.Code, VillageID: villageID, Address: in.Body.Address}
	var errs coso.Errors
	for i, mi := range in.Body.Members {
		m, es := mi.member(fmt.Sprintf("members[%d].", i))
		errs = append(errs, es...)
		h.Members = append(h.Members, m)
	}
	if len(errs) > 0 {
		return nil, problem(withChecks(errs, h.ValidateNew(s.store.Now())))
	}
	if err := s.store.CreateHousehold(ctx, h); err != nil {
		return nil, problem(err)
	}
	return s.detail(ctx, h.ID)
}

func (s *server) updateHousehold(ctx context.Context, in *householdUpdateInput) (*householdOutput, error) {
	ctx, h, err := s.household(ctx, in.Code, account.HouseholdWrite)
	if err != nil {
		return nil, err
	}
	h.Address = in.Body.Address
	if err := s.store.UpdateHousehold(ctx, h); err != nil {
		return nil, problem(err)
	}
	return s.detail(ctx, h.ID)
}

func (s *server) setRepresentative(ctx context.Context, in *representativeInput) (*householdOutput, error) {
	ctx, h, err := s.household(ctx, in.Code, account.HouseholdWrite)
	if err != nil {
		return nil, err
	}
	on, err := optionalDate("on", in.Body.On)
	if err != nil {
		return nil, err
	}
	if err := s.store.SetRepresentative(ctx, h.ID, in.Body.PersonID, on, in.Body.Reason); err != nil {
		return nil, problem(err)
	}
	return s.detail(ctx, h.ID)
}

func (s *server) addMember(ctx context.Context, in *memberAddInput) (*householdOutput, error) {
	ctx, h, err := s.household(ctx, in.Code, account.HouseholdWrite)
	if err != nil {
		return nil, err
	}
	m, errs := in.Body.MemberInput.member("")
	since, err := optionalDate("since", in.Body.Since)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, problem(withChecks(errs, m.Validate()))
	}
	m.Since, m.JoinReason = since, in.Body.Reason
	if err := s.store.AddMember(ctx, h.ID, &m); err != nil {
		return nil, problem(err)
	}
	return s.detail(ctx, h.ID)
}

// moveHousehold moves a household to another village. The caller needs
// household.write on both villages: the household leaves one register and
// joins another.
func (s *server) moveHousehold(ctx context.Context, in *moveInput) (*householdOutput, error) {
	ctx, h, err := s.household(ctx, in.Code, account.HouseholdWrite)
	if err != nil {
		return nil, err
	}
	to, err := s.village(ctx, "village_code", in.Body.VillageCode)
	if err != nil {
		return nil, err
	}
	ctx, err = s.allow(ctx, account.HouseholdWrite, to)
	if err != nil {
		return nil, err
	}
	on, err := optionalDate("on", in.Body.On)
	if err != nil {
		return nil, err
	}
	if err := s.store.MoveHousehold(ctx, h.ID, to, on, in.Body.Reason); err != nil {
		return nil, problem(err)
	}
	return s.detail(ctx, h.ID)
}

func (s *server) importHouseholds(ctx context.Context, in *householdImportInput) (*householdImportOutput, error) {
	villageID, err := s.village(ctx, "village", in.Village)
	if err != nil {
		return nil, err
	}
	ctx, err = s.allow(ctx, account.HouseholdWrite, villageID)
	if err != nil {
		return nil, err
	}
	rows, err := household.ReadCSV(bytes.NewReader(in.RawBody))
	if err != nil {
		return nil, problem(err)
	}
	res, err := s.store.ImportHouseholds(ctx, in.Village, rows)
	if err != nil {
		return nil, problem(err)
	}
	out := &householdImportOutput{}
	out.Body.Households = ImportCounts(res.Households)
	out.Body.Persons = ImportCounts(res.Persons)
	return out, nil
}

// withChecks adds to the errors of reading the input those that the
// domain's checks find in other fields, so one answer names every bad field.
func withChecks(read coso.Errors, check error) coso.Errors {
	var es coso.Errors
	if !errors.As(check, &es) && check != nil {
		es = coso.Errors{coso.AsError(check)}
	}
	seen := map[string]bool{}
	for _, e := range read {
		seen[e.Field] = true
	}
	for _, e := range es {
		if !seen[e.Field] {
			read = append(read, e)
		}
	}
	return read
}
