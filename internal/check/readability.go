package check

import (
	"strings"
	"unicode"
)

// Readability is the Flesch reading ease of an English text: 206.835 − 1.015 × (words per
// sentence) − 84.6 × (syllables per word). 60–70 is plain English that a reader of about
// 11 to 13 understands; higher is easier. Syllables are counted with the usual vowel-group
// rule, which is close enough to compare pages and flag hard ones.
func Readability(text string) (score float64, words, sentences int) {
	syllables := 0
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		n := 0
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
			if w = strings.Trim(w, "'’"); w == "" {
				continue
			}
			n++
			syllables += Syllables(w)
		}
		if n == 0 {
			continue
		}
		words += n
		// Each line is a block (paragraph, heading, list item); count its sentence ends,
		// and the block itself as one sentence if it has no final stop.
		s := strings.Count(line, ". ") + strings.Count(line, "? ") + strings.Count(line, "! ") + strings.Count(line, ": ")
		if !strings.HasSuffix(line, ":") {
			s++
		}
		sentences += s
	}
	if words == 0 || sentences == 0 {
		return 100, words, sentences
	}
	score = 206.835 - 1.015*float64(words)/float64(sentences) - 84.6*float64(syllables)/float64(words)
	return score, words, sentences
}

// Syllables estimates the syllables of an English word.
func Syllables(word string) int {
	w := strings.ToLower(word)
	n := 0
	prevVowel := false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prevVowel {
			n++
		}
		prevVowel = v
	}
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && n > 1 {
		n-- // silent e: "make", "share"
	}
	if strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded") && n > 1 {
		n-- // "asked", "shared"
	}
	if n == 0 {
		n = 1
	}
	return n
}
