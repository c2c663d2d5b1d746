// Package render turns the site model into files: it converts each Markdown body once,
// resolves its links for every page that shows it, executes the layouts (html/template) for
// every page of every language, minifies the result, and adds the processed assets.
//
// # Layouts
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
// layouts/chooser.html is the root index.html, the language chooser. Files under
// layouts/partials/ are available to every layout as {{template "partials/name.html" .}}.
// A layout that does not define "main" is a whole document and is executed by itself.
//
// Layouts see a *View (see view.go for its methods) and these functions: T (translate an
// interface string), dict, list, has, join, add, sub.
//
// Output is deterministic: pages are rendered in parallel, each into its own slot, and
// written in sorted order.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/talksite/talksite/internal/assets"
	"github.com/talksite/talksite/internal/compress"
	"github.com/talksite/talksite/internal/content"
	"github.com/talksite/talksite/internal/diag"
	"github.com/talksite/talksite/internal/i18n"
	"github.com/talksite/talksite/internal/markdown"
	"github.com/talksite/talksite/internal/minify"
	"github.com/talksite/talksite/internal/search"
)

// Options change how pages are rendered.
type Options struct {
	// Dev renders for `talksite serve`: pages load the live-reload script and their policy
	// allows its event stream. A build never sets it.
	Dev bool
	// Workers is the number of pages rendered at once; 0 means one per CPU.
	Workers int
	// NoMinify leaves HTML as the layouts wrote it (for debugging layouts).
	NoMinify bool
	// Emit, when set, receives each finished file as soon as it is rendered (possibly from
	// several goroutines at once) instead of Output.Files collecting them all: a large
	// site then never has to fit in memory.
	Emit func(name string, body []byte) error
	// KeepTexts fills Output.Texts (for content checks).
	KeepTexts bool
	// Precompress writes a .gz and a .br copy beside every text file, for servers that
	// send pre-compressed files (nginx gzip_static, Apache with mod_rewrite rules).
	Precompress bool
	// Progress, when set, is told how many pages are done out of how many.
	Progress func(done, total int)
}

// Output is the rendered site.
type Output struct {
	// Files maps each file's path (slash-separated, relative to the output folder) to its
	// content; empty when Options.Emit took the files.
	Files map[string][]byte
	// Count is the number of files.
	Count int
	// Pages counts the HTML pages of each language.
	Pages map[string]int
	// Texts is the plain text of every page's body, by output path, with
	// Options.KeepTexts.
	Texts map[string]string

	mu   sync.Mutex
	emit func(string, []byte) error
	list *diag.List

	precompress bool

	// For Incremental: the renderer (parsed layouts, assets, cached partials) and what
	// each content file's body left behind, by file path.
	renderer *Renderer
	bodies   map[string]*body
}

// Put adds a finished file, and its compressed copies when asked: to Files, or to the
// Emit function. It is safe for concurrent use.
func (o *Output) Put(name string, body []byte) {
	o.put(name, body)
	if o.precompress && compress.Worth(name) {
		o.put(name+".gz", compress.Gzip(body))
		o.put(name+".br", compress.Brotli(body))
	}
}

func (o *Output) put(name string, body []byte) {
	o.mu.Lock()
	o.Count++
	if o.emit == nil {
		o.Files[name] = body
		o.mu.Unlock()
		return
	}
	o.mu.Unlock()
	if err := o.emit(name, body); err != nil {
		o.list.Errorf("", 0, "writing %s: %v", name, err)
	}
}

// Renderer holds what is parsed once per build.
type Renderer struct {
	site    *content.Site
	opts    Options
	md      *markdown.Renderer
	min     *minify.Minifier
	assets  *assets.Set
	layouts map[string]*layout // by file name below layouts/
	list    *diag.List
	locs    map[string]*i18n.Localizer
	// searchNames are the output paths of the search indexes, by language.
	searchNames map[string]string
	// pageWords are the words each rendered page shows, by output path, for the search
	// index (see notePageWords); kept for Incremental, which renders only some pages.
	pageWordsMu sync.Mutex
	pageWords   map[string]search.PlacedWords
	// partials caches the output of {{cached}} partials.
	partials sync.Map
	// baseSrc holds baseof.html and the partials as written, by path.
	baseSrc map[string]string
	// failures counts template errors already reported, so that a broken layout is
	// reported once, not once per page.
	failMu   sync.Mutex
	failures map[string]*failure
}

type failure struct {
	diag  *diag.Diagnostic
	first string
	more  int
}

type layout struct {
	file    string // layouts/single.html
	src     string // as written, for error messages with the right lines
	hasMain bool
	perLang map[string]*template.Template
	ids     []string // ids the layout itself writes (see layoutIDRE)
}

// reservedIDs are element ids the layouts and scripts use besides those found in the
// layouts themselves (see layoutIDs); headings never get them.
var reservedIDs = []string{"main", "top", "content",
	// made by assets/js/agreement.js
	"age-*", "ages-hint", "preview-title", "share-title", "agreement-link", "edit-*", "text-*", "wording-*", "member-*", "who-*", "when-*", "own-*"}

// layoutIDRE finds the ids a layout writes: id="name" reserves the name; id="name-{{...}}"
// reserves every id starting "name-".
var layoutIDRE = regexp.MustCompile(`\bid="([A-Za-z][\w-]*)(\{\{)?`)

// Render renders every page and asset of the site. Problems are added to list.
func Render(site *content.Site, opts Options, list *diag.List) *Output {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	r := &Renderer{site: site, opts: opts, min: minify.New(), list: list,
		layouts: map[string]*layout{}, locs: map[string]*i18n.Localizer{}}
	var reportMu sync.Mutex
	reported := map[string]bool{}
	for _, l := range site.Langs {
		r.locs[l.Code] = site.Strings.Localizer(l.Chain, func(p i18n.Problem) {
			reportMu.Lock()
			defer reportMu.Unlock()
			key := p.File + p.Message
			if reported[key] {
				return
			}
			reported[key] = true
			if strings.HasPrefix(p.Message, "no string") {
				list.Errorf(p.File, p.Line, "%s", p.Message)
			} else {
				list.Warnf(p.File, p.Line, "%s", p.Message)
			}
		})
	}
	r.processAssets()
	ids := r.loadLayouts()
	if len(r.layouts) == 0 {
		return nil
	}
	r.md = markdown.New(append(ids, reservedIDs...)...).WithPhones(r.phoneNumbers())
	r.fillGeneratedTitles()
	r.reserveSearchIndexes()
	out := &Output{Files: map[string][]byte{}, Pages: map[string]int{}, Texts: map[string]string{}, emit: opts.Emit, list: list, precompress: opts.Precompress}
	for _, f := range r.assets.Files() {
		out.Put(f.Out, f.Body)
	}

	// One job per content file: its Markdown is converted once and every page that shows
	// it (its own language's, and other languages' fallbacks) is rendered and handed on at
	// once, so the HTML of a body never outlives its pages. Generated pages are jobs of
	// their own.
	type job struct {
		file  *content.SourceFile
		pages []*content.Page
	}
	byFile := map[*content.SourceFile]int{}
	var jobs []job
	for _, l := range site.Langs {
		for _, p := range l.Pages {
			if p.File == nil {
				jobs = append(jobs, job{pages: []*content.Page{p}})
				continue
			}
			i, ok := byFile[p.File]
			if !ok {
				i = len(jobs)
				byFile[p.File] = i
				jobs = append(jobs, job{file: p.File})
			}
			jobs[i].pages = append(jobs[i].pages, p)
		}
	}
	bodies := make([]*body, len(jobs))
	total := 0
	for _, j := range jobs {
		total += len(j.pages)
	}
	var done atomic.Int64
	var wg sync.WaitGroup
	next := make(chan int)
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			words := map[string]string{} // this worker's interned words
			for i := range next {
				j := jobs[i]
				var b *body
				if j.file != nil {
					b = r.renderBody(j.file, words)
					bodies[i] = b
				}
				for _, p := range j.pages {
					html := r.renderPage(p, r.site.Lang(p.Lang), b)
					if html == nil {
						continue
					}
					name := p.URL() + "index.html"
					r.notePageWords(p, html)
					out.Put(name, html)
					if opts.Progress != nil {
						opts.Progress(int(done.Add(1)), total)
					}
					out.mu.Lock()
					out.Pages[p.Lang]++
					if b != nil && opts.KeepTexts {
						out.Texts[name] = b.text
					}
					out.mu.Unlock()
				}
				if b != nil {
					b.html, b.text = nil, "" // done with: keep only what checks and search need
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	byBody := make(map[*content.SourceFile]*body, len(byFile))
	out.renderer, out.bodies = r, map[string]*body{}
	for f, i := range byFile {
		if bodies[i] != nil {
			byBody[f] = bodies[i]
			out.bodies[f.Path] = bodies[i]
		}
	}
	r.checkAnchors(byBody)
	for _, f := range r.buildSearchIndexes(byBody) {
		out.Put(f.Out, f.Body)
	}
	if root := r.renderChooser(); root != nil {
		out.Put("index.html", root)
	}
	r.renderNotFound(out)
	r.reportFailures()
	return out
}

// Incremental renders a site again after only the Markdown bodies of some pages changed:
// layouts, assets, interface strings, data, the set of pages and every page's front matter
// are as they were in prev (the caller checks). Only the pages with a changed key are
// rendered, in every language (their translations' outdated notices may change with
// them); every other file is taken from prev. The output is the one Render would give.
func Incremental(prev *Output, site *content.Site, changed map[string]bool, list *diag.List) *Output {
	r := prev.renderer
	r.site, r.list = site, list
	r.failures = nil
	r.fillGeneratedTitles()
	out := &Output{Files: make(map[string][]byte, len(prev.Files)), Count: prev.Count, Pages: prev.Pages,
		Texts: map[string]string{}, list: list, renderer: r, bodies: map[string]*body{}}
	for name, b := range prev.Files {
		out.Files[name] = b
	}
	byBody := map[*content.SourceFile]*body{}
	words := map[string]string{}
	for _, f := range site.Files {
		b := prev.bodies[f.Path]
		if changed[f.Key] {
			b = r.renderBody(f, words)
		}
		if b != nil {
			byBody[f] = b
			out.bodies[f.Path] = b
		}
	}
	for _, l := range site.Langs {
		for _, p := range l.Pages {
			if !changed[p.Key] {
				continue
			}
			if html := r.renderPage(p, l, byBody[p.File]); html != nil {
				r.notePageWords(p, html)
				out.Files[p.URL()+"index.html"] = html
			}
		}
	}
	for _, b := range byBody {
		if changed[b.key] {
			b.html, b.text = nil, ""
		}
	}
	r.checkAnchors(byBody)
	for _, f := range r.buildSearchIndexes(byBody) {
		out.Files[f.Out] = f.Body
	}
	r.reportFailures()
	return out
}

// processAssets minifies and fingerprints assets/.
func (r *Renderer) processAssets() {
	files := map[string][]byte{}
	for _, p := range r.site.Tree.Paths("assets") {
		b, err := r.site.Tree.ReadFile(p)
		if err != nil {
			r.list.AddError(p, 0, err)
			continue
		}
		files[strings.TrimPrefix(p, "assets/")] = b
	}
	// The brand colour goes into the stylesheet: the Content Security Policy allows no
	// inline styles. It comes last, so it wins over the light and dark defaults.
	if c := r.site.Config.BrandColor; c != "" && files["css/site.css"] != nil {
		files["css/site.css"] = append(append([]byte{}, files["css/site.css"]...), "\n:root { --brand: "+c+"; }\n"...)
	}
	set, problems := assets.Process(files, r.min)
	for _, p := range problems {
		r.list.Errorf(p.File, p.Line, "%s", p.Message)
	}
	r.assets = set
}

// funcs are the functions every layout can call. T is replaced per language.
func funcs() template.FuncMap {
	return template.FuncMap{
		"T":  func(id string, args ...any) string { return id },
		"TL": func(id string, args ...any) template.HTML { return "" },
		// cached is replaced per language (see Renderer.cachedFunc).
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

var definesMainRE = regexp.MustCompile(`\{\{-?\s*(define|block)\s+"main"`)

var templateErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:\d+:)? ?(.*)$`)

// templateError turns an html/template error into a diagnostic naming the layout file.
func (r *Renderer) templateError(defaultFile string, err error) {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		file := m[1]
		if !strings.HasPrefix(file, "layouts/") {
			file = "layouts/" + file
		}
		r.list.Errorf(file, line, "%s", m[3])
		return
	}
	r.list.Errorf(defaultFile, 0, "%s", strings.TrimPrefix(msg, "template: "))
}

// loadLayouts parses baseof.html and the partials once, then each page layout on a clone,
// then one clone per language with its T function. It returns the ids that baseof.html and
// the partials write, which no heading may take; each layout keeps its own.
func (r *Renderer) loadLayouts() []string {
	tree := r.site.Tree
	read := func(p string) (string, bool) {
		b, err := tree.ReadFile(p)
		if err != nil {
			r.list.AddError(p, 0, err)
			return "", false
		}
		return string(b), true
	}
	var ids []string
	r.baseSrc = map[string]string{}
	for _, p := range append([]string{"layouts/baseof.html"}, tree.Paths("layouts/partials")...) {
		if src, ok := read(p); ok {
			ids = append(ids, idsOf(src)...)
			r.baseSrc[p] = src
		}
	}
	base := template.New("baseof.html").Funcs(funcs())
	if src, ok := read("layouts/baseof.html"); ok {
		if _, err := base.Parse(r.minifyLayout("layouts/baseof.html", src)); err != nil {
			r.templateError("layouts/baseof.html", err)
			return nil
		}
	}
	for _, p := range tree.Paths("layouts/partials") {
		src, ok := read(p)
		if !ok {
			continue
		}
		if _, err := base.New(strings.TrimPrefix(p, "layouts/")).Parse(r.minifyLayout(p, src)); err != nil {
			r.templateError(p, err)
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
			r.templateError(p, err)
			continue
		}
		if _, err := t.New(name).Parse(r.minifyLayout(p, src)); err != nil {
			r.templateError(p, err)
			continue
		}
		// A layout that defines "main" fills baseof.html's block; one that does not is a
		// whole document.
		lay := &layout{file: p, src: src, hasMain: definesMainRE.MatchString(src), perLang: map[string]*template.Template{}, ids: idsOf(src)}
		for _, l := range r.site.Langs {
			c, err := t.Clone()
			if err != nil {
				r.templateError(p, err)
				continue
			}
			loc := r.locs[l.Code]
			fail := func(format string, args ...any) { r.list.Errorf(p, 0, format, args...) }
			c.Funcs(template.FuncMap{
				"T":      tFunc(loc, fail),
				"TL":     tlFunc(loc, fail, l.Language, r.site.Config),
				"cached": r.cachedFunc(c, l.Code),
			})
			lay.perLang[l.Code] = c
		}
		r.layouts[name] = lay
	}
	if _, ok := r.layouts["single.html"]; !ok {
		r.list.Errorf("layouts/single.html", 0, "missing: every site needs layouts/single.html")
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// minifyLayout minifies a layout's source, keeping its template actions. A layout that
// does not parse is returned as it is, so that errors name its own lines.
func (r *Renderer) minifyLayout(file, src string) string {
	if r.opts.NoMinify {
		return src
	}
	if _, err := template.New("check").Funcs(funcs()).Parse(src); err != nil {
		return src
	}
	min, err := r.min.Bytes(minify.Template, []byte(src))
	if err != nil {
		r.list.Errorf(file, 0, "%v", err)
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
func (r *Renderer) layoutFor(p *content.Page) (*layout, string) {
	var tries []string
	if p.Meta.Layout != "" {
		name := p.Meta.Layout + ".html"
		if l := r.layouts[name]; l != nil {
			return l, ""
		}
		var known []string
		for n := range r.layouts {
			known = append(known, strings.TrimSuffix(n, ".html"))
		}
		slices.Sort(known)
		return nil, fmt.Sprintf("layout %q: there is no layouts/%s (layouts: %s)", p.Meta.Layout, name, strings.Join(known, ", "))
	}
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
		if l := r.layouts[t]; l != nil {
			return l, ""
		}
	}
	return nil, "no layout: looked for layouts/" + strings.Join(tries, ", layouts/")
}

// renderBody converts a content file's Markdown. words interns the search words, so that
// the index does not keep every page's text alive.
func (r *Renderer) renderBody(f *content.SourceFile, words map[string]string) *body {
	b := &body{}
	res := &resolver{site: r.site, file: f, assets: r.assets, body: b}
	resolve := res.resolve
	var layoutIDs []string
	if p := r.site.Lang(f.Lang).ByKey[f.Key]; p != nil {
		if lay, _ := r.layoutFor(p); lay != nil {
			layoutIDs = lay.ids
		}
	}
	out, err := r.md.Render(f.Body, f.BodyLine, resolve, layoutIDs...)
	if out == nil {
		r.list.Errorf(f.Path, 0, "%v", err)
		return nil
	}
	for _, e := range unwrap(err) {
		if le, ok := e.(*markdown.LineError); ok {
			r.list.Errorf(f.Path, le.Line, "%v", le.Err)
		} else {
			r.list.Errorf(f.Path, 0, "%v", e)
		}
	}
	for _, w := range out.Warnings {
		r.list.Warnf(f.Path, w.Line, "%s", w.Message)
	}
	b.key = f.Key
	b.html, b.headings, b.text = out.HTML, out.Headings, out.Text
	if !r.opts.NoMinify {
		if min, err := r.min.Bytes(minify.HTML, out.HTML); err == nil {
			b.html = min
		}
	}
	b.words = search.Words(out.Text)
	for i, w := range b.words {
		if iw, ok := words[w]; ok {
			b.words[i] = iw
		} else {
			iw = strings.Clone(w)
			words[iw] = iw
			b.words[i] = iw
		}
	}
	// Record each link's line for anchor errors: the order of links matches the order the
	// resolver saw them, which is document order.
	lines := linkLines(f.Body, f.BodyLine, b.links)
	for i := range b.links {
		b.links[i].Line = lines[i]
	}
	f.Body = nil // the Markdown is not needed again
	return b
}

// linkLines finds the line of each internal link by searching for its destination as
// written, in order.
func linkLines(src []byte, first int, links []linkRef) []int {
	out := make([]int, len(links))
	off := 0
	for i, l := range links {
		j := bytes.Index(src[off:], []byte(l.Dest))
		if j < 0 {
			out[i] = first
			continue
		}
		off += j
		out[i] = first + bytes.Count(src[:off], []byte("\n"))
		off += len(l.Dest)
	}
	return out
}

func unwrap(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// fillGeneratedTitles gives the generated age and topic pages their titles in each
// language.
func (r *Renderer) fillGeneratedTitles() {
	for _, l := range r.site.Langs {
		loc := r.locs[l.Code]
		for _, p := range l.Pages {
			switch p.Kind {
			case content.KindTerms:
				p.Meta.Title = loc.Translate("taxonomy."+p.Taxonomy, nil, nil)
				p.Meta.Description = loc.Translate("taxonomy."+p.Taxonomy+".description", nil, nil)
			case content.KindSpecial:
				p.Meta.Title = loc.Translate(p.Key+".title", nil, nil)
				p.Meta.LinkTitle = loc.Translate(p.Key+".linkTitle", nil, nil)
				p.Meta.Description = loc.Translate(p.Key+".description", nil, nil)
			case content.KindTerm:
				single := strings.TrimSuffix(p.Taxonomy, "s")
				p.Meta.Title = loc.Translate(single+"."+p.Term, nil, nil)
				p.Meta.Description = loc.Translate("taxonomy."+p.Taxonomy+".term", nil, map[string]any{"Term": p.Meta.Title})
			}
		}
		for _, p := range l.Pages {
			content.SortPages(p.Children)
		}
		for _, m := range l.Menus {
			content.SortPages(m)
		}
	}
}

// reserveSearchIndexes names each language's search index before the pages that point
// at it are rendered; the index itself is made after them (buildSearchIndexes). The name,
// search/<lang>.js, is not fingerprinted: the index changes with every edit of any page,
// and a fingerprint would change every page that points at it. Servers revalidate it
// instead of caching it for a year.
func (r *Renderer) reserveSearchIndexes() {
	r.searchNames = map[string]string{}
	r.pageWords = map[string]search.PlacedWords{}
	for _, l := range r.site.Langs {
		logical := "search/" + l.Code + ".js"
		r.searchNames[l.Code] = r.assets.ReserveAt(logical, logical)
	}
}

// notePageWords keeps the words a content page shows, layouts' lists included, for its
// search index entry. Home, section and generated pages list other pages' titles and
// descriptions: indexed with those, they would match nearly every search, so they are
// indexed with their own Markdown and title only.
func (r *Renderer) notePageWords(p *content.Page, html []byte) {
	if p.Kind != content.KindPage {
		return
	}
	words := search.PageWords(html)
	r.pageWordsMu.Lock()
	r.pageWords[p.Lang+"\x00"+p.URL()] = words
	r.pageWordsMu.Unlock()
}

// buildSearchIndexes makes each language's search index (see internal/search), the
// languages in parallel.
func (r *Renderer) buildSearchIndexes(bodies map[*content.SourceFile]*body) []*assets.File {
	files := make([]*assets.File, len(r.site.Langs))
	synonyms := r.loadSynonyms()
	var wg sync.WaitGroup
	for i, l := range r.site.Langs {
		var words search.Synonyms
		for _, code := range l.Chain {
			words = words.Merge(synonyms[code])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs := make([]search.Doc, 0, len(l.Pages))
			for _, p := range l.Pages {
				d := search.Doc{URL: p.URL() + "index.html", Title: p.Meta.Title, Snippet: p.Meta.Description}
				if w, ok := r.pageWords[l.Code+"\x00"+p.URL()]; ok {
					d.Words = w
				} else if b := bodies[p.File]; b != nil {
					d.Words = search.TextWords(b.words)
				}
				if p.Parent != nil && p.Parent.Kind != content.KindHome {
					d.Section = p.Parent.Meta.Title
					if p.Parent.ContentLang != l.Code {
						d.SectionLang = p.Parent.ContentLang
					}
				}
				if p.ContentLang != l.Code {
					d.Lang = p.ContentLang
				}
				docs = append(docs, d)
			}
			files[i] = &assets.File{Logical: "search/" + l.Code + ".js", Out: r.searchNames[l.Code], Body: search.Build(l.Code, docs, words)}
		}()
	}
	wg.Wait()
	return files
}

// loadSynonyms reads each language's data/<lang>/synonyms.toml (see search.ParseSynonyms),
// reporting malformed entries with their lines. A language without the file has none.
func (r *Renderer) loadSynonyms() map[string]search.Synonyms {
	out := map[string]search.Synonyms{}
	for _, l := range r.site.Langs {
		path := "data/" + l.Code + "/synonyms.toml"
		if !r.site.Tree.Has(path) {
			continue
		}
		b, err := r.site.Tree.ReadFile(path)
		if err != nil {
			r.list.AddError(path, 0, err)
			continue
		}
		out[l.Code] = search.ParseSynonyms(path, b, r.list)
	}
	return out
}

// checkAnchors reports links to headings that do not exist, for every language that shows
// the linking body.
func (r *Renderer) checkAnchors(bodies map[*content.SourceFile]*body) {
	for _, l := range r.site.Langs {
		for _, p := range l.Pages {
			b := bodies[p.File]
			if b == nil {
				continue
			}
			for _, link := range b.links {
				if link.Anchor == "" {
					continue
				}
				tl := l
				if link.Lang != "" {
					tl = r.site.Lang(link.Lang)
				}
				target := tl.ByKey[link.Key]
				if target == nil {
					continue // reported when resolving
				}
				if hasAnchor(bodies[target.File], link.Anchor) {
					continue
				}
				where := ""
				if target.File != nil && target.File.Lang != p.File.Lang {
					where = fmt.Sprintf(" in the %s version (%s)", tl.Code, target.File.Path)
				}
				r.list.Errorf(p.File.Path, link.Line, "link %q: there is no heading with id %q%s; give the heading {#%s}", link.Dest, link.Anchor, where, link.Anchor)
			}
		}
	}
}

func hasAnchor(b *body, id string) bool {
	if id == "main" || id == "top" {
		return true
	}
	if b == nil {
		return false
	}
	for _, h := range b.headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// bodyFor rewrites a body's link tokens for a page: the href="tslink:N" and
// src="tsasset:N" attributes goldmark wrote. Text an author writes (a heading id, a title,
// alt text) has its quotes escaped, so it cannot forge a token.
func (r *Renderer) bodyFor(b *body, p *content.Page, l *content.Lang) template.HTML {
	if b == nil {
		return ""
	}
	src := b.html
	out := make([]byte, 0, len(src)+len(src)/8)
	for {
		i := bytes.Index(src, []byte(`="ts`))
		if i < 0 {
			break
		}
		out = append(out, src[:i]...)
		rest := src[i+2:] // after `="`
		replaced := false
		for _, kind := range []string{"tslink:", "tsasset:"} {
			if !bytes.HasPrefix(rest, []byte(kind)) || !attrBefore(out) {
				continue
			}
			num := rest[len(kind):]
			end := bytes.IndexByte(num, '"')
			if end <= 0 {
				break
			}
			n, err := strconv.Atoi(string(num[:end]))
			if err != nil {
				break
			}
			if href, ok := r.tokenTarget(b, p, l, kind, n); ok {
				out = append(out, `="`...)
				out = append(out, template.HTMLEscapeString(href)...)
				out = append(out, '"')
				src = num[end+1:]
				replaced = true
			}
			break
		}
		if !replaced {
			out = append(out, src[i:i+2]...)
			src = src[i+2:]
		}
	}
	out = append(out, src...)
	return template.HTML(out)
}

// attrBefore reports whether the output ends with an href or src attribute name, the only
// places goldmark writes link tokens.
func attrBefore(out []byte) bool {
	return bytes.HasSuffix(out, []byte(" href")) || bytes.HasSuffix(out, []byte(" src"))
}

// tokenTarget is the address a link token stands for on page p.
func (r *Renderer) tokenTarget(b *body, p *content.Page, l *content.Lang, kind string, i int) (string, bool) {
	if kind == "tsasset:" {
		if i >= len(b.assets) {
			return "", false
		}
		out, _ := r.assets.Out(b.assets[i])
		return relPath(p.URL(), out), true
	}
	if i >= len(b.links) {
		return "", false
	}
	link := b.links[i]
	tl := l
	if link.Lang != "" {
		tl = r.site.Lang(link.Lang)
	}
	target := tl.ByKey[link.Key]
	href := "#"
	if target != nil {
		href = relURL(p.URL(), target.URL())
		if target == p {
			href = ""
		}
	}
	if link.Anchor != "" {
		href += "#" + link.Anchor
	}
	return href, true
}

func (r *Renderer) renderPage(p *content.Page, l *content.Lang, b *body) []byte {
	lay, problem := r.layoutFor(p)
	file := "content/" + p.Lang + "/" + p.URLPath
	if p.File != nil {
		file = p.File.Path
	}
	if lay == nil {
		r.list.Errorf(file, 0, "%s", problem)
		return nil
	}
	var errs []string
	v := &View{Page: p, Lang: l, Site: r.site, Config: r.site.Config, r: r, loc: r.locs[l.Code], url: p.URL(), errs: &errs,
		Body: r.bodyFor(b, p, l)}
	if b != nil {
		v.Headings = b.headings
	}
	return r.execute(lay, l.Code, v, file)
}

func (r *Renderer) execute(lay *layout, lang string, v *View, file string) []byte {
	t := lay.perLang[lang]
	if t == nil {
		return nil
	}
	name := "baseof.html"
	if !lay.hasMain {
		name = strings.TrimPrefix(lay.file, "layouts/")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		// The layouts ran minified; run the page again as written so that the error names
		// the layout's own line.
		if raw := r.rawTemplate(lay, lang); raw != nil {
			if rerr := raw.ExecuteTemplate(io.Discard, name, v); rerr != nil {
				err = rerr
			}
		}
		r.templateFailure(lay.file, err, file)
		return nil
	}
	for _, e := range *v.errs {
		r.list.Errorf(lay.file, 0, "%s (rendering %s)", e, file)
	}
	if len(*v.errs) > 0 {
		return nil
	}
	return buf.Bytes()
}

// cachedFunc makes the cached template function of one language's template set:
// {{cached "partials/footer.html" key .}} executes the partial once per distinct key and
// reuses its output. The header and footer are the same on most pages of a language at the
// same folder depth, and rendering them is much of the work of a page.
func (r *Renderer) cachedFunc(t *template.Template, lang string) func(name, key string, data any) (template.HTML, error) {
	return func(name, key string, data any) (template.HTML, error) {
		k := lang + "\x00" + name + "\x00" + key
		if v, ok := r.partials.Load(k); ok {
			return v.(template.HTML), nil
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		out := template.HTML(buf.String())
		r.partials.Store(k, out)
		return out, nil
	}
}

// rawTemplate parses a layout and its base as written (not minified), for error messages.
func (r *Renderer) rawTemplate(lay *layout, lang string) *template.Template {
	t := template.New("baseof.html").Funcs(funcs())
	if src, ok := r.baseSrc["layouts/baseof.html"]; ok {
		if _, err := t.Parse(src); err != nil {
			return nil
		}
	}
	for p, src := range r.baseSrc {
		if p == "layouts/baseof.html" {
			continue
		}
		if _, err := t.New(strings.TrimPrefix(p, "layouts/")).Parse(src); err != nil {
			return nil
		}
	}
	if _, err := t.New(strings.TrimPrefix(lay.file, "layouts/")).Parse(lay.src); err != nil {
		return nil
	}
	loc := r.locs[lang]
	nop := func(string, ...any) {}
	t.Funcs(template.FuncMap{"T": tFunc(loc, nop), "TL": tlFunc(loc, nop, r.site.Config.Lang(lang), r.site.Config)})
	return t
}

// templateFailure reports a layout's execution error once, with the first page it broke
// and how many others.
func (r *Renderer) templateFailure(layoutFile string, err error, page string) {
	msg := err.Error()
	file, line := layoutFile, 0
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[2])
		file, msg = m[1], m[3]
		if !strings.HasPrefix(file, "layouts/") {
			file = "layouts/" + file
		}
	}
	key := fmt.Sprintf("%s:%d:%s", file, line, msg)
	r.failMu.Lock()
	defer r.failMu.Unlock()
	if r.failures == nil {
		r.failures = map[string]*failure{}
	}
	if f := r.failures[key]; f != nil {
		f.more++
		return
	}
	r.failures[key] = &failure{diag: &diag.Diagnostic{Severity: diag.Error, File: file, Line: line, Message: msg}, first: page}
}

// reportFailures adds the collected template failures to the diagnostics.
func (r *Renderer) reportFailures() {
	for _, f := range r.failures {
		where := "rendering " + f.first
		if f.more > 0 {
			where += fmt.Sprintf(" and %d other pages", f.more)
		}
		r.list.Errorf(f.diag.File, f.diag.Line, "%s (%s)", f.diag.Message, where)
	}
}

// renderChooser renders the root index.html, the language chooser, in the source language.
func (r *Renderer) renderChooser() []byte {
	lay := r.layouts["chooser.html"]
	if lay == nil {
		r.list.Errorf("layouts/chooser.html", 0, "missing: the root index.html is rendered with it")
		return nil
	}
	l := r.site.Source()
	home := l.ByKey[""]
	if home == nil {
		return nil
	}
	var errs []string
	v := &View{Page: home, Lang: l, Site: r.site, Config: r.site.Config, r: r, loc: r.locs[l.Code], url: "", errs: &errs}
	return r.execute(lay, l.Code, v, "index.html")
}

// phoneNumbers are the helplines' numbers, as written in the data: written the same way in
// a page's text, they become tel: links.
func (r *Renderer) phoneNumbers() []string {
	var phones []string
	if src := r.site.Source(); src != nil && src.Data != nil {
		for _, h := range src.Data.Helplines {
			if h.Phone != "" {
				phones = append(phones, h.Phone)
			}
		}
	}
	return phones
}

// NotFoundName is the file name of the 404 page: <lang>/404.html in each language, and
// 404.html at the root in the source language, where servers look for it.
const NotFoundName = "404.html"

// renderNotFound renders the 404 page of every language with layouts/404.html. Its
// addresses start at the site's path (config.BasePath) instead of being relative: a server
// shows it in place of any missing address, at any depth.
func (r *Renderer) renderNotFound(out *Output) {
	lay := r.layouts[NotFoundName]
	if lay == nil {
		r.list.Errorf("layouts/"+NotFoundName, 0, "missing: the 404 page is rendered with it")
		return
	}
	base := r.site.Config.BasePath()
	for _, l := range r.site.Langs {
		p := &content.Page{Lang: l.Code, ContentLang: l.Code, Key: "404", URLPath: "404", Kind: content.KindSpecial}
		p.Meta.Title = r.locs[l.Code].Translate("notFound.title", nil, nil)
		var errs []string
		v := &View{Page: p, Lang: l, Site: r.site, Config: r.site.Config, r: r, loc: r.locs[l.Code], url: l.Code + "/", errs: &errs, absRoot: base}
		html := r.execute(lay, l.Code, v, "layouts/"+NotFoundName)
		if html == nil {
			continue
		}
		out.Put(l.Code+"/"+NotFoundName, html)
		if l == r.site.Source() {
			out.Put(NotFoundName, html)
		}
	}
}
