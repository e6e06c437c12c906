package apptest

import (
	"strconv"
	"strings"
	"unicode"

	"coso/viet"
)

// Data is personal data to look for in logs, kept in the forms every
// written form reduces to: names folded (case, marks, NFC or NFD, đ all
// fold away), phone numbers as their nine national digits ("0912 345 678",
// "+84912345678", "84-912-345-678" all hold 912345678 once separators go),
// citizen IDs and other identifiers as their digits, e-mail addresses in
// lower case.
type Data struct {
	names  map[string]bool // folded, two words or more
	digits map[string]bool // 9 digits of a phone, 12 of a citizen ID
	emails map[string]bool
	most   int // the most words in a name
}

// NewData returns an empty set.
func NewData() *Data {
	return &Data{names: map[string]bool{}, digits: map[string]bool{}, emails: map[string]bool{}}
}

// Add remembers a person's name, phone and citizen ID (or e-mail); empty
// values are skipped.
func (d *Data) Add(name, phone, id string) {
	if f := viet.Fold(name); len(strings.Fields(f)) >= 2 {
		d.names[f] = true
		d.most = max(d.most, len(strings.Fields(f)))
	}
	if n, err := viet.NormalizePhone(phone); err == nil {
		d.digits[n[3:]] = true
	}
	if strings.Contains(id, "@") {
		d.emails[strings.ToLower(id)] = true
	} else if ds := onlyDigits(id); len(ds) >= 9 {
		d.digits[ds] = true
	}
}

// Find returns a description (never the data itself) of each kind of
// personal data found in text.
func (d *Data) Find(text string) []string {
	var found []string
	if n := d.countNames(text); n > 0 {
		found = append(found, plural(n, "name"))
	}
	if n := d.countDigits(text); n > 0 {
		found = append(found, plural(n, "phone number or citizen ID"))
	}
	n := 0
	lower := strings.ToLower(text)
	for e := range d.emails {
		if strings.Contains(lower, e) {
			n++
		}
	}
	if n > 0 {
		found = append(found, plural(n, "e-mail address"))
	}
	return found
}

// countNames slides a window of 2 to d.most words over the folded text.
func (d *Data) countNames(text string) int {
	words := strings.Fields(viet.Fold(text))
	seen := map[string]bool{}
	for i := range words {
		for n := 2; n <= d.most && i+n <= len(words); n++ {
			if g := strings.Join(words[i:i+n], " "); d.names[g] {
				seen[g] = true
			}
		}
	}
	return len(seen)
}

// countDigits drops the separators people write numbers with, then looks
// at every run of digits for the remembered numbers.
func (d *Data) countDigits(text string) int {
	squeezed := strings.Map(func(r rune) rune {
		if strings.ContainsRune(" .-()+\u00a0", r) {
			return -1
		}
		return r
	}, text)
	seen := map[string]bool{}
	for _, run := range strings.FieldsFunc(squeezed, func(r rune) bool { return !unicode.IsDigit(r) }) {
		for want := range d.digits {
			if strings.Contains(run, want) {
				seen[want] = true
			}
		}
	}
	return len(seen)
}

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
