package store

import "testing"

// A change ends the cached pages that show it and no others: a ballot
// leaves the disclosure lists alone, a unit's new name ends every page,
// and a change no public page shows ends none.
func TestPublicVersionPerPart(t *testing.T) {
	s := &Store{}
	pages := []Shows{0, ShowsDisclosures, ShowsDecisions, ShowsConsultations, ShowsPetitions, ShowsEverything}
	for _, c := range []struct {
		action string
		ends   []Shows // the pages whose version changes
	}{
		{"matter.online_ballot", []Shows{ShowsDecisions, ShowsEverything}},
		{"disclosure.publish", []Shows{ShowsDisclosures, ShowsEverything}},
		{"information_request.answer", []Shows{ShowsDisclosures, ShowsEverything}},
		{"opinion.post", []Shows{ShowsConsultations, ShowsEverything}},
		{"reception.request", []Shows{ShowsPetitions, ShowsEverything}},
		{"unit.update", pages},
		{"household.import", pages},
		{"account.create", nil},
		{"session.end", nil},
	} {
		before := map[Shows]uint64{}
		for _, p := range pages {
			before[p] = s.PublicVersion(p)
		}
		s.published(shownBy(c.action))
		for _, p := range pages {
			ended := s.PublicVersion(p) != before[p]
			want := false
			for _, e := range c.ends {
				want = want || e == p
			}
			if ended != want {
				t.Errorf("%s: the page showing %04b ended = %v, want %v", c.action, p, ended, want)
			}
		}
	}
}
