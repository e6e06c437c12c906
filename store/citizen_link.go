package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"coso/account"
	"coso/household"
	"coso/phonecode"
)

// PersonPlace is where a person lives now (or lived last): the units that
// decide who may see and confirm them.
type PersonPlace struct {
	VillageID  int64
	CommuneID  int64
	ProvinceID int64
}

// PersonPlace returns where the person with the given id lives.
func (s *Store) PersonPlace(ctx context.Context, personID int64) (PersonPlace, error) {
	var p PersonPlace
	err := s.r.QueryRowContext(ctx, "SELECT village_id, commune_id, province_id FROM persons WHERE id = $1", personID).
		Scan(&p.VillageID, &p.CommuneID, &p.ProvinceID)
	if err == sql.ErrNoRows {
		return p, notFoundPerson(fmt.Sprint(personID))
	}
	return p, err
}

// RepresentedVillages returns the villages of the current households that
// the person represents, in order of household id.
func (s *Store) RepresentedVillages(ctx context.Context, personID int64) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT village_id FROM households
		WHERE representative_id = $1 AND ended_on IS NULL ORDER BY id`, personID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// CitizenGrants returns the derived grants of a citizen who is the person
// personID (0: an account not yet confirmed as anyone), read from the
// register now: account.CitizenGrants over the top-level units and the
// villages of the households the person represents. The web guard and the
// API both call it on every request, so a change of representative takes
// effect at once.
func (s *Store) CitizenGrants(ctx context.Context, personID int64) ([]account.Grant, error) {
	roots, err := s.Units(ctx, UnitFilter{TopLevel: true})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(roots))
	for i, u := range roots {
		ids[i] = u.ID
	}
	var reps []int64
	if personID != 0 {
		if reps, err = s.RepresentedVillages(ctx, personID); err != nil {
			return nil, err
		}
	}
	return account.CitizenGrants(ids, reps), nil
}

// CitizenMatch is a citizen account and a person whose phone number is the
// account's: the evidence an official looks at before confirming that the
// account is that person.
type CitizenMatch struct {
	Citizen     phonecode.Citizen
	Person      household.Person
	VillageID   int64
	VillageCode string
	VillageName string
}

// CitizenMatchFilter selects matches for the confirmation page.
type CitizenMatchFilter struct {
	Roots      []int64 // only persons living in the subtree of one of these units; none: no matches
	Phone      string  // only this phone (stored form, +84…); empty: any
	WithLinked bool    // include accounts already linked and persons already claimed
	Limit      int     // 0: no limit
}

// CitizenMatches lists citizen accounts whose phone number is that of a
// person living under one of f.Roots. Without f.WithLinked it leaves out
// accounts already linked and persons another account is linked to: the
// work left for the official.
func (s *Store) CitizenMatches(ctx context.Context, f CitizenMatchFilter) ([]CitizenMatch, error) {
	if len(f.Roots) == 0 {
		return nil, nil
	}
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	var under []string
	for _, r := range f.Roots {
		under = append(under, "p.village_id IN ("+subtreeSQL(arg(r))+")")
	}
	// #nosec G202 -- only column lists and $n placeholders are joined; values go in args
	q := `SELECT c.id, c.phone, COALESCE(c.person_id, 0), COALESCE(c.linked_by, 0), c.linked_at, c.created_at, c.last_seen_at,
		` + personColumns + `, v.id, v.code, v.name
		FROM citizens c JOIN persons p ON p.phone = c.phone JOIN units v ON v.id = p.village_id
		WHERE (` + strings.Join(under, " OR ") + ")"
	if f.Phone != "" {
		q += " AND c.phone = " + arg(f.Phone)
	}
	if !f.WithLinked {
		q += " AND c.person_id IS NULL AND NOT EXISTS (SELECT 1 FROM citizens l WHERE l.person_id = p.id)"
	}
	q += " ORDER BY c.id, p.id"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit) // #nosec G202 -- only $n placeholders are joined; values go in args
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CitizenMatch
	for rows.Next() {
		var m CitizenMatch
		var linked sql.NullTime
		c := &m.Citizen
		p, err := scanPerson(multiScanner{rows, []any{&c.ID, &c.Phone, &c.PersonID, &c.LinkedBy, &linked, &c.CreatedAt, &c.LastSeenAt}},
			&m.VillageID, &m.VillageCode, &m.VillageName)
		if err != nil {
			return nil, err
		}
		c.LinkedAt, m.Person = linked.Time, *p
		out = append(out, m)
	}
	return out, rows.Err()
}

// multiScanner lets scanPerson read a row whose person columns come after
// other columns (before).
type multiScanner struct {
	row    scanner
	before []any
}

func (m multiScanner) Scan(dest ...any) error { return m.row.Scan(append(m.before, dest...)...) }
