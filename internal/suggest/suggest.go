// Package suggest finds the known name closest to a misspelt one, for "did you mean"
// messages about unknown keys, layouts and languages.
package suggest

import "strings"

// Closest returns the candidate nearest to s, ignoring case, when it is near enough to be
// a likely typo; otherwise "". A typo is a few letters dropped, added, changed or swapped
// ("nmae", "descripton", "brandColour"): at most one edit for every three letters, and
// always one. A word that shares only its length and a few letters with a candidate
// ("colour" and "layout") is no typo of it, and a wrong suggestion misleads more than none.
func Closest(s string, candidates []string) string {
	best, bestDist := "", max(1, len([]rune(s))/3)+1
	for _, c := range candidates {
		if d := distance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the edit distance between a and b in runes, counting a swap of two
// neighbouring letters as one edit (the optimal string alignment distance).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
