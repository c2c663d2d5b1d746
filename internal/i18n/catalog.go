package i18n

import (
	"fmt"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/locale"
)

// Catalog holds every language's strings.
type Catalog struct {
	source string // the default language
	files  map[string]*File
	bundle *goi18n.Bundle
}

// NewCatalog builds a catalog from parsed files. source is the default language, whose file
// defines every string.
func NewCatalog(source string, files []*File) (*Catalog, error) {
	srcTag, err := locale.Parse(source)
	if err != nil {
		return nil, err
	}
	c := &Catalog{source: source, files: map[string]*File{}, bundle: goi18n.NewBundle(srcTag)}
	for _, f := range files {
		c.files[f.Lang] = f
		tag, err := locale.Parse(f.Lang)
		if err != nil {
			return nil, diag.Errorf(f.Path, 0, "%v", err)
		}
		for _, id := range f.IDs() {
			m := f.Messages[id]
			if m.Empty() {
				continue
			}
			gm := &goi18n.Message{ID: id, Description: m.Description,
				Zero: m.Forms["zero"], One: m.Forms["one"], Two: m.Forms["two"],
				Few: m.Forms["few"], Many: m.Forms["many"], Other: m.Forms["other"]}
			if err := c.bundle.AddMessages(tag, gm); err != nil {
				return nil, diag.Errorf(f.Path, m.Line, "%s: %v", id, err)
			}
		}
	}
	if c.files[source] == nil {
		c.files[source] = &File{Lang: source, Path: "i18n/" + source + ".toml", Messages: map[string]*Message{}}
	}
	return c, nil
}

// Source returns the source language's file.
func (c *Catalog) Source() *File { return c.files[c.source] }

// File returns a language's file, or nil.
func (c *Catalog) File(lang string) *File { return c.files[lang] }

// Has reports whether lang has a non-empty translation of id.
func (c *Catalog) Has(lang, id string) bool {
	f := c.files[lang]
	if f == nil {
		return false
	}
	m := f.Messages[id]
	return m != nil && !m.Empty()
}

// Localizer translates strings for one language, along its fallback chain. It is safe for
// concurrent use and remembers what it has translated.
type Localizer struct {
	c      *Catalog
	chain  []string
	locs   map[string]*goi18n.Localizer
	mu     sync.Mutex
	cache  map[cacheKey]string
	report func(diag.Diagnostic)
}

type cacheKey struct {
	id    string
	count int
	data  string
}

// Localizer returns a localizer for the chain (the language first). report receives each
// problem once per string; it may be nil. A string no language has is an error; one that
// go-i18n cannot fill in is a warning, and the text is shown as far as it goes.
func (c *Catalog) Localizer(chain []string, report func(diag.Diagnostic)) *Localizer {
	l := &Localizer{c: c, chain: chain, locs: map[string]*goi18n.Localizer{}, cache: map[cacheKey]string{}, report: report}
	for _, lang := range chain {
		l.locs[lang] = goi18n.NewLocalizer(c.bundle, lang)
	}
	return l
}

// Lang returns the language that provides id for this localizer (the first in the chain
// that has it), or "".
func (l *Localizer) Lang(id string) string {
	for _, lang := range l.chain {
		if l.c.Has(lang, id) {
			return lang
		}
	}
	return ""
}

// Forms returns the raw plural forms of a string (placeholders not filled in) from the first
// language of the chain that has it, for scripts that pick the form themselves with
// Intl.PluralRules.
func (l *Localizer) Forms(id string) map[string]string {
	lang := l.Lang(id)
	if lang == "" {
		l.problem(diag.Errorf(l.c.Source().Path, 0, "no string %q: a layout uses it, so define it in %s", id, l.c.Source().Path))
		return nil
	}
	out := map[string]string{}
	for k, v := range l.c.files[lang].Messages[id].Forms {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// Translate returns the string id. count, when not nil, selects the plural form and is
// available as {{.Count}}; data adds other placeholders.
func (l *Localizer) Translate(id string, count *int, data map[string]any) string {
	key := cacheKey{id: id, count: -1}
	if count != nil {
		key.count = *count
	}
	if len(data) > 0 {
		key.data = fmt.Sprint(data) // fmt sorts map keys: a stable key
	}
	l.mu.Lock()
	s, ok := l.cache[key]
	l.mu.Unlock()
	if ok {
		return s
	}
	s = l.translate(id, count, data)
	l.mu.Lock()
	l.cache[key] = s
	l.mu.Unlock()
	return s
}

func (l *Localizer) translate(id string, count *int, data map[string]any) string {
	lang := l.Lang(id)
	if lang == "" {
		l.problem(diag.Errorf(l.c.Source().Path, 0, "no string %q: a layout uses it, so define it in %s", id, l.c.Source().Path))
		return id
	}
	td := map[string]any{}
	for k, v := range data {
		td[k] = v
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: td}
	if count != nil {
		cfg.PluralCount = *count
		td["Count"] = *count
	}
	s, err := l.locs[lang].Localize(cfg)
	if err != nil {
		f := l.c.files[lang]
		l.problem(diag.Warnf(f.Path, f.Messages[id].Line, "%s: %v", id, err))
		if s == "" {
			return id
		}
	}
	return s
}

func (l *Localizer) problem(p diag.Diagnostic) {
	if l.report != nil {
		l.report(p)
	}
}
