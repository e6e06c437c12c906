package api

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"coso"
	"coso/account"
	"coso/place"
	"coso/store"
)

// Unit is the API shape of an administrative unit.
type Unit struct {
	Code          string `json:"code" doc:"Official code, or a derived code for villages" example:"14758"`
	Name          string `json:"name" example:"Phường Hàm Rồng"`
	Kind          string `json:"kind" enum:"province,city,ward,commune,special_zone,village,residential_group,agency,enterprise"`
	ParentCode    string `json:"parent_code,omitempty" example:"38"`
	Remote        bool   `json:"remote" doc:"In a remote area: longer legal clocks apply"`
	EndedOn       string `json:"ended_on,omitempty" doc:"Date the unit ended (merged or dissolved)" format:"date"`
	SuccessorCode string `json:"successor_code,omitempty"`
	URL           string `json:"url" doc:"The unit's public page"`
}

// UnitInput is what a client sends to create or change a unit.
type UnitInput struct {
	Code       string `json:"code" maxLength:"32" example:"14758.07"`
	Name       string `json:"name" maxLength:"200" example:"Tổ dân phố Đông Sơn"`
	Kind       string `json:"kind" example:"residential_group"`
	ParentCode string `json:"parent_code,omitempty" example:"14758"`
	Remote     bool   `json:"remote,omitempty"`
}

func (s *server) apiUnit(ctx context.Context, u *place.Unit) Unit {
	out := Unit{Code: u.Code, Name: u.Name, Kind: string(u.Kind), ParentCode: u.ParentCode, Remote: u.Remote, URL: "/units/" + u.Code}
	if u.Ended() {
		out.EndedOn = u.EndedOn.Format("2006-01-02")
		if succ, err := s.store.Unit(ctx, u.SuccessorID); err == nil {
			out.SuccessorCode = succ.Code
		}
	}
	return out
}

type unitListInput struct {
	Parent string `query:"parent" doc:"Code of the parent unit"`
	Kind   string `query:"kind" doc:"Only units of this kind"`
	Q      string `query:"q" maxLength:"100" doc:"Words of the name, with or without diacritics"`
	Ended  bool   `query:"ended" doc:"Include merged and dissolved units"`
	Cursor string `query:"cursor" doc:"The next_cursor of the previous page"`
	Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

type unitListOutput struct {
	Body struct {
		Units      []Unit `json:"units"`
		NextCursor string `json:"next_cursor,omitempty" doc:"Pass as cursor to get the next page; absent on the last page"`
	}
}

type unitCodeInput struct {
	Code string `path:"code" maxLength:"32"`
}

type unitOutput struct {
	Body Unit
}

type unitCreateInput struct {
	Body UnitInput
}

type unitUpdateInput struct {
	Code string `path:"code" maxLength:"32"`
	Body struct {
		Name       string `json:"name" maxLength:"200"`
		ParentCode string `json:"parent_code,omitempty"`
		Remote     bool   `json:"remote,omitempty"`
		On         string `json:"on,omitempty" format:"date" doc:"Date the change takes effect (default today)"`
		Note       string `json:"note,omitempty" maxLength:"500" doc:"Legal basis of the change"`
	}
}

type unitImportInput struct {
	RawBody []byte `contentType:"text/csv" doc:"A CSV file with the columns code,name,kind,parent_code"`
}

type importOutput struct {
	Body struct {
		Created   int `json:"created"`
		Updated   int `json:"updated"`
		Unchanged int `json:"unchanged"`
	}
}

func (s *server) units(a huma.API) {
	huma.Register(a, huma.Operation{OperationID: "list-units", Method: http.MethodGet, Path: "/api/v1/units",
		Summary: "List units", Tags: []string{"units"}}, s.listUnits)
	huma.Register(a, huma.Operation{OperationID: "get-unit", Method: http.MethodGet, Path: "/api/v1/units/{code}",
		Summary: "Get a unit", Tags: []string{"units"}}, s.getUnit)
	huma.Register(a, huma.Operation{OperationID: "create-unit", Method: http.MethodPost, Path: "/api/v1/units",
		Summary: "Create a unit", Tags: []string{"units"}, DefaultStatus: http.StatusCreated,
		Security: bearer}, s.createUnit)
	huma.Register(a, huma.Operation{OperationID: "update-unit", Method: http.MethodPut, Path: "/api/v1/units/{code}",
		Summary: "Rename or move a unit", Tags: []string{"units"}, Security: bearer}, s.updateUnit)
	huma.Register(a, huma.Operation{OperationID: "import-units", Method: http.MethodPost, Path: "/api/v1/units/import",
		Summary: "Import units from CSV (all or nothing)", Tags: []string{"units"}, Security: bearer}, s.importUnits)
}

var bearer = []map[string][]string{{"bearer": {}}}

func (s *server) listUnits(ctx context.Context, in *unitListInput) (*unitListOutput, error) {
	f := store.UnitFilter{Query: in.Q, WithEnded: in.Ended, Limit: in.Limit + 1}
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
	if in.Kind != "" {
		k, err := place.ParseKind(in.Kind)
		if err != nil {
			return nil, problem(err)
		}
		f.Kinds = []place.Kind{k}
	}
	if in.Parent != "" {
		p, err := s.unitField(ctx, "parent", in.Parent)
		if err != nil {
			return nil, err
		}
		f.ParentID = p.ID
	}
	us, err := s.store.Units(ctx, f)
	if err != nil {
		return nil, problem(err)
	}
	out := &unitListOutput{}
	out.Body.Units = []Unit{}
	for i, u := range us {
		if i == f.Limit-1 {
			out.Body.NextCursor = strconv.FormatInt(us[i-1].ID, 10)
			break
		}
		out.Body.Units = append(out.Body.Units, s.apiUnit(ctx, u))
	}
	return out, nil
}

func (s *server) getUnit(ctx context.Context, in *unitCodeInput) (*unitOutput, error) {
	u, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	return &unitOutput{Body: s.apiUnit(ctx, u)}, nil
}

func (s *server) createUnit(ctx context.Context, in *unitCreateInput) (*unitOutput, error) {
	u := &place.Unit{Code: in.Body.Code, Name: in.Body.Name, Kind: place.Kind(in.Body.Kind), ParentCode: in.Body.ParentCode, Remote: in.Body.Remote}
	ctx, err := s.allowOnParent(ctx, account.UnitWrite, u.ParentCode)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateUnit(ctx, u); err != nil {
		return nil, problem(err)
	}
	return &unitOutput{Body: s.apiUnit(ctx, u)}, nil
}

func (s *server) updateUnit(ctx context.Context, in *unitUpdateInput) (*unitOutput, error) {
	old, err := s.store.UnitByCode(ctx, in.Code)
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allow(ctx, account.UnitWrite, old.ID); err != nil {
		return nil, err
	}
	if in.Body.ParentCode != "" && in.Body.ParentCode != old.ParentCode {
		// Moving a unit changes the new parent's subtree too.
		if ctx, err = s.allowOnParent(ctx, account.UnitWrite, in.Body.ParentCode); err != nil {
			return nil, err
		}
	}
	on := s.store.Now()
	if in.Body.On != "" {
		if on, err = time.ParseInLocation("2006-01-02", in.Body.On, coso.Zone); err != nil {
			return nil, problem(coso.Invalid("on", "Ngày không hợp lệ (YYYY-MM-DD).", "Invalid date (YYYY-MM-DD)."))
		}
	}
	u := *old
	u.Name, u.Remote = in.Body.Name, in.Body.Remote
	if in.Body.ParentCode != "" {
		u.ParentCode, u.ParentID = in.Body.ParentCode, 0
	}
	if err := s.store.UpdateUnit(ctx, &u, on, in.Body.Note); err != nil {
		return nil, problem(err)
	}
	return &unitOutput{Body: s.apiUnit(ctx, &u)}, nil
}

func (s *server) importUnits(ctx context.Context, in *unitImportInput) (*importOutput, error) {
	if callerFrom(ctx) == nil {
		return nil, needToken()
	}
	rows, err := place.ReadCSV(bytes.NewReader(in.RawBody))
	if err != nil {
		return nil, problem(err)
	}
	if ctx, err = s.allowImport(ctx, account.UnitWrite, rows); err != nil {
		return nil, err
	}
	res, err := s.store.ImportUnits(ctx, rows)
	if err != nil {
		return nil, problem(err)
	}
	out := &importOutput{}
	out.Body.Created, out.Body.Updated, out.Body.Unchanged = res.Created, res.Updated, res.Unchanged
	return out, nil
}
