// Package layouts is the layout stage: it reads the site's html/template layouts once per
// build and runs them for each page, with a view.View as ".".
//
// # Lookup
//
// layouts/baseof.html is the page skeleton; it calls {{block "main" .}}. A page is rendered
// with the first layout that exists of:
//
//	layouts/<layout>.html             when front matter sets layout
//	layouts/home.html                 the home page
//	layouts/<section>/list.html       a section's own page (_index.md)
//	layouts/list.html
//	layouts/<section>/single.html     any other page
//	layouts/single.html
//	layouts/terms.html, term.html     the generated age and topic indexes
//
// layouts/chooser.html is the root index.html, the language chooser, and layouts/404.html
// the 404 page. Files under layouts/partials/ are available to every layout as
// {{template "partials/name.html" .}}. A layout that does not define "main" is a whole
// document and is executed by itself.
//
// # Functions
//
// Layouts see these functions (one visible FuncMap, see funcs): T (translate an interface
// string), TL (T marked with its own language when it fell back), cached (run a partial
// once per key), dict, list, has, join, add, sub, telURL, displayURL.
//
// # Ids
//
// The ids a layout writes (id="name", or id="name-{{...}}" for every id starting "name-")
// are collected so that no Markdown heading takes them: IDs are those of baseof.html and
// the partials, PageIDs those of the layout a page uses.
//
// # Errors
//
// Layouts are minified before parsing (their template actions kept). A layout that fails
// to parse or run is reported at its own line: a run that fails is repeated with the
// layout as written to find the line. A failure is reported once, with the first page it
// broke and how many others.
package layouts

import (
	"fmt"
	"html/template"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/markdown"
	"github.com/talksite/talksite/internal/minify"
	"github.com/talksite/talksite/internal/source"
	"github.com/talksite/talksite/internal/view"
)

// Set is the parsed layouts of one build.
type Set struct {
	site    *content.Site
	list    *diag.List
	layouts map[string]*layout // by file name below layouts/
	ids     []string           // ids baseof.html and the partials write
	// baseSrc holds baseof.html and the partials as written, by path, for error lines.
	baseSrc map[string]string
	// partials caches the output of {{cached}} partials.
	partials sync.Map
	failMu   sync.Mutex
	failures map[string]*failure
	pageSize atomic.Int64 // the size of the last page, for the next one's buffer
}

type layout struct {
	file    string // layouts/single.html
	src     string // as written, for error messages with the right lines
	hasMain bool
	perLang map[string]*template.Template
	ids     []string // ids the layout itself writes
}

type failure struct {
	diag  diag.Diagnostic
	first string
	more  int
}

// Options change how layouts are read.
type Options struct {
	// NoMinify leaves the layouts as written (for debugging them).
	NoMinify bool
}

// layoutIDRE finds the ids a layout writes: id="name" reserves the name; id="name-{{...}}"
// reserves every id starting "name-".
var layoutIDRE = regexp.MustCompile(`\bid="([A-Za-z][\w-]*)(\{\{)?`)

var definesMainRE = regexp.MustCompile(`\{\{-?\s*(define|block)\s+"main"`)

var templateErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:\d+:)? ?(.*)$`)

// Load parses baseof.html and the partials once, then each page layout on a clone, then
// one clone per language with its T function. Problems are added to list, also later,
// when layouts run. It returns nil when no layout could be read.
func Load(tree *source.Tree, ctx *view.Context, m *minify.Minifier, opts Options, list *diag.List) *Set {
	s := &Set{site: ctx.Site, list: list, layouts: map[string]*layout{}, baseSrc: map[string]string{}}
	read := func(p string) (string, bool) {
		b, err := tree.ReadFile(p)
		if err != nil {
			list.AddError(p, 0, err)
			return "", false
		}
		return string(b), true
	}
	minified := func(file, src string) string {
		if opts.NoMinify {
			return src
		}
		return minifyLayout(m, file, src, list)
	}
	for _, p := range append([]string{"layouts/baseof.html"}, tree.Paths("layouts/partials")...) {
		if src, ok := read(p); ok {
			s.ids = append(s.ids, idsOf(src)...)
			s.baseSrc[p] = src
		}
	}
	// "top" is the fragment a browser scrolls to the top of any page with; "content" is
	// kept free for skip links, which many sites point at #content.
	s.ids = append(s.ids, "top", "content")
	slices.Sort(s.ids)
	s.ids = slices.Compact(s.ids)
	base := template.New("baseof.html").Funcs(funcs())
	if src, ok := s.baseSrc["layouts/baseof.html"]; ok {
		if _, err := base.Parse(minified("layouts/baseof.html", src)); err != nil {
			s.templateError("layouts/baseof.html", err)
			return nil
		}
	}
	for _, p := range tree.Paths("layouts/partials") {
		src, ok := s.baseSrc[p]
		if !ok {
			continue
		}
		if _, err := base.New(strings.TrimPrefix(p, "layouts/")).Parse(minified(p, src)); err != nil {
			s.templateError(p, err)
		}
	}
	for _, p := range tree.Paths("layouts") {
		name := strings.TrimPrefix(p, "layouts/")
		if name == "baseof.html" || strings.HasPrefix(name, "partials/") || path.Ext(name) != ".html" {
			continue
		}
		src, ok := read(p)
		if !ok {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			s.templateError(p, err)
			continue
		}
		if _, err := t.New(name).Parse(minified(p, src)); err != nil {
			s.templateError(p, err)
			continue
		}
		// A layout that defines "main" fills baseof.html's block; one that does not is a
		// whole document.
		lay := &layout{file: p, src: src, hasMain: definesMainRE.MatchString(src), perLang: map[string]*template.Template{}, ids: idsOf(src)}
		for _, l := range s.site.Langs {
			c, err := t.Clone()
			if err != nil {
				s.templateError(p, err)
				continue
			}
			fail := func(format string, args ...any) { list.Errorf(p, 0, format, args...) }
			c.Funcs(template.FuncMap{
				"T":      view.TFunc(l.Strings, fail),
				"TL":     view.TLFunc(l.Strings, fail, l.Language, s.site.Config),
				"cached": s.cachedFunc(c, l.Code),
			})
			lay.perLang[l.Code] = c
		}
		s.layouts[name] = lay
	}
	if _, ok := s.layouts["single.html"]; !ok {
		list.Errorf("layouts/single.html", 0, "missing: every site needs layouts/single.html")
	}
	if len(s.layouts) == 0 {
		return nil
	}
	return s
}

// IDs are the ids baseof.html and the partials write, sorted.
func (s *Set) IDs() []string { return s.ids }

// PageIDs are the ids written by the layout of the page that shows f in its own language.
func (s *Set) PageIDs(f *content.SourceFile) []string {
	if p := s.site.Lang(f.Lang).ByKey[f.Key]; p != nil {
		if lay, _ := s.layoutFor(p); lay != nil {
			return lay.ids
		}
	}
	return nil
}

// funcs are the functions every layout can call. T, TL and cached are replaced per
// language.
func funcs() template.FuncMap {
	return template.FuncMap{
		"T":      func(id string, args ...any) string { return id },
		"TL":     func(id string, args ...any) template.HTML { return "" },
		"cached": func(name, key string, data any) (template.HTML, error) { return "", nil },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs pairs of key and value")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not text", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"list": func(v ...any) []any { return v },
		"has":  func(list []string, s string) bool { return slices.Contains(list, s) },
		"join": func(list []string, sep string) string { return strings.Join(list, sep) },
		"add":  func(a, b int) int { return a + b },
		"sub":  func(a, b int) int { return a - b },
		// telURL makes a tel: address of a phone number as people write it ("0808 800 5000").
		"telURL": func(phone string) template.URL { return template.URL(markdown.TelURL(phone)) },
		// displayURL shortens an address for reading: no scheme, no "www.", no final "/".
		"displayURL": func(u string) string {
			u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
			return strings.TrimSuffix(strings.TrimPrefix(u, "www."), "/")
		},
	}
}

// templateError reports an html/template error at the layout file and line it names.
func (s *Set) templateError(defaultFile string, err error) {
	s.list.Add(parseTemplateError(defaultFile, err))
}

// parseTemplateError turns an html/template error ("template: single.html:12: ...") into
// a diagnostic naming the layout file and line.
func parseTemplateError(defaultFile string, err error) diag.Diagnostic {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		file := m[1]
		if !strings.HasPrefix(file, "layouts/") {
			file = "layouts/" + file
		}
		return diag.Errorf(file, line, "%s", m[3])
	}
	return diag.Errorf(defaultFile, 0, "%s", strings.TrimPrefix(msg, "template: "))
}

// minifyLayout minifies a layout's source, keeping its template actions. A layout that
// does not parse is returned as it is, so that errors name its own lines.
func minifyLayout(m *minify.Minifier, file, src string, list *diag.List) string {
	if _, err := template.New("check").Funcs(funcs()).Parse(src); err != nil {
		return src
	}
	min, err := m.Bytes(minify.Template, []byte(src))
	if err != nil {
		list.Errorf(file, 0, "%v", err)
		return src
	}
	return string(min)
}

// idsOf returns the ids a layout writes: "name" for id="name", "name-*" for
// id="name-{{...}}".
func idsOf(src string) []string {
	var ids []string
	for _, m := range layoutIDRE.FindAllStringSubmatch(src, -1) {
		if m[2] != "" {
			ids = append(ids, m[1]+"*")
		} else {
			ids = append(ids, m[1])
		}
	}
	return ids
}

// layoutFor picks the layout of a page (see the package documentation).
func (s *Set) layoutFor(p *content.Page) (*layout, string) {
	if p.Meta.Layout != "" {
		name := p.Meta.Layout + ".html"
		if l := s.layouts[name]; l != nil {
			return l, ""
		}
		var known []string
		for n := range s.layouts {
			known = append(known, strings.TrimSuffix(n, ".html"))
		}
		slices.Sort(known)
		return nil, fmt.Sprintf("layout %q: there is no layouts/%s (layouts: %s)", p.Meta.Layout, name, strings.Join(known, ", "))
	}
	var tries []string
	switch p.Kind {
	case content.KindHome:
		tries = []string{"home.html", "list.html"}
	case content.KindSection:
		tries = []string{p.Section + "/list.html", "list.html"}
	case content.KindTerms:
		tries = []string{"terms.html", "list.html"}
	case content.KindTerm:
		tries = []string{"term.html", "list.html"}
	default:
		if p.Section != "" {
			tries = append(tries, p.Section+"/single.html")
		}
		tries = append(tries, "single.html")
	}
	for _, t := range tries {
		if l := s.layouts[t]; l != nil {
			return l, ""
		}
	}
	return nil, "no layout: looked for layouts/" + strings.Join(tries, ", layouts/")
}
