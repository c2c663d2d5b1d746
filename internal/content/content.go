// Package content is the load stage: it builds the site model, which pages exist in which
// language, at which address, in what order, under which parent and in which menu, with
// what title, and how each stands as a translation. It reads the content folder's front
// matter (the Markdown bodies are kept as read; internal/body converts them), the data
// files and the interface strings.
//
// The Site it returns is complete: generated pages have their titles, children and menus
// are sorted, each language has its localizer. No later stage changes it, so the render
// workers share it without locks and `talksite serve` can keep the last one.
//
// # Pages and addresses
//
// content/<lang>/<path>.md becomes <lang>/<path>/ and content/<lang>/<path>/_index.md
// becomes <lang>/<path>/. The home page is content/<lang>/_index.md. The page's key is
// the path below content/<lang>/, the same in every language: slugs stay English, so a
// page and its links have the same address in every language.
//
// # Languages and fallback
//
// Every language has every page that exists anywhere in its fallback chain. A page missing
// in the reader's language is built from the first language of the chain that has it: it
// keeps the reader's interface and address, and records the language its words are in
// (Page.ContentLang) so the layout can mark them with lang and a notice.
//
// A translation records the source version it was made from in sourceHash. When the source
// page's title, description or body changes, the translation is outdated: still published,
// with a notice. draft: true on a translation publishes it with a "draft translation"
// notice; on a page of the source language it keeps the page unpublished. A translation
// counts as a draft until a fluent reader has checked it: only one with reviewedBy and
// without draft: true is published without the notice.
//
// # Generated pages
//
// Besides the content pages, each language gets an index per age band and per topic
// (ages/<band>/, topics/<topic>/) listing the guidance and starters tagged with it, a
// printable pack (print/) and a list of every page (site-map/). Their titles and
// descriptions come from the interface strings (taxonomy.<name>, <age|topic>.<term>,
// print.title, ...); a site's own page at the same address replaces them.
package content

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/talksite/talksite/internal/config"
	"github.com/talksite/talksite/internal/data"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/frontmatter"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/source"
)

// Kind is what sort of page a page is.
type Kind string

const (
	KindHome    Kind = "home"    // content/<lang>/_index.md
	KindSection Kind = "section" // content/<lang>/<section>/_index.md
	KindPage    Kind = "page"    // any other page
	KindTerm    Kind = "term"    // generated: one age band or topic
	KindTerms   Kind = "terms"   // generated: the list of age bands or of topics
	KindSpecial Kind = "special" // generated: the print pack and the site map
)

// SourceFile is a parsed content file, shared by every language that shows it.
type SourceFile struct {
	Path     string // content/en/guidance/grooming.md
	Lang     string
	Key      string // translation key
	URLPath  string // the path below the language, e.g. "guidance/grooming"; "" for home
	Meta     frontmatter.Meta
	BodyLine int // the line of the file its Markdown body starts on
	// KeyLines are the lines its front-matter keys are written on, for problems later
	// stages find in their values (a layout that does not exist).
	KeyLines map[string]int
	Hash     string // fingerprint of the translatable words

	bodyStart int // the byte the Markdown body starts at, for ReadBody
}

// Page is a page as published in one language.
type Page struct {
	Lang        string // the reader's language: the interface and the address
	ContentLang string // the language the words are in
	Key         string
	URLPath     string // below the language, "" for the home page
	Kind        Kind
	Section     string // first segment of URLPath, "" for the home page and top-level pages
	Meta        frontmatter.Meta
	File        *SourceFile // nil for generated pages

	Fallback         bool   // built from another language's page
	Outdated         bool   // a translation whose source has changed since
	DraftTranslation bool   // a translation marked draft, or not yet reviewed by a fluent reader
	SourceHash       string // for translations: the hash of the source page now

	// Term is set on generated pages: the taxonomy ("ages" or "topics") and value.
	Taxonomy, Term string

	Parent   *Page
	Children []*Page // sorted by weight, then title
	Related  []*Page // front matter's related pages, in this language, in its order
}

// URL is the page's address relative to the site root, e.g. "en/guidance/grooming/".
func (p *Page) URL() string {
	if p.URLPath == "" {
		return p.Lang + "/"
	}
	return p.Lang + "/" + p.URLPath + "/"
}

// Title is the page's title.
func (p *Page) Title() string { return p.Meta.Title }

// LinkTitle is the page's title for navigation: linkTitle if set, else the title.
func (p *Page) LinkTitle() string {
	if p.Meta.LinkTitle != "" {
		return p.Meta.LinkTitle
	}
	return p.Meta.Title
}

// IsTranslation reports whether the page is a real page in a language other than the
// source.
func (p *Page) IsTranslation(source string) bool { return !p.Fallback && p.ContentLang != source }

// NotFoundName is the file name of the 404 page: <lang>/404.html in each language, and
// 404.html at the root in the source language, where servers look for it.
const NotFoundName = "404.html"

// Lang is the content of one language.
type Lang struct {
	*config.Language
	Pages []*Page          // sorted by URL
	ByKey map[string]*Page // by translation key
	ByURL map[string]*Page // by URLPath
	Data  *data.Set
	Menus map[string][]*Page // "main", "footer": sorted by weight
	// Strings translates interface strings for this language, along its fallback chain.
	// A string no language has is reported once, as an error.
	Strings *i18n.Localizer
}

// Site is the model handed to the render stage.
type Site struct {
	Config  *config.Config
	Langs   []*Lang // in the configured order
	Files   []*SourceFile
	Strings *i18n.Catalog
	Tree    *source.Tree
	// Taxonomies are the tag lists pages, starters and actions are sorted by.
	Taxonomies data.Taxonomies
	// Broken lists content files that could not be read (their errors are reported), as
	// "lang/urlPath", so that links to them are not reported again as broken.
	Broken map[string]bool
}

// Lang returns the content of a language, or nil.
func (s *Site) Lang(code string) *Lang {
	for _, l := range s.Langs {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// ReadBody reads the Markdown body of a content file again. The model does not hold the
// bodies: a site's Markdown is most of its size, and each body is needed once, by the
// render worker that converts it.
func (s *Site) ReadBody(f *SourceFile) ([]byte, error) {
	b, err := readText(s.Tree, f.Path)
	if err != nil {
		return nil, err
	}
	if f.bodyStart > len(b) {
		return nil, fmt.Errorf("the file changed while the site was built: build again")
	}
	return b[f.bodyStart:], nil
}

// Source returns the source language.
func (s *Site) Source() *Lang { return s.Lang(s.Config.DefaultLanguage) }

// Load builds the site model from the source tree and configuration. Every problem is
// added to list; the returned site is nil only when nothing useful can be built.
func Load(tree *source.Tree, cfg *config.Config, list *diag.List) *Site {
	return LoadReusing(tree, cfg, list, nil)
}

// LoadReusing is Load taking the interface strings and data lists from prev instead of
// reading them again. The caller must know that they have not changed since (the preview
// server checks every file but the pages').
func LoadReusing(tree *source.Tree, cfg *config.Config, list *diag.List, prev *Site) *Site {
	s := &Site{Config: cfg, Tree: tree}
	declared := map[string]bool{}
	for _, l := range cfg.Langs {
		declared[l.Code] = true
	}
	checkLanguages(tree, declared, list)

	sets := map[string]*data.Set{}
	if prev != nil {
		s.Strings = prev.Strings
		s.Taxonomies = prev.Taxonomies
		for _, l := range prev.Langs {
			sets[l.Code] = l.Data
		}
	} else {
		s.Strings = loadStrings(tree, cfg, declared, list)
		chains := map[string][]string{}
		for _, l := range cfg.Langs {
			chains[l.Code] = l.Chain
		}
		lists, problems := data.Load(func(p string) ([]data.Layer, error) { return readLayers(tree, p) }, cfg.DefaultLanguage, chains)
		list.Add(problems...)
		sets, s.Taxonomies = lists.Sets, lists.Taxonomies
	}
	s.Files, s.Broken = loadFiles(tree, cfg, declared, &s.Taxonomies, list)

	if src := sets[cfg.DefaultLanguage]; src != nil && cfg.Country != "" {
		checkCountry(cfg.Country, src.Helplines, list)
	}

	byLang := map[string]map[string]*SourceFile{} // lang → key → file
	for _, f := range s.Files {
		if byLang[f.Lang] == nil {
			byLang[f.Lang] = map[string]*SourceFile{}
		}
		if other := byLang[f.Lang][f.Key]; other != nil {
			list.Errorf(f.Path, 0, "translation key %q is also used by %s", f.Key, other.Path)
			continue
		}
		byLang[f.Lang][f.Key] = f
	}
	src := cfg.DefaultLanguage
	report := reporter(list)
	for i := range cfg.Langs {
		lc := &cfg.Langs[i]
		l := &Lang{Language: lc, ByKey: map[string]*Page{}, ByURL: map[string]*Page{}, Data: sets[lc.Code], Menus: map[string][]*Page{},
			Strings: s.Strings.Localizer(lc.Chain, report)}
		if l.Data == nil {
			l.Data = &data.Set{Lang: lc.Code, Files: map[string]data.FileState{}}
		}
		for _, code := range lc.Chain {
			for key, f := range byLang[code] {
				if _, done := l.ByKey[key]; done {
					continue
				}
				if f.Meta.Draft && code == src {
					continue // unpublished in the source language
				}
				p := &Page{Lang: lc.Code, ContentLang: code, Key: key, URLPath: f.URLPath, Meta: f.Meta, File: f,
					Fallback: code != lc.Code}
				if code != src && !p.Fallback {
					// A draft until a fluent reader has checked it (issue 13).
					p.DraftTranslation = f.Meta.Draft || strings.TrimSpace(f.Meta.ReviewedBy) == ""
				}
				if code != src {
					if orig := byLang[src][key]; orig != nil {
						p.SourceHash = orig.Hash
						p.Outdated = f.Meta.SourceHash != orig.Hash
					}
				}
				if other, clash := l.ByURL[p.URLPath]; clash {
					list.Errorf(f.Path, 0, "has the same address /%s as %s", p.URL(), other.File.Path)
					continue
				}
				l.ByKey[key] = p
				l.ByURL[p.URLPath] = p
			}
		}
		s.Langs = append(s.Langs, l)
	}
	for _, l := range s.Langs {
		addGenerated(l, &s.Taxonomies)
		link(l, list)
	}
	return s
}

// reporter reports the problems a localizer finds while pages are rendered (a string no
// language has, a placeholder it cannot fill), each once.
func reporter(list *diag.List) func(diag.Diagnostic) {
	var mu sync.Mutex
	reported := map[diag.Diagnostic]bool{}
	return func(d diag.Diagnostic) {
		mu.Lock()
		defer mu.Unlock()
		if !reported[d] {
			reported[d] = true
			list.Add(d)
		}
	}
}

// checkLanguages reports content folders and string files of the site folder for
// languages the site does not declare. The default site's are silently unused.
func checkLanguages(tree *source.Tree, declared map[string]bool, list *diag.List) {
	reported := map[string]bool{}
	for _, dir := range []string{"content", "data", "i18n"} {
		for _, p := range tree.Paths(dir) {
			if tree.Origin(p) != source.FromSite {
				continue
			}
			rest := strings.TrimPrefix(p, dir+"/")
			lang, _, nested := strings.Cut(rest, "/")
			if dir == "i18n" {
				lang = strings.TrimSuffix(strings.TrimPrefix(rest, "status/"), ".toml")
			} else if !nested {
				if dir == "content" {
					list.Errorf(p, 0, "content files go in a language folder, e.g. content/en/%s", rest)
				}
				continue // data/helplines.toml and the like
			}
			key := dir + "/" + lang
			if !declared[lang] && !reported[key] {
				reported[key] = true
				list.Errorf(p, 0, "language %q is not declared in site.toml: add [languages.%s] or remove %s", lang, lang, key)
			}
		}
	}
}

// checkCountry warns when the site's country has no emergency number or no place to report
// abuse: its "what happened?" pages would list no way to get help right now.
func checkCountry(country string, helplines []data.Helpline, list *diag.List) {
	for _, purpose := range []string{"emergency", "report-abuse"} {
		if !slices.ContainsFunc(helplines, func(h data.Helpline) bool { return h.Country == country && h.Purpose == purpose }) {
			list.Warnf("data/helplines.toml", 0, "country %s (site.toml) has no helpline with purpose = %q: add one for %s to the site's data/helplines.toml, or the help pages list none", country, purpose, country)
		}
	}
}
