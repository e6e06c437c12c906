package store

// SetRankWindow narrows the search's window of newest matches (tests);
// the returned function restores it.
func SetRankWindow(n int) func() {
	old := rankWindow
	rankWindow = n
	return func() { rankWindow = old }
}
