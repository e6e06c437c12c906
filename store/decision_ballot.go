package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"strings"

	"coso"
	"coso/decision"
	"coso/viet"
)

// Paper ballot sheets and online ballots.

var code32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// randomCode returns n random base32 characters (5 bits each).
func randomCode(n int) string {
	b := make([]byte, (n*5+7)/8)
	_, _ = rand.Read(b) // never fails (crypto/rand panics rather than return an error)
	return code32.EncodeToString(b)[:n]
}

// issueSheets gives every live household of the matter's villages one
// ballot sheet with a unique serial; households that have one keep it.
func (tx *Tx) issueSheets(matterID int64) error {
	rows, err := tx.Query(`SELECT h.id, h.village_id FROM households h JOIN matter_villages mv ON mv.village_id = h.village_id
		WHERE mv.matter_id = $1 AND h.ended_on IS NULL ORDER BY h.id`, matterID)
	if err != nil {
		return err
	}
	var hs [][2]int64
	for rows.Next() {
		var h [2]int64
		if err := rows.Scan(&h[0], &h[1]); err != nil {
			_ = rows.Close() // the scan error is the one to report
			return err
		}
		hs = append(hs, h)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, h := range hs {
		serial := fmt.Sprintf("%d-%s", matterID, randomCode(8))
		if _, err := tx.Exec(`INSERT INTO ballot_sheets (serial, matter_id, household_id, village_id) VALUES ($1, $2, $3, $4)
			ON CONFLICT (matter_id, household_id) DO NOTHING`, serial, matterID, h[0], h[1]); err != nil {
			return err
		}
	}
	return nil
}

// Sheet is one household's paper ballot sheet.
type Sheet struct {
	Serial        string
	HouseholdID   int64
	HouseholdCode string
	VillageID     int64
	Returned      bool
	Option        int // when returned
	Void          bool
}

// Sheets lists a matter's ballot sheets in order of household code.
func (s *Store) Sheets(ctx context.Context, matterID int64) ([]Sheet, error) {
	return queryAll(ctx, s.r, func(r scanner) (Sheet, error) {
		var b Sheet
		var pos sql.NullInt64
		err := r.Scan(&b.Serial, &b.HouseholdID, &b.HouseholdCode, &b.VillageID, &b.Returned, &pos, &b.Void)
		b.Option = int(pos.Int64)
		return b, err
	}, `SELECT b.serial, b.household_id, h.code, b.village_id, b.returned, b.position, b.void
		FROM ballot_sheets b JOIN households h ON h.id = b.household_id WHERE b.matter_id = $1 ORDER BY h.code`, matterID)
}

// RegisterBallot records a returned paper ballot by its serial, once: a
// second entry of the same serial is refused. A household that also voted
// online or at the meeting is listed as a conflict for the counting board.
func (s *Store) RegisterBallot(ctx context.Context, matterID int64, serial string, option int) error {
	serial = strings.ToUpper(strings.TrimSpace(viet.NFC(serial)))
	return s.write(ctx, func(tx *Tx) error {
		m, err := tx.matter(matterID, "")
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Open, decision.Closed), wantForm(m, decision.Ballot), m.CheckOption(option)); err != nil {
			return err
		}
		res, err := tx.Exec("UPDATE ballot_sheets SET returned = TRUE, position = $1 WHERE serial = $2 AND matter_id = $3 AND NOT returned",
			option, serial, matterID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var returned bool
			err := tx.QueryRow("SELECT returned FROM ballot_sheets WHERE serial = $1 AND matter_id = $2", serial, matterID).Scan(&returned)
			if err == sql.ErrNoRows {
				return coso.Invalid("serial", "Không có phiếu số %s của việc này.", "No ballot %s for this matter.", serial)
			}
			if err != nil {
				return err
			}
			return coso.Errorf(coso.EConflict, "serial", "Phiếu số %s đã được ghi nhận; không ghi lần thứ hai.",
				"Ballot %s was already recorded; it cannot be entered twice.", serial)
		}
		return tx.Audit(m.UnitID, "matter.paper_ballot", matterObject(matterID), "serial "+serial)
	})
}

// Receipt is what a voter keeps to check that their online ballot is counted.
type Receipt struct {
	Code     string // shown once; only its hash is stored
	MatterID int64
}

// receiptHash is what is stored of a receipt: the matter and the code,
// hashed, so the stored rows do not hold the code a voter could be made
// to show.
func receiptHash(matterID int64, code string) string {
	c := strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(code))
	h := sha256.Sum256([]byte(fmt.Sprintf("coso-receipt:%d:%s", matterID, c)))
	return hex.EncodeToString(h[:])
}

func newReceiptCode() string {
	c := randomCode(16) // 80 bits
	return c[0:4] + "-" + c[4:8] + "-" + c[8:12] + "-" + c[12:16]
}

// newBallotID is a random version 4 UUID: a key that tells nothing of when
// or in what order the ballot was cast.
func newBallotID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// CastOnline casts a household's online ballot and returns its receipt.
// One ballot per household, even under simultaneous attempts: the
// participation row's primary key (matter, household) refuses the second,
// and the anonymous ballot is written in the same transaction, so either
// both rows exist or neither. The ballot row holds no household, person or
// time. A ballot cannot be changed once cast.
func (s *Store) CastOnline(ctx context.Context, matterID, householdID int64, option int) (*Receipt, error) {
	code := newReceiptCode()
	err := s.write(ctx, func(tx *Tx) error {
		m, err := tx.matter(matterID, tx.shareLock())
		if err != nil {
			return err
		}
		if err := firstError(wantStatus(m, decision.Open), wantForm(m, decision.Online), m.CheckOption(option)); err != nil {
			return err
		}
		village, err := tx.voterVillage(matterID, householdID)
		if err != nil {
			return err
		}
		if err := tx.notYetCounted(matterID, householdID); err != nil {
			return err
		}
		_, err = tx.Exec("INSERT INTO online_participation (matter_id, household_id, village_id) VALUES ($1, $2, $3)", matterID, householdID, village)
		if err != nil && isUnique(err) {
			return alreadyVoted()
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT INTO online_ballots (id, matter_id, village_id, position, receipt_hash) VALUES ($1, $2, $3, $4, $5)",
			newBallotID(), matterID, village, option, receiptHash(matterID, code)); err != nil {
			return err
		}
		return tx.Audit(village, "matter.online_ballot", matterObject(matterID), "")
	})
	if err != nil {
		return nil, err
	}
	return &Receipt{Code: code, MatterID: matterID}, nil
}

func alreadyVoted() error {
	return coso.Errorf(coso.EConflict, "household", "Hộ đã biểu quyết về việc này; phiếu đã bỏ không thay đổi được.",
		"The household has already voted on this matter; a ballot cannot be changed.")
}

// voterVillage checks that the household lives in one of the matter's
// villages and returns that village.
func (tx *Tx) voterVillage(matterID, householdID int64) (int64, error) {
	var village int64
	err := tx.QueryRow(`SELECT h.village_id FROM households h JOIN matter_villages mv ON mv.village_id = h.village_id AND mv.matter_id = $1
		WHERE h.id = $2 AND h.ended_on IS NULL`, matterID, householdID).Scan(&village)
	if err == sql.ErrNoRows {
		return 0, coso.Errorf(coso.EForbidden, "household", "Hộ này không thuộc thôn biểu quyết việc này.", "This household does not belong to a village voting on this matter.")
	}
	return village, err
}

// notYetCounted refuses an online ballot from a household already counted
// on paper or at the meeting: one household, one voice.
func (tx *Tx) notYetCounted(matterID, householdID int64) error {
	var n int
	err := tx.QueryRow(`SELECT (SELECT COUNT(*) FROM ballot_sheets WHERE matter_id = $1 AND household_id = $2 AND returned AND NOT void)
		+ (SELECT COUNT(*) FROM matter_attendance WHERE matter_id = $1 AND household_id = $2 AND NOT excluded)`, matterID, householdID).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return coso.Errorf(coso.EConflict, "household", "Hộ đã biểu quyết bằng phiếu giấy hoặc tại hội nghị.",
			"The household has already voted on paper or at the meeting.")
	}
	return nil
}

// ReceiptCheck says whether a ballot with a receipt code is held.
type ReceiptCheck struct {
	Found  bool            // a ballot with this code is stored and will be, or was, counted
	Status decision.Status // the matter's status
}

// CheckReceipt tells whether an online ballot with the receipt code is
// stored for the matter. It never tells the choice: a receipt that showed
// it would let someone buy or force a vote.
func (s *Store) CheckReceipt(ctx context.Context, matterID int64, code string) (ReceiptCheck, error) {
	var c ReceiptCheck
	err := s.r.QueryRowContext(ctx, `SELECT m.status, EXISTS (SELECT 1 FROM online_ballots b WHERE b.matter_id = m.id AND b.receipt_hash = $2)
		FROM matters m WHERE m.id = $1`, matterID, receiptHash(matterID, code)).Scan(&c.Status, &c.Found)
	if err == sql.ErrNoRows {
		return c, notFoundMatter(matterID)
	}
	return c, err
}

// reshuffleBallots rewrites a matter's online ballots in a random order
// with new random keys, in the closing transaction.
func (tx *Tx) reshuffleBallots(matterID int64) error {
	type ballot struct {
		village int64
		pos     int
		hash    string
	}
	rows, err := tx.Query("SELECT village_id, position, receipt_hash FROM online_ballots WHERE matter_id = $1", matterID)
	if err != nil {
		return err
	}
	var bs []ballot
	for rows.Next() {
		var b ballot
		if err := rows.Scan(&b.village, &b.pos, &b.hash); err != nil {
			_ = rows.Close() // the scan error is the one to report
			return err
		}
		bs = append(bs, b)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	mrand.Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
	if _, err := tx.Exec("DELETE FROM online_ballots WHERE matter_id = $1", matterID); err != nil {
		return err
	}
	for _, b := range bs {
		if _, err := tx.Exec("INSERT INTO online_ballots (id, matter_id, village_id, position, receipt_hash) VALUES ($1, $2, $3, $4, $5)",
			newBallotID(), matterID, b.village, b.pos, b.hash); err != nil {
			return err
		}
	}
	return nil
}
