package account

// Official tells whether r is granted by hand to an official: every role
// but citizen (a citizen's own account) and household_rep (derived from
// the household register).
func (r Role) Official() bool {
	_, ok := roles[r]
	return ok && r != Citizen && r != HouseholdRep
}

// OfficialRoles lists the roles an administrator may grant, the most local
// first.
func OfficialRoles() []Role {
	var out []Role
	for _, r := range Roles() {
		if r.Official() {
			out = append(out, r)
		}
	}
	return out
}

// GrantableRoles lists the official roles that may be granted on a unit of
// kind.
func GrantableRoles(kind string) []Role {
	var out []Role
	for _, r := range OfficialRoles() {
		if r.CheckUnitKind(kind) == nil {
			out = append(out, r)
		}
	}
	return out
}
