package store

import (
	"math/bits"
	"strings"
)

// Shows names the parts of the public portal a page shows besides the
// units (their names, mergers, households counted): the page cache keeps
// a page while nothing it shows has changed, so a storm of ballots does not
// end the cached disclosure lists, nor a new disclosure the decisions.
type Shows uint8

const (
	ShowsDisclosures   Shows = 1 << iota // Dân biết: disclosures, requests for information
	ShowsDecisions                       // Dân quyết: matters, their results and decisions
	ShowsConsultations                   // Dân bàn: consultations, opinions, answer reports
	ShowsPetitions                       // Dân giám sát: petition figures, ratings, reception
	showsParts               = iota

	// ShowsEverything is every part.
	ShowsEverything = ShowsDisclosures | ShowsDecisions | ShowsConsultations | ShowsPetitions
	// showsUnits marks the changes every public page shows.
	showsUnits Shows = 1 << showsParts
)

// publicActions are the audit actions (by prefix) of changes that public
// pages show, and which part shows each. Every change is audited, so a
// change to one of these can not forget to count. Units, the working-day
// calendar behind deadlines, the demo mark, households and persons (pages count
// them) show on every page.
var publicActions = []struct {
	prefix string
	shows  Shows
}{
	{"unit.", showsUnits}, {"calendar.", showsUnits}, {"store.demo", showsUnits}, {"household.", showsUnits}, {"person.", showsUnits},
	{"disclosure.", ShowsDisclosures}, {"information_request.", ShowsDisclosures},
	{"matter.", ShowsDecisions},
	{"consultation.", ShowsConsultations}, {"opinion.", ShowsConsultations}, {"opinion_group.", ShowsConsultations},
	{"petition.", ShowsPetitions}, {"rating.", ShowsPetitions}, {"reception.", ShowsPetitions},
}

// shownBy is what public pages an audited action changes.
func shownBy(action string) Shows {
	var shows Shows
	for _, a := range publicActions {
		if strings.HasPrefix(action, a.prefix) {
			shows |= a.shows
		}
	}
	return shows
}

// published counts a committed change in each part it shows.
func (s *Store) published(shows Shows) {
	for shows != 0 {
		i := bits.TrailingZeros8(uint8(shows))
		s.public[i].Add(1)
		shows &^= 1 << i
	}
}

// PublicVersion counts the committed changes, made through this store,
// that a page showing the units and the given parts shows. A cache of
// rendered public pages keeps a page only as long as the version it was
// rendered under is current; reading the version before reading the data
// makes a page rendered from data older than a change always stale. The
// version is a sum of counters that only grow, so it changes whenever one
// of them does. Changes made by another process or another node are not
// counted: such a cache also needs an age limit.
func (s *Store) PublicVersion(shows Shows) uint64 {
	v := s.public[showsParts].Load()
	for i := range showsParts {
		if shows&(1<<i) != 0 {
			v += s.public[i].Load()
		}
	}
	return v
}
