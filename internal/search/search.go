// Package search builds the per-language search index that the search box on every page
// loads when a reader starts typing: no search service, no request beyond the site's own
// files, and it works from disk. The index is a JavaScript file (a JSON object assigned to
// a global) rather than JSON, because browsers refuse to fetch files from disk but do load
// scripts.
//
// Words are normalised the same way here and in assets/js/search.js: lower case, accents
// and Arabic-script vowel marks removed (so "zrobic" finds "zrobić" and an unvowelled
// Arabic word finds a vowelled one), and Arabic-script letter variants folded (ي ى ی, ك ک,
// ة ه), so words in every script are found.
package search

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Doc is one page to index.
type Doc struct {
	URL     string // from the site root, e.g. "en/help/index.html"
	Title   string
	Section string   // the title of its section, shown under the result
	Words   []string // the distinct words of its text (see Words)
	Lang    string   // the language its words are in, when not the index's
}

// Words returns the distinct words of a text worth indexing (two letters or more), in
// the order they first appear. It gives the same words as Tokens, faster: it is run on
// every page.
func Words(text string) []string {
	seen := make(map[string]struct{}, 256)
	var out []string
	add := func(w string) {
		if _, ok := seen[w]; !ok {
			seen[w] = struct{}{}
			out = append(out, w)
		}
	}
	start := -1
	for i, r := range text {
		word := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
			r >= 0x80 && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r))
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			wordsOf(text[start:i], add)
			start = -1
		}
	}
	if start >= 0 {
		wordsOf(text[start:], add)
	}
	return out
}

// wordsOf normalises one run of letters, which may split further (a mark on its own), and
// passes on each word of two letters or more.
func wordsOf(run string, add func(string)) {
	if isASCII(run) {
		if len(run) > 1 {
			add(strings.ToLower(run))
		}
		return
	}
	for _, w := range Tokens(run) {
		if utf8.RuneCountInString(w) > 1 {
			add(w)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fold maps Arabic-script letter variants to one form.
var fold = strings.NewReplacer(
	"ى", "ي", "ی", "ي", "ئ", "ي", // dotless and Persian/Urdu yeh
	"ک", "ك", // Persian/Urdu keheh
	"ة", "ه", "ۀ", "ه", "ہ", "ه", "ھ", "ه", // teh marbuta, Urdu heh forms
	"ـ", "", // tatweel
)

// Normalize prepares text for matching; assets/js/search.js must do the same.
func Normalize(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // no accents or marks to remove
	}
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return fold.Replace(norm.NFC.String(b.String()))
}

// Tokens splits normalised text into words of letters and digits.
func Tokens(s string) []string {
	return strings.FieldsFunc(Normalize(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// index is the shape of the file: pages, and each word with the pages it is in (titles'
// words are marked by a negative page number so the script can rank them first).
type index struct {
	Pages [][4]string      `json:"pages"` // url, title, section, lang
	Words map[string][]int `json:"words"`
}

// Build returns the index file of one language.
func Build(lang string, docs []Doc) []byte {
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].URL < docs[j].URL })
	ix := index{Words: map[string][]int{}}
	for i, d := range docs {
		ix.Pages = append(ix.Pages, [4]string{d.URL, d.Title, d.Section, d.Lang})
		seen := map[string]int{}
		for _, w := range Tokens(d.Title) {
			seen[w] = -(i + 1)
		}
		for _, w := range d.Words {
			if _, ok := seen[w]; !ok {
				seen[w] = i + 1
			}
		}
		for w, n := range seen {
			ix.Words[w] = append(ix.Words[w], n)
		}
	}
	b, _ := json.Marshal(ix) // maps marshal with sorted keys: deterministic
	return []byte("(window.talksiteIndex = window.talksiteIndex || {})[" + quote(lang) + "] = " + string(b) + ";\n")
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
