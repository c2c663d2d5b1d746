// Package report tells translators where each language stands, for `talksite i18n status`
// and `talksite i18n check`.
//
// # Status
//
// Status lists, per language, every published page of the source language, every entry
// of its data files and every interface string, each in one State:
//
//   - translated: present, made from the current source, and checked by a fluent reader;
//   - outdated: present, but the source changed since (checked first: it needs updating
//     whoever reviewed it);
//   - draft: present and up to date, but not yet checked by a fluent reader (draft, or no
//     reviewedBy: in a page's front matter, at the top of a data file, or in the strings'
//     [_meta] table; issue 13);
//   - missing: not translated; readers get the fallback.
//
// Progress is weighed by the words of the source (issue 14), since a page of 900 words is
// not one string of two: words are runs of letters, digits and combining marks, and a
// page's link targets and heading ids do not count.
//
// # Check
//
// Check reports every translated string that loses a placeholder, lacks a plural form its
// language needs or contains HTML (i18n.Check), every string whose id the source does not
// have, and every translated page whose link targets differ from its source page's.
package report

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/tomlfile"
	"github.com/talksite/talksite/internal/translate"
)

// State of one translatable item in one language.
type State string

const (
	Translated State = "translated" // present and made from the current source
	Outdated   State = "outdated"   // present, but the source changed since
	Draft      State = "draft"      // present and up to date, not yet checked by a fluent reader
	Missing    State = "missing"    // not translated; the fallback is shown
)

// Counts tallies items by state, and the words of the source they stand for: progress is
// weighed by words (issue 14), since a page of 900 words is not one string of two.
type Counts struct {
	Total      int `json:"total"`
	Translated int `json:"translated"`
	Outdated   int `json:"outdated"`
	Draft      int `json:"draft"`
	Missing    int `json:"missing"`

	Words         int `json:"words"`         // words of the source
	MissingWords  int `json:"missingWords"`  // of which not translated
	OutdatedWords int `json:"outdatedWords"` // of which translated from an older source
	DraftWords    int `json:"draftWords"`    // of which not yet checked by a fluent reader
}

func (c *Counts) add(it Item) {
	c.Total++
	c.Words += it.Words
	c.MissingWords += it.MissingWords
	switch it.State {
	case Translated:
		c.Translated++
	case Outdated:
		c.Outdated++
		c.OutdatedWords += it.Words - it.MissingWords
	case Draft:
		c.Draft++
		c.DraftWords += it.Words - it.MissingWords
	case Missing:
		c.Missing++
	}
}

func (c *Counts) sum(o Counts) {
	c.Total += o.Total
	c.Translated += o.Translated
	c.Outdated += o.Outdated
	c.Draft += o.Draft
	c.Missing += o.Missing
	c.Words += o.Words
	c.MissingWords += o.MissingWords
	c.OutdatedWords += o.OutdatedWords
	c.DraftWords += o.DraftWords
}

// Percent is the share of the source's words that are translated at all (draft and
// outdated included).
func (c Counts) Percent() float64 {
	if c.Words == 0 {
		return 100
	}
	return 100 * float64(c.Words-c.MissingWords) / float64(c.Words)
}

// Item is one page, data entry or string and its state.
type Item struct {
	Kind  string `json:"kind"` // "page", "data", "string"
	ID    string `json:"id"`   // page key, data file name/entry id ("starters/secrets"), string id
	State State  `json:"state"`
	Path  string `json:"path,omitempty"` // the translation's file, when there is one
	// Words is how many words the source has; MissingWords how many of them are not
	// translated (for a data file, the entries it lacks).
	Words        int    `json:"words"`
	MissingWords int    `json:"missingWords,omitempty"`
	ReviewedBy   string `json:"reviewedBy,omitempty"`
}

// LangStatus is one language's translation status.
type LangStatus struct {
	Lang    string  `json:"lang"`
	Name    string  `json:"name"`
	Source  bool    `json:"source"`
	Pages   Counts  `json:"pages"`
	Data    Counts  `json:"data"`
	Strings Counts  `json:"strings"`
	All     Counts  `json:"all"`
	Percent float64 `json:"percent"` // of the source's words, translated at all
	Items   []Item  `json:"items"`
}

// Status reports the languages named in w, or every declared language when none is.
func Status(w *translate.Workspace, langs ...string) ([]LangStatus, error) {
	for _, code := range langs {
		if w.Site.Lang(code) == nil {
			return nil, fmt.Errorf("language %q is not declared in site.toml", code)
		}
	}
	var out []LangStatus
	src := w.Site.Source()
	for _, l := range w.Site.Langs {
		if len(langs) > 0 && !slices.Contains(langs, l.Code) {
			continue
		}
		ls := LangStatus{Lang: l.Code, Name: l.Name, Source: l.Code == src.Code}
		if ls.Source {
			ls.Percent = 100
			out = append(out, ls)
			continue
		}
		// Pages: every published page of the source language.
		for _, sp := range src.Pages {
			if sp.File == nil {
				continue // generated from interface strings
			}
			p := l.ByKey[sp.Key]
			it := Item{Kind: "page", ID: pageID(sp), State: Missing, Words: pageWords(w.Site, sp.File)}
			if p != nil && !p.Fallback {
				it.Path = p.File.Path
				it.ReviewedBy = p.Meta.ReviewedBy
				it.State = translatedState(p.Outdated, p.DraftTranslation)
			} else {
				it.MissingWords = it.Words
			}
			ls.Pages.add(it)
			ls.Items = append(ls.Items, it)
		}
		// Data entries, one by one, each weighed by the words of its source entry.
		entryWords := dataEntryWords(src.Data)
		for _, name := range data.Names {
			srcState, ok := src.Data.Files[name]
			if !ok || !srcState.Exists {
				continue
			}
			fs := l.Data.Files[name]
			reviewedBy := ""
			if fs.Exists {
				reviewedBy = dataReviewedBy(w, fs.Path)
			}
			for _, e := range fs.Entries {
				it := Item{Kind: "data", ID: name + "/" + e.ID, State: Missing, Words: entryWords[name+"/"+e.ID]}
				if e.Translated {
					it.Path, it.ReviewedBy = fs.Path, reviewedBy
					it.State = translatedState(e.Outdated, fs.Draft || reviewedBy == "")
				} else {
					it.MissingWords = it.Words
				}
				ls.Data.add(it)
				ls.Items = append(ls.Items, it)
			}
		}
		// Interface strings.
		cat := w.Site.Strings
		tf := cat.File(l.Code)
		for _, id := range cat.Source().IDs() {
			orig := cat.Source().Messages[id]
			if orig.Empty() {
				continue
			}
			it := Item{Kind: "string", ID: id, State: Missing, Words: countWords(orig.Text())}
			if tf != nil {
				if m := tf.Messages[id]; m != nil && !m.Empty() {
					it.ReviewedBy = tf.ReviewedBy
					switch {
					case m.SourceHash != orig.Hash():
						it.State = Outdated
					case m.Draft || !tf.IsReviewed():
						it.State = Draft
					default:
						it.State = Translated
					}
				}
			}
			if it.State == Missing {
				it.MissingWords = it.Words
			}
			ls.Strings.add(it)
			ls.Items = append(ls.Items, it)
		}
		ls.All.sum(ls.Pages)
		ls.All.sum(ls.Data)
		ls.All.sum(ls.Strings)
		ls.Percent = ls.All.Percent()
		slices.SortStableFunc(ls.Items, func(a, b Item) int {
			return cmp.Or(cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.ID, b.ID))
		})
		out = append(out, ls)
	}
	return out, nil
}

// translatedState is the state of something that has a translation: outdated first (it
// needs updating whoever reviewed it), then draft (it still needs a fluent reader).
func translatedState(outdated, draft bool) State {
	switch {
	case outdated:
		return Outdated
	case draft:
		return Draft
	}
	return Translated
}

// countWords counts the words of a text: runs of letters or digits, so that Markdown
// marks, placeholders and punctuation do not count.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

// pageWords counts a page's translatable words: title, description and body, leaving out
// link targets and heading ids, which are not translated.
func pageWords(site *content.Site, f *content.SourceFile) int {
	src, _ := site.ReadBody(f) // a file that cannot be read is reported by the build
	body := linkTargetRE.ReplaceAllString(string(src), "]")
	body = headingIDRE.ReplaceAllString(body, "")
	return countWords(f.Meta.Title) + countWords(f.Meta.Description) + countWords(body)
}

var (
	linkTargetRE = regexp.MustCompile(`\]\([^)]*\)`)
	headingIDRE  = regexp.MustCompile(`\{#[^}]*\}`)
)

// dataEntryWords counts the words of each source entry, keyed "list/id".
func dataEntryWords(src *data.Set) map[string]int {
	words := map[string]int{}
	for _, e := range translate.DataTexts(src) {
		list, rest, _ := strings.Cut(e.Key, "/")
		id, _, _ := strings.Cut(rest, "/")
		words[list+"/"+id] += countWords(e.Text.Value)
	}
	return words
}

// dataReviewedBy reads the top-level reviewedBy of a data file (issue 13).
func dataReviewedBy(w *translate.Workspace, p string) string {
	b, err := w.Tree.ReadFile(p)
	if err != nil {
		return ""
	}
	return topLevelString(b, "reviewedBy")
}

// topLevelString reads a top-level string key of a TOML file: the lines before its first
// table.
func topLevelString(b []byte, key string) string {
	head := b
	if i := regexp.MustCompile(`(?m)^\s*\[`).FindIndex(b); i != nil {
		head = b[:i[0]]
	}
	var v map[string]any
	if _, err := tomlfile.Decode("", head, &v); err != nil {
		return ""
	}
	s, _ := v[key].(string)
	return strings.TrimSpace(s)
}

func kindOrder(k string) int { return slices.Index([]string{"page", "data", "string"}, k) }

func pageID(p *content.Page) string {
	if p.Key == "" {
		return "(home)"
	}
	return p.Key
}

// Check checks every translation of the interface strings (placeholders kept, plural
// forms present, no HTML) and of the pages (the same link targets as the source page, so
// that a translation sends readers where the English does). Each diagnostic's message
// starts with what it is about: "links" for a page, the string's id for a string.
func Check(w *translate.Workspace) []diag.Diagnostic {
	var out []diag.Diagnostic
	src := w.Site.Source()
	for _, l := range w.Site.Langs {
		if l.Code == src.Code {
			continue
		}
		for _, sp := range src.Pages {
			p := l.ByKey[sp.Key]
			if sp.File == nil || p == nil || p.Fallback || p.File == nil {
				continue
			}
			// The whole bodies: what pages.Import compares unit by unit.
			_, enBody, err1 := w.ReadPage(sp.File.Path)
			_, trBody, err2 := w.ReadPage(p.File.Path)
			if err1 != nil || err2 != nil {
				continue // reported when the site is loaded
			}
			if lacks, extra := translate.DiffStrings(translate.LinkTargets(enBody), translate.LinkTargets(trBody)); len(lacks)+len(extra) > 0 {
				// At the first link the source does not have, or else where the body starts.
				first := 0
				for _, x := range extra {
					if n := translate.LinkTargetLine(trBody, x); n > 0 && (first == 0 || n < first) {
						first = n
					}
				}
				line := p.File.BodyLine + max(first-1, 0)
				out = append(out, diag.Errorf(p.File.Path, line, "links: link targets differ from %s:%s", sp.File.Path, translate.Describe(lacks, extra)))
			}
		}
	}
	cat := w.Site.Strings
	for _, l := range w.Site.Langs {
		tf := cat.File(l.Code)
		if tf == nil || l.Code == w.Config.DefaultLanguage {
			continue
		}
		for _, id := range tf.IDs() {
			m := tf.Messages[id]
			orig := cat.Source().Messages[id]
			if m.Empty() {
				continue
			}
			if orig == nil {
				out = append(out, diag.Errorf(tf.Path, m.Line, "%s: not in the source language's strings: remove it or check the spelling of the id", id))
				continue
			}
			for _, msg := range i18n.Check(l.Code, orig, m) {
				out = append(out, diag.Errorf(tf.Path, m.Line, "%s: %s", id, msg))
			}
		}
	}
	return out
}
