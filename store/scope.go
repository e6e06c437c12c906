package store

// Scope limits a list to the records about one unit and the units below it,
// as an official's grant covers a subtree.
type Scope struct {
	Under int64 // 0: every record
	// Unitless adds, when Under is set, the records about no unit in
	// particular (an account's password change, a sign-in code): the
	// pages give them only to those whose grant is on a top-level unit.
	Unitless bool
}

// where returns the SQL condition (starting with " AND") that keeps the
// rows whose column col lies in the scope; arg adds a placeholder.
func (sc Scope) where(col string, arg func(any) string) string {
	if sc.Under == 0 {
		return ""
	}
	cond := col + " IN (" + subtreeSQL(arg(sc.Under)) + ")"
	if sc.Unitless {
		cond = "(" + cond + " OR " + col + " IS NULL)"
	}
	return " AND " + cond
}
