package ratelimit

import "time"

// Rule is one limit: at most Limit attempts per Window for one subject
// (a phone number, a username, an address). Keys are Name + ":" + subject.
type Rule struct {
	Name   string
	Limit  int
	Window time.Duration
	Why    string
}

// The limits. Code requests cost money (an SMS each) and each new code
// gives an attacker 5 more guesses, so they are the tightest; a daily cap
// per phone bounds the guesses on one account to 50 a day (at one chance in
// a million each). Address limits catch one machine trying many accounts.
var (
	CodePerPhone = Rule{"otp:phone", 5, 15 * time.Minute,
		"SMS code requests for one phone number"}
	CodePerPhoneDay = Rule{"otp:phone:day", 10, 24 * time.Hour,
		"SMS code requests for one phone number in a day"}
	CodePerAddr = Rule{"otp:ip", 20, time.Hour,
		"SMS code requests from one address"}
	SignInPerUser = Rule{"signin:user", 10, 15 * time.Minute,
		"sign-in attempts for one username"}
	SignInPerAddr = Rule{"signin:ip", 50, 15 * time.Minute,
		"sign-in attempts (password or code) from one address"}
	// Requests for information come from citizens who need not sign in;
	// a few a day from one address is plenty for a person.
	InfoRequestPerAddr = Rule{"inforequest:ip", 10, 24 * time.Hour,
		"requests for information sent from one address in a day"}
	// Petitions, complaints and denunciations need no sign-in either; a
	// family sharing a connection may send several in a day.
	PetitionPerAddr = Rule{"petition:ip", 20, 24 * time.Hour,
		"petitions, complaints and denunciations sent from one address in a day"}
	// A one-stop desk's shared computer may rate many procedures a day.
	RatingPerAddr = Rule{"rating:ip", 60, 24 * time.Hour,
		"satisfaction ratings sent from one address in a day"}
)

// Rules lists every limit, for documentation and administration pages.
var Rules = []Rule{CodePerPhone, CodePerPhoneDay, CodePerAddr, SignInPerUser, SignInPerAddr, InfoRequestPerAddr, PetitionPerAddr, RatingPerAddr}

// longestWindow is how long counters must be kept.
func longestWindow() time.Duration {
	var w time.Duration
	for _, r := range Rules {
		w = max(w, r.Window)
	}
	return w
}
