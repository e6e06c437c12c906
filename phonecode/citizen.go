package phonecode

import "time"

// Citizen is the account of a person who signs in with a phone number.
// Until a village head or commune officer confirms which person of which
// household it belongs to (PersonID), it may read and comment but not act
// for a household.
type Citizen struct {
	ID         int64
	Phone      string // +84…
	PersonID   int64  // 0 until linked
	LinkedBy   int64  // the official who confirmed the link
	LinkedAt   time.Time
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// Linked tells whether the account is linked to a person.
func (c *Citizen) Linked() bool { return c.PersonID != 0 }
