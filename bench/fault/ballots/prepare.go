package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"coso"
	"coso/account"
	"coso/auth"
	"coso/consultation"
	"coso/decision"
	"coso/household"
	"coso/notify"
	"coso/place"
	"coso/store"
)

const units = `code,name,kind,parent_code
38,Tỉnh Thử Nghiệm,province,
90001,Xã Thử Nghiệm,commune,38
90001.01,Thôn Bão Phiếu,village,90001
`

// village is what the storm needs: the matter, each household's
// representative's token and the option that household chooses, and an
// official's token to close and count the vote; the commune's open
// consultation and the opinion each household sends on it; how many
// anonymous petitions are sent to the commune.
type village struct {
	matter       int64
	options      int
	voters       []voter
	official     string
	commune      string
	consultation int64
	opinions     []opinion // one per voter, same order
	petitions    int
}

// opinion is one household's comment: on a section (0: the draft as a
// whole), with a stance and a text of its own, so that the verification
// finds it by id and by content.
type opinion struct {
	section int
	stance  string
	text    string
}

type voter struct {
	household string // code, for messages
	token     string
	option    int
}

// prepare builds the village in the store directly, before the server
// starts, through the store's own functions (each in its transaction with
// its audit line): units, households with a representative, citizen
// accounts signed in with a code and confirmed as that representative,
// their API tokens, the village's decision to vote online, and an open
// online matter of subject 6, and the commune's draft open for opinions.
func prepare(ctx context.Context, dir string, n, petitions int, rng *rand.Rand) (*village, error) {
	st, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	ctx = coso.WithActor(ctx, coso.Actor{Username: "fault-test", Role: "system"})
	rows, err := place.ReadCSV(strings.NewReader(units))
	if err != nil {
		return nil, err
	}
	if _, err := st.ImportUnits(ctx, rows); err != nil {
		return nil, err
	}
	vu, err := st.UnitByCode(ctx, "90001.01")
	if err != nil {
		return nil, err
	}
	v := &village{commune: "90001", petitions: petitions}
	for i := range n {
		vt, err := representative(ctx, st, vu.ID, i+1)
		if err != nil {
			return nil, fmt.Errorf("household %d: %w", i+1, err)
		}
		vt.option = rng.IntN(3)
		v.voters = append(v.voters, vt)
	}
	if v.official, err = villageHead(ctx, st); err != nil {
		return nil, err
	}
	if err := st.RecordOptIn(ctx, &decision.OptIn{VillageID: vu.ID, DecidedOn: st.Now().In(coso.Zone), Households: n, Agreed: n/2 + 1}); err != nil {
		return nil, err
	}
	m := &decision.Matter{UnitID: vu.ID, Subject: decision.OtherMatter, Title: "Bão phiếu", Question: "Đồng ý?",
		Forms: []decision.Form{decision.Online}, Proposal: decision.Proposal{Path: decision.ByVillageHead, Proposer: "Trưởng thôn"}}
	if err := st.CreateMatter(ctx, m); err != nil {
		return nil, err
	}
	if err := st.OpenMatter(ctx, m.ID); err != nil {
		return nil, err
	}
	v.matter, v.options = m.ID, len(m.Options())
	if err := openDraft(ctx, st, v, rng); err != nil {
		return nil, fmt.Errorf("consultation: %w", err)
	}
	return v, nil
}

// openDraft puts a three-article draft of the commune to its people for
// the law's 20 days (every confirmed resident may comment on it through
// the portal or the API) and chooses each household's opinion.
func openDraft(ctx context.Context, st *store.Store, v *village, rng *rand.Rand) error {
	cu, err := st.UnitByCode(ctx, v.commune)
	if err != nil {
		return err
	}
	c := &consultation.Consultation{UnitID: cu.ID, Subject: consultation.DemocracyRule, Title: "Quy chế dân chủ (bão góp ý)",
		Sections: consultation.Split("Điều 1. Phạm vi\nQuy chế này áp dụng trong xã.\nĐiều 2. Công khai\nNội dung công khai.\nĐiều 3. Hiệu lực\nTừ ngày ký."),
		ClosesOn: consultation.EarliestClose(st.Now(), 20)}
	if err := st.CreateConsultation(ctx, c); err != nil {
		return err
	}
	if err := st.OpenConsultation(ctx, c.ID, time.Time{}); err != nil {
		return err
	}
	v.consultation = c.ID
	stances := consultation.Stances()
	for i, vt := range v.voters {
		v.opinions = append(v.opinions, opinion{section: i % (len(c.Sections) + 1), stance: string(stances[rng.IntN(len(stances))]),
			text: fmt.Sprintf("Ý kiến của hộ %s: đề nghị giữ nguyên điều này.", vt.household)})
	}
	return nil
}

// representative adds household i with its representative, whose phone
// signs in with a code (as POST /api/v1/auth/token does), is confirmed as
// that person, and gets an API token.
func representative(ctx context.Context, st *store.Store, villageID int64, i int) (voter, error) {
	phone := fmt.Sprintf("+8491%07d", i)
	born := time.Date(1980, 1, 1, 0, 0, 0, 0, coso.Zone)
	h := &household.Household{Code: fmt.Sprintf("90001.01-H%05d", i), VillageID: villageID, Members: []household.Member{{
		Person:   household.Person{FullName: "Người Thử " + letters(i), BirthDate: born, Sex: household.Female, Phone: "0" + phone[3:]},
		Relation: "chủ hộ", Representative: true, Since: born.AddDate(25, 0, 0)}}}
	if err := st.CreateHousehold(ctx, h); err != nil {
		return voter{}, err
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "fault-test-code:%s", phone))
	code := hex.EncodeToString(sum[:])
	msg := notify.Message{Channel: notify.ChannelSMS, To: phone, Body: "Mã thử nghiệm (fault test)."}
	if err := st.IssuePhoneCode(ctx, phone, code, msg); err != nil {
		return voter{}, err
	}
	c, err := st.UsePhoneCode(ctx, phone, code)
	if err != nil {
		return voter{}, err
	}
	if c.Citizen == nil {
		return voter{}, fmt.Errorf("the code was refused (%d)", c.Outcome)
	}
	if err := st.LinkCitizen(ctx, c.Citizen.ID, h.Members[0].Person.ID, villageID); err != nil {
		return voter{}, err
	}
	token, hash, err := auth.NewToken()
	if err != nil {
		return voter{}, err
	}
	if _, err := st.CreateCitizenToken(ctx, c.Citizen.ID, hash, st.Now().Add(24*time.Hour)); err != nil {
		return voter{}, err
	}
	return voter{household: h.Code, token: token}, nil
}

// villageHead is an official who may close and count the vote, with an
// API token.
func villageHead(ctx context.Context, st *store.Store) (string, error) {
	hash, err := auth.HashPassword("fault test: a long enough password")
	if err != nil {
		return "", err
	}
	u := &account.User{Username: "truongthon.thu", DisplayName: "Trưởng thôn", PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		return "", err
	}
	if _, err := st.Grant(ctx, u.ID, account.VillageHead, "90001.01"); err != nil {
		return "", err
	}
	token, th, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	if _, err := st.CreateToken(ctx, u.ID, th, st.Now().Add(24*time.Hour)); err != nil {
		return "", err
	}
	return token, nil
}

// letters writes i in letters (1 → "A", 27 → "Ba"): names hold only letters.
func letters(i int) string {
	var b []byte
	for ; i > 0; i /= 26 {
		b = append([]byte{byte('a' + i%26)}, b...)
	}
	return strings.ToUpper(string(b[:1])) + string(b[1:])
}
