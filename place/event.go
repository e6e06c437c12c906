package place

import "time"

// EventKind is what happened to a unit in its history.
type EventKind string

const (
	Created    EventKind = "created"
	Renamed    EventKind = "renamed"
	MergedInto EventKind = "merged_into" // this unit ended and OtherID is its successor
	Absorbed   EventKind = "absorbed"    // OtherID ended and this unit is its successor
	Moved      EventKind = "moved"       // the unit changed parent
)

// Event is one line of a unit's history. Events are never changed or deleted.
type Event struct {
	ID        int64
	UnitID    int64
	Kind      EventKind
	OldName   string
	NewName   string
	OtherID   int64
	OtherCode string
	OtherName string
	On        time.Time // the local date it took effect
	Note      string
	CreatedAt time.Time
}

// Merge is the decision that merges several units into one successor,
// which may be one of them or a new unit (as in the July 2025 reform).
type Merge struct {
	SuccessorCode string
	MergedCodes   []string
	On            time.Time
	Note          string // the legal basis, e.g. "Nghị quyết 1686/NQ-UBTVQH15"
}
