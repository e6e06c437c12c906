package viet

import (
	"sort"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A collator is not safe for concurrent use, so each comparison borrows one.
var collators = sync.Pool{New: func() any { return collate.New(language.Vietnamese) }}

// Compare orders two strings in Vietnamese alphabetical order
// (a ă â b c d đ e ê …, tones after the base letter).
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// SortBy sorts items in Vietnamese alphabetical order of key(item).
func SortBy[T any](items []T, key func(T) string) {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	sort.SliceStable(items, func(i, j int) bool {
		return c.CompareString(key(items[i]), key(items[j])) < 0
	})
}
