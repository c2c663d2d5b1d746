// Package translate is the translators' toolbox behind `talksite i18n`: it reports what is
// translated, missing, outdated or waiting for a fluent reader in each language, weighed by
// the words of the source (status), checks every translation's strings and page links
// (check), starts a new language (new), records that named translations match the current
// source (stamp), and exchanges translations with platforms such as Weblate (export,
// import): interface strings and data entries as go-i18n JSON v2, pages as gettext PO.
//
// A translation is a draft until a fluent reader has checked it: reviewedBy in a page's
// front matter, at the top of a data file, or in the strings' [_meta] table (issue 13).
// Imports refuse, and write nothing, when a translation breaks a placeholder, a plural
// form, markup or a link target; exports refuse to overwrite work not yet imported (issue
// 14).
//
// It works on a site folder on disk and writes only there: a file that comes from the
// embedded default site is never changed (stamping it is reported as skipped).
package translate

import (
	"cmp"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/source"
)

// Workspace is a site folder loaded for translation work.
type Workspace struct {
	Dir    string
	Tree   *source.Tree
	Config *config.Config
	Site   *content.Site
	Diag   *diag.List // problems found while loading (reported, not fatal)
	def    fs.FS
}

// Open loads the site folder dir over the default site.
func Open(dir string, def fs.FS) (*Workspace, error) {
	site, err := source.OpenDir(dir)
	if err != nil {
		return nil, err
	}
	tree, err := source.Load(site, def, source.Options{})
	if err != nil {
		return nil, err
	}
	defTOML, siteTOML, err := tree.ConfigLayers()
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(defTOML, siteTOML)
	if err != nil {
		return nil, err
	}
	if !cfg.UseDefaultContent() {
		if tree, err = source.Load(site, def, source.Options{NoDefaultContent: true}); err != nil {
			return nil, err
		}
	}
	w := &Workspace{Dir: dir, Tree: tree, Config: cfg, Diag: &diag.List{}, def: def}
	w.Site = content.Load(tree, cfg, w.Diag)
	return w, nil
}

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

// Status reports the languages named, or every declared language when none is.
func (w *Workspace) Status(langs ...string) ([]LangStatus, error) {
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
			it := Item{Kind: "page", ID: pageID(sp), State: Missing, Words: pageWords(sp.File)}
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
				reviewedBy = w.dataReviewedBy(fs.Path)
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
func pageWords(f *content.SourceFile) int {
	body := linkTargetRE.ReplaceAllString(string(f.Body), "]")
	body = headingIDRE.ReplaceAllString(body, "")
	return countWords(f.Meta.Title) + countWords(f.Meta.Description) + countWords(body)
}

var (
	linkTargetRE = regexp.MustCompile(`\]\([^)]*\)`)
	headingIDRE  = regexp.MustCompile(`\{#[^}]*\}`)
)

// dataWords counts the source's words in each data list, and of those the words of the
// entries whose text tr, a language's set, takes from another language (not translated).
// dataEntryWords counts the words of each source entry, keyed "list/id".
func dataEntryWords(src *data.Set) map[string]int {
	words := map[string]int{}
	for _, e := range dataTexts(src) {
		list, rest, _ := strings.Cut(e.key, "/")
		id, _, _ := strings.Cut(rest, "/")
		words[list+"/"+id] += countWords(e.text.Value)
	}
	return words
}

func dataWords(src, tr *data.Set, lang string) (words, missing map[string]int) {
	words, missing = map[string]int{}, map[string]int{}
	inLang := map[string]bool{} // list/id/field → the language has its own text
	for _, e := range dataTexts(tr) {
		inLang[e.key] = e.text.Lang == lang
	}
	for _, e := range dataTexts(src) {
		n := countWords(e.text.Value)
		words[e.list] += n
		if !inLang[e.key] {
			missing[e.list] += n
		}
	}
	return words, missing
}

type dataText struct {
	list, key string
	text      data.Text
}

// dataTexts lists every translatable text of a set, keyed by list, entry id and field.
func dataTexts(set *data.Set) []dataText {
	if set == nil {
		return nil
	}
	var out []dataText
	add := func(list, id, field string, t data.Text) {
		out = append(out, dataText{list, list + "/" + id + "/" + field, t})
	}
	for _, s := range set.Starters {
		add("starters", s.ID, "text", s.Text)
	}
	for _, r := range set.Replies {
		add("starters", r.ID, "text", r.Text)
		add("starters", r.ID, "note", r.Note)
	}
	for _, a := range set.Checklist {
		add("checklist", a.ID, "text", a.Text)
	}
	for _, sec := range set.Agreement {
		add("agreement", sec.ID, "title", sec.Title)
		add("agreement", sec.ID, "prompt", sec.Prompt)
		for _, p := range sec.Promises {
			add("agreement", p.ID, "text", p.Text)
		}
	}
	for _, h := range set.Helplines {
		add("helplines", h.ID, "for", h.For)
		add("helplines", h.ID, "hours", h.Hours)
	}
	return out
}

// dataReviewedBy reads the top-level reviewedBy of a data file (issue 13).
func (w *Workspace) dataReviewedBy(p string) string {
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
	if _, err := toml.Decode(string(head), &v); err != nil {
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

// sitePath returns the path on disk of a site file, and whether the file is the site
// folder's own (not the embedded default's).
func (w *Workspace) sitePath(p string) (string, bool) {
	return filepath.Join(w.Dir, filepath.FromSlash(p)), w.Tree.Has(p) && w.Tree.Origin(p) == source.FromSite
}

// Problem is something `i18n check` found.
type Problem struct {
	Lang    string `json:"lang"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	ID      string `json:"id"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.ID, p.Message)
}

// Check checks every translation of the interface strings (placeholders kept, plural
// forms present, no HTML) and of the pages (the same link targets as the source page, so
// that a translation sends readers where the English does).
func (w *Workspace) Check() []Problem {
	var out []Problem
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
			_, _, enPieces, err1 := w.readPage(sp.File.Path)
			_, _, trPieces, err2 := w.readPage(p.File.Path)
			if err1 != nil || err2 != nil {
				continue // reported when the site is loaded
			}
			join := func(ps []piece) string { return assemble(ps, func(s string) string { return s }) }
			if lacks, extra := diffStrings(linkTargetsOf(join(enPieces)), linkTargetsOf(join(trPieces))); len(lacks)+len(extra) > 0 {
				out = append(out, Problem{l.Code, p.File.Path, 0, "links", "link targets differ from " + sp.File.Path + ":" + describe(lacks, extra)})
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
				out = append(out, Problem{l.Code, tf.Path, m.Line, id, "not in the source language's strings: remove it or check the spelling of the id"})
				continue
			}
			for _, msg := range i18n.Check(l.Code, orig, m) {
				out = append(out, Problem{l.Code, tf.Path, m.Line, id, msg})
			}
		}
	}
	return out
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
