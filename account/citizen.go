package account

// CitizenGrants derives the roles of a citizen from the register; they are
// never granted by hand nor stored, so they follow the register the moment
// it changes (a new representative, a household that moves or ends).
//
//   - Every citizen, confirmed or not, holds role citizen on each top-level
//     unit (roots): a citizen may read and comment anywhere (issue 3: "until
//     then it can read and comment but not act for a household").
//   - A citizen whose account is confirmed as a person (by a village head
//     or commune officer, or by the identity provider's verified citizen
//     ID) and who represents a current household holds household_rep on
//     that household's village (represents: the villages of those
//     households), and so acts for it: votes and signs (LAW.md "Dân quyết").
func CitizenGrants(roots, represents []int64) []Grant {
	var out []Grant
	for _, u := range roots {
		out = append(out, Grant{Role: Citizen, UnitID: u})
	}
	for _, v := range represents {
		out = append(out, Grant{Role: HouseholdRep, UnitID: v})
	}
	return out
}
