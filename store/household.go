package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"coso"
	"coso/household"
	"coso/place"
	"coso/viet"
)

const householdColumns = `h.id, h.code, h.village_id, v.code, h.commune_id, h.province_id, h.address,
	COALESCE(h.representative_id, 0), COALESCE(r.full_name, ''),
	(SELECT COUNT(*) FROM household_members m WHERE m.household_id = h.id AND m.until_date IS NULL),
	COALESCE(h.ended_on, ''), h.end_reason, h.created_at, h.updated_at`

const householdFrom = ` FROM households h JOIN units v ON v.id = h.village_id LEFT JOIN persons r ON r.id = h.representative_id `

func scanHousehold(row scanner) (*household.Household, error) {
	var h household.Household
	var ended string
	err := row.Scan(&h.ID, &h.Code, &h.VillageID, &h.VillageCode, &h.CommuneID, &h.ProvinceID, &h.Address,
		&h.RepresentativeID, &h.RepresentativeName, &h.MemberCount, &ended, &h.EndReason, &h.CreatedAt, &h.UpdatedAt)
	if err != nil {
		return nil, err
	}
	h.EndedOn = parseDate(ended)
	return &h, nil
}

func notFoundHousehold(what string) error {
	return coso.Errorf(coso.ENotFound, "household", "Không tìm thấy hộ %s.", "No household %s.", what)
}

// Household returns the household with the given id and its current members.
func (s *Store) Household(ctx context.Context, id int64) (*household.Household, error) {
	return s.householdWhere(ctx, "h.id = $1", id)
}

// HouseholdByCode returns the household with the given code and its
// current members.
func (s *Store) HouseholdByCode(ctx context.Context, code string) (*household.Household, error) {
	return s.householdWhere(ctx, "h.code = $1", viet.NFC(code))
}

func (s *Store) householdWhere(ctx context.Context, cond string, key any) (*household.Household, error) {
	h, err := scanHousehold(s.r.QueryRowContext(ctx, "SELECT "+householdColumns+householdFrom+"WHERE "+cond, key))
	if err == sql.ErrNoRows {
		return nil, notFoundHousehold(fmt.Sprint(key))
	}
	if err != nil {
		return nil, err
	}
	h.Members, err = s.HouseholdMembers(ctx, h.ID, false)
	return h, err
}

// HouseholdFilter selects households for a list.
type HouseholdFilter struct {
	VillageID  int64  // 0: any village
	CommuneID  int64  // 0: any commune
	ProvinceID int64  // 0: any province
	Query      string // accent-insensitive words, each found in the code or a current member's name
	WithEnded  bool   // include households whose last member left
	Limit      int    // 0: no limit
	AfterID    int64  // cursor: only households with id > AfterID
}

// Households lists households matching f in order of id, without members.
func (s *Store) Households(ctx context.Context, f HouseholdFilter) ([]*household.Household, error) {
	q := "SELECT " + householdColumns + householdFrom + "WHERE 1=1"
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.VillageID != 0 {
		q += " AND h.village_id = " + arg(f.VillageID)
	}
	if f.CommuneID != 0 {
		q += " AND h.commune_id = " + arg(f.CommuneID)
	}
	if f.ProvinceID != 0 {
		q += " AND h.province_id = " + arg(f.ProvinceID)
	}
	for _, w := range words(f.Query) {
		a := arg("%" + w + "%")
		q += " AND (h.code_folded LIKE " + a + ` OR EXISTS (SELECT 1 FROM household_members qm JOIN persons qp ON qp.id = qm.person_id
			WHERE qm.household_id = h.id AND qm.until_date IS NULL AND qp.name_folded LIKE ` + a + "))"
	}
	if !f.WithEnded {
		q += " AND h.ended_on IS NULL"
	}
	if f.AfterID > 0 {
		q += " AND h.id > " + arg(f.AfterID)
	}
	q += " ORDER BY h.id"
	if f.Limit > 0 {
		// #nosec G202 -- arg binds the value and returns only a $N placeholder.
		q += " LIMIT " + arg(f.Limit)
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*household.Household
	for rows.Next() {
		h, err := scanHousehold(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// CountHouseholds counts the households that exist now in the subtree of a
// unit: a village or residential group, a commune-level unit, or a
// province. Village decisions count ALL households of the village (Law
// 10/2022/QH15 art. 21.1), so this is the denominator of every threshold.
// It follows the unit tree rather than the stored commune and province, so
// villages moved by a merger are counted where they are now.
func (s *Store) CountHouseholds(ctx context.Context, unitID int64) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM households h WHERE h.ended_on IS NULL AND h.village_id IN (`+
		subtreeVillages+`)`, unitID).Scan(&n)
	return n, err
}

const memberColumns = personColumns + `, m.relation, m.since_date, COALESCE(m.until_date, ''), m.join_reason, m.leave_reason,
	m.household_id, h.code, CASE WHEN m.until_date IS NULL AND h.representative_id = p.id THEN 1 ELSE 0 END`

const memberFrom = ` FROM household_members m JOIN persons p ON p.id = m.person_id JOIN households h ON h.id = m.household_id `

// HouseholdMembers lists a household's current members, or all its members
// past and present when withPast is set, in the order they joined.
func (s *Store) HouseholdMembers(ctx context.Context, householdID int64, withPast bool) ([]household.Member, error) {
	q := "SELECT " + memberColumns + memberFrom + "WHERE m.household_id = $1"
	if !withPast {
		q += " AND m.until_date IS NULL"
	}
	return s.members(ctx, q+" ORDER BY m.since_date, m.id", householdID)
}

// PersonMemberships lists every household a person has belonged to, the
// current one last.
func (s *Store) PersonMemberships(ctx context.Context, personID int64) ([]household.Member, error) {
	return s.members(ctx, "SELECT "+memberColumns+memberFrom+"WHERE m.person_id = $1 ORDER BY m.since_date, m.id", personID)
}

func (s *Store) members(ctx context.Context, q string, args ...any) ([]household.Member, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanMembers(rows)
}

func scanMembers(rows *sql.Rows) ([]household.Member, error) {
	defer rows.Close()
	var out []household.Member
	for rows.Next() {
		var m household.Member
		var since, until string
		p, err := scanPerson(rows, &m.Relation, &since, &until, &m.JoinReason, &m.LeaveReason, &m.HouseholdID, &m.HouseholdCode, &m.Representative)
		if err != nil {
			return nil, err
		}
		m.Person, m.Since, m.Until = *p, parseDate(since), parseDate(until)
		out = append(out, m)
	}
	return out, rows.Err()
}

// RepresentativeHistory lists who represented the household and when,
// oldest first.
func (s *Store) RepresentativeHistory(ctx context.Context, householdID int64) ([]household.Representation, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT r.id, r.household_id, r.person_id, p.full_name, r.from_date, COALESCE(r.to_date, ''), r.reason
		FROM household_representatives r JOIN persons p ON p.id = r.person_id
		WHERE r.household_id = $1 ORDER BY r.from_date, r.id`, householdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []household.Representation
	for rows.Next() {
		var r household.Representation
		var from, to string
		if err := rows.Scan(&r.ID, &r.HouseholdID, &r.PersonID, &r.PersonName, &from, &to, &r.Reason); err != nil {
			return nil, err
		}
		r.From, r.To = parseDate(from), parseDate(to)
		out = append(out, r)
	}
	return out, rows.Err()
}

// HouseholdMoves lists a household's moves between villages, oldest first.
func (s *Store) HouseholdMoves(ctx context.Context, householdID int64) ([]household.Move, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT mv.id, mv.household_id, mv.from_village_id, f.code, mv.to_village_id, t.code,
		mv.on_date, mv.reason, mv.created_at
		FROM household_moves mv JOIN units f ON f.id = mv.from_village_id JOIN units t ON t.id = mv.to_village_id
		WHERE mv.household_id = $1 ORDER BY mv.on_date, mv.id`, householdID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []household.Move
	for rows.Next() {
		var m household.Move
		var on string
		if err := rows.Scan(&m.ID, &m.HouseholdID, &m.FromVillageID, &m.FromVillageCode, &m.ToVillageID, &m.ToVillageCode,
			&on, &m.Reason, &m.CreatedAt); err != nil {
			return nil, err
		}
		m.On = parseDate(on)
		out = append(out, m)
	}
	return out, rows.Err()
}

// villageKeys are a village and the units above it: where a household lives
// and the partition keys of its rows.
type villageKeys struct {
	id       int64
	code     string
	commune  int64
	province int64
}

// village looks up a live village or residential group by id, or by code
// when id is 0.
func (tx *Tx) village(id int64, code string) (villageKeys, error) {
	q, key := `SELECT v.id, v.code, v.kind, COALESCE(v.ended_on, ''), COALESCE(c.id, 0), COALESCE(c.parent_id, 0)
		FROM units v LEFT JOIN units c ON c.id = v.parent_id WHERE `, any(id)
	if id == 0 {
		q, key = q+"v.code = $1", viet.NFC(code)
	} else {
		q += "v.id = $1"
	}
	var k villageKeys
	var kind, ended string
	err := tx.QueryRow(q, key).Scan(&k.id, &k.code, &kind, &ended, &k.commune, &k.province)
	if err == sql.ErrNoRows {
		return k, coso.Invalid("village", "Không có thôn, tổ dân phố %v.", "No village or residential group %v.", key)
	}
	if err != nil {
		return k, err
	}
	if !place.Kind(kind).IsGrassroots() {
		return k, coso.Invalid("village", "Đơn vị %s không phải thôn hay tổ dân phố.", "Unit %s is not a village or residential group.", k.code)
	}
	if ended != "" {
		return k, coso.Invalid("village", "Thôn, tổ dân phố %s đã kết thúc.", "Village %s has ended.", k.code)
	}
	return k, nil
}

// today is the local date of t.
func today(t time.Time) time.Time {
	y, m, d := t.In(coso.Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, coso.Zone)
}

// changeDate is the date a change takes effect: today when not given, and
// never in the future, since the history records what happened.
func changeDate(on, now time.Time) (time.Time, error) {
	if on.IsZero() {
		return today(now), nil
	}
	on = today(on)
	if on.After(today(now)) {
		return on, coso.Invalid("on", "Ngày thay đổi không thể ở tương lai.", "The date of a change cannot be in the future.")
	}
	return on, nil
}

func requireReason(reason string) (string, error) {
	reason = viet.NFC(reason)
	if reason == "" {
		return "", coso.Invalid("reason", "Cần ghi lý do.", "A reason is required.")
	}
	if len([]rune(reason)) > 500 {
		return "", coso.Invalid("reason", "Lý do dài quá 500 ký tự.", "The reason is longer than 500 characters.")
	}
	return reason, nil
}

// lockHousehold reads a household for a change. The UPDATE, which changes
// nothing, takes the row lock on PostgreSQL (SQLite has one writer anyway),
// so two changes to one household never interleave; the same SQL runs on
// both engines.
func (tx *Tx) lockHousehold(id int64, now time.Time) (*household.Household, error) {
	res, err := tx.Exec("UPDATE households SET updated_at = updated_at WHERE id = $1", id)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, notFoundHousehold(fmt.Sprint(id))
	}
	h, err := scanHousehold(tx.QueryRow("SELECT "+householdColumns+householdFrom+"WHERE h.id = $1", id))
	if err != nil {
		return nil, err
	}
	if h.Ended() {
		return nil, coso.Errorf(coso.EConflict, "household", "Hộ %s đã kết thúc, không thay đổi được.", "Household %s has ended and cannot be changed.", h.Code)
	}
	return h, nil
}

func householdObject(h *household.Household) string { return "household:" + h.Code }

// CreateHousehold stores a new household in the village h.VillageID (or
// h.VillageCode) with its members: new persons (ID 0) are created, existing
// persons must belong to no household now. Exactly one member is marked
// Representative and must be an adult today.
func (s *Store) CreateHousehold(ctx context.Context, h *household.Household) error {
	now := s.now()
	if err := h.ValidateNew(now); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		k, err := tx.village(h.VillageID, h.VillageCode)
		if err != nil {
			return err
		}
		if err := tx.createHousehold(h, k, "", now); err != nil {
			return err
		}
		return tx.Audit(k.id, "household.create", householdObject(h), fmt.Sprintf("members %d, representative person:%d", len(h.Members), h.RepresentativeID))
	})
}

func (tx *Tx) createHousehold(h *household.Household, k villageKeys, reason string, now time.Time) error {
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM households WHERE code = $1", h.Code).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return coso.Errorf(coso.EConflict, "household_code", "Đã có hộ mã %s.", "A household with code %s already exists.", h.Code)
	}
	var err error
	h.ID, err = tx.Insert(`INSERT INTO households (code, code_folded, village_id, commune_id, province_id, address, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, h.Code, viet.Fold(h.Code), k.id, k.commune, k.province, h.Address, now, now)
	if err != nil {
		return err
	}
	h.VillageID, h.VillageCode, h.CommuneID, h.ProvinceID, h.CreatedAt, h.UpdatedAt = k.id, k.code, k.commune, k.province, now, now
	for i := range h.Members {
		m := &h.Members[i]
		if m.Since, err = changeDate(m.Since, now); err != nil {
			return err
		}
		if err := tx.joinHousehold(h, k, m, reason, now); err != nil {
			return err
		}
	}
	for i := range h.Members {
		if m := &h.Members[i]; m.Representative {
			return tx.setRepresentative(h, &m.Person, m.Since, reason, now)
		}
	}
	return nil
}

// joinHousehold makes m a current member of h, creating the person when
// m.Person.ID is 0.
func (tx *Tx) joinHousehold(h *household.Household, k villageKeys, m *household.Member, reason string, now time.Time) error {
	if m.Person.ID == 0 {
		if err := tx.insertPerson(&m.Person, k, now); err != nil {
			return err
		}
	} else if err := tx.checkNoHousehold(m.Person.ID); err != nil {
		return err
	} else if _, err := tx.Exec("UPDATE persons SET village_id = $1, commune_id = $2, province_id = $3, updated_at = $4 WHERE id = $5",
		k.id, k.commune, k.province, now, m.Person.ID); err != nil {
		return err
	}
	m.HouseholdID, m.HouseholdCode, m.JoinReason = h.ID, h.Code, viet.NFC(reason)
	_, err := tx.Exec(`INSERT INTO household_members (household_id, person_id, relation, since_date, join_reason,
		commune_id, province_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		h.ID, m.Person.ID, m.Relation, formatDate(m.Since), m.JoinReason, k.commune, k.province, now, now)
	return err
}

// checkNoHousehold refuses a person who is a current member of a household.
func (tx *Tx) checkNoHousehold(personID int64) error {
	var code string
	err := tx.QueryRow(`SELECT h.code FROM household_members m JOIN households h ON h.id = m.household_id
		WHERE m.person_id = $1 AND m.until_date IS NULL`, personID).Scan(&code)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return coso.Errorf(coso.EConflict, "person", "Người này đang là thành viên hộ %s: hãy chuyển hộ thay vì thêm.",
		"This person is a member of household %s: move them instead.", code)
}

// setRepresentative ends the current representation of h on the given date
// and starts p's, after checking that p is an adult current member then.
func (tx *Tx) setRepresentative(h *household.Household, p *household.Person, on time.Time, reason string, now time.Time) error {
	if err := household.CheckRepresentative(p, on); err != nil {
		return err
	}
	var from string
	err := tx.QueryRow("SELECT from_date FROM household_representatives WHERE household_id = $1 AND to_date IS NULL", h.ID).Scan(&from)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if from != "" && formatDate(on) < from {
		return coso.Invalid("on", "Ngày thay đổi trước ngày người đại diện hiện tại bắt đầu (%s).",
			"The date is before the current representative started (%s).", from)
	}
	if _, err := tx.Exec("UPDATE household_representatives SET to_date = $1 WHERE household_id = $2 AND to_date IS NULL",
		formatDate(on), h.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO household_representatives (household_id, person_id, from_date, reason, commune_id, province_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, h.ID, p.ID, formatDate(on), viet.NFC(reason), h.CommuneID, h.ProvinceID, now); err != nil {
		return err
	}
	h.RepresentativeID, h.RepresentativeName = p.ID, p.FullName
	_, err = tx.Exec("UPDATE households SET representative_id = $1, updated_at = $2 WHERE id = $3", p.ID, now, h.ID)
	return err
}

// currentMember returns the person if they are a current member of h.
func (tx *Tx) currentMember(h *household.Household, personID int64) (*household.Person, string, error) {
	var since string
	p, err := scanPerson(tx.QueryRow("SELECT "+personColumns+`, m.since_date FROM household_members m JOIN persons p ON p.id = m.person_id
		WHERE m.household_id = $1 AND m.person_id = $2 AND m.until_date IS NULL`, h.ID, personID), &since)
	if err == sql.ErrNoRows {
		return nil, "", coso.Invalid("person", "Người %d không phải thành viên hiện tại của hộ %s.",
			"Person %d is not a current member of household %s.", personID, h.Code)
	}
	return p, since, err
}

// UpdateHousehold changes a household's code or address. A household
// changes village only by MoveHousehold, which keeps the history.
func (s *Store) UpdateHousehold(ctx context.Context, h *household.Household) error {
	if err := h.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		now := s.now()
		old, err := tx.lockHousehold(h.ID, now)
		if err != nil {
			return err
		}
		if h.VillageID != 0 && h.VillageID != old.VillageID {
			return coso.Invalid("village", "Chuyển hộ sang thôn khác bằng thao tác chuyển hộ.", "Use a household move to change its village.")
		}
		if old.Code == h.Code && old.Address == h.Address {
			*h = *old
			return nil
		}
		if old.Code != h.Code {
			var n int
			if err := tx.QueryRow("SELECT COUNT(*) FROM households WHERE code = $1", h.Code).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return coso.Errorf(coso.EConflict, "household_code", "Đã có hộ mã %s.", "A household with code %s already exists.", h.Code)
			}
		}
		if _, err := tx.Exec("UPDATE households SET code = $1, code_folded = $2, address = $3, updated_at = $4 WHERE id = $5",
			h.Code, viet.Fold(h.Code), h.Address, now, h.ID); err != nil {
			return err
		}
		summary := "address"
		if old.Code != h.Code {
			summary = "code " + old.Code + " → " + h.Code
		}
		code, addr := h.Code, h.Address
		*h = *old
		h.Code, h.Address, h.UpdatedAt = code, addr, now
		return tx.Audit(old.VillageID, "household.update", householdObject(h), summary)
	})
}

// AddMember makes m.Person a current member of the household from m.Since
// (today when zero): a new person when m.Person.ID is 0, else a stored
// person who belongs to no household now (use MovePerson otherwise). When
// m.Representative is set the person also becomes the representative.
func (s *Store) AddMember(ctx context.Context, householdID int64, m *household.Member) error {
	if m.Person.ID == 0 {
		if err := m.Validate(); err != nil {
			return err
		}
	} else if m.Relation = viet.NFC(m.Relation); m.Relation == "" {
		return coso.Invalid("relation", "Cần ghi quan hệ với chủ hộ.", "The relation to the head of household is required.")
	}
	return s.write(ctx, func(tx *Tx) error {
		now := s.now()
		on, err := changeDate(m.Since, now)
		if err != nil {
			return err
		}
		m.Since = on
		h, err := tx.lockHousehold(householdID, now)
		if err != nil {
			return err
		}
		if m.Person.ID != 0 {
			p, err := scanPerson(tx.QueryRow("SELECT "+personColumns+" FROM persons p WHERE p.id = $1", m.Person.ID))
			if err == sql.ErrNoRows {
				return notFoundPerson(fmt.Sprint(m.Person.ID))
			}
			if err != nil {
				return err
			}
			m.Person = *p
		}
		k := villageKeys{id: h.VillageID, code: h.VillageCode, commune: h.CommuneID, province: h.ProvinceID}
		if err := tx.joinHousehold(h, k, m, m.JoinReason, now); err != nil {
			return err
		}
		if m.Representative {
			if err := tx.setRepresentative(h, &m.Person, on, m.JoinReason, now); err != nil {
				return err
			}
		}
		return tx.Audit(h.VillageID, "household.member_add", householdObject(h), fmt.Sprintf("person:%d", m.Person.ID))
	})
}

// SetRepresentative makes a current adult member the household's
// representative from the given date (today when zero); the previous
// representation ends that day and both stay in the history.
func (s *Store) SetRepresentative(ctx context.Context, householdID, personID int64, on time.Time, reason string) error {
	reason, err := requireReason(reason)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		now := s.now()
		on, err := changeDate(on, now)
		if err != nil {
			return err
		}
		h, err := tx.lockHousehold(householdID, now)
		if err != nil {
			return err
		}
		if h.RepresentativeID == personID {
			return nil
		}
		p, _, err := tx.currentMember(h, personID)
		if err != nil {
			return err
		}
		if err := tx.setRepresentative(h, p, on, reason, now); err != nil {
			return err
		}
		return tx.Audit(h.VillageID, "household.representative", householdObject(h), fmt.Sprintf("representative person:%d", personID))
	})
}

// RemoveMember ends a person's membership of the household (death, moving
// away…), keeping it in the history. Removing the representative needs
// l.NewRepresentativeID while others remain; removing the last member ends
// the household.
func (s *Store) RemoveMember(ctx context.Context, householdID, personID int64, l household.Leave) error {
	reason, err := requireReason(l.Reason)
	if err != nil {
		return err
	}
	l.Reason = reason
	return s.write(ctx, func(tx *Tx) error {
		now := s.now()
		if l.On, err = changeDate(l.On, now); err != nil {
			return err
		}
		h, err := tx.lockHousehold(householdID, now)
		if err != nil {
			return err
		}
		if err := tx.leaveHousehold(h, personID, l, now); err != nil {
			return err
		}
		return tx.Audit(h.VillageID, "household.member_remove", householdObject(h), fmt.Sprintf("person:%d", personID))
	})
}

// leaveHousehold ends personID's current membership of h on l.On, first
// handing the representation to l.NewRepresentativeID when needed, and
// ends h when nobody is left.
func (tx *Tx) leaveHousehold(h *household.Household, personID int64, l household.Leave, now time.Time) error {
	_, since, err := tx.currentMember(h, personID)
	if err != nil {
		return err
	}
	if formatDate(l.On) < since {
		return coso.Invalid("on", "Ngày rời hộ trước ngày vào hộ (%s).", "The date of leaving is before the person joined (%s).", since)
	}
	if l.NewRepresentativeID != 0 && l.NewRepresentativeID != h.RepresentativeID {
		if l.NewRepresentativeID == personID {
			return coso.Invalid("new_representative", "Người rời hộ không thể là người đại diện mới.", "The person leaving cannot be the new representative.")
		}
		rep, _, err := tx.currentMember(h, l.NewRepresentativeID)
		if err != nil {
			return err
		}
		if err := tx.setRepresentative(h, rep, l.On, l.Reason, now); err != nil {
			return err
		}
	}
	if h.RepresentativeID == personID && h.MemberCount > 1 {
		return coso.Invalid("new_representative",
			"Người này đang đại diện hộ %s: cần chọn người đại diện mới trước khi rời hộ.",
			"This person represents household %s: name a new representative before they leave.", h.Code)
	}
	if _, err := tx.Exec(`UPDATE household_members SET until_date = $1, leave_reason = $2, updated_at = $3
		WHERE household_id = $4 AND person_id = $5 AND until_date IS NULL`, formatDate(l.On), l.Reason, now, h.ID, personID); err != nil {
		return err
	}
	h.MemberCount--
	if h.MemberCount > 0 {
		return nil
	}
	return tx.endHousehold(h, l.On, l.Reason, now)
}

// endHousehold marks h ended when its last member has left.
func (tx *Tx) endHousehold(h *household.Household, on time.Time, reason string, now time.Time) error {
	if _, err := tx.Exec("UPDATE household_representatives SET to_date = $1 WHERE household_id = $2 AND to_date IS NULL",
		formatDate(on), h.ID); err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE households SET ended_on = $1, end_reason = $2, representative_id = NULL, updated_at = $3 WHERE id = $4",
		formatDate(on), reason, now, h.ID); err != nil {
		return err
	}
	h.EndedOn, h.EndReason, h.RepresentativeID, h.RepresentativeName = on, reason, 0, ""
	return tx.Audit(h.VillageID, "household.end", householdObject(h), "last member left")
}

// MovePerson moves a person from their current household (if any) into
// another, as relation, on l.On (today when zero); both memberships stay in
// the history. The rules of RemoveMember apply to the household left.
func (s *Store) MovePerson(ctx context.Context, personID, toHouseholdID int64, relation string, l household.Leave) error {
	reason, err := requireReason(l.Reason)
	if err != nil {
		return err
	}
	l.Reason = reason
	m := household.Member{Person: household.Person{ID: personID}, Relation: viet.NFC(relation)}
	if m.Relation == "" {
		return coso.Invalid("relation", "Cần ghi quan hệ với chủ hộ mới.", "The relation to the new head of household is required.")
	}
	return s.write(ctx, func(tx *Tx) error {
		now := s.now()
		if l.On, err = changeDate(l.On, now); err != nil {
			return err
		}
		var fromID int64
		err := tx.QueryRow("SELECT household_id FROM household_members WHERE person_id = $1 AND until_date IS NULL", personID).Scan(&fromID)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		if fromID == toHouseholdID {
			return coso.Invalid("household", "Người này đã ở trong hộ đó.", "The person is already a member of that household.")
		}
		// Lock both households in id order, so two opposite moves cannot deadlock.
		first, second := min(fromID, toHouseholdID), max(fromID, toHouseholdID)
		var from, to *household.Household
		for _, id := range []int64{first, second} {
			if id == 0 {
				continue
			}
			h, err := tx.lockHousehold(id, now)
			if err != nil {
				return err
			}
			if id == fromID {
				from = h
			} else {
				to = h
			}
		}
		if from != nil {
			if err := tx.leaveHousehold(from, personID, l, now); err != nil {
				return err
			}
			if err := tx.Audit(from.VillageID, "person.move", householdObject(from), fmt.Sprintf("person:%d left for %s", personID, to.Code)); err != nil {
				return err
			}
		}
		m.Since = l.On
		k := villageKeys{id: to.VillageID, code: to.VillageCode, commune: to.CommuneID, province: to.ProvinceID}
		if err := tx.joinHousehold(to, k, &m, l.Reason, now); err != nil {
			return err
		}
		return tx.Audit(to.VillageID, "person.move", householdObject(to), fmt.Sprintf("person:%d joined", personID))
	})
}

// MoveHousehold moves a household, with its current members, to another
// village on the given date (today when zero); the move is kept in the
// household's history and its rows take the new commune and province.
func (s *Store) MoveHousehold(ctx context.Context, householdID, toVillageID int64, on time.Time, reason string) error {
	reason, err := requireReason(reason)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		now := s.now()
		if on, err = changeDate(on, now); err != nil {
			return err
		}
		h, err := tx.lockHousehold(householdID, now)
		if err != nil {
			return err
		}
		k, err := tx.village(toVillageID, "")
		if err != nil {
			return err
		}
		if k.id == h.VillageID {
			return coso.Invalid("village", "Hộ đã ở thôn %s.", "The household is already in village %s.", k.code)
		}
		if _, err := tx.Exec(`INSERT INTO household_moves (household_id, from_village_id, to_village_id, on_date, reason, commune_id, province_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, h.ID, h.VillageID, k.id, formatDate(on), reason, k.commune, k.province, now); err != nil {
			return err
		}
		if err := tx.relocate(h.ID, k, now); err != nil {
			return err
		}
		if err := tx.Audit(h.VillageID, "household.move", householdObject(h), "moved out to "+k.code); err != nil {
			return err
		}
		return tx.Audit(k.id, "household.move", householdObject(h), "moved in from "+h.VillageCode)
	})
}

// relocate points a household, its current members and its history rows at
// the village k and its commune and province.
func (tx *Tx) relocate(householdID int64, k villageKeys, now time.Time) error {
	stmts := []string{
		"UPDATE households SET village_id = $1, commune_id = $2, province_id = $3, updated_at = $4 WHERE id = $5",
		`UPDATE persons SET village_id = $1, commune_id = $2, province_id = $3, updated_at = $4
			WHERE id IN (SELECT person_id FROM household_members WHERE household_id = $5 AND until_date IS NULL)`,
	}
	for _, q := range stmts {
		if _, err := tx.Exec(q, k.id, k.commune, k.province, now, householdID); err != nil {
			return err
		}
	}
	for _, table := range []string{"household_members", "household_representatives"} {
		if _, err := tx.Exec("UPDATE "+table+" SET commune_id = $1, province_id = $2 WHERE household_id = $3",
			k.commune, k.province, householdID); err != nil {
			return err
		}
	}
	return nil
}

// followMerge keeps households where their units went in a merger: the
// households of a merged village move to the successor village (each move
// recorded), and the rows of a merged commune or province take the
// successor as their partition key. MergeUnits calls it for each merged unit.
func (tx *Tx) followMerge(old, succ *place.Unit, on time.Time, note string, now time.Time) error {
	if old.Kind.IsGrassroots() && succ.Kind.IsGrassroots() {
		k, err := tx.village(succ.ID, "")
		if err != nil {
			return err
		}
		reason := "merger of " + old.Code + " into " + succ.Code
		if note != "" {
			reason += " (" + viet.NFC(note) + ")"
		}
		if _, err := tx.Exec(`INSERT INTO household_moves (household_id, from_village_id, to_village_id, on_date, reason, commune_id, province_id, created_at)
			SELECT id, village_id, $1, $2, $3, $4, $5, $6 FROM households WHERE village_id = $7 AND ended_on IS NULL`,
			k.id, formatDate(on), reason, k.commune, k.province, now, old.ID); err != nil {
			return err
		}
		rows, err := tx.Query("SELECT id FROM households WHERE village_id = $1 AND ended_on IS NULL", old.ID)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				_ = rows.Close() // the scan error is the one to report
				return err
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			_ = rows.Close()
			return err
		}
		if err := rows.Close(); err != nil {
			return err
		}
		for _, id := range ids {
			if err := tx.relocate(id, k, now); err != nil {
				return err
			}
		}
		return nil
	}
	for _, table := range []string{"households", "persons", "household_members", "household_representatives", "household_moves"} {
		for _, col := range []string{"commune_id", "province_id"} {
			if _, err := tx.Exec("UPDATE "+table+" SET "+col+" = $1 WHERE "+col+" = $2", succ.ID, old.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
