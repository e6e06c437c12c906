package decision

import (
	"testing"
	"time"

	"coso"
)

func TestProcedureValidate(t *testing.T) {
	names := func(n int) []string {
		all := []string{"Hà Văn Một", "Lò Thị Hai", "Vi Văn Ba", "Lường Văn Bốn", "Phạm Thị Năm", "Đinh Văn Sáu"}
		return all[:n]
	}
	cases := []struct {
		p     Procedure
		field string
	}{
		{Procedure{Kind: ElectBoard, Names: names(2), Present: 10, Approve: 6}, "names"},
		{Procedure{Kind: ElectBoard, Names: names(3), Present: 10, Approve: 6}, ""},
		{Procedure{Kind: ElectBoard, Names: names(5), Present: 10, Approve: 6}, ""},
		{Procedure{Kind: ElectBoard, Names: names(6), Present: 10, Approve: 6}, "names"},
		{Procedure{Kind: ElectBoard, Names: names(3), Present: 10, Approve: 5}, "approve"}, // half is not more than half
		{Procedure{Kind: ElectBoard, Names: names(3), Present: 10, Approve: 11}, "approve"},
		{Procedure{Kind: ElectBoard, Names: names(3), Present: 0, Approve: 0}, "present"},
		{Procedure{Kind: ElectBoard, Names: []string{"Hà Văn Một", "ha van mot", "Vi Văn Ba"}, Present: 10, Approve: 6}, "names"},
		{Procedure{Kind: ChooseWitnesses, Names: names(2), Present: 3, Approve: 2}, ""},
		{Procedure{Kind: ChooseWitnesses, Names: names(1), Present: 3, Approve: 2}, "names"},
		{Procedure{Kind: ChooseSecretary, Names: names(1), Present: 1, Approve: 1}, ""},
		{Procedure{Kind: ChooseSecretary, Names: nil, Present: 1, Approve: 1}, "names"},
		{Procedure{Kind: ChooseMethod, Method: SecretBallot, Present: 7, Approve: 4}, ""},
		{Procedure{Kind: ChooseMethod, Present: 7, Approve: 4}, "method"},
		{Procedure{Kind: ChooseSecretary, Names: names(1), Method: ShowOfHands, Present: 7, Approve: 4}, "method"},
		{Procedure{Kind: "chair", Present: 7, Approve: 4}, "kind"},
	}
	for i, c := range cases {
		err := c.p.Validate()
		if e := coso.AsError(err); c.field == "" && err != nil || c.field != "" && (err == nil || e.Field != c.field) {
			t.Errorf("case %d %s: %v, want field %q", i, c.p.Kind, err, c.field)
		}
	}
	p := Procedure{Kind: ElectBoard, Names: []string{" Hà Văn Một ", "", "Lò Thị Hai", "Vi Văn Ba"}, Present: 45, Approve: 40}
	if err := p.Validate(); err != nil || len(p.Names) != 3 || p.Text("vi") != "Tổ kiểm phiếu: Hà Văn Một, Lò Thị Hai, Vi Văn Ba (40 trên 45 hộ có mặt tán thành)" ||
		p.Text("en") != "Counting board: Hà Văn Một, Lò Thị Hai, Vi Văn Ba (40 of 45 households present approved)" {
		t.Errorf("%v %q %q", err, p.Text("vi"), p.Text("en"))
	}
	if m := Missing([]Procedure{p}); len(m) != 3 || m[0] != ChooseSecretary || m[2] != ChooseWitnesses {
		t.Errorf("missing %v", m)
	}
	w := Procedure{Kind: ChooseWitnesses, Names: []string{"Lò Thị Hai", "Đinh Văn Sáu"}}
	if err := CheckProcedures([]Procedure{p, w}); coso.AsError(err).Field != "names" {
		t.Errorf("a witness on the board: %v", err)
	}
}

// A village meets by clusters from 200 households; each cluster meeting
// comes at least 2 days after the invitation.
func TestClusterValidate(t *testing.T) {
	today := date(2025, 9, 10)
	m := &Matter{Subject: OtherMatter, Invitation: Invitation{IssuedOn: date(2025, 9, 5)}}
	c := func(held time.Time) *Cluster { return &Cluster{Name: " Cụm 1 ", HeldOn: held, Place: "Sân đình"} }
	for _, x := range []struct {
		households int
		held       time.Time
		field      string
	}{{199, today, "village"}, {200, today, ""}, {200, date(2025, 9, 6), "meeting_on"}, {200, date(2025, 9, 11), "meeting_on"}} {
		err := c(x.held).Validate(m, x.households, today)
		if e := coso.AsError(err); x.field == "" && err != nil || x.field != "" && (err == nil || e.Field != x.field) {
			t.Errorf("%d households, held %v: %v", x.households, x.held, err)
		}
	}
	m.Invitation = Invitation{}
	if err := c(today).Validate(m, 250, today); coso.ErrorCode(err) != coso.EConflict {
		t.Errorf("a cluster meeting without an invitation: %v", err)
	}
}
