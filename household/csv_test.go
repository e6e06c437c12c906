package household

import (
	"strings"
	"testing"

	"coso"
)

const header = "household_code,address,full_name,birth_date,sex,citizen_id,phone,relation,representative\n"

func TestReadCSV(t *testing.T) {
	text := "\ufeff" + header +
		"V1-H0001,\"Xóm 2, Bản Lát\",Hà Văn Thắng,12/03/1978,nam,038078001234,0912 345 678,chủ hộ,x\n" +
		"V1-H0001,,Lò Thị Hoa,1981-07-02,nữ,038181004321,,vợ,\n" +
		"\n" +
		"V1-H0002,Xóm 3,Phạm Văn Bình,1960-01-01,male,,+84 362 345 678,chủ hộ,1\n" +
		"V1-H0001,,Hà Văn Nam,15/9/2010,Nam,,,con,0\n"
	rows, err := ReadCSV(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[3].Line != 6 || rows[2].Line != 5 {
		t.Fatalf("rows %+v", rows)
	}
	p := rows[0].Member.Person
	if p.BirthDate != date(1978, 3, 12) || p.Sex != Male || p.Phone != "+84912345678" || !rows[0].Member.Representative {
		t.Errorf("first row %+v", rows[0])
	}
	entries, err := GroupRows(rows)
	if err != nil || len(entries) != 2 {
		t.Fatalf("groups %+v %v", entries, err)
	}
	h := entries[0].Household
	if h.Code != "V1-H0001" || h.Address != "Xóm 2, Bản Lát" || len(h.Members) != 3 || entries[0].Lines[2] != 6 || entries[0].Line != 2 {
		t.Errorf("household %+v lines %v", h, entries[0].Lines)
	}
}

func TestReadCSVReportsEveryBadLine(t *testing.T) {
	text := header +
		"V1-H0001,,Hà Văn Thắng,1978-03-12,nam,,,chủ hộ,x\n" + // 2 fine
		"V1-H0001,,Lò Thị Hoa,1981-02-30,nữ,,,vợ,\n" + // 3 bad date
		"V1-H0001,,Hà Văn Nam,2010-09-15,trai,,,con,\n" + // 4 bad sex
		"V1-H0002,,Phạm Văn Bình,1960-01-01,nam,038160001234,,chủ hộ,x\n" + // 5 id sex digit
		"V1-H0002,,Phạm Thị Mai,1962-01-01,nữ,,0212 345 678,vợ,\n" + // 6 landline
		"V1-H0003,,Trần Văn Cường,1970-05-05,nam,,,chủ hộ,\n" + // 7 no representative (first line of H0003)
		"V1-H0004,,Đỗ Văn Dũng,1970-05-05,nam,,,chủ hộ,x\n" + // 8 two representatives (first line of H0004)
		"V1-H0004,,Đỗ Thị Em,1972-05-05,nữ,,,vợ,x\n" + // 9
		"V1-H0004,,Đỗ Văn Phúc,2000-05-05,nam,,,,\n" + // 10 no relation
		"V1 H5,,Ngô Văn Giang,1970-05-05,nam,,,chủ hộ,x\n" + // 11 bad code
		"V1-H0006,,Ngô Văn Hải,1970-05-05,nam,,,chủ hộ,x,extra\n" + // 12 ten columns
		"V1-H0007,,Bùi Văn Ích,1970-05-05,nam,,,chủ hộ,maybe\n" + // 13 bad mark, then no representative on 13
		"V1-H0001,,Hà Văn Nam,2010-09-15,nam,,,con,\n" + // 14 same person twice
		"V1-H0008,Xóm 1,Vũ Văn Khoa,1970-05-05,nam,038070000001,,chủ hộ,x\n" + // 15
		"V1-H0008,Xóm 2,Vũ Văn Lâm,1970-08-08,nam,038070000001,,con,\n" // 16 other address; id twice in one household
	_, err := ReadCSV(strings.NewReader(text))
	es, ok := err.(coso.Errors)
	if !ok {
		t.Fatalf("got %v, want coso.Errors", err)
	}
	want := []struct {
		line  int
		field string
	}{
		{3, "birth_date"}, {4, "sex"}, {5, "citizen_id"}, {6, "phone"}, {7, "representative"}, {8, "representative"},
		{10, "relation"}, {11, "household_code"}, {12, "file"}, {13, "representative"}, {13, "representative"},
		{14, "full_name"}, {16, "address"}, {16, "full_name"},
	}
	if len(es) != len(want) {
		for _, e := range es {
			t.Log(e)
		}
		t.Fatalf("%d errors, want %d", len(es), len(want))
	}
	for i, w := range want {
		if es[i].Line != w.line || es[i].Field != w.field || es[i].VI == "" || es[i].EN == "" || es[i].Code != coso.EInvalid {
			t.Errorf("error %d = %+v, want line %d field %s", i, es[i], w.line, w.field)
		}
	}
	if !strings.Contains(es[4].EN, "no representative") || !strings.Contains(es[5].EN, "two or more representatives") {
		t.Errorf("household errors: %q; %q", es[4].EN, es[5].EN)
	}
}

func TestReadCSVHeader(t *testing.T) {
	for _, text := range []string{"", "code,name\nx,y\n", "household_code,full_name,address,birth_date,sex,citizen_id,phone,relation,representative\n"} {
		_, err := ReadCSV(strings.NewReader(text))
		if e := coso.AsError(err); err == nil || e.Field != "file" {
			t.Errorf("header %q: %v", text, err)
		}
	}
	rows, err := ReadCSV(strings.NewReader(header))
	if err != nil || len(rows) != 0 {
		t.Errorf("header only: %v %v", rows, err)
	}
}
