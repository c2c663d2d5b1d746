package search

import (
	"iter"
	"maps"
	"slices"
	"strings"
)

// PlacedWords are distinct words, each with the best place it has on a page (see
// PageWords and TextWords). A build holds them for every page until the indexes are made,
// so they are kept compact: the words in one string, and one byte for each place. The
// order of the words is not part of their meaning. The zero value has no words.
type PlacedWords struct {
	words  string  // each word followed by a NUL (words are letters and digits only)
	places []Place // the place of each word, in the same order
}

// NewPlacedWords makes PlacedWords of a map from word to place.
func NewPlacedWords(m map[string]Place) PlacedWords {
	return placed(slices.Sorted(maps.Keys(m)), func(_ int, w string) Place { return m[w] })
}

// placed makes PlacedWords of distinct words, in their order.
func placed(words []string, place func(i int, w string) Place) PlacedWords {
	n := 0
	for _, w := range words {
		n += len(w) + 1
	}
	var b strings.Builder
	b.Grow(n)
	pw := PlacedWords{places: make([]Place, len(words))}
	for i, w := range words {
		b.WriteString(w)
		b.WriteByte(0)
		pw.places[i] = place(i, w)
	}
	pw.words = b.String()
	return pw
}

// Len is the number of words.
func (pw PlacedWords) Len() int { return len(pw.places) }

// All yields each word and its place.
func (pw PlacedWords) All() iter.Seq2[string, Place] {
	return func(yield func(string, Place) bool) {
		rest := pw.words
		for _, p := range pw.places {
			i := strings.IndexByte(rest, 0)
			if !yield(rest[:i], p) {
				return
			}
			rest = rest[i+1:]
		}
	}
}

// Lookup returns the place of a word, and whether it is there.
func (pw PlacedWords) Lookup(word string) (Place, bool) {
	for w, p := range pw.All() {
		if w == word {
			return p, true
		}
	}
	return 0, false
}
