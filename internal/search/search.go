// Package search builds the per-language search index that the search box on every page
// loads when a reader starts typing: no search service, no request beyond the site's own
// files, and it works from disk. The index is a JavaScript file (a JSON object assigned to
// a global) rather than JSON, because browsers refuse to fetch files from disk but do load
// scripts.
//
// # Words
//
// Words are normalised the same way here and in assets/js/search.js: lower case, accents
// and Arabic-script vowel marks removed (so "zrobic" finds "zrobić" and an unvowelled
// Arabic word finds a vowelled one), and Arabic-script letter variants folded (ي ى ی, ك ک,
// ة ه), so words in every script are found.
//
// A page is indexed with the words it shows, in whatever language it shows them: an
// English page standing in for a missing Polish translation is in the Polish index with
// its English words. Each word carries the best place it has on the page (see Place), so
// the script can rank a page whose title has the word above one that mentions it once.
//
// # Ranking and synonyms
//
// The script matches any of the words typed, not all of them: a worried parent types a
// sentence ("found something on my child's phone"), and most of its words are on no page.
// A page ranks by how many of the typed words it has, then by where it has them. Words
// of the language's stop list ("the", "my", "on") are not indexed and not searched.
//
// Synonyms (data/<lang>/synonyms.toml, see ParseSynonyms) are expanded by the script when
// the reader searches, not here: the index then holds each page's words once, instead of
// every word of a group for every page that has one of them, and a page with the word
// typed can rank above a page with only a synonym of it.
package search

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/talksite/talksite/internal/locale"
)

// Place is where a word shows on a page; a higher place ranks higher.
type Place uint8

const (
	InText    Place = iota // in the text
	Often                  // in the text, three times or more
	InHeading              // in a heading
	InTitle                // in the page's title
)

// places is how many Place values there are: the index stores page*places+place.
const places = 4

// Doc is one page to index.
type Doc struct {
	URL     string // from the site root, e.g. "en/help/index.html"
	Title   string
	Section string // the title of its section, shown under the result
	Snippet string // a sentence about the page (its description), shown under the result
	Lang    string // the language its words are in, when not the index's
	// SectionLang is the language of the section's title, when not the index's.
	SectionLang string
	// Words are the page's words (normalised) with the best place each has (see
	// PageWords and TextWords). The title's words are added by Build.
	Words PlacedWords
}

// TextWords gives words from a page's text (see Words) the place InText.
func TextWords(words []string) PlacedWords {
	sorted := slices.Sorted(slices.Values(words))
	return placed(slices.Compact(sorted), func(int, string) Place { return InText })
}

// Words returns the distinct words of a text worth indexing (two letters or more), in
// the order they first appear. It gives the same words as Tokens, faster: it is run on
// every page.
func Words(text string) []string { return NewReader().Words(text) }

// Words is the package's Words, remembering what it normalised.
func (r *Reader) Words(text string) []string {
	seen := make(map[string]struct{}, 256)
	var out []string
	r.ws.each([]byte(text), func(w []byte) {
		if _, ok := seen[string(w)]; !ok {
			s := string(w)
			seen[s] = struct{}{}
			out = append(out, s)
		}
	})
	return out
}

// wordScanner finds the words of texts; its buffer for lower-casing is reused, and so are
// the words of the runs it has normalised (see wordsOf).
type wordScanner struct {
	lower []byte
	// normal holds the words of each non-ASCII run already normalised: Normalize's
	// decomposing and composing was the largest cost of indexing pages in other scripts.
	normal map[string][][]byte
}

// maxNormal bounds a scanner's normal map: a language's vocabulary fits, a stream of
// unique words does not grow it without end.
const maxNormal = 1 << 15

// A Reader reads the words of pages (PageWords) and texts (Words). It remembers the words
// it has normalised, so a build reads thousands of pages with one Reader per goroutine;
// it is not safe for use by several goroutines at once.
type Reader struct {
	ws wordScanner
	// Every word read has a number (ids, words), and for each number where it was last
	// seen (last): a page's words are counted in slices, not in a map made for each page.
	ids   map[string]int32
	words []string
	last  []lastSeen
	page  uint32 // the page being read, counting from 1
}

// lastSeen is the page a word was last seen on and its place in that page's list.
type lastSeen struct {
	page uint32
	slot int32
}

// number returns the number of word w, giving it one when it is new.
func (r *Reader) number(w []byte) int32 {
	if id, ok := r.ids[string(w)]; ok {
		return id
	}
	id := int32(len(r.words))
	s := string(w)
	r.ids[s] = id
	r.words = append(r.words, s)
	r.last = append(r.last, lastSeen{})
	return id
}

// NewReader returns a Reader.
func NewReader() *Reader { return &Reader{} }

// each passes on every word of text worth indexing, normalised, repeats included. The
// word passed on is valid only during the call: it may be in a reused buffer.
func (ws *wordScanner) each(text []byte, add func([]byte)) {
	start := -1
	for i := 0; i < len(text); {
		c, size := text[i], 1
		var word bool
		if c < utf8.RuneSelf {
			word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRune(text[i:])
			word = unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
		}
		if word {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			ws.wordsOf(text[start:i], add)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		ws.wordsOf(text[start:], add)
	}
}

// wordsOf normalises one run of letters, which may split further (a mark on its own), and
// passes on each word of two letters or more.
func (ws *wordScanner) wordsOf(run []byte, add func([]byte)) {
	if isASCII(run) {
		if len(run) > 1 {
			add(ws.toLower(run))
		}
		return
	}
	words, ok := ws.normal[string(run)]
	if !ok {
		for _, w := range Tokens(string(run)) {
			if utf8.RuneCountInString(w) > 1 {
				words = append(words, []byte(w))
			}
		}
		if ws.normal == nil || len(ws.normal) >= maxNormal {
			ws.normal = map[string][][]byte{}
		}
		ws.normal[string(run)] = words
	}
	for _, w := range words {
		add(w)
	}
}

// toLower lower-cases an ASCII word, in the reused buffer when it has capitals.
func (ws *wordScanner) toLower(w []byte) []byte {
	upper := false
	for _, c := range w {
		if c >= 'A' && c <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return w
	}
	ws.lower = ws.lower[:0]
	for _, c := range w {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		ws.lower = append(ws.lower, c)
	}
	return ws.lower
}

func isASCII[T string | []byte](s T) bool {
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
	s = locale.NFD(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return fold.Replace(locale.NFC(b.String()))
}

// Tokens splits normalised text into words of letters and digits.
func Tokens(s string) []string {
	return strings.FieldsFunc(Normalize(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// index is the shape of the file. Each word lists the pages it is on as page*4+place
// (see Place), so one small number says both. Stop words and synonym groups travel with
// the index: the script needs them to read what is typed.
type index struct {
	Pages [][]string       `json:"pages"` // url, title, section, lang, snippet, section lang; without trailing ""s
	Words map[string][]int `json:"words"`
	Stop  []string         `json:"stop,omitempty"`
	Syn   [][]string       `json:"syn,omitempty"`
}

// Build returns the index file of one language. words are the language's stop words and
// synonyms (with those of its fallback languages, whose pages it may show).
func Build(lang string, docs []Doc, words Synonyms) []byte {
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].URL < docs[j].URL })
	stop := map[string]bool{}
	for _, w := range words.Stop {
		stop[w] = true
	}
	ix := index{Words: map[string][]int{}, Stop: words.Stop, Syn: words.Groups}
	for i, d := range docs {
		page := []string{d.URL, d.Title, d.Section, d.Lang, d.Snippet, d.SectionLang}
		for page[len(page)-1] == "" {
			page = page[:len(page)-1]
		}
		ix.Pages = append(ix.Pages, page)
		add := func(w string, p Place) {
			if !stop[w] && utf8.RuneCountInString(w) > 1 {
				ix.Words[w] = append(ix.Words[w], i*places+int(p))
			}
		}
		// The title's words are InTitle, wherever else the page has them.
		title := slices.Sorted(slices.Values(Tokens(d.Title)))
		title = slices.Compact(title)
		for w, p := range d.Words.All() {
			if _, inTitle := slices.BinarySearch(title, w); !inTitle {
				add(w, p)
			}
		}
		for _, w := range title {
			add(w, InTitle)
		}
	}
	// Each page adds itself to a word once, in page order, so every list is sorted.
	b, _ := json.Marshal(ix) // maps marshal with sorted keys: deterministic
	return []byte("(window.talksiteIndex = window.talksiteIndex || {})[" + quote(lang) + "] = " + string(b) + ";\n")
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
