// Package translate is the translators' toolbox behind `talksite i18n`: it reports what is
// translated, missing, outdated or draft in each language (status), checks the strings of
// every translation (check), starts a new language (new), records that translations match
// the current source (stamp), and exchanges interface strings with translation platforms in
// go-i18n JSON v2, the format Weblate reads and writes (export, import).
//
// It works on a site folder on disk and writes only there: a file that comes from the
// embedded default site is never changed (stamping it is reported as skipped).
package translate

import (
	"cmp"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

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

// Counts tallies items by state.
type Counts struct {
	Total      int `json:"total"`
	Translated int `json:"translated"`
	Outdated   int `json:"outdated"`
	Draft      int `json:"draft"`
	Missing    int `json:"missing"`
}

func (c *Counts) add(s State) {
	c.Total++
	switch s {
	case Translated:
		c.Translated++
	case Outdated:
		c.Outdated++
	case Draft:
		c.Draft++
	case Missing:
		c.Missing++
	}
}

// Percent is the share of items that are translated at all (draft and outdated included).
func (c Counts) Percent() float64 {
	if c.Total == 0 {
		return 100
	}
	return 100 * float64(c.Total-c.Missing) / float64(c.Total)
}

// Item is one page, data entry or string and its state.
type Item struct {
	Kind  string `json:"kind"` // "page", "data", "string"
	ID    string `json:"id"`   // page key, data file name/entry id ("starters/secrets"), string id
	State State  `json:"state"`
	Path  string `json:"path,omitempty"` // the translation's file, when there is one
}

// LangStatus is one language's translation status.
type LangStatus struct {
	Lang    string  `json:"lang"`
	Name    string  `json:"name"`
	Source  bool    `json:"source"`
	Pages   Counts  `json:"pages"`
	Data    Counts  `json:"data"`
	Strings Counts  `json:"strings"`
	Percent float64 `json:"percent"`
	Items   []Item  `json:"items"`
}

// Status reports every declared language.
func (w *Workspace) Status() []LangStatus {
	var out []LangStatus
	src := w.Site.Source()
	for _, l := range w.Site.Langs {
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
			st, path := Missing, ""
			if p != nil && !p.Fallback {
				path = p.File.Path
				switch {
				case p.Outdated:
					st = Outdated
				case p.DraftTranslation:
					st = Draft
				default:
					st = Translated
				}
			}
			ls.Pages.add(st)
			ls.Items = append(ls.Items, Item{Kind: "page", ID: pageID(sp), State: st, Path: path})
		}
		// Data entries: every entry of the source language's data files, one by one.
		for _, name := range data.Names {
			srcState, ok := src.Data.Files[name]
			if !ok || !srcState.Exists {
				continue
			}
			fs := l.Data.Files[name]
			for _, e := range fs.Entries {
				st, path := Missing, ""
				if e.Translated {
					path = fs.Path
					switch {
					case e.Outdated:
						st = Outdated
					case fs.Draft:
						st = Draft
					default:
						st = Translated
					}
				}
				ls.Data.add(st)
				ls.Items = append(ls.Items, Item{Kind: "data", ID: name + "/" + e.ID, State: st, Path: path})
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
			st := Missing
			if tf != nil {
				if m := tf.Messages[id]; m != nil && !m.Empty() {
					switch {
					case m.SourceHash != orig.Hash():
						st = Outdated
					case m.Draft || tf.Draft:
						st = Draft
					default:
						st = Translated
					}
				}
			}
			ls.Strings.add(st)
			ls.Items = append(ls.Items, Item{Kind: "string", ID: id, State: st})
		}
		total := ls.Pages.Total + ls.Data.Total + ls.Strings.Total
		done := total - ls.Pages.Missing - ls.Data.Missing - ls.Strings.Missing
		ls.Percent = 100
		if total > 0 {
			ls.Percent = 100 * float64(done) / float64(total)
		}
		slices.SortStableFunc(ls.Items, func(a, b Item) int {
			return cmp.Or(cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)), cmp.Compare(a.ID, b.ID))
		})
		out = append(out, ls)
	}
	return out
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

// Check checks every translation of the interface strings: placeholders kept, plural forms
// present, no HTML.
func (w *Workspace) Check() []Problem {
	var out []Problem
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
